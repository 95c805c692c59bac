//! What the lesson 2 server says beyond its step lines: that it may be open to
//! every network and how long it serves, and what it notices about a datagram
//! (cut by the buffer, a sender past the count's cap). And the count of
//! distinct senders its summary reports.
//!
//! What follows a step is a method on the narrator (through [`Story`]),
//! chained on that step, so `main.rs` keeps one line per step and a step's
//! notes leave in the same write as its line:
//! `say.step(2, Call::RecvFrom, ...).datagram(&buf[..n], args.buffer, peer, first_past_cap)`.

use std::collections::HashSet;
use std::net::SocketAddr;

use kit::notes;
use kit::stop::{Count, Tally};
use shared::{Narrator, tr};

/// How many distinct senders the server counts; past it the count stays there,
/// and the summary says "more than".
const MAX_SENDERS: usize = 10_000;

/// The lesson 2 server's story, told by its narrator.
pub trait Story {
    /// After bind, the server is ready: a warning if it was bound to every
    /// interface (other machines can send it datagrams too), and how long it
    /// serves (`--serve N` datagrams, or until stopped).
    fn ready(&self, bound: SocketAddr, serve: Option<u64>);

    /// Shows a datagram as `recvfrom(buffer)` returns it, and what only this
    /// server notices about it. `data` was received into one byte more than
    /// `buffer`: a datagram that reached that byte was longer, so only its
    /// first `buffer` bytes are shown and a notice says the rest is lost (UDP
    /// keeps no rest for a next read). `first_past_cap` says that `from` is
    /// the first sender the count of senders no longer takes in.
    ///
    /// Each datagram is a conversation of its own for the log limit: its
    /// lines are few, so no log budget spans datagrams and a server that runs
    /// for days never falls silent.
    fn datagram(&self, data: &[u8], buffer: usize, from: SocketAddr, first_past_cap: bool);
}

impl Story for Narrator {
    fn ready(&self, bound: SocketAddr, serve: Option<u64>) {
        notes::exposed(self, bound);
        notes::serving(self, serve, "datagram");
    }

    fn datagram(&self, data: &[u8], buffer: usize, from: SocketAddr, first_past_cap: bool) {
        self.new_conversation();
        self.received(&data[..data.len().min(buffer)], from);
        if data.len() > buffer {
            notes::truncated(self, buffer);
        }
        if first_past_cap {
            self.notice(tr!("l2-server-senders-capped", max = MAX_SENDERS.to_string(), peer = from));
        }
    }
}

/// The distinct senders the server has heard from, for its summary
/// ("senders: 2"). They are counted up to [`MAX_SENDERS`]: a flood of new
/// addresses must not grow the set without end. From the first new one past
/// that, the count is "more than".
#[derive(Default)]
pub struct Senders {
    seen: HashSet<SocketAddr>,
    past_cap: bool,
}

impl Senders {
    /// Counts a datagram from `peer` among the senders of `tally`. Returns
    /// whether `peer` is the first new sender past the cap, which the story
    /// of its datagram then tells.
    pub fn count(&mut self, peer: SocketAddr, tally: &Tally) -> bool {
        if self.seen.len() < MAX_SENDERS {
            self.seen.insert(peer);
            tally.set(Count::Senders, self.seen.len() as u64);
            return false;
        }
        let first_past_cap = !self.past_cap && !self.seen.contains(&peer);
        if first_past_cap {
            self.past_cap = true;
            tally.passed_cap(Count::Senders);
        }
        first_past_cap
    }
}
