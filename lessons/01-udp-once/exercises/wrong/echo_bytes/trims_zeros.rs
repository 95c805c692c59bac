//! Exercise 1.1, wrong on purpose: finds the datagram's end by trimming the
//! buffer's trailing zeros instead of using the count `recv_from` returned.
//! `.ci/exercises` proves the exercise's tests fail on it.

use std::io;
use std::net::{SocketAddr, UdpSocket};

/// Receives one datagram and echoes it, wrongly.
pub fn echo_once(socket: &UdpSocket, buffer: usize) -> io::Result<(usize, SocketAddr)> {
    let mut buf = vec![0; buffer];
    let (_, sender) = socket.recv_from(&mut buf)?;
    let end = buf.iter().rposition(|&byte| byte != 0).map_or(0, |last| last + 1); // the mistake: trailing zeros lost
    socket.send_to(&buf[..end], sender)?;
    Ok((end, sender))
}
