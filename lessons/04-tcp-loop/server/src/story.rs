//! What the lesson 4 server says beyond its step lines: that it is ready (and
//! may be open to every network), what closing a client's connection sent
//! and what the server does next, and its summary when it stops.
//!
//! What the narrator prints is a method on it (through [`Story`]); `.ready`
//! is chained on the listen step, so its notes leave in the same write as
//! the ready line. The close line's words are built here and printed by the
//! close step in `main.rs`.

use std::net::SocketAddr;

use kernel::tcp_state::CloseSends;
use kit::notes;
use kit::stop::Tally;
use shared::{Narrator, count, tr};

/// The lesson 4 server's story, told by its narrator.
pub trait Story {
    /// After listen, the server is ready: a warning if it listens on every
    /// interface (other machines can connect too), how long it serves
    /// (`--serve N` clients, or until stopped), and, with `--chat`, that each
    /// reply is a line typed here (article 003).
    fn ready(&self, bound: SocketAddr, serve: Option<u64>, chat: bool);

    /// The summary when the server stops (after `--serve N` clients, or when
    /// the typed replies end): what the tally counted.
    fn stopping(&self, tally: &Tally);
}

impl Story for Narrator {
    fn ready(&self, bound: SocketAddr, serve: Option<u64>, chat: bool) {
        notes::exposed(self, bound);
        notes::serving(self, serve, "client");
        if chat {
            self.detail(tr!("l4-chat"));
        }
    }

    fn stopping(&self, tally: &Tally) {
        self.detail(tr!("l4-stopping", summary = tally.summary()));
    }
}

/// The close step's words for client #`number`: what its close sent, as the
/// socket told just before it (`sends`: a FIN; an RST over bytes left unread,
/// `exit` and more in one write, say; nothing after the client's RST or after
/// our FIN went out), and what the server does next: back to accept, or stop
/// (`last`). A close line claims only what the wire will show.
pub fn closed(number: u64, sends: CloseSends, last: bool) -> String {
    let close = match sends {
        CloseSends::Fin => tr!("l4-close-client", number = number),
        CloseSends::Rst { unread } => {
            tr!("l4-close-client-rst", number = number, bytes = count(unread, "byte"))
        }
        CloseSends::NothingAfterReset => tr!("l4-close-client-reset", number = number),
        CloseSends::NothingMore => tr!("l4-close-client-nothing-more", number = number),
    };
    let then = if last { tr!("l4-then-stop") } else { tr!("l4-then-accept") };
    tr!("l4-close-then", close = close, then = then)
}
