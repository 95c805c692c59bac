//! Exercise 3.1, wrong on purpose: reads until the close, but keeps the
//! whole buffer after each read instead of the `n` bytes that read returned,
//! so every short piece brings the leftovers of the buffer with it.
//! `.ci/exercises` proves the exercise's tests fail on it.

use std::io::{self, Read};
use std::net::TcpStream;

/// Reads until the peer closes, keeping too much of each read.
pub fn read_reply(stream: &mut TcpStream, buffer: usize) -> io::Result<Vec<u8>> {
    let mut reply = Vec::new();
    let mut buf = vec![0; buffer];
    loop {
        let n = stream.read(&mut buf)?;
        if n == 0 {
            return Ok(reply);
        }
        reply.extend_from_slice(&buf); // the mistake
    }
}
