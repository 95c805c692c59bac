//! Exercise 6.1, wrong on purpose: never half-closes, so the server, which
//! reads until the client's FIN, waits for ever (and so does the client).
//! `.ci/exercises` proves the exercise's tests fail on it, with a deadline.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};

/// Sends `message` to `server`, half-closes, and returns the whole reply.
pub fn send_then_read_reply(server: SocketAddr, message: &[u8]) -> io::Result<Vec<u8>> {
    let mut stream = TcpStream::connect(server)?;
    stream.write_all(message)?;
    // The mistake: no shutdown(Write), so no FIN.
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply)?; // until the server's FIN
    Ok(reply)
}
