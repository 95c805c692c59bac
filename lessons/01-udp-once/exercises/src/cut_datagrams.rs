//! Exercise 1.2: notice a datagram that did not fit.
//! 练习 1.2：发现装不下的数据报。
//!
//! `recv_from` with a buffer of N bytes takes at most N bytes of a datagram.
//! If the datagram was longer, the rest is thrown away, and a second
//! `recv_from` returns the *next* datagram, not the rest of this one. Python's
//! `recvfrom` does not tell you this happened; std's `recv_from` does not
//! either. Your function must find out anyway, from one `recv_from`.
//!
//! Check it: cargo test -p lesson1-exercises --test cut_datagrams

use std::io;
use std::net::UdpSocket;

/// One datagram, as much of it as fits in `limit` bytes.
#[derive(Debug, PartialEq, Eq)]
pub struct Received {
    /// The first bytes of the datagram, at most `limit` of them.
    pub data: Vec<u8>,
    /// True if the datagram was longer than `limit` (its end is lost).
    pub cut: bool,
}

/// Receives one datagram, keeping at most `limit` bytes of it, and says
/// whether it was cut.
pub fn receive_at_most(socket: &UdpSocket, limit: usize) -> io::Result<Received> {
    // TODO: Keep at most `limit` bytes of one datagram, and say whether it
    // had more. recv_from never writes past the buffer you give it, and the
    // count it returns is never larger than that buffer; the end of a longer
    // datagram is dropped without a word. So ask yourself: with what buffer
    // could the count ever show that a datagram was longer than `limit`?
    // (A datagram of exactly `limit` bytes fits: it is not cut.)
    // 中文：一个数据报最多保留 `limit` 个字节，并说明它是否还有更多。recv_from 从不
    // 写到你给的缓冲区之外，它返回的字节数也从不超过缓冲区的大小；更长的数据报，尾部
    // 会被悄无声息地丢掉。所以想一想：用多大的缓冲区，字节数才能显示出数据报比
    // `limit` 长？（正好 `limit` 个字节的数据报装得下：它没有被截断。）
    let _ = (socket, limit);
    todo!(
        "keep at most `limit` bytes of one datagram, and tell whether it was longer / 一个数据报最多保留 `limit` 个字节，并说明它是否更长"
    )
}
