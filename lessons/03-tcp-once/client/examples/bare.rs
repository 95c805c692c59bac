//! Lesson 3, TCP once: the client, bare. Article 004's case 05 (`tcp_clt`) in
//! Rust: the same calls in the same order, the article's prints, nothing else.
//! The narrated program is `cargo run -p lesson3-client`.
//!
//! Run: cargo run --example lesson3-client-bare [-- PORT]

use std::io::{self, Read, Write};
use std::net::TcpStream;

fn main() -> io::Result<()> {
    // args_os: an argument that is not UTF-8 (or not a number) is an error, not a panic.
    let arg = std::env::args_os().nth(1).unwrap_or("8998".into());
    let port: u16 = arg.to_string_lossy().parse().map_err(io::Error::other)?;
    // writeln! returns an error where println! would panic (stdout closed: `| head -1`).
    let mut out = io::stdout().lock();

    // 1. socket + 2. connect: std makes the socket and does the handshake in one call.
    let mut sock = TcpStream::connect(("127.0.0.1", port))?;
    writeln!(out, "my address: {}", sock.local_addr()?)?;

    // 3. send
    sock.write_all("I love wangxiaojing".as_bytes())?;

    // 4. recv: the reply, read once, at most 500 bytes.
    let mut buf = [0; 500];
    let n = sock.read(&mut buf)?;
    // Control bytes (ESC ...) in the reply are shown as �, not obeyed by the terminal
    // (escape_debug would also put a backslash before each quote of the reply).
    writeln!(out, "{}", String::from_utf8_lossy(&buf[..n]).replace(char::is_control, "�"))?;

    // 5. close: our FIN.
    drop(sock);
    Ok(())
}
