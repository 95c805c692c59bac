//! Exercise 1.3, wrong on purpose: the reply goes to the server's own
//! address instead of the sender's, so no client ever gets it.
//! `.ci/exercises` proves the exercise's tests fail on it.

use std::io;
use std::net::UdpSocket;

/// The server, wrongly.
pub fn main() -> io::Result<()> {
    let port: u16 = std::env::args().nth(1).unwrap_or("7852".into()).parse().map_err(io::Error::other)?;
    let socket = UdpSocket::bind(("127.0.0.1", port))?;
    println!("bound to {}", socket.local_addr()?);
    let mut buf = [0; 500];
    let (n, _sender) = socket.recv_from(&mut buf)?;
    println!("{}", String::from_utf8_lossy(&buf[..n]));
    socket.send_to(b"Ich hab keine Hunge", socket.local_addr()?)?; // the mistake
    Ok(())
}
