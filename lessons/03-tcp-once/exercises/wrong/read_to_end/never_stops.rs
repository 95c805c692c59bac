//! Exercise 3.1, wrong on purpose: keeps reading after the peer closed. A read
//! of 0 bytes is the peer's FIN, the end of the reply; read again and it
//! returns 0 again, for ever, so the function never returns.
//! `.ci/exercises` proves the exercise's tests fail on it (with a deadline,
//! not a hang).

use std::io::{self, Read};
use std::net::TcpStream;

/// Reads, and never takes a read of 0 bytes for the end (the mistake).
pub fn read_reply(stream: &mut TcpStream, buffer: usize) -> io::Result<Vec<u8>> {
    let mut reply = Vec::new();
    let mut buf = vec![0; buffer];
    loop {
        let n = stream.read(&mut buf)?; // the mistake: n == 0 is not looked at
        reply.extend_from_slice(&buf[..n]);
    }
}
