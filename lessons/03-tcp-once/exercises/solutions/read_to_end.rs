//! Exercise 3.1, reference solution: read until the peer closes.

use std::io::{self, Read};
use std::net::TcpStream;

/// Reads everything the peer sends, `buffer` bytes at a time, until it closes
/// the connection (a read returns 0), and returns it all.
pub fn read_reply(stream: &mut TcpStream, buffer: usize) -> io::Result<Vec<u8>> {
    let mut reply = Vec::new();
    let mut buf = vec![0; buffer];
    loop {
        let n = stream.read(&mut buf)?;
        if n == 0 {
            return Ok(reply); // the peer's FIN: nothing more will come
        }
        reply.extend_from_slice(&buf[..n]);
    }
}
