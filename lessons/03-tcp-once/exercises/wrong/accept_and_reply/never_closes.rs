//! Exercise 3.2, wrong on purpose: keeps the connection open after replying
//! (here by leaking it), so the client never learns the reply is complete.
//! `.ci/exercises` proves the exercise's tests fail on it.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener};

/// Accepts one connection and replies, and never closes it.
pub fn accept_and_reply(listener: &TcpListener) -> io::Result<SocketAddr> {
    let (mut connection, peer) = listener.accept()?;
    let mut buf = [0; 500];
    let n = connection.read(&mut buf)?;
    let text = String::from_utf8_lossy(&buf[..n]);
    connection.write_all(format!("Received msg: {text} from {peer}").as_bytes())?;
    std::mem::forget(connection); // the mistake: no FIN is ever sent
    Ok(peer)
}
