//! Exercise 4.1: line framing, against sticky packets.
//!
//! TCP is a byte stream: one `read` can return two messages at once, half a
//! message, or a single byte. A protocol must mark where each message ends.
//! Here every message ends with a newline (`\n`), and `LineReader` hands out
//! one line at a time, however the bytes arrived.
//!
//! Keep the bytes that came after a line's `\n` for the next call: they are
//! the start of the next line.
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
        // TODO: loop:
        //  - if self.pending holds a b'\n', split the line off the front
        //    (without the '\n'), keep the rest in pending, and return it;
        //  - otherwise read more: n = self.source.read(&mut self.buf)?;
        //    n == 0 means the peer closed: Ok(None) if pending is empty, else
        //    Err(io::Error::new(io::ErrorKind::InvalidData, "...")),
        //    and otherwise append &self.buf[..n] to pending.
        let _ = (&mut self.source, &mut self.pending, &mut self.buf);
        todo!("hand out one line at a time, however the bytes arrived")
    }
}
