//! Exercise 7.2, known wrong: one thread, but blocking sockets: a client
//! that says nothing holds the loop in its read, and every other client waits.

use std::io::{self, Read, Write};
use std::net::TcpListener;

/// The server: one client after another (wrong: they must be served at once).
pub fn main() -> io::Result<()> {
    let mut args = std::env::args().skip(1);
    let port: u16 = args.next().unwrap_or("8888".into()).parse().map_err(io::Error::other)?;
    let serve: Option<usize> = args.next().map(|n| n.parse().map_err(io::Error::other)).transpose()?;
    let listener = TcpListener::bind(("127.0.0.1", port))?;
    println!("[*] Listening on {}", listener.local_addr()?);
    let mut accepted = 0;
    let mut buf = [0; 4096];
    while serve.is_none_or(|n| accepted < n) {
        let (mut client, _) = listener.accept()?;
        accepted += 1;
        loop {
            match client.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    if client.write_all(&buf[..n]).is_err() {
                        break;
                    }
                }
            }
        }
    }
    Ok(())
}
