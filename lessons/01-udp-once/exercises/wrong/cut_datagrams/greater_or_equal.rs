//! Exercise 1.2, wrong on purpose: `>=` where `>` belongs, so a datagram of
//! exactly `limit` bytes is called cut. `.ci/exercises` proves the exercise's
//! tests fail on it.

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

/// Receives one datagram, keeping at most `limit` bytes of it, wrongly.
pub fn receive_at_most(socket: &UdpSocket, limit: usize) -> io::Result<Received> {
    let mut buf = vec![0; limit + 1];
    let (n, _) = socket.recv_from(&mut buf)?;
    let cut = n >= limit; // the mistake
    buf.truncate(n.min(limit));
    Ok(Received { data: buf, cut })
}
