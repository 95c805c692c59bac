//! Datagrams that reached a UDP client's port (lessons 1 and 2) from an
//! address other than the server's. Any program can send to a UDP port; only
//! a datagram from the address the client sent to is the reply. The others
//! are kept, shown as ignored, and the client waits on for the reply.
//!
//! They are shown once the wait is over (the reply came, or the wait gave up),
//! so that no printing is timed in the reply's round trip.

use std::net::SocketAddr;

use shared::{Narrator, count};

/// How many strays are shown with their bytes; the rest are only counted.
const SHOWN: usize = 5;

/// The datagrams from other addresses that came while the client waited.
pub struct Strays {
    /// Each one shown: its bytes (at most the buffer), its full length, its sender.
    kept: Vec<(Vec<u8>, usize, SocketAddr)>,
    /// How many more came, not kept.
    more: u64,
    /// The client's `--buffer`: a stray is cut to it, as a reply would be.
    buffer: usize,
}

impl Strays {
    /// None yet, for a client whose receive buffer is `buffer` bytes.
    pub fn new(buffer: usize) -> Strays {
        Strays { kept: Vec::new(), more: 0, buffer }
    }

    /// Keeps `datagram` (what recvfrom returned, one byte more than the buffer
    /// at most), which came from `from`, not from the server.
    pub fn keep(&mut self, datagram: &[u8], from: SocketAddr) {
        if self.kept.len() < SHOWN {
            let shown = datagram[..datagram.len().min(self.buffer)].to_vec();
            self.kept.push((shown, datagram.len(), from));
        } else {
            self.more += 1;
        }
    }

    /// Shows each one as the client's `recvfrom` step (numbered `step`, as
    /// at the call), said to be ignored.
    pub fn show(self, say: &Narrator, step: u8, server: SocketAddr) {
        for (data, length, from) in &self.kept {
            say.step(step, "recvfrom", tr!("stray", from = from.to_string(), server = server.to_string()))
                .received(data, *from);
            if *length > self.buffer {
                say.truncated(self.buffer);
            }
        }
        if self.more > 0 {
            let more = count(self.more, "datagram");
            say.notice(tr!("strays-more", more = more, server = server.to_string()));
        }
        if !self.kept.is_empty() {
            say.notice(tr!("stray-why", server = server.to_string()));
        }
    }
}
