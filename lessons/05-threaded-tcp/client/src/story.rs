//! What only the lesson 5 client says: why a connection was not greeted or
//! ended early, what its close sent, which connections could not be opened,
//! and the closing report: how long each connection waited for its greeting,
//! and what that tells about the server it talked to. Each function takes
//! what the socket calls in `main.rs` returned, never a socket.

use std::io;
use std::time::Duration;

use kernel::tcp_state::CloseSends;
use kit::notes;
use shared::{Failure, Narrator, Role, count, tr};

use crate::{Fate, Outcome};

/// How the `busy:` line starts that a lesson 5 server sends when it could not
/// start a thread for us (rather than being full).
const NO_THREAD: &str = "busy: no thread could be started";

/// Opens several connections at once: says how many, then calls `open` for
/// each, with its number and a narrator that tags its lines `[client #N]`,
/// to start its thread. The system may refuse a thread (its limit on threads
/// or memory): that connection is said not to be opened, at once and in its
/// own tag, so the learner sees which connections never went out; it is
/// `None` in what this returns, so the report can tell it from one that failed.
pub fn open_each<T>(
    say: &Narrator,
    connections: u64,
    mut open: impl FnMut(u64, Narrator) -> io::Result<T>,
) -> Vec<Option<T>> {
    say.detail(tr!("l5-opening", connections = count(connections, "connection")));
    (1..=connections)
        .map(|number| {
            let connection_say = say.for_connection(number);
            open(number, connection_say.clone())
                .inspect_err(|err| connection_say.notice(tr!("l5-no-thread-here", err = err.to_string())))
                .ok()
        })
        .collect()
}

/// The server sent no greeting: it closed at once (`data` is empty: its FIN,
/// said as such), or sent a `busy:` line because it serves as many clients as
/// it takes or could not start a thread for us. Returns the failure that ends
/// this conversation, with a hint that fits the case.
pub fn not_greeted(say: &Narrator, data: &[u8]) -> Failure {
    if data.is_empty() {
        notes::peer_closed(say, Role::Server);
        Failure::other(tr!("l5-closed-before-greeting"), tr!("l5-closed-before-greeting-hint"))
    } else if data.starts_with(NO_THREAD.as_bytes()) {
        Failure::other(tr!("l5-server-no-thread"), tr!("l5-server-no-thread-hint"))
    } else {
        Failure::other(tr!("l5-busy"), tr!("l5-busy-hint"))
    }
}

/// An empty message is skipped, and said so: a send of 0 bytes puts nothing
/// on the wire, and the client would wait for a reply that never comes.
pub fn empty_message(say: &Narrator) {
    say.notice(tr!("l5-empty-message"));
}

/// After `exit`, no recv: the server ends the conversation without a reply,
/// and the learner sees why the client does not wait for one.
pub fn sent_exit(say: &Narrator) {
    say.detail(tr!("l5-sent-exit"));
}

/// The server closed the connection (a read of 0 bytes) instead of replying:
/// its FIN, said as such. Returns the failure that ends this conversation.
pub fn server_closed(say: &Narrator) -> Failure {
    notes::peer_closed(say, Role::Server);
    Failure::other(tr!("l5-server-closed"), tr!("l5-server-closed-hint"))
}

/// The close line: what the close put on the wire, as the socket told just
/// before it. A FIN; an RST when part of a reply is still unread; nothing when
/// the server's RST came first or our FIN went out already. The line must not
/// claim a FIN that the wire never carried.
pub fn close(sends: CloseSends) -> String {
    match sends {
        CloseSends::Fin => tr!("l5-client-close"),
        CloseSends::Rst { unread } => tr!("l5-client-close-rst", bytes = count(unread, "byte")),
        CloseSends::NothingAfterReset => tr!("l5-client-close-reset"),
        CloseSends::NothingMore => tr!("l5-client-close-nothing-more"),
    }
}

