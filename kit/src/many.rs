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

#[cfg(test)]
mod tests {
    use shared::capture::capture;
    use shared::{Colours, Role};

    use super::*;

    fn narrator() -> Narrator {
        Narrator::new(Role::Client, 7, Colours::default())
    }

    /// What a failure tells the learner, as the client prints it when it ends.
    fn told(failure: &Failure) -> String {
        let say = narrator();
        capture(|| say.print_error(failure)).stderr
    }

    #[test]
    fn a_read_is_called_the_greeting_or_its_reply_number_with_the_wait() {
        // Fails if the recv line names the wrong reply or drops the wait.
        assert_eq!(what_came(true, 0, Duration::from_micros(12_500)), "the greeting, after 12.5 ms");
        assert_eq!(what_came(false, 2, Duration::from_millis(3)), "reply #3, after 3.0 ms");
    }

    #[test]
    fn a_read_that_is_no_answer_says_why() {
        // Fails if a close, a busy server or an idle notice passes for an answer.
        let before_greeting = not_answered(true, b"").expect("0 bytes before the greeting");
        assert!(told(&before_greeting).contains("closed the connection before greeting us"));
        let later = not_answered(false, b"").expect("0 bytes after the greeting");
        assert!(told(&later).contains("the server closed the connection"));
        let busy = not_answered(true, b"busy: 1000 clients").expect("a busy line instead of a greeting");
        assert!(told(&busy).contains("the server is busy"));
        assert!(
            not_answered(false, b"busy: a reply that starts so").is_none(),
            "only a greeting can be busy"
        );
        let idle = not_answered(false, b"idle: nothing received for 1 s").expect("the server's idle notice");
        assert!(told(&idle).contains("nothing received for 1 s"));
        assert!(not_answered(true, b"Hello World!").is_none());
        assert!(not_answered(false, "7：ACK!".as_bytes()).is_none());
    }

    #[test]
    fn after_exit_the_client_says_no_reply_is_coming() {
        // Fails if the client goes quiet after exit, as if it waited for a reply.
        let say = narrator();
        assert!(capture(|| sent_exit(&say)).stdout().contains("no reply is coming"));
    }

    #[test]
    fn a_close_line_says_what_went_on_the_wire() {
        // Fails if an RST is called a FIN, or a close that sends nothing is said to send one.
        assert_eq!(close(CloseSends::Fin), "closing the connection (FIN)");
        assert!(close(CloseSends::Rst { unread: 3 }).contains("3 bytes unread sends RST"));
        assert!(close(CloseSends::NothingAfterReset).contains("close sends nothing"));
        assert!(close(CloseSends::NothingMore).contains("our FIN went out already"));
    }

    #[test]
    fn empty_messages_are_left_out_and_said_once() {
        // Fails if an empty message is sent (no reply would come) or the note repeats.
        let say = narrator();
        let mut kept = Vec::new();
        let out = capture(|| {
            kept = without_empty(&say, vec![b"hi".to_vec(), Vec::new(), Vec::new(), b"exit".to_vec()])
        });
        assert_eq!(kept, [b"hi".to_vec(), b"exit".to_vec()]);
        assert_eq!(out.stdout().matches("empty messages are not sent").count(), 1);
        let out = capture(|| kept = without_empty(&say, vec![b"hi".to_vec()]));
        assert!(out.stdout().is_empty(), "nothing to say when nothing was left out");
    }

    #[test]
    fn the_report_counts_the_connections_and_fails_if_one_failed() {
        // Fails if a failed connection goes uncounted, or the client ends well despite it.
        let say = narrator();
        let fates = [
            Fate::Greeted { after: Duration::from_millis(4), replies: 2 },
            Fate::Failed,
            Fate::Greeted { after: Duration::from_millis(9), replies: 1 },
        ];
        let mut result = Ok(());
        let out = capture(|| result = report(&say, &fates, Duration::from_millis(1250), "one thread".into()));
        let out = out.stdout();
        assert!(out.contains("connection #1: greeted after 4 ms, 2 replies"), "{out}");
        assert!(out.contains("connection #2: failed (see above)"), "{out}");
        assert!(out.contains("2 of 3 connections greeted and done in 1.25 s"), "{out}");
        assert!(out.contains("one thread"), "{out}");
        let failure = result.expect_err("one connection failed");
        assert!(told(&failure).contains("1 of 3 connections failed"));

        // One connection: no line per connection, and success.
        let mut result = Err(Failure::other("not run", ""));
        let out = capture(|| {
            result = report(&say, &fates[..1], Duration::from_millis(5), "one thread".into());
        });
        assert!(result.is_ok());
        assert!(!out.stdout().contains("connection #1"), "{}", out.stdout());
    }
}
