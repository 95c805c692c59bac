//! Exercise 1.3, wrong on purpose: a 20-byte receive buffer where the lesson
//! asks for 500, so a longer datagram is cut without a word (UDP drops the
//! rest) and the server prints only its first 20 bytes.
//! `.ci/exercises` proves the exercise's tests fail on it.

use std::io;
use std::net::UdpSocket;

/// The server, wrongly.
pub fn main() -> io::Result<()> {
    let port: u16 = std::env::args().nth(1).unwrap_or("7852".into()).parse().map_err(io::Error::other)?;
    let socket = UdpSocket::bind(("127.0.0.1", port))?;
    println!("bound to {}", socket.local_addr()?);
    let mut buf = [0; 20]; // the mistake
    let (n, sender) = socket.recv_from(&mut buf)?;
    println!("{} from {sender}", String::from_utf8_lossy(&buf[..n]));
    socket.send_to(b"Ich hab keine Hunge", sender)?;
    Ok(())
}
