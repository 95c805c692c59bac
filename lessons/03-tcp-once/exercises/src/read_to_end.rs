//! Exercise 3.1: read until the peer closes.
//!
//! Lesson 3's client reads once, as the article does. That only works when
//! the whole reply has arrived by the time you read: one `read` returns
//! whatever has arrived so far, which may be part of the reply. A server that
//! closes after replying tells you where the reply ends: `read` returns 0.
//!
//! Check it: cargo test -p lesson3-exercises --test read_to_end

use std::io;
use std::net::TcpStream;

/// Reads everything the peer sends, `buffer` bytes at a time, until it closes
/// the connection (a read returns 0), and returns it all.
pub fn read_reply(stream: &mut TcpStream, buffer: usize) -> io::Result<Vec<u8>> {
    let mut reply: Vec<u8> = Vec::new();
    let mut buf = vec![0; buffer];
    // TODO: (add `use std::io::Read;` at the top for stream.read)
    // loop: n = stream.read(&mut buf)?; if n is 0 the peer closed, so
    // stop; otherwise append &buf[..n] to reply.
    let _ = (stream, &mut buf, &mut reply);
    todo!("read in a loop until a read returns 0 bytes")
}
