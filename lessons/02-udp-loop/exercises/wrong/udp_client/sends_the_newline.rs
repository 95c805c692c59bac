//! Exercise 2.3, wrong on purpose: `read_line` keeps the newline, and it goes
//! into the datagram: the server gets `hello\n`, not `hello` (and `exit\n` is
//! not `exit`, so it is sent too).
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
    let mut line = String::new();
    while io::stdin().lock().read_line(&mut line)? > 0 {
        if line == "exit" {
            break;
        }
        socket.send_to(line.as_bytes(), ("127.0.0.1", port))?; // the mistake: the newline goes too
        let (n, server) = socket.recv_from(&mut buf)?;
        println!("{} from {server}", String::from_utf8_lossy(&buf[..n]));
        line.clear();
    }
    Ok(())
}
