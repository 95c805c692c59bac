//! Exercise 2.3, wrong on purpose: lesson 1's client, one message and done:
//! the lines after the first are never sent.
//! `.ci/exercises` proves the exercise's tests fail on it.

use std::io::{self, BufRead};
use std::net::UdpSocket;
use std::time::Duration;

/// The client, wrongly.
pub fn main() -> io::Result<()> {
    let port: u16 = std::env::args().nth(1).unwrap_or("5555".into()).parse().map_err(io::Error::other)?;
    let socket = UdpSocket::bind("127.0.0.1:0")?;
    socket.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut buf = [0; 1024];
    // the mistake: one line, not a loop
    if let Some(line) = io::stdin().lock().lines().next() {
        let message = line?;
        if message != "exit" {
            socket.send_to(message.as_bytes(), ("127.0.0.1", port))?;
            let (n, server) = socket.recv_from(&mut buf)?;
            println!("{} from {server}", String::from_utf8_lossy(&buf[..n]));
        }
    }
    Ok(())
}
