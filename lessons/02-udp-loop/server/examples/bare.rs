//! Lesson 2, UDP loop: the server, bare. Article 002's UDP example 3 in Rust:
//! one socket answers `success` to every datagram, forever (Ctrl-C stops it).
//! The narrated program is `cargo run -p lesson2-server`.
//!
//! Run: cargo run --example lesson2-server-bare [-- PORT]

use std::io;
use std::net::UdpSocket;

fn main() -> io::Result<()> {
    let port: u16 = std::env::args().nth(1).unwrap_or("5555".into()).parse().map_err(io::Error::other)?;

    // 1. socket + bind: one UDP socket, one address, for every client.
    let s = UdpSocket::bind(("127.0.0.1", port))?;
    println!("bound to {}", s.local_addr()?);

    let mut buf = [0; 1024];
    for count in 1.. {
        // 2. recvfrom: the next datagram, from whichever client sends one.
        let (n, addr) = s.recv_from(&mut buf)?;
        println!("#{count} {} from {addr}", String::from_utf8_lossy(&buf[..n]));
        // 3. sendto: the reply goes to this datagram's sender.
        s.send_to(b"success", addr)?;
    }
    Ok(())
}
