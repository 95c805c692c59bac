//! Exercise 1.3, wrong on purpose: lesson 2's loop where lesson 1 answers one
//! datagram and exits, so the program never ends by itself.
//! `.ci/exercises` proves the exercise's tests fail on it.

use std::io;
use std::net::UdpSocket;

/// The server, wrongly.
pub fn main() -> io::Result<()> {
    let port: u16 = std::env::args().nth(1).unwrap_or("7852".into()).parse().map_err(io::Error::other)?;
    let socket = UdpSocket::bind(("127.0.0.1", port))?;
    println!("bound to {}", socket.local_addr()?);
    let mut buf = [0; 500];
    loop {
        // the mistake: one datagram was the whole job
        let (n, sender) = socket.recv_from(&mut buf)?;
        println!("{}", String::from_utf8_lossy(&buf[..n]));
        socket.send_to(b"Ich hab keine Hunge", sender)?;
    }
}
