//! Exercise 3.3, wrong on purpose: lesson 4's loop where lesson 3 serves one client
//! and exits, so the program never ends by itself.
//! `.ci/exercises` proves the exercise's tests fail on it.

use std::io::{self, Read, Write};
use std::net::TcpListener;

/// The server, wrongly.
pub fn main() -> io::Result<()> {
    let port: u16 = std::env::args().nth(1).unwrap_or("8998".into()).parse().map_err(io::Error::other)?;

    // socket + bind + listen: std does the three in one call (and sets SO_REUSEADDR).
    let listener = TcpListener::bind(("127.0.0.1", port))?;
    println!("listening on {}", listener.local_addr()?);

    // the mistake: one client was the whole job
    loop {
        let (mut conn, peer) = listener.accept()?;
        // recv: once, at most 500 bytes: whatever has arrived.
        let mut buf = [0; 500];
        let n = conn.read(&mut buf)?;
        let text = String::from_utf8_lossy(&buf[..n]);
        // send: the client's address written as Python writes the tuple.
        let reply = format!("Received msg: {text} from ('{}', {})", peer.ip(), peer.port());
        println!("{reply}");
        conn.write_all(reply.as_bytes())?;

        drop(conn);
    }
}
