//! Exercise 3.2, reference solution: accept, and answer with the client's address.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener};

/// Accepts one connection on `listener`, reads once (at most 500 bytes),
/// replies `Received msg: {text} from {client address}` (the address as
/// `127.0.0.1:54321`), closes the connection, and returns the client's address.
pub fn accept_and_reply(listener: &TcpListener) -> io::Result<SocketAddr> {
    let (mut connection, peer) = listener.accept()?;
    let mut buf = [0; 500];
    let n = connection.read(&mut buf)?;
    let text = String::from_utf8_lossy(&buf[..n]);
    connection.write_all(format!("Received msg: {text} from {peer}").as_bytes())?;
    Ok(peer) // dropping `connection` here closes it; the listener stays open
}
