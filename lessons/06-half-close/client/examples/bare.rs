//! Lesson 6, the half-close: the client, bare. Send each line typed, then
//! `shutdown(Write)`: "done sending, still listening"; read the reply until the
//! server's FIN. The narrated program is `cargo run -p lesson6-client`.
//!
//! Run: cargo run --example lesson6-client-bare [-- PORT]

use std::io::{self, BufRead, Read, Write};
use std::net::{Shutdown, TcpStream};

fn main() -> io::Result<()> {
    let port: u16 = std::env::args().nth(1).unwrap_or("7788".into()).parse().map_err(io::Error::other)?;

    // 1. socket + 2. connect: std makes the socket and does the handshake in one call.
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    for line in io::stdin().lock().lines() {
        // 3. send: each line, no newline; the server may read them in any pieces.
        s.write_all(line?.as_bytes())?;
    }

    // 4. shutdown(Write): our FIN goes out. We send no more, but can still read.
    s.shutdown(Shutdown::Write)?;

    // 5. recv until 0 bytes: the reply may come in pieces; 0 is the server's FIN.
    let mut reply = Vec::new();
    s.read_to_end(&mut reply)?;
    println!("{}", String::from_utf8_lossy(&reply));

    // 7. close: we sent the first FIN, so the connection now waits in TIME_WAIT here.
    drop(s);
    Ok(())
}
