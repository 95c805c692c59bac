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
    let _ = listener;
    todo!("accept one connection, read once, reply with the client's address")
}
