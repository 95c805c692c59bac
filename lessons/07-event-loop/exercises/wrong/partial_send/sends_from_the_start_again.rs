//! Exercise 7.1, known wrong: a partial write keeps every byte, so the next
//! send repeats the ones that went out already.

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
        loop {
            match socket.write(&self.waiting) {
                Ok(n) if n == self.waiting.len() => {
                    self.waiting.clear();
                    return Ok(true);
                }
                Ok(_) => return Ok(false), // wrong: the n bytes sent are not taken off
                Err(err) if err.kind() == ErrorKind::WouldBlock => return Ok(false),
                Err(err) if err.kind() == ErrorKind::Interrupted => {}
                Err(err) => return Err(err),
            }
        }
    }
}
