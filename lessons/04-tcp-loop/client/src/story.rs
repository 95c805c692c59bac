//! What only the lesson 4 client says: why a greeting can be late (the server
//! serves one client at a time), and how the byte stream cuts replies.

use std::time::Duration;

use kit::net::is_timeout;
use shared::explain::seconds_shown;
use shared::{Failure, Narrator, tr};

/// We waited `waited` for a greeting that has not come, while a person is at
/// the keyboard: say why, and wait on.
pub fn still_waiting_for_greeting(say: &Narrator, waited: Duration) {
    say.together(|| {
        say.notice(tr!("no-greeting-yet", waited = seconds_shown(waited)));
        say.notice(tr!("no-greeting-queue"));
        say.notice(tr!("no-greeting-wait"));
    });
}

/// A greeting that never came within `--timeout`: the usual "no data" cause,
/// with this lesson's reason as the hint (the listen queue took us, and the
/// server is busy with the client before us).
pub fn no_greeting(failure: Failure) -> Failure {
    match failure {
        Failure::Call { call, addr, err, .. } if is_timeout(&err) => {
            Failure::Call { call, addr, err, hint: Some(tr!("explain-no-data-lesson4-hint")) }
        }
        failure => failure,
    }
}

/// How many replies one read holds, by the mark each reply carries
/// (`条信息：`), saying so when replies merged or a read holds only the rest
/// of one: TCP is a byte stream, and one read is not one reply.
pub fn replies_in(say: &Narrator, data: &[u8], mark: &str) -> u64 {
    let text = String::from_utf8_lossy(data);
    let replies = text.matches(mark).count() as u64;
    match replies {
        0 => say.notice(tr!("replies-none")),
        1 => {}
        n => say.notice(tr!("replies-merged", n = n)),
    }
    replies
}
