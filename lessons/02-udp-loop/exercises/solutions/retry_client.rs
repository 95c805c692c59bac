//! Exercise 2.2, reference solution: a client that sends again when no reply comes.

use std::io::{self, ErrorKind};
use std::net::{SocketAddr, UdpSocket};
use std::time::Duration;

/// Sends `message` to `server` and returns the reply. Waits `timeout` for each
/// reply; sends again on a timeout, `tries` times in all. After the last try,
/// returns the timeout error.
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
            // Unix says WouldBlock, Windows TimedOut: both mean "no reply in time".
            Err(err) if matches!(err.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => last = err,
            Err(err) => return Err(err),
        }
    }
    Err(last)
}
