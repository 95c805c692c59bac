//! What only the lesson 3 server says: the bytes a one-read server leaves
//! unread, and what closing over them sends.

use shared::{Narrator, count, tr};

/// Bytes still waiting when the connection is closed, as a peek of at most
/// `looked` bytes saw them: the kernel sends RST instead of FIN, and the
/// client may see "connection reset".
pub fn unread_at_close(say: &Narrator, unread: usize, looked: usize) {
    if unread == 0 {
        return say.notice(tr!("unread-none"));
    }
    say.together(|| {
        match unread == looked {
            true => say.notice(tr!("unread-some-more", bytes = count(unread, "byte"))),
            false => say.notice(tr!("unread-some", bytes = count(unread, "byte"))),
        }
        say.notice(tr!("unread-rst"));
        say.notice(tr!("unread-rst-effect"));
    });
}
