//! Exercise 6.3, wrong on purpose: no half-close, so the server waits for a FIN
//! that never comes while the client waits for a reply that never comes.
//! `.ci/exercises` proves the exercise's tests fail on it.

use std::io::{self, BufRead, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// The client, wrongly.
pub fn main() -> io::Result<()> {
    let port: u16 = std::env::args().nth(1).unwrap_or("7788".into()).parse().map_err(io::Error::other)?;

    // socket + connect: the handshake.
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    // A server that never answers must not hold us forever.
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;

    // send: each line, without its newline; TCP carries bytes, not lines.
    for line in io::stdin().lock().lines() {
        stream.write_all(line?.as_bytes())?;
    }

    // the mistake: no stream.shutdown(Shutdown::Write)

    // recv until 0 bytes: the reply may come in pieces; 0 is the server's FIN.
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply)?;
    println!("{}", String::from_utf8_lossy(&reply));

    // close: we sent the first FIN, so this side waits in TIME_WAIT.
    drop(stream);
    Ok(())
}
