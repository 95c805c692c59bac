//! Lesson 6, the half-close: the client, bare. Send each line typed, then
//! `shutdown(Write)`: "done sending, still listening"; read the reply until the
//! server's FIN. The narrated program is `cargo run -p lesson6-client`.
//!
//! Run: cargo run --example lesson6-client-bare [-- PORT]

use std::io::{self, BufRead, Read, Write};
use std::net::{Shutdown, TcpStream};

fn main() -> io::Result<()> {
    // args_os: an argument that is not UTF-8 (or not a number) is an error, not a panic.
    let arg = std::env::args_os().nth(1).unwrap_or("7788".into());
    let port: u16 = arg.to_string_lossy().parse().map_err(io::Error::other)?;

    // 1. socket + 2. connect: std makes the socket and does the handshake in one call.
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    for line in io::stdin().lock().lines() {
        // 3. send: each line, no newline; the server may read them in any pieces.
        s.write_all(line?.as_bytes())?;
    }

    // 4. shutdown(Write): our FIN goes out. We send no more, but can still read.
    s.shutdown(Shutdown::Write)?;

    // 5. recv until 0 bytes: the reply may come in pieces; 0 is the server's FIN.
    //    take: at most 1 MiB, so a server that never stops sending cannot fill our memory.
    let mut reply = Vec::new();
    (&mut s).take(1 << 20).read_to_end(&mut reply)?;
    // escape_debug: control bytes (ESC ...) are shown as \u{1b}, not obeyed by the terminal;
    // writeln! returns an error where println! would panic (stdout closed: `| head -1`).
    writeln!(io::stdout(), "{}", String::from_utf8_lossy(&reply).escape_debug())?;

    // 7. close: we sent the first FIN, so the connection now waits in TIME_WAIT here.
    drop(s);
    Ok(())
}
