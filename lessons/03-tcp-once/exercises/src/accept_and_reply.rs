//! Exercise 3.2: accept, and answer with the client's address.
//!
//! The listening socket only takes connections. `accept` returns a new socket,
//! connected to one client, together with that client's address: the port the
//! client's system chose for it. Write the article's server: read once, then
//! reply `Received msg: {text} from {address}` on the new socket.
//!
//! Check it: cargo test -p lesson3-exercises --test accept_and_reply

use std::io;
use std::net::{SocketAddr, TcpListener};

/// Accepts one connection on `listener`, reads once (at most 500 bytes),
/// replies `Received msg: {text} from {client address}` (the address as
/// `127.0.0.1:54321`), closes the connection, and returns the client's address.
pub fn accept_and_reply(listener: &TcpListener) -> io::Result<SocketAddr> {
    // TODO: let (mut connection, peer) = listener.accept()?; read once into a
    // 500-byte buffer; write the reply with write_all on `connection` (not on
    // the listener); return the peer's address.
    let _ = listener;
    todo!("accept one connection, read once, reply with the client's address")
}
