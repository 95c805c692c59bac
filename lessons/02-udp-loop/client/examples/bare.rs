//! Lesson 2, UDP loop: the client, bare. Article 002's UDP example 4 in Rust,
//! in a loop: each line typed is one datagram; `exit` (not sent) ends it.
//! The narrated program is `cargo run -p lesson2-client`.
//!
//! Run: cargo run --example lesson2-client-bare [-- PORT]

use std::io::{self, BufRead};
use std::net::UdpSocket;

fn main() -> io::Result<()> {
    let port: u16 = std::env::args().nth(1).unwrap_or("5555".into()).parse().map_err(io::Error::other)?;

    // 1. socket: one UDP socket for every message; port 0: the system picks ours.
    let s = UdpSocket::bind("127.0.0.1:0")?;

    let mut buf = [0; 1024];
    for line in io::stdin().lock().lines() {
        let message = line?;
        if message == "exit" {
            break; // not sent: UDP has no connection to end
        }
        // 2. sendto: one message, one datagram.
        s.send_to(message.as_bytes(), ("127.0.0.1", port))?;
        // 3. recvfrom: the server's reply.
        let (n, addr) = s.recv_from(&mut buf)?;
        println!("{} from {addr}", String::from_utf8_lossy(&buf[..n]));
    }

    // 4. close
    drop(s);
    Ok(())
}
