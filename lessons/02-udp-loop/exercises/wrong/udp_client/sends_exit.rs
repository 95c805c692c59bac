//! Exercise 2.3, wrong on purpose: sends `exit` before it stops, as if UDP had
//! a connection to end; the server answers a message nobody meant for it.
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
    for line in io::stdin().lock().lines() {
        let message = line?;
        socket.send_to(message.as_bytes(), ("127.0.0.1", port))?;
        let (n, server) = socket.recv_from(&mut buf)?;
        println!("{} from {server}", String::from_utf8_lossy(&buf[..n]));
        if message == "exit" {
            break; // the mistake: checked after sending
        }
    }
    Ok(())
}
