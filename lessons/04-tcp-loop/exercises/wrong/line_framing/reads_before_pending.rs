//! Exercise 4.1, wrong on purpose: reads before looking in `pending`, so a
//! line that arrived with the one before waits for another read. Against a
//! peer that closes after writing, that read returns 0 and all seems well;
//! against a request/response peer (it waits for the answer before sending
//! more) it waits forever. `.ci/exercises` proves the exercise's tests fail on it.

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
        loop {
            // The mistake: a read first, even when `pending` holds a whole line.
            let n = self.source.read(&mut self.buf)?;
            if n == 0 {
                return if self.pending.is_empty() {
                    Ok(None)
                } else if let Some(end) = self.pending.iter().position(|&b| b == b'\n') {
                    let mut line: Vec<u8> = self.pending.drain(..=end).collect();
                    line.pop();
                    Ok(Some(line))
                } else {
                    Err(io::Error::new(io::ErrorKind::InvalidData, "the peer closed in the middle of a line"))
                };
            }
            self.pending.extend_from_slice(&self.buf[..n]);
            if let Some(end) = self.pending.iter().position(|&b| b == b'\n') {
                let mut line: Vec<u8> = self.pending.drain(..=end).collect();
                line.pop(); // the '\n'
                return Ok(Some(line));
            }
        }
    }
}
