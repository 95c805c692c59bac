//! Exercise 1.1, reference solution: echo exactly the bytes received.

use std::io;
use std::net::{SocketAddr, UdpSocket};

/// Receives one datagram on `socket` (into a buffer of `buffer` bytes), sends
/// the same bytes back to its sender, and returns how many bytes that was and
/// who sent them.
pub fn echo_once(socket: &UdpSocket, buffer: usize) -> io::Result<(usize, SocketAddr)> {
    let mut buf = vec![0; buffer];
    let (n, sender) = socket.recv_from(&mut buf)?;
    // Only the first n bytes are the datagram; the rest of the buffer is not.
    socket.send_to(&buf[..n], sender)?;
    Ok((n, sender))
}
