//! What only the lesson 7 client says: what a read held (the greeting or a
//! reply, and whether it answers at all), the poll line, how a connection was
//! closed, and the closing report. Each function takes what the calls in
//! `main.rs` returned, never a socket.

use std::time::Duration;

use kernel::tcp_state::CloseSends;
use kit::net::{BUSY_PREFIX, IDLE_PREFIX, idle_notice};
use shared::{Failure, Narrator, count, tr};

/// The error number of a non-blocking connect whose handshake has begun
/// (std has no stable `ErrorKind` for it yet); Windows says WouldBlock instead.
#[cfg(target_os = "linux")]
pub const EINPROGRESS: i32 = 115;
/// The same, on the BSDs and macOS.
#[cfg(not(target_os = "linux"))]
pub const EINPROGRESS: i32 = 36;

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
        say.notice(tr!("l7-empty-message"));
    }
    kept
}

/// The first line: how many connections, all in this thread.
pub fn opening(say: &Narrator, connections: u64) {
    say.detail(tr!("l7-opening", connections = count(connections, "connection")));
}

/// The poll line: how many connections can go on, of how many open.
pub fn ready(ready: usize, open: usize) -> String {
    tr!("l7-client-ready", ready = ready, open = count(open, "connection"))
}

/// The recv line: the greeting, or reply number `replies + 1`, and how long it took.
pub fn what_came(greeting: bool, replies: u64, waited: Duration) -> String {
    let ms = format!("{:.1}", waited.as_secs_f64() * 1000.0);
    match greeting {
        true => tr!("l7-greeting", ms = ms),
        false => tr!("l7-reply", number = replies + 1, ms = ms),
    }
}

/// Why a read is no answer: the server closed (0 bytes), is full (`busy:`),
/// or gave up on us (`idle:`); `None` for a greeting or a reply.
pub fn not_answered(greeting: bool, data: &[u8]) -> Option<Failure> {
    if data.is_empty() {
        return Some(match greeting {
            true => Failure::other(tr!("l7-closed-before-greeting"), tr!("l7-closed-before-greeting-hint")),
            false => Failure::other(tr!("l7-server-closed"), tr!("l7-server-closed-hint")),
        });
    }
    if greeting && data.starts_with(BUSY_PREFIX.as_bytes()) {
        return Some(Failure::other(tr!("l7-busy"), tr!("l7-busy-hint")));
    }
    data.starts_with(IDLE_PREFIX.as_bytes()).then(|| idle_notice(data))
}

/// `exit` has gone out: no reply is coming.
pub fn sent_exit(say: &Narrator) {
    say.notice(tr!("l7-sent-exit"));
}

/// The close line: what the close put on the wire.
pub fn close(sends: CloseSends) -> String {
    match sends {
        CloseSends::Fin => tr!("l7-client-close"),
        CloseSends::Rst { unread } => tr!("l7-client-close-rst", bytes = count(unread, "byte")),
        CloseSends::NothingAfterReset => tr!("l7-client-close-reset"),
        CloseSends::NothingMore => tr!("l7-client-close-nothing-more"),
    }
}

/// The closing report: each connection's greeting wait and replies (with
/// several), how long it all took, in how many threads; a failure if any failed.
pub fn report(say: &Narrator, fates: &[Fate], took: Duration, threads: Option<u64>) -> Result<(), Failure> {
    say.together(|| {
        if fates.len() > 1 {
            for (number, fate) in (1..).zip(fates) {
                match fate {
                    Fate::Greeted { after, replies } => say.detail(tr!(
                        "l7-greeted-after",
                        number = number,
                        ms = format!("{:.0}", after.as_secs_f64() * 1000.0),
                        replies = count(*replies, "reply")
                    )),
                    Fate::Failed => say.detail(tr!("l7-connection-failed", number = number)),
                }
            }
        }
        let greeted = fates.iter().filter(|fate| matches!(fate, Fate::Greeted { .. })).count();
        let seconds = format!("{:.2}", took.as_secs_f64());
        say.detail(tr!(
            "l7-done",
            greeted = greeted,
            total = count(fates.len(), "connection"),
            seconds = seconds
        ));
        match threads {
            Some(threads) => say.detail(tr!("l7-client-threads", threads = threads)),
            None => say.detail(tr!("l7-client-threads-unknown")),
        }
    });
    let failed = fates.len() - fates.iter().filter(|fate| matches!(fate, Fate::Greeted { .. })).count();
    match failed {
        0 => Ok(()),
        _ => {
            Err(Failure::other(tr!("l7-failed", failed = failed, total = fates.len()), tr!("l7-failed-hint")))
        }
    }
}
