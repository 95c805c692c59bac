//! Lesson 4, TCP loop: the client, bare. Article 000's `client.py` in Rust:
//! the greeting, then each line typed and its reply; `exit` ends it.
//! The narrated program is `cargo run -p lesson4-client`.
//!
//! Run: cargo run --example lesson4-client-bare [-- PORT]

use std::io::{self, BufRead, Read, Write};
use std::net::TcpStream;

fn main() -> io::Result<()> {
    // args_os: an argument that is not UTF-8 (or not a number) is an error, not a panic.
    let arg = std::env::args_os().nth(1).unwrap_or("8888".into());
    let port: u16 = arg.to_string_lossy().parse().map_err(io::Error::other)?;
    // writeln! returns an error where println! would panic (stdout closed: `| head -1`).
    let mut out = io::stdout().lock();

    // 1. socket + 2. connect: std makes the socket and does the handshake in one call.
    let mut client = TcpStream::connect(("127.0.0.1", port))?;

    let mut buf = [0; 1024];
    let mut lines = io::stdin().lock().lines().map_while(Result::ok);
    loop {
        // 3. recv (then 5. recv): the greeting first, then each reply.
        let n = client.read(&mut buf)?;
        if n == 0 {
            break; // the server closed the connection
        }
        // escape_debug: control bytes (ESC ...) are shown as \u{1b}, not obeyed by the terminal.
        writeln!(out, "{}", String::from_utf8_lossy(&buf[..n]).escape_debug())?;
        // An empty line is skipped: a 0-byte send puts nothing on the wire.
        let Some(messages) = lines.find(|line| !line.is_empty()) else { break };
        // 4. send: the line as typed, no newline.
        client.write_all(messages.as_bytes())?;
        if messages == "exit" {
            break;
        }
    }

    // 6. close: our FIN; without `exit` the server reads 0 bytes.
    drop(client);
    Ok(())
}
