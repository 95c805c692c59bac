//! Exercise 2.2, wrong on purpose: retries on every error, not only on a
//! timeout, so an error that sending again cannot cure (ConnectionRefused:
//! nothing listens there) is hidden behind more tries and a timeout.
//! `.ci/exercises` proves the exercise's tests fail on it.

use std::io::{self, ErrorKind};
use std::net::{SocketAddr, UdpSocket};
use std::time::Duration;

/// Sends `message` and retries on any error.
pub fn ask_with_retries(
    socket: &UdpSocket,
    server: SocketAddr,
    message: &[u8],
    timeout: Duration,
    tries: u32,
) -> io::Result<Vec<u8>> {
    socket.set_read_timeout(Some(timeout))?;
    let mut buf = [0; 2048];
    let mut last = io::Error::from(ErrorKind::TimedOut);
    for _ in 0..tries {
        socket.send_to(message, server)?;
        match socket.recv_from(&mut buf) {
            Ok((n, _)) => return Ok(buf[..n].to_vec()),
            Err(err) => last = err, // the mistake
        }
    }
    Err(last)
}
