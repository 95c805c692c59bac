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
        let _ = (&mut self.source, &mut self.pending, &mut self.buf);
        todo!("hand out one line at a time, however the bytes arrived")
    }
}
