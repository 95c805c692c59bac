//! Exercise 1.2: notice a datagram that did not fit.
//!
//! `recv_from` with a buffer of N bytes takes at most N bytes of a datagram.
//! If the datagram was longer, the rest is thrown away, and a second
//! `recv_from` returns the *next* datagram, not the rest of this one. Python's
//! `recvfrom` does not tell you this happened; std's `recv_from` does not
//! either. But you can find out: receive into a buffer one byte larger than you
//! accept. If that extra byte was filled, the datagram was too long.
//!
//! Check it: cargo test -p lesson1-exercises --test cut_datagrams

use std::io;
use std::net::UdpSocket;

/// One datagram, as much of it as fits in `limit` bytes.
#[derive(Debug, PartialEq, Eq)]
pub struct Received {
    /// The first bytes of the datagram, at most `limit` of them.
    pub data: Vec<u8>,
    /// True if the datagram was longer than `limit` (its end is lost).
    pub cut: bool,
}

/// Receives one datagram, keeping at most `limit` bytes of it, and says
/// whether it was cut.
pub fn receive_at_most(socket: &UdpSocket, limit: usize) -> io::Result<Received> {
    // TODO: receive into a buffer of limit + 1 bytes. If recv_from returned
    // more than limit bytes, the datagram was cut: keep only the first limit.
    let _ = (socket, limit);
    todo!("receive one datagram into limit + 1 bytes and tell whether it was cut")
}
