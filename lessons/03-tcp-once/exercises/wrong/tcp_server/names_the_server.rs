//! Exercise 3.3, wrong on purpose: the reply names the server's own address
//! (`local_addr`), not the client's.
//! `.ci/exercises` proves the exercise's tests fail on it.

use std::io::{self, Read, Write};
use std::net::TcpListener;

/// The server, wrongly.
pub fn main() -> io::Result<()> {
    let port: u16 = std::env::args().nth(1).unwrap_or("8998".into()).parse().map_err(io::Error::other)?;

    // socket + bind + listen: std does the three in one call (and sets SO_REUSEADDR).
    let listener = TcpListener::bind(("127.0.0.1", port))?;
    println!("listening on {}", listener.local_addr()?);

    // accept: a new socket, connected to this one client, and its address.
    let (mut conn, _) = listener.accept()?;
    let peer = conn.local_addr()?; // the mistake: our end, not the client's
    // recv: once, at most 500 bytes: whatever has arrived.
    let mut buf = [0; 500];
    let n = conn.read(&mut buf)?;
    let text = String::from_utf8_lossy(&buf[..n]);
    // send: the client's address written as Python writes the tuple.
    let reply = format!("Received msg: {text} from ('{}', {})", peer.ip(), peer.port());
    println!("{reply}");
    conn.write_all(reply.as_bytes())?;

    // close: our FIN to the client, then the listening socket.
    drop(conn);
    drop(listener);
    Ok(())
}
