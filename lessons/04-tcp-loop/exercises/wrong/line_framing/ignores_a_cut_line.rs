//! Exercise 4.1, wrong on purpose: when the peer closes in the middle of a
//! line, says "closed cleanly" and loses the half line without a word.
//! `.ci/exercises` proves the exercise's tests fail on it.

use std::io::{self, Read};

/// Reads newline-terminated lines from a byte stream.
pub struct LineReader<R> {
    source: R,
    /// Bytes read but not yet handed out: the start of the next line(s).
    pending: Vec<u8>,
    /// The read buffer.
    buf: Vec<u8>,
}

impl<R: Read> LineReader<R> {
    /// A reader over `source` whose reads take at most `buffer` bytes.
    pub fn new(source: R, buffer: usize) -> Self {
        LineReader { source, pending: Vec::new(), buf: vec![0; buffer] }
    }

    /// The next line, without its `\n`; a cut last line is lost (the mistake).
    pub fn next_line(&mut self) -> io::Result<Option<Vec<u8>>> {
        loop {
            if let Some(end) = self.pending.iter().position(|&b| b == b'\n') {
                let mut line: Vec<u8> = self.pending.drain(..=end).collect();
                line.pop();
                return Ok(Some(line));
            }
            let n = self.source.read(&mut self.buf)?;
            if n == 0 {
                return Ok(None); // the mistake: pending may hold half a line
            }
            self.pending.extend_from_slice(&self.buf[..n]);
        }
    }
}
