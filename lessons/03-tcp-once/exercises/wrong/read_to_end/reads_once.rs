//! Exercise 3.1, wrong on purpose: reads once, as the article's client does,
//! and takes whatever has arrived by then for the whole reply.
//! `.ci/exercises` proves the exercise's tests fail on it.

use std::io::{self, Read};
use std::net::TcpStream;

/// Reads once (the mistake), `buffer` bytes at most.
pub fn read_reply(stream: &mut TcpStream, buffer: usize) -> io::Result<Vec<u8>> {
    let mut buf = vec![0; buffer];
    let n = stream.read(&mut buf)?;
    Ok(buf[..n].to_vec())
}
