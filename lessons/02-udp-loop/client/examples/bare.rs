//! Lesson 2, UDP loop: the client, bare. Article 002's UDP example 4 in Rust,
//! in a loop: each line typed is one datagram; `exit` (not sent) ends it.
//! The narrated program is `cargo run -p lesson2-client`.
//!
//! Run: cargo run --example lesson2-client-bare [-- PORT]

use std::io::{self, BufRead, Write};
use std::net::UdpSocket;

fn main() -> io::Result<()> {
    // args_os: an argument that is not UTF-8 (or not a number) is an error, not a panic.
    let arg = std::env::args_os().nth(1).unwrap_or("5555".into());
    let port: u16 = arg.to_string_lossy().parse().map_err(io::Error::other)?;
    // writeln! returns an error where println! would panic (stdout closed: `| head -1`).
    let mut out = io::stdout().lock();

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
        // 3. recvfrom: the server's reply; escape_debug shows control bytes as \u{1b}.
        let (n, addr) = s.recv_from(&mut buf)?;
        writeln!(out, "{} from {addr}", String::from_utf8_lossy(&buf[..n]).escape_debug())?;
    }

    // 4. close
    drop(s);
    Ok(())
}
