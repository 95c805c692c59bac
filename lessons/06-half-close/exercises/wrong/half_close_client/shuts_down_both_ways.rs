//! Exercise 6.1, wrong on purpose: shuts down both directions, so the FIN goes
//! out but the reply can no longer be read. `.ci/exercises` proves the
//! exercise's tests fail on it.

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};

/// Sends `message` to `server`, half-closes, and returns the whole reply.
pub fn send_then_read_reply(server: SocketAddr, message: &[u8]) -> io::Result<Vec<u8>> {
    let mut stream = TcpStream::connect(server)?;
    stream.write_all(message)?;
    // Our FIN: done sending. The other direction stays open for the reply.
    stream.shutdown(Shutdown::Both)?; // the mistake: Both, not Write
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply)?; // until the server's FIN
    Ok(reply)
}