/// The closing report. One conversation, as in lesson 4: how many replies
/// came. Several: each connection's fate and what the waits say about the
/// server; then, if some failed or were never opened, the failure that ends
/// the run (exit code 1), counting each kind, with what to do about it.
pub fn report(say: &Narrator, fates: &[Fate], took: Duration, thinking: bool) -> Result<(), Failure> {
    if let [Fate::Greeted(outcome)] = fates {
        say.detail(tr!("l5-done", replies = count(outcome.replies, "reply")));
        return Ok(());
    }
    greeting_waits(say, fates, took, thinking);
    let unopened = fates.iter().filter(|fate| matches!(fate, Fate::NotOpened)).count();
    let failed = fates.iter().filter(|fate| matches!(fate, Fate::Failed)).count();
    let total = fates.len();
    match (unopened, failed) {
        (0, 0) => Ok(()),
        (0, failed) => {
            Err(Failure::other(tr!("l5-failed", failed = failed, total = total), tr!("l5-failed-hint")))
        }
        (unopened, failed) => Err(Failure::other(
            tr!("l5-unopened", unopened = unopened, total = total, failed = failed),
            tr!("l5-unopened-hint"),
        )),
    }
}

/// The closing report of several connections: how long each waited for its
/// greeting and how many replies it got (or that it failed, or was never
/// opened), and what that says about the server (one client at a time, or
/// side by side).
fn greeting_waits(say: &Narrator, fates: &[Fate], took: Duration, thinking: bool) {
    /// A wait this long for the greeting means the server was busy with another client.
    const NOTICEABLE_WAIT: Duration = Duration::from_millis(100);
    say.together(|| {
        for (number, fate) in (1..).zip(fates) {
            match fate {
                Fate::Greeted(outcome) => say.detail(tr!(
                    "greeted-after",
                    number = number,
                    ms = format!("{:.0}", outcome.greeting_after.as_secs_f64() * 1000.0),
                    replies = count(outcome.replies, "reply")
                )),
                Fate::Failed => say.detail(tr!("connection-failed", number = number)),
                Fate::NotOpened => say.detail(tr!("connection-not-opened", number = number)),
            }
        }
        let outcomes: Vec<&Outcome> = fates
            .iter()
            .filter_map(|fate| match fate {
                Fate::Greeted(outcome) => Some(outcome),
                _ => None,
            })
            .collect();
        let waits: Vec<Duration> = outcomes.iter().map(|outcome| outcome.greeting_after).collect();
        let greeted = waits.len();
        let failed = fates.len() - greeted;
        let longest = waits.iter().max().copied().unwrap_or_default();
        say.detail(tr!(
            "conversations-took",
            conversations = count(fates.len() as u64, "conversation"),
            seconds = format!("{:.2}", took.as_secs_f64())
        ));
        if greeted == 0 {
            return;
        }
        if longest >= NOTICEABLE_WAIT && overlapped(&outcomes) {
            // Waited, yet served side by side: many connections at once, a
            // server that takes a moment to get to each (lesson 7 with 1000).
            let ms = format!("{:.0}", longest.as_secs_f64() * 1000.0);
            say.notice(tr!("greeting-waited-side-by-side", ms = ms));
        } else if longest >= NOTICEABLE_WAIT {
            say.notice(tr!("greeting-waited"));
        } else {
            match failed {
                0 => say.notice(tr!("greeted-at-once-all")),
                _ => say.notice(tr!("greeted-at-once-some", greeted = greeted, total = fates.len())),
            }
            if !thinking {
                say.notice(tr!("greeted-try-think"));
            }
        }
    });
}

/// Whether two conversations were under way at once: one greeted before
/// another had ended. A server that serves one client at a time greets the
/// next only after the last has ended.
fn overlapped(outcomes: &[&Outcome]) -> bool {
    let mut by_greeting: Vec<&&Outcome> = outcomes.iter().collect();
    by_greeting.sort_by_key(|outcome| outcome.greeted);
    let mut last_end = None;
    by_greeting.into_iter().any(|outcome| {
        let during = last_end.is_some_and(|end| outcome.greeted < end);
        last_end = last_end.max(Some(outcome.ended));
        during
    })
}
