//! Exercise 4.2, wrong on purpose: takes a read shorter than the buffer for
//! the end of the stream, as if a message filled the buffer until the peer
//! closed. Each short message is a whole read, and the connection is still
//! open: only a read of 0 means the peer closed. `.ci/exercises` proves the
//! exercise's tests fail on it.

use std::io::{self, Read, Write};
use std::net::TcpStream;

/// Answers each read with `第{n}条信息：{text}` until the client closes its side;
/// returns how many messages were answered.
pub fn serve_conversation(stream: &mut TcpStream) -> io::Result<u64> {
    let mut buf = [0; 1024];
    let mut answered = 0;
    loop {
        let n = stream.read(&mut buf)?;
        if peer_has_closed(n) {
            return Ok(answered);
        }
        answered += 1;
        let reply = format!("第{answered}条信息：{}", String::from_utf8_lossy(&buf[..n]));
        stream.write_all(reply.as_bytes())?;
    }
}

/// Whether a read that returned `n` bytes means the peer closed its side.
fn peer_has_closed(n: usize) -> bool {
    // A blocking read returns 0 only at the end of the stream: the peer's FIN.
    n < 1024 // the mistake: a short read is only a short message
}
