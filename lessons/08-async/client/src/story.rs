//! What only the lesson 8 client says: what a read held (the greeting or a
//! reply, and whether it answers at all), how a connection was closed, and
//! the closing report with the process's threads. Each function takes what
//! the calls in `main.rs` returned, never a socket.

use std::time::Duration;

use kernel::tcp_state::CloseSends;
use kit::net::{BUSY_PREFIX, IDLE_PREFIX, idle_notice};
use shared::{Failure, Narrator, count, tr};

/// What became of one connection, for the closing report.
pub enum Fate {
    /// Greeted, and its conversation ran to its close.
    Greeted { after: Duration, replies: u64 },
    /// Its conversation failed: its error is printed above.
    Failed,
}

/// Empty messages are not sent (0 bytes put nothing on the wire); said once.
pub fn without_empty(say: &Narrator, messages: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    let all = messages.len();
    let kept: Vec<Vec<u8>> = messages.into_iter().filter(|message| !message.is_empty()).collect();
    if kept.len() < all {
        say.notice(tr!("l8-empty-message"));
    }
    kept
}

/// The first line: how many connections, a task each, one thread.
pub fn opening(say: &Narrator, connections: u64) {
    say.detail(tr!("l8-opening", connections = connections));
}

/// The recv line: the greeting, or reply number `replies + 1`, and how long it took.
pub fn what_came(greeting: bool, replies: u64, waited: Duration) -> String {
    let ms = format!("{:.1}", waited.as_secs_f64() * 1000.0);
    match greeting {
        true => tr!("l8-greeting", ms = ms),
        false => tr!("l8-reply", number = replies + 1, ms = ms),
    }
}

/// Why a read is no answer: the server closed (0 bytes), is full (`busy:`),
/// or gave up on us (`idle:`); `None` for a greeting or a reply.
pub fn not_answered(greeting: bool, data: &[u8]) -> Option<Failure> {
    if data.is_empty() {
        return Some(match greeting {
            true => Failure::other(tr!("l8-closed-before-greeting"), tr!("l8-closed-before-greeting-hint")),
            false => Failure::other(tr!("l8-server-closed"), tr!("l8-server-closed-hint")),
        });
    }
    if greeting && data.starts_with(BUSY_PREFIX.as_bytes()) {
        return Some(Failure::other(tr!("l8-busy"), tr!("l8-busy-hint")));
    }
    data.starts_with(IDLE_PREFIX.as_bytes()).then(|| idle_notice(data))
}

/// `exit` has gone out: no reply is coming.
pub fn sent_exit(say: &Narrator) {
    say.notice(tr!("l8-sent-exit"));
}

/// The close line: what the close put on the wire.
pub fn close(sends: CloseSends) -> String {
    match sends {
        CloseSends::Fin => tr!("l8-client-close"),
        CloseSends::Rst { unread } => tr!("l8-client-close-rst", bytes = count(unread, "byte")),
        CloseSends::NothingAfterReset => tr!("l8-client-close-reset"),
        CloseSends::NothingMore => tr!("l8-client-close-nothing-more"),
    }
}

/// The closing report: each connection's greeting wait and replies (with
/// several), how long it all took, in how many threads; a failure if any failed.
pub fn report(say: &Narrator, fates: &[Fate], took: Duration, threads: Option<u64>) -> Result<(), Failure> {
    let greeted = fates.iter().filter(|fate| matches!(fate, Fate::Greeted { .. })).count();
    say.together(|| {
        if fates.len() > 1 {
            for (number, fate) in (1..).zip(fates) {
                match fate {
                    Fate::Greeted { after, replies } => say.detail(tr!(
                        "l8-greeted-after",
                        number = number,
                        ms = format!("{:.0}", after.as_secs_f64() * 1000.0),
                        replies = count(*replies, "reply")
                    )),
                    Fate::Failed => say.detail(tr!("l8-connection-failed", number = number)),
                }
            }
        }
        let seconds = format!("{:.2}", took.as_secs_f64());
        say.detail(tr!(
            "l8-done",
            greeted = greeted,
            total = count(fates.len(), "connection"),
            seconds = seconds
        ));
        match threads {
            Some(threads) => say.detail(tr!("l8-client-threads", threads = threads)),
            None => say.detail(tr!("l8-client-threads-unknown")),
        }
    });
    match fates.len() - greeted {
        0 => Ok(()),
        failed => {
            Err(Failure::other(tr!("l8-failed", failed = failed, total = fates.len()), tr!("l8-failed-hint")))
        }
    }
}
