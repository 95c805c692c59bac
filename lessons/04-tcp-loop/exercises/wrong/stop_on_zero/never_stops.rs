//! Exercise 4.2, wrong on purpose: never takes a read of 0 bytes for the
//! client's close, and answers it like a message (the article's server that
//! spins once the client has gone). `.ci/exercises` proves the exercise's
//! tests fail on it.

use std::io::{self, Read, Write};
use std::net::TcpStream;

/// Answers each read, and does not stop when the client closes (the mistake).
pub fn serve_conversation(stream: &mut TcpStream) -> io::Result<u64> {
    let mut buf = [0; 1024];
    let mut answered = 0;
    loop {
        let n = stream.read(&mut buf)?;
        answered += 1;
        let reply = format!("第{answered}条信息：{}", String::from_utf8_lossy(&buf[..n]));
        stream.write_all(reply.as_bytes())?;
    }
}
