//! Exercise 3.1, wrong on purpose: takes a read that did not fill the buffer
//! for the end of the reply. Only a read of 0 bytes means the peer closed.
//! `.ci/exercises` proves the exercise's tests fail on it.

use std::io::{self, Read};
use std::net::TcpStream;

/// Reads until a read returns less than a full buffer (the mistake).
pub fn read_reply(stream: &mut TcpStream, buffer: usize) -> io::Result<Vec<u8>> {
    let mut reply = Vec::new();
    let mut buf = vec![0; buffer];
    loop {
        let n = stream.read(&mut buf)?;
        reply.extend_from_slice(&buf[..n]);
        if n < buffer {
            return Ok(reply);
        }
    }
}
