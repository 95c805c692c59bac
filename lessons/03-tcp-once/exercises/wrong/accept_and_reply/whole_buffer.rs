//! Exercise 3.2, wrong on purpose: decodes the whole 500-byte buffer, so the
//! reply carries the zero bytes after the message.
//! `.ci/exercises` proves the exercise's tests fail on it.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener};

/// Accepts one connection and replies with the whole buffer.
pub fn accept_and_reply(listener: &TcpListener) -> io::Result<SocketAddr> {
    let (mut connection, peer) = listener.accept()?;
    let mut buf = [0; 500];
    connection.read(&mut buf)?; // the mistake: the count is thrown away
    let text = String::from_utf8_lossy(&buf);
    connection.write_all(format!("Received msg: {text} from {peer}").as_bytes())?;
    Ok(peer)
}
