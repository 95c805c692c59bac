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
// （起步代码没有用到 Read；用上之后这条 lint 就消失了。）
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
    // 中文：按顺序返回服务器发来的每个字节，不管回复被切成了什么样。一次读取交给你的
    // 是到目前为止已经到达的数据：也许只有几个字节，而一次没有读满 `buf` 的读取并不
    // 意味着回复结束了（下一段可能还在路上）。TCP 只标记一种结束：服务器的关闭。在它
    // 到来之前，都可能还有更多。
    let _ = (stream, &mut buf, &mut reply);
    todo!("everything the server sends, up to its close / 服务器发来的一切，直到它关闭")
}
