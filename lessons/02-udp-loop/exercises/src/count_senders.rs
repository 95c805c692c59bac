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
        // 中文：用 `success` 回答这个数据报，发给它的发送方，并把它记在发送方名下。一个
        // 套接字能听到所有客户端，而网络上没有任何东西写着“客户端 1”或“客户端 2”：区分
        // 客户端的是每个数据报带着的地址，IP 加端口。同一台机器上的两个客户端共用 IP；
        // 各自有自己的端口。
        let _ = (socket, &mut buf, &mut counts);
        todo!(
            "receive a datagram, count it under its sender, answer success / 接收一个数据报，记在发送方名下，回答 success"
        )
    }
    Ok(counts)
}
