//! Exercise 6.1: a client that half-closes.
//!
//! The server reads until a read returns 0 bytes, then replies. It only sees 0
//! bytes when the client says "I am done sending": `shutdown(Shutdown::Write)`,
//! which sends a FIN but keeps the connection open for reading. Write the
//! client: connect, send everything, half-close, read the reply to its end.
//!
//! Check it: cargo test -p lesson6-exercises --test half_close_client

// (The starter leaves TcpStream unused; the lint goes once you use it.)
#![allow(unused_imports)]

use std::io;
use std::net::{SocketAddr, TcpStream};

/// Sends `message` to `server`, half-closes, and returns the whole reply.
pub fn send_then_read_reply(server: SocketAddr, message: &[u8]) -> io::Result<Vec<u8>> {
    // TODO: TcpStream::connect(server)?; write_all(message); then
    // stream.shutdown(std::net::Shutdown::Write)? so the server's read returns
    // 0; then read_to_end into a Vec (add `use std::io::{Read, Write};`).
    let _ = (server, message);
    todo!("connect, send, shutdown(Write), read the reply to its end")
}
