//! What only the lesson 4 client says: why a greeting can be late (the server
//! serves one client at a time), what one read holds (replies the byte stream
//! merged or cut, or the server's FIN or idle notice), the words of the steps
//! that depend on what happened (a read after our last message, the close),
//! and how a conversation ends early.

use std::time::Duration;

use kernel::tcp_state::CloseSends;
use kit::net::{IDLE_PREFIX, idle_notice, is_timeout};
use kit::notes;
use shared::explain::seconds_shown;
use shared::{Failure, Narrator, Role, count, tr};

/// How every reply of a lesson 4 server begins after its number: `第1条信息：`.
/// Counting it tells how many replies one read holds.
const REPLY_MARK: &str = "条信息：";

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

/// The server closed the connection before its greeting: its FIN, then the
/// failure that ends the client (is it a lesson 4 server at all?).
pub fn closed_before_greeting(say: &Narrator) -> Failure {
    notes::peer_closed(say, Role::Server);
    Failure::other(tr!("l4-closed-before-greeting"), tr!("l4-closed-before-greeting-hint"))
}

/// What one read of replies holds. The server's FIN (0 bytes) or its idle
/// notice is no reply: the conversation ends, and the failure says why.
/// Otherwise, how many replies, by the mark each reply carries (with
/// `--chat`, each read is one reply), saying so when replies merged or a read
/// holds only the rest of one: TCP is a byte stream, and one read is not one
/// reply. With `buffer` (the read right after a message), a read that filled
/// the buffer is said too: the reply may go on in the next read.
pub fn replies_in(say: &Narrator, data: &[u8], chat: bool, buffer: Option<usize>) -> Result<u64, Failure> {
    if data.is_empty() {
        notes::peer_closed(say, Role::Server);
        return Err(Failure::other(tr!("l4-server-closed"), tr!("l4-server-closed-hint")));
    }
    if data.starts_with(IDLE_PREFIX.as_bytes()) {
        return Err(idle_notice(data));
    }
    let replies = match chat {
        true => 1,
        false => {
            let replies = String::from_utf8_lossy(data).matches(REPLY_MARK).count() as u64;
            match replies {
                0 => say.notice(tr!("replies-none")),
                1 => {}
                n => say.notice(tr!("replies-merged", n = n)),
            }
            replies
        }
    };
    if let Some(buffer) = buffer.filter(|&buffer| data.len() == buffer) {
        notes::buffer_full(say, buffer);
    }
    Ok(replies)
}

/// The words of a read after our last message: one more still on its way
/// (read number `reads`), or, with `n` 0, the server's FIN.
pub fn read_left(n: usize, reads: u64) -> String {
    match n {
        0 => tr!("l4-read-end"),
        _ => tr!("l4-read-left", reads = reads),
    }
}

/// A server that did not close within `timeout` of our last message: the
/// failure that ends the client, with what a server that never closes is.
pub fn no_close(timeout: Duration) -> Failure {
    Failure::other(tr!("l4-no-close", secs = seconds_shown(timeout)), tr!("l4-no-close-hint"))
}

/// The close step's words: what close sends, as the socket told just before
/// it: a FIN after `exit` (the server's FIN came first); nothing more after
/// our shutdown (both FINs have crossed); nothing at all after a reset; an
/// RST over bytes left unread.
pub fn closed(sends: CloseSends) -> String {
    match sends {
        CloseSends::Fin => tr!("l4-close-fin"),
        CloseSends::NothingMore => tr!("l4-close-nothing-more"),
        CloseSends::NothingAfterReset => tr!("l4-close-after-reset"),
        CloseSends::Rst { unread } => tr!("l4-close-rst", bytes = count(unread, "byte")),
    }
}

/// The tally at the end: how many replies arrived, in how many reads. They
/// need not match: the byte stream merges and cuts replies.
pub fn done(say: &Narrator, replies: u64, reads: u64) {
    say.detail(tr!("l4-done", replies = count(replies, "reply"), reads = count(reads, "read")));
}
