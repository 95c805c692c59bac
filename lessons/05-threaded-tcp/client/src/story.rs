//! What only the lesson 5 client says: how long each connection waited for
//! its greeting, and what that tells about the server it talked to.

use std::time::Duration;

use shared::{Narrator, count, tr};

/// The closing report of several connections: how long each waited for its
/// greeting (`None` for one that failed) and how many replies it got, and
/// what that says about the server (one client at a time, or side by side).
pub fn greeting_waits(say: &Narrator, outcomes: &[Option<(Duration, u64)>], took: Duration, thinking: bool) {
    /// A wait this long for the greeting means the server was busy with another client.
    const NOTICEABLE_WAIT: Duration = Duration::from_millis(100);
    say.together(|| {
        for (number, outcome) in (1..).zip(outcomes) {
            match outcome {
                Some((waited, replies)) => say.detail(tr!(
                    "greeted-after",
                    number = number,
                    ms = format!("{:.0}", waited.as_secs_f64() * 1000.0),
                    replies = count(*replies, "reply")
                )),
                None => say.detail(tr!("connection-failed", number = number)),
            }
        }
        let greeted = outcomes.iter().flatten().count();
        let failed = outcomes.len() - greeted;
        let longest = outcomes.iter().flatten().map(|(waited, _)| *waited).max().unwrap_or_default();
        say.detail(tr!(
            "conversations-took",
            conversations = count(outcomes.len() as u64, "conversation"),
            seconds = format!("{:.2}", took.as_secs_f64())
        ));
        if greeted == 0 {
            return;
        }
        if longest >= NOTICEABLE_WAIT {
            say.notice(tr!("greeting-waited"));
        } else {
            match failed {
                0 => say.notice(tr!("greeted-at-once-all")),
                _ => say.notice(tr!("greeted-at-once-some", greeted = greeted, total = outcomes.len())),
            }
            if !thinking {
                say.notice(tr!("greeted-try-think"));
            }
        }
    });
}
