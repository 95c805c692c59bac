//! Exercise 2.2, wrong on purpose: counts its tries from 1 with an exclusive
//! range, so it makes one try fewer than asked.
//! `.ci/exercises` proves the exercise's tests fail on it.

use std::io::{self, ErrorKind};
use std::net::{SocketAddr, UdpSocket};
use std::time::Duration;

/// Sends `message` and retries on a timeout, one time too few.
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
    for _ in 1..tries {
        // the mistake: 1..tries is tries - 1 rounds
        socket.send_to(message, server)?;
        match socket.recv_from(&mut buf) {
            Ok((n, _)) => return Ok(buf[..n].to_vec()),
            Err(err) if matches!(err.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => last = err,
            Err(err) => return Err(err),
        }
    }
    Err(last)
}
