//! Exercise 2.2, wrong on purpose: waits for a reply once and never sends
//! again, as if UDP would deliver every datagram.
//! `.ci/exercises` proves the exercise's tests fail on it.

use std::io;
use std::net::{SocketAddr, UdpSocket};
use std::time::Duration;

/// Sends `message` once and waits once (the mistake: `tries` is ignored).
pub fn ask_with_retries(
    socket: &UdpSocket,
    server: SocketAddr,
    message: &[u8],
    timeout: Duration,
    _tries: u32,
) -> io::Result<Vec<u8>> {
    socket.set_read_timeout(Some(timeout))?;
    let mut buf = [0; 2048];
    socket.send_to(message, server)?;
    let (n, _) = socket.recv_from(&mut buf)?; // the mistake: one wait, and no resend after a timeout
    Ok(buf[..n].to_vec())
}
