//! Exercise 3.2, wrong on purpose: names the server's own address (the
//! listening socket's) in the reply, where the client's belongs.
//! `.ci/exercises` proves the exercise's tests fail on it.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener};

/// Accepts one connection and replies, naming the wrong address.
pub fn accept_and_reply(listener: &TcpListener) -> io::Result<SocketAddr> {
    let (mut connection, peer) = listener.accept()?;
    let mut buf = [0; 500];
    let n = connection.read(&mut buf)?;
    let text = String::from_utf8_lossy(&buf[..n]);
    let me = listener.local_addr()?; // the mistake: this is where the server listens
    connection.write_all(format!("Received msg: {text} from {me}").as_bytes())?;
    Ok(peer)
}
