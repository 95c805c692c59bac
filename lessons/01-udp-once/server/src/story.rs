//! What the lesson 1 server says beyond its step lines: that it may be open to
//! every network, and that a datagram was cut by the buffer.
//!
//! They are methods on the narrator (through [`Story`]), chained on the step
//! they belong to, so `main.rs` keeps one line per step and a step's notes
//! leave in the same write as its line:
//! `say.step(2, Call::RecvFrom, ...).datagram(&buf[..n], args.buffer, peer)`.

use std::net::SocketAddr;

use kit::notes;
use shared::Narrator;

/// The lesson 1 server's story, told by its narrator.
pub trait Story {
    /// After bind, the server is ready: a warning if it was bound to every
    /// interface, since other machines can then send it datagrams too.
    fn ready(&self, bound: SocketAddr);

    /// Shows a datagram as `recvfrom(buffer)` returns it: `data` was received
    /// into one byte more than `buffer`, so a datagram that reached that byte
    /// was longer than the buffer. Only its first `buffer` bytes are shown,
    /// and a notice says the rest is lost: UDP keeps no rest for a next read,
    /// and Python's recvfrom would not say so.
    fn datagram(&self, data: &[u8], buffer: usize, from: SocketAddr);
}

impl Story for Narrator {
    fn ready(&self, bound: SocketAddr) {
        notes::exposed(self, bound);
    }

    fn datagram(&self, data: &[u8], buffer: usize, from: SocketAddr) {
        self.received(&data[..data.len().min(buffer)], from);
        if data.len() > buffer {
            notes::truncated(self, buffer);
        }
    }
}
