//! Exercise 1.1: echo exactly the bytes received.
//! 练习 1.1：原样回显收到的字节。
//!
//! A UDP echo server receives one datagram and sends the same bytes back to
//! whoever sent it. `recv_from` fills the start of your buffer and tells you
//! how many bytes it wrote: the rest of the buffer is left over from before
//! (zeros here), and is not part of the message.
//!
//! Check it: cargo test -p lesson1-exercises --test echo_bytes

use std::io;
use std::net::{SocketAddr, UdpSocket};

/// Receives one datagram on `socket` (into a buffer of `buffer` bytes), sends
/// the same bytes back to its sender, and returns how many bytes that was and
/// who sent them.
pub fn echo_once(socket: &UdpSocket, buffer: usize) -> io::Result<(usize, SocketAddr)> {
    let mut buf = vec![0; buffer];
    // TODO: Send back the datagram you receive: those bytes, no more and no
    // fewer. A datagram is exactly the bytes recv_from counted: the rest of
    // `buf` never crossed the wire, and a zero byte at the end may well be
    // part of the message. The echo goes to whoever sent the datagram: UDP
    // has no connection to answer on, only the address each datagram carries.
    let _ = (socket, &mut buf);
    todo!("receive one datagram and send back exactly its bytes")
}
