//! Lesson 1, UDP once: the client, bare. Article 004's `clientFunc` in Rust:
//! the same calls in the same order, the article's prints, nothing else.
//! The narrated program is `cargo run -p lesson1-client`.
//!
//! Run: cargo run --example lesson1-client-bare [-- PORT]

use std::io;
use std::net::UdpSocket;

fn main() -> io::Result<()> {
    let port: u16 = std::env::args().nth(1).unwrap_or("7852".into()).parse().map_err(io::Error::other)?;

    // 1. socket: port 0 lets the system pick ours (Python does this on the first sendto).
    let sock = UdpSocket::bind("127.0.0.1:0")?;

    // 2. sendto: one datagram to the server.
    sock.send_to("I love jingjing".as_bytes(), ("127.0.0.1", port))?;

    // 3. recvfrom: the reply, at most 200 bytes.
    let mut buf = [0; 200];
    let (n, _addr) = sock.recv_from(&mut buf)?;
    println!("{}", String::from_utf8_lossy(&buf[..n]));

    // 4. close
    drop(sock);
    Ok(())
}
