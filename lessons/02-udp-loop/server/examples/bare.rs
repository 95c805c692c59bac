//! Lesson 2, UDP loop: the server, bare. Article 002's UDP example 3 in Rust:
//! one socket answers `success` to every datagram, forever (Ctrl-C stops it).
//! The narrated program is `cargo run -p lesson2-server`.
//!
//! Run: cargo run --example lesson2-server-bare [-- PORT]

use std::io::{self, Write};
use std::net::UdpSocket;

fn main() -> io::Result<()> {
    // args_os: an argument that is not UTF-8 (or not a number) is an error, not a panic.
    let arg = std::env::args_os().nth(1).unwrap_or("5555".into());
    let port: u16 = arg.to_string_lossy().parse().map_err(io::Error::other)?;
    // writeln! returns an error where println! would panic (stdout closed: `| head -1`).
    let mut out = io::stdout().lock();

    // 1. socket + bind: one UDP socket, one address, for every client.
    let s = UdpSocket::bind(("127.0.0.1", port))?;
    writeln!(out, "bound to {}", s.local_addr()?)?;

    let mut buf = [0; 1024];
    for count in 1.. {
        // 2. recvfrom: the next datagram, from whichever client sends one. An error
        //    here is one client's (Windows reports a closed client port): shown, not fatal.
        let (n, addr) = loop {
            match s.recv_from(&mut buf) {
                Ok(received) => break received,
                Err(e) => writeln!(out, "recvfrom: {e}")?,
            }
        };
        // escape_debug: control bytes (ESC ...) are shown as \u{1b}, not obeyed by the terminal.
        writeln!(out, "#{count} {} from {addr}", String::from_utf8_lossy(&buf[..n]).escape_debug())?;
        // 3. sendto: the reply goes to this datagram's sender, if it can (not to port 0).
        if let Err(e) = s.send_to(b"success", addr) {
            writeln!(out, "sendto {addr}: {e}")?;
        }
    }
    Ok(())
}
