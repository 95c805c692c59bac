//! What the clients of lessons 7 and 8 say alike. Each opens many connections
//! from one thread (lesson 7 with a loop of its own, lesson 8 with a task each
//! on a runtime) and speaks lesson 5's protocol on each: what a read held
//! (the greeting or a reply, and whether it answers at all), what a close
//! put on the wire, and the closing report. Each function takes what the
//! calls returned, never a socket; what only one of them says (the poll
//! line, its threads) stays in its `story.rs`.

use std::time::Duration;

use kernel::tcp_state::CloseSends;
use shared::{Failure, Narrator, count};

use crate::net::{BUSY_PREFIX, IDLE_PREFIX, idle_notice};

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
        say.notice(tr!("many-empty-message"));
    }
    kept
}

/// The recv line: the greeting, or reply number `replies + 1`, and how long it took.
pub fn what_came(greeting: bool, replies: u64, waited: Duration) -> String {
    let ms = format!("{:.1}", waited.as_secs_f64() * 1000.0);
    match greeting {
        true => tr!("many-greeting", ms = ms),
        false => tr!("many-reply", number = replies + 1, ms = ms),
    }
}

/// Why a read is no answer: the server closed (0 bytes), is full (`busy:`),
/// or gave up on us (`idle:`); `None` for a greeting or a reply.
pub fn not_answered(greeting: bool, data: &[u8]) -> Option<Failure> {
    if data.is_empty() {
        return Some(match greeting {
            true => {
                Failure::other(tr!("many-closed-before-greeting"), tr!("many-closed-before-greeting-hint"))
            }
            false => Failure::other(tr!("many-server-closed"), tr!("many-server-closed-hint")),
        });
    }
    if greeting && data.starts_with(BUSY_PREFIX.as_bytes()) {
        return Some(Failure::other(tr!("many-busy"), tr!("many-busy-hint")));
    }
    data.starts_with(IDLE_PREFIX.as_bytes()).then(|| idle_notice(data))
}

/// `exit` has gone out: no reply is coming.
pub fn sent_exit(say: &Narrator) {
    say.notice(tr!("many-sent-exit"));
}

/// The close line: what the close put on the wire.
pub fn close(sends: CloseSends) -> String {
    match sends {
        CloseSends::Fin => tr!("many-client-close"),
        CloseSends::Rst { unread } => tr!("many-client-close-rst", bytes = count(unread, "byte")),
        CloseSends::NothingAfterReset => tr!("many-client-close-reset"),
        CloseSends::NothingMore => tr!("many-client-close-nothing-more"),
    }
}

/// The closing report: each connection's greeting wait and replies (with
/// several), how long it all took, then `threads` (the client's own line
/// about the threads that did it); a failure if any connection failed.
pub fn report(say: &Narrator, fates: &[Fate], took: Duration, threads: String) -> Result<(), Failure> {
    let greeted = fates.iter().filter(|fate| matches!(fate, Fate::Greeted { .. })).count();
    say.together(|| {
        if fates.len() > 1 {
            for (number, fate) in (1..).zip(fates) {
                match fate {
                    Fate::Greeted { after, replies } => say.detail(tr!(
                        "many-greeted-after",
                        number = number,
                        ms = format!("{:.0}", after.as_secs_f64() * 1000.0),
                        replies = count(*replies, "reply")
                    )),
                    Fate::Failed => say.detail(tr!("many-connection-failed", number = number)),
                }
            }
        }
        let seconds = format!("{:.2}", took.as_secs_f64());
        say.detail(tr!(
            "many-done",
            greeted = greeted,
            total = count(fates.len(), "connection"),
            seconds = seconds
        ));
        say.detail(threads);
    });
    match fates.len() - greeted {
        0 => Ok(()),
        failed => Err(Failure::other(
            tr!("many-failed", failed = failed, total = fates.len()),
            tr!("many-failed-hint"),
        )),
    }
}
