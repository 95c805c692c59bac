//! Lesson 1, UDP once: the server, bare. Article 004's `serverFunc` in Rust:
//! the same calls in the same order, the article's prints, nothing else.
//! The narrated program is `cargo run -p lesson1-server`.
//!
//! Run: cargo run --example lesson1-server-bare [-- PORT]

use std::io::{self, Write};
use std::net::UdpSocket;

fn main() -> io::Result<()> {
    // args_os: an argument that is not UTF-8 (or not a number) is an error, not a panic.
    let arg = std::env::args_os().nth(1).unwrap_or("7852".into());
    let port: u16 = arg.to_string_lossy().parse().map_err(io::Error::other)?;
    // writeln! returns an error where println! would panic (stdout closed: `| head -1`).
    let mut out = io::stdout().lock();
    writeln!(out, "Starting server.........")?;

    // 1. socket + bind: a UDP socket claims 127.0.0.1:port.
    let sock = UdpSocket::bind(("127.0.0.1", port))?;
    writeln!(out, "bound to {}", sock.local_addr()?)?;

    // 2. recvfrom: one datagram (at most 500 bytes) and the address it came from.
    let mut buf = [0; 500];
    let (n, addr) = sock.recv_from(&mut buf)?;
    // escape_debug: control bytes (ESC ...) are shown as \u{1b}, not obeyed by the terminal.
    writeln!(out, "{}", String::from_utf8_lossy(&buf[..n]).escape_debug())?;

    // 3. sendto: the reply is a new datagram, addressed to the sender.
    sock.send_to("Ich hab keine Hunge".as_bytes(), addr)?;

    // 4. close
    drop(sock);
    writeln!(out, "Ending server........")?;
    Ok(())
}
