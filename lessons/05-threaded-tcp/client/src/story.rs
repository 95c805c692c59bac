//! What only the lesson 5 client says: how long each connection waited for
//! its greeting, and what that tells about the server it talked to.

use std::time::Duration;

use shared::{Narrator, count, tr};

/// What became of one of several connections, for the closing report.
pub enum Fate {
    /// Greeted `after` so long; `replies` replies came.
    Greeted { after: Duration, replies: u64 },
    /// Opened, but its conversation failed: its error is printed above.
    Failed,
    /// Never opened: the system would start no thread for it.
    NotOpened,
}

/// The closing report of several connections: how long each waited for its
/// greeting and how many replies it got (or that it failed, or was never
/// opened), and what that says about the server (one client at a time, or
/// side by side).
pub fn greeting_waits(say: &Narrator, fates: &[Fate], took: Duration, thinking: bool) {
    /// A wait this long for the greeting means the server was busy with another client.
    const NOTICEABLE_WAIT: Duration = Duration::from_millis(100);
    say.together(|| {
        for (number, fate) in (1..).zip(fates) {
            match fate {
                Fate::Greeted { after, replies } => say.detail(tr!(
                    "greeted-after",
                    number = number,
                    ms = format!("{:.0}", after.as_secs_f64() * 1000.0),
                    replies = count(*replies, "reply")
                )),
                Fate::Failed => say.detail(tr!("connection-failed", number = number)),
                Fate::NotOpened => say.detail(tr!("connection-not-opened", number = number)),
            }
        }
        let waits: Vec<Duration> = fates
            .iter()
            .filter_map(|fate| match fate {
                Fate::Greeted { after, .. } => Some(*after),
                _ => None,
            })
            .collect();
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
        if longest >= NOTICEABLE_WAIT {
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
