//! Exercise 4.2, wrong on purpose: counts a message before it checks for the
//! close, so the client's FIN is counted as a message.
//! `.ci/exercises` proves the exercise's tests fail on it.

use std::io::{self, Read, Write};
use std::net::TcpStream;

/// Answers each read until the client closes; returns one too many.
pub fn serve_conversation(stream: &mut TcpStream) -> io::Result<u64> {
    let mut buf = [0; 1024];
    let mut answered = 0;
    loop {
        let n = stream.read(&mut buf)?;
        answered += 1; // the mistake: before the check below
        if n == 0 {
            return Ok(answered);
        }
        let reply = format!("第{answered}条信息：{}", String::from_utf8_lossy(&buf[..n]));
        stream.write_all(reply.as_bytes())?;
    }
}
