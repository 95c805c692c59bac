//! Lesson 3, TCP once: the client, bare. Article 004's case 05 (`tcp_clt`) in
//! Rust: the same calls in the same order, the article's prints, nothing else.
//! The narrated program is `cargo run -p lesson3-client`.
//!
//! Run: cargo run --example lesson3-client-bare [-- PORT]

use std::io::{self, Read, Write};
use std::net::TcpStream;

fn main() -> io::Result<()> {
    let port: u16 = std::env::args().nth(1).unwrap_or("8998".into()).parse().map_err(io::Error::other)?;

    // 1. socket + 2. connect: std makes the socket and does the handshake in one call.
    let mut sock = TcpStream::connect(("127.0.0.1", port))?;
    println!("my address: {}", sock.local_addr()?);

    // 3. send
    sock.write_all("I love wangxiaojing".as_bytes())?;

    // 4. recv: the reply, read once, at most 500 bytes.
    let mut buf = [0; 500];
    let n = sock.read(&mut buf)?;
    println!("{}", String::from_utf8_lossy(&buf[..n]));

    // 5. close: our FIN.
    drop(sock);
    Ok(())
}
