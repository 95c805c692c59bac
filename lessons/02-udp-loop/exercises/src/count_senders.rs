//! Exercise 2.1: count datagrams per sender.
//! 练习 2.1：按发送方统计数据报。
//!
//! One UDP socket serves every client, and each datagram carries its sender's
//! address. A server can use that address as a key: here, to count how many
//! datagrams each client sent.
//!
//! Check it: cargo test -p lesson2-exercises --test count_senders

use std::collections::HashMap;
use std::io;
use std::net::{SocketAddr, UdpSocket};

/// Serves `datagrams` datagrams on `socket`: answers each with `success` (to
/// its sender) and returns how many datagrams came from each sender.
pub fn serve_counting(socket: &UdpSocket, datagrams: usize) -> io::Result<HashMap<SocketAddr, usize>> {
    let mut counts = HashMap::new();
    let mut buf = [0; 1024];
    for _ in 0..datagrams {
        // TODO: Answer this datagram with `success`, to whoever sent it, and
        // count it under its sender. One socket hears every client, and
        // nothing on the wire says "client 1" or "client 2": what tells
        // clients apart is the address each datagram carries, IP and port.
        // Two clients on one machine share the IP; each has its own port.
        let _ = (socket, &mut buf, &mut counts);
        todo!("receive a datagram, count it under its sender, answer success")
    }
    Ok(counts)
}
