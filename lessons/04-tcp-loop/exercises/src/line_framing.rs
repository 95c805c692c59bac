//! Exercise 4.1: line framing, against sticky packets.
//! 练习 4.1：用按行分帧对付粘包。
//!
//! TCP is a byte stream: one `read` can return two messages at once, half a
//! message, or a single byte. A protocol must mark where each message ends.
//! Here every message ends with a newline (`\n`), and `LineReader` hands out
//! one line at a time, however the bytes arrived.
//!
//! What a read brings after a line's `\n` is already the start of the next
//! line: nothing you read may be lost between calls.
//!
//! Check it: cargo test -p lesson4-exercises --test line_framing

use std::io::{self, Read};

/// Reads newline-terminated lines from a byte stream.
pub struct LineReader<R> {
    source: R,
    /// Bytes read but not yet handed out: the start of the next line(s).
    pending: Vec<u8>,
    /// The read buffer; its size is how much one `read` may take.
    buf: Vec<u8>,
}

impl<R: Read> LineReader<R> {
    /// A reader over `source` whose reads take at most `buffer` bytes.
    pub fn new(source: R, buffer: usize) -> Self {
        LineReader { source, pending: Vec::new(), buf: vec![0; buffer] }
    }

    /// The next line, without its `\n`. `Ok(None)` when the peer closed after a
    /// whole line; an `InvalidData` error when it closed in the middle of one.
    pub fn next_line(&mut self) -> io::Result<Option<Vec<u8>>> {
        // TODO: Hand out the next whole line, however its bytes arrive. TCP
        // keeps no message boundaries: one read may hold two lines, or half
        // of one, or a single byte (half of a multi-byte character, even),
        // and the next line may already be waiting, unread, from an earlier
        // call. Only a `\n` ends a line. The peer's close (a read of 0 bytes)
        // ends the stream: right after a whole line it is the end, Ok(None);
        // in the middle of a line, that line will never be whole, so it is an
        // InvalidData error, not a line.
        // 中文：交出下一整行，不管它的字节是怎么到达的。TCP 不保留消息边界：一次读取
        // 可能含有两行，或者半行，或者只有一个字节（甚至是一个多字节字符的一半），而下一行
        // 可能早在之前的调用里就已经到了，还没交出去。只有 `\n` 才结束一行。对方的关闭
        // （读到 0 字节）结束整个字节流：紧跟在一整行之后，它就是结束，Ok(None)；在一行的
        // 中间，那一行永远不会完整了，所以它是一个 InvalidData 错误，而不是一行。
        let _ = (&mut self.source, &mut self.pending, &mut self.buf);
        todo!("hand out one line at a time, however the bytes arrived / 一次交出一行，不管字节是怎么到达的")
    }
}
