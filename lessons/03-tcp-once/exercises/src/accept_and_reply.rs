//! Exercise 3.2: accept, and answer with the client's address.
//! 练习 3.2：accept，并用客户端的地址回答。
//!
//! The listening socket only takes connections. `accept` returns a new socket,
//! connected to one client, together with that client's address: the port the
//! client's system chose for it. Write the article's server: read once, then
//! reply `Received msg: {text} from {address}` on the new socket.
//!
//! Check it: cargo test -p lesson3-exercises --test accept_and_reply

// (The starter leaves Read and Write unused; the lint goes once you use them.)
// （起步代码没有用到 Read 和 Write；用上之后这条 lint 就消失了。）
#![allow(unused_imports)]

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener};

/// Accepts one connection on `listener`, reads once (at most 500 bytes),
/// replies `Received msg: {text} from {client address}` (the address as
/// `127.0.0.1:54321`), closes the connection, and returns the client's address.
pub fn accept_and_reply(listener: &TcpListener) -> io::Result<SocketAddr> {
    // TODO: Take one client, read once, and answer it with its own words and
    // its own address. The listening socket never carries a conversation: it
    // only takes connections, and each client it takes gets a socket of its
    // own. The address to name is the client's, with the port its system
    // picked for it, not the address the server listens on. Only the bytes
    // the read counted are the message. The client reads until it sees your
    // close, so this client's connection must close when you are done, and
    // the listener must stay open for the next one.
    // 中文：接下一个客户端，读一次，用它自己的话和它自己的地址回答它。监听套接字从不
    // 承载对话：它只接受连接，每个被接受的客户端都得到一个属于自己的套接字。要写的
    // 地址是客户端的，带着它的系统为它挑的端口，而不是服务器监听的地址。只有这次读取
    // 数出的字节才是消息。客户端会一直读到看见你的关闭，所以你处理完之后，这个客户端
    // 的连接必须关闭，而监听套接字要留着等下一个。
    let _ = listener;
    todo!(
        "accept one connection, read once, reply with the client's address / accept 一个连接，读一次，用客户端的地址回复"
    )
}
