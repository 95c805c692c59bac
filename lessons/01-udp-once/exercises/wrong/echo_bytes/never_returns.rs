//! Exercise 1.1, wrong on purpose: echoes every datagram forever instead of
//! one, so the caller never gets its answer back.
//! `.ci/exercises` proves the exercise's tests fail on it (with a deadline,
//! not a hang).

use std::io;
use std::net::{SocketAddr, UdpSocket};

/// Receives datagrams and echoes them, and never returns.
pub fn echo_once(socket: &UdpSocket, buffer: usize) -> io::Result<(usize, SocketAddr)> {
    let mut buf = vec![0; buffer];
    // The mistake: the article's lesson 2 loop, where lesson 1 answers once.
    loop {
        let (n, sender) = socket.recv_from(&mut buf)?;
        socket.send_to(&buf[..n], sender)?;
    }
}
