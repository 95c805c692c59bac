//! What only the lesson 5 server says: how a client's connection was closed.
//! Each function takes what the socket calls in `main.rs` returned, never a
//! socket.

use kernel::tcp_state::CloseSends;
use shared::{count, tr};

/// The close line of one client's thread: what the close put on the wire, as
/// the socket told just before it. Our FIN; an RST when bytes the client sent
/// are still unread; nothing when the client's RST came first or our FIN went
/// out already. The line must not claim a FIN that the wire never carried, and
/// it says that the thread ends with the connection.
pub fn close(sends: CloseSends) -> String {
    match sends {
        CloseSends::Fin => tr!("l5-close"),
        CloseSends::Rst { unread } => tr!("l5-close-rst", bytes = count(unread, "byte")),
        CloseSends::NothingAfterReset => tr!("l5-close-reset"),
        CloseSends::NothingMore => tr!("l5-close-nothing-more"),
    }
}
