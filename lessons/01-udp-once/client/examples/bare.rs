//! Lesson 1, UDP once: the client, bare. Article 004's `clientFunc` in Rust:
//! the same calls in the same order, the article's prints, nothing else.
//! The narrated program is `cargo run -p lesson1-client`.
//!
//! Run: cargo run --example lesson1-client-bare [-- PORT]

use std::io::{self, Write};
use std::net::UdpSocket;

fn main() -> io::Result<()> {
    // args_os: an argument that is not UTF-8 (or not a number) is an error, not a panic.
    let arg = std::env::args_os().nth(1).unwrap_or("7852".into());
    let port: u16 = arg.to_string_lossy().parse().map_err(io::Error::other)?;

    // 1. socket: port 0 lets the system pick ours (Python does this on the first sendto).
    let sock = UdpSocket::bind("127.0.0.1:0")?;

    // 2. sendto: one datagram to the server.
    sock.send_to("I love jingjing".as_bytes(), ("127.0.0.1", port))?;

    // 3. recvfrom: the reply, at most 200 bytes.
    let mut buf = [0; 200];
    let (n, _addr) = sock.recv_from(&mut buf)?;
    // escape_debug: control bytes (ESC ...) are shown as \u{1b}, not obeyed by the terminal;
    // writeln! returns an error where println! would panic (stdout closed: `| head -1`).
    writeln!(io::stdout(), "{}", String::from_utf8_lossy(&buf[..n]).escape_debug())?;

    // 4. close
    drop(sock);
    Ok(())
}
