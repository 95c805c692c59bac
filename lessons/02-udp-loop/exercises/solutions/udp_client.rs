//! Exercise 2.3, reference solution: the lesson's UDP client, from scratch.

use std::io::{self, BufRead};
use std::net::UdpSocket;
use std::time::Duration;

/// The client: one datagram per line of standard input, one reply each.
pub fn main() -> io::Result<()> {
    let port: u16 = std::env::args().nth(1).unwrap_or("5555".into()).parse().map_err(io::Error::other)?;

    // socket: one for every message; port 0: the system picks ours.
    let socket = UdpSocket::bind("127.0.0.1:0")?;
    // UDP never says a datagram was lost: without a timeout we could wait forever.
    socket.set_read_timeout(Some(Duration::from_secs(5)))?;

    let mut buf = [0; 1024];
    for line in io::stdin().lock().lines() {
        let message = line?; // lines() takes the newline off
        if message == "exit" {
            break; // not sent: there is no connection to end
        }
        // sendto: one line, one datagram.
        socket.send_to(message.as_bytes(), ("127.0.0.1", port))?;
        // recvfrom: the server's reply.
        let (n, server) = socket.recv_from(&mut buf)?;
        println!("{} from {server}", String::from_utf8_lossy(&buf[..n]));
    }
    Ok(())
}
