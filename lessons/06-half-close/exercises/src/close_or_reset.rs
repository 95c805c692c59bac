//! Exercise 6.2: tell a clean close from a reset.
//! 练习 6.2：分清正常关闭和重置。
//!
//! A peer can end a connection two ways. A close sends FIN: your reads return
//! the data, then 0 bytes. An abort (a crash, or SO_LINGER 0) sends RST: a read
//! fails with `ErrorKind::ConnectionReset`, and whatever was still on its way
//! may be lost. A server should report the two differently.
//!
//! Check it: cargo test -p lesson6-exercises --test close_or_reset

// (The starter leaves Read unused; the lint goes once you use it.)
// （起步代码没有用到 Read；用上之后这条 lint 就消失了。）
#![allow(unused_imports)]

use std::io::{self, Read};
use std::net::TcpStream;

/// How a connection ended, and how many bytes arrived before that.
#[derive(Debug, PartialEq, Eq)]
pub enum Ending {
    /// The peer closed cleanly: a read returned 0 bytes.
    Closed { bytes: usize },
    /// The peer reset the connection: a read failed with ConnectionReset.
    Reset { bytes: usize },
}

/// Reads from `stream` until the peer closes or resets, counting the bytes.
/// Any other error is returned as it is.
pub fn how_it_ended(stream: &mut TcpStream) -> io::Result<Ending> {
    let mut buf = [0; 1024];
    let mut bytes = 0;
    // TODO: Read until the connection ends, and say how it ended and how many
    // bytes came before. A FIN and an RST both end the stream, but a reader
    // sees them differently: the FIN as a read that returns nothing, the RST
    // as a read that fails, with a kind of its own. A reset is news to
    // report, not a failure of this function; any other error is. The bytes
    // may take many reads: count them all.
    // 中文：一直读到连接结束，说出它是怎么结束的，以及结束前来了多少字节。FIN 和 RST
    // 都会结束字节流，但读的一方看到的不一样：FIN 是一次什么也没返回的读取，RST（重置）
    // 是一次失败的读取，带着它自己的错误类型。重置是要报告的消息，不是这个函数的失败；
    // 别的错误才是。这些字节可能要读很多次：全都数上。
    let _ = (stream, &mut buf, &mut bytes);
    todo!(
        "read until the peer closes (FIN) or resets (RST), counting the bytes / 一直读到对方关闭（FIN）或重置（RST），数着字节"
    )
}
