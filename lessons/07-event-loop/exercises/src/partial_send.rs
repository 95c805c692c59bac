//! Exercise 7.1: finish the partial-send handling.
//! 练习 7.1：把部分发送的处理写完。
//!
//! On a non-blocking socket, `write` takes what fits in the kernel's send
//! buffer now: all of your bytes, some of them, or none (`WouldBlock`). The
//! lesson 7 server keeps what a send did not take in a buffer of its own, one
//! per client, and sends it when `poll` says the socket is writable again.
//! Write that part: `Outbox::send`.
//!
//! Check it: cargo test -p lesson7-exercises --test partial_send

// (The starter leaves some of these unused; the lint goes once you use them.)
// （起步代码没有用到其中一些；用上之后这条 lint 就消失了。）
#![allow(unused_imports)]

use std::io::{self, ErrorKind, Write};

/// The bytes one client has not been sent yet, oldest first.
#[derive(Debug, Default)]
pub struct Outbox {
    waiting: Vec<u8>,
}

impl Outbox {
    /// Adds `bytes` after what already waits (a reply, say).
    pub fn push(&mut self, bytes: &[u8]) {
        self.waiting.extend_from_slice(bytes);
    }

    /// How many bytes wait to be sent.
    pub fn len(&self) -> usize {
        self.waiting.len()
    }

    /// Whether nothing waits.
    pub fn is_empty(&self) -> bool {
        self.waiting.is_empty()
    }

    /// Sends what waits on the non-blocking `socket`, as much as it takes now.
    /// `Ok(true)`: everything is sent. `Ok(false)`: bytes still wait (the
    /// kernel's send buffer is full): call again when the socket is writable.
    pub fn send(&mut self, socket: &mut impl Write) -> io::Result<bool> {
        // TODO: Until nothing waits, `socket.write(&self.waiting)`:
        // - Ok(n): the first n bytes went out, maybe fewer than all: keep only
        //   the rest, and try again;
        // - an error of kind WouldBlock: the kernel takes nothing now: keep
        //   everything that waits, and return Ok(false);
        // - Interrupted (a signal came): try again; any other error: return it.
        // Not `write_all`: when it fails with WouldBlock, it does not say how
        // much it had sent already.
        // 中文：直到没有字节在等，反复 `socket.write(&self.waiting)`：
        // - Ok(n)：前 n 个字节发出去了，可能不是全部：只留下剩下的，再试；
        // - 错误类型是 WouldBlock：内核现在一个字节也不收：留着所有还在等的字节，返回 Ok(false)；
        // - Interrupted（来了个信号）：再试；其他错误：返回它。
        // 不要用 `write_all`：它因 WouldBlock 失败时，不会告诉你它已经发出了多少。
        let _ = socket;
        todo!("send what waits, keep the rest / 发送在等的字节，留下剩下的")
    }
}
