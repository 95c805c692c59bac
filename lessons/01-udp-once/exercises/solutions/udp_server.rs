//! Exercise 1.3, reference solution: the lesson's UDP server, from scratch.

use std::io;
use std::net::UdpSocket;

/// The server: one datagram in, one datagram out, then exit.
pub fn main() -> io::Result<()> {
    let port: u16 = std::env::args().nth(1).unwrap_or("7852".into()).parse().map_err(io::Error::other)?;

    // socket + bind: datagrams sent to 127.0.0.1:port now wait in this socket.
    let socket = UdpSocket::bind(("127.0.0.1", port))?;
    println!("bound to {}", socket.local_addr()?);

    // recvfrom: one datagram, at most 500 bytes, and the address it came from.
    let mut buf = [0; 500];
    let (n, sender) = socket.recv_from(&mut buf)?;
    println!("{} from {sender}", String::from_utf8_lossy(&buf[..n]));

    // sendto: no connection to answer on; the reply is addressed to the sender.
    socket.send_to(b"Ich hab keine Hunge", sender)?;

    // close: dropping the socket frees the port.
    drop(socket);
    Ok(())
}
