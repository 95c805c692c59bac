//! Exercise 1.1, wrong on purpose: echoes the whole buffer, not the datagram.
//! `.ci/exercises` proves the exercise's tests fail on it.

use std::io;
use std::net::{SocketAddr, UdpSocket};

/// Receives one datagram and echoes it, wrongly.
pub fn echo_once(socket: &UdpSocket, buffer: usize) -> io::Result<(usize, SocketAddr)> {
    let mut buf = vec![0; buffer];
    let (n, sender) = socket.recv_from(&mut buf)?;
    socket.send_to(&buf, sender)?; // the mistake: the datagram plus the zeros after it
    Ok((n, sender))
}
