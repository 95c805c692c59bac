//! Exercise 6.1, wrong on purpose: after each read, appends the whole buffer,
//! not the bytes that read returned, and cuts the reply to the total count at
//! the end: the length comes out right, the bytes do not (leftovers of the
//! buffer sit between the pieces). `.ci/exercises` proves the exercise's tests
//! fail on it.

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};

/// Sends `message` to `server`, half-closes, and returns the whole reply.
pub fn send_then_read_reply(server: SocketAddr, message: &[u8]) -> io::Result<Vec<u8>> {
    let mut stream = TcpStream::connect(server)?;
    stream.write_all(message)?;
    // Our FIN: done sending. The other direction stays open for the reply.
    stream.shutdown(Shutdown::Write)?;
    let mut reply = Vec::new();
    let mut buf = [0; 1024];
    let mut total = 0;
    loop {
        let n = stream.read(&mut buf)?;
        if n == 0 {
            break; // the server's FIN
        }
        reply.extend_from_slice(&buf); // the mistake: the whole buffer, not the n bytes read
        total += n;
    }
    reply.truncate(total);
    Ok(reply)
}
