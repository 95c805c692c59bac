//! Exercise 2.2: a client that sends again when no reply comes.
//!
//! UDP never says that a datagram was lost. A client that expects a reply sets
//! a read timeout; when it expires, the request or the reply was lost (or no
//! server listens), and the client can simply send the request again. After
//! `tries` attempts it gives up.
//!
//! Check it: cargo test -p lesson2-exercises --test retry_client

use std::io;
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
    // TODO: set the read timeout (socket.set_read_timeout), then up to `tries`
    // times: send_to the server, recv_from; on success return the reply's
    // bytes; on a timeout (ErrorKind::WouldBlock or ErrorKind::TimedOut) try
    // again; any other error, return it.
    let _ = (socket, server, message, timeout, tries);
    todo!("send, wait at most `timeout`, and send again if no reply came")
}
