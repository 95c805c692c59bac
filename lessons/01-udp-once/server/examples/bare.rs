//! Lesson 1, UDP once: the server, bare. Article 004's `serverFunc` in Rust:
//! the same calls in the same order, the article's prints, nothing else.
//! The narrated program is `cargo run -p lesson1-server`.
//!
//! Run: cargo run --example lesson1-server-bare [-- PORT]

use std::io;
use std::net::UdpSocket;

fn main() -> io::Result<()> {
    let port: u16 = std::env::args().nth(1).unwrap_or("7852".into()).parse().map_err(io::Error::other)?;
    println!("Starting server.........");

    // 1. socket + bind: a UDP socket claims 127.0.0.1:port.
    let sock = UdpSocket::bind(("127.0.0.1", port))?;
    println!("bound to {}", sock.local_addr()?);

    // 2. recvfrom: one datagram (at most 500 bytes) and the address it came from.
    let mut buf = [0; 500];
    let (n, addr) = sock.recv_from(&mut buf)?;
    println!("{}", String::from_utf8_lossy(&buf[..n]));

    // 3. sendto: the reply is a new datagram, addressed to the sender.
    sock.send_to("Ich hab keine Hunge".as_bytes(), addr)?;

    // 4. close
    drop(sock);
    println!("Ending server........");
    Ok(())
}
