//! Exercise 4.1, wrong on purpose: hands out the first line of a read and
//! throws away the bytes after its `\n`, which are the start of the next line
//! (the sticky-packet mistake). `.ci/exercises` proves the exercise's tests
//! fail on it.

use std::io::{self, Read};

/// Reads newline-terminated lines from a byte stream, losing some.
pub struct LineReader<R> {
    source: R,
    /// Bytes read but not yet handed out.
    pending: Vec<u8>,
    /// The read buffer.
    buf: Vec<u8>,
}

impl<R: Read> LineReader<R> {
    /// A reader over `source` whose reads take at most `buffer` bytes.
    pub fn new(source: R, buffer: usize) -> Self {
        LineReader { source, pending: Vec::new(), buf: vec![0; buffer] }
    }

    /// The next line, without its `\n`, wrongly.
    pub fn next_line(&mut self) -> io::Result<Option<Vec<u8>>> {
        loop {
            if let Some(end) = self.pending.iter().position(|&b| b == b'\n') {
                let line = self.pending[..end].to_vec();
                self.pending.clear(); // the mistake: the rest was the next line's start
                return Ok(Some(line));
            }
            let n = self.source.read(&mut self.buf)?;
            if n == 0 {
                return if self.pending.is_empty() {
                    Ok(None)
                } else {
                    Err(io::Error::new(io::ErrorKind::InvalidData, "the peer closed in the middle of a line"))
                };
            }
            self.pending.extend_from_slice(&self.buf[..n]);
        }
    }
}
