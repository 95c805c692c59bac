//! Exercise 6.1, wrong on purpose: reads the reply once, and takes what has
//! arrived by then for all of it. `.ci/exercises` proves the exercise's tests
//! fail on it.

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};

/// Sends `message` to `server`, half-closes, and returns the whole reply.
pub fn send_then_read_reply(server: SocketAddr, message: &[u8]) -> io::Result<Vec<u8>> {
    let mut stream = TcpStream::connect(server)?;
    stream.write_all(message)?;
    // Our FIN: done sending. The other direction stays open for the reply.
    stream.shutdown(Shutdown::Write)?;
    let mut buf = vec![0; 65536];
    let n = stream.read(&mut buf)?; // the mistake: one read is not the whole reply
    Ok(buf[..n].to_vec())
}
