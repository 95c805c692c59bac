//! Exercise 3.1: read until the peer closes.
//! 练习 3.1：一直读，直到对方关闭。
//!
//! Lesson 3's client reads once, as the article does. That only works when
//! the whole reply has arrived by the time you read: one `read` returns
//! whatever has arrived so far, which may be part of the reply. A server that
//! closes after replying tells you where the reply ends: `read` returns 0.
//!
//! Check it: cargo test -p lesson3-exercises --test read_to_end

// (The starter leaves Read unused; the lint goes once you use it.)
#![allow(unused_imports)]

use std::io::{self, Read};
use std::net::TcpStream;

/// Reads everything the peer sends, `buffer` bytes at a time, until it closes
/// the connection (a read returns 0), and returns it all.
pub fn read_reply(stream: &mut TcpStream, buffer: usize) -> io::Result<Vec<u8>> {
    let mut reply: Vec<u8> = Vec::new();
    let mut buf = vec![0; buffer];
    // TODO: Return every byte the server sends, in order, however the reply
    // is cut. A read hands you what has arrived so far: a few bytes, maybe,
    // and a read that did not fill `buf` does not mean the reply is over (the
    // next piece may still be on its way). TCP marks only one end: the
    // server's close. Until it comes, there may be more.
    let _ = (stream, &mut buf, &mut reply);
    todo!("everything the server sends, up to its close")
}
