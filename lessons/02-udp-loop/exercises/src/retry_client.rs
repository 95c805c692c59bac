//! Exercise 2.2: a client that sends again when no reply comes.
//! 练习 2.2：会重发的客户端。
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
    // TODO: Get the server's reply to `message`, sending the request at most
    // `tries` times. UDP reports no loss: when the request or the reply is
    // lost, nothing arrives, and a receive with no limit waits for ever. So
    // every wait must end by itself after `timeout`, and a wait that ended
    // that way is the one failure worth another try: any other error is not
    // cured by sending again. The reply is the datagram's bytes, no more.
    let _ = (socket, server, message, timeout, tries);
    todo!("send, wait at most `timeout`, and send again if no reply came")
}
