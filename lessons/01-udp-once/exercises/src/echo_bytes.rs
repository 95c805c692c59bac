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
    // 中文：把收到的数据报发回去：就是那些字节，不多也不少。数据报正好是 recv_from
    // 数出的那些字节：`buf` 的其余部分从没经过网络，而结尾的零字节也很可能是消息的
    // 一部分。回显发给数据报的发送方：UDP 没有可以用来回答的连接，只有每个数据报
    // 带着的地址。
    let _ = (socket, &mut buf);
    todo!("receive one datagram and send back exactly its bytes / 接收一个数据报，原样发回它的字节")
}
