//! Exercise 1.2, wrong on purpose: keeps the first `limit` bytes of the
//! buffer whatever the count, so a datagram shorter than `limit` comes with
//! the buffer's zeros after it. The data is `&buf[..n]` (at most `limit`).
//! `.ci/exercises` proves the exercise's tests fail on it.

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
    buf.truncate(limit); // the mistake
    Ok(Received { data: buf, cut: n > limit })
}
