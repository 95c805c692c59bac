//! Exercise 2.3, wrong on purpose: no read timeout, so a reply that never
//! comes (lost, or no server) hangs the client for good.
//! `.ci/exercises` proves the exercise's tests fail on it.

use std::io::{self, BufRead};
use std::net::UdpSocket;

/// The client, wrongly.
pub fn main() -> io::Result<()> {
    let port: u16 = std::env::args().nth(1).unwrap_or("5555".into()).parse().map_err(io::Error::other)?;
    let socket = UdpSocket::bind("127.0.0.1:0")?; // the mistake: no set_read_timeout
    let mut buf = [0; 1024];
    for line in io::stdin().lock().lines() {
        let message = line?;
        if message == "exit" {
            break;
        }
        socket.send_to(message.as_bytes(), ("127.0.0.1", port))?;
        let (n, server) = socket.recv_from(&mut buf)?;
        println!("{} from {server}", String::from_utf8_lossy(&buf[..n]));
    }
    Ok(())
}
