//! Exercise 6.2, wrong on purpose: takes every failed read for a reset, so an
//! error that is not one (a read timeout that ran out, say) is reported as
//! the peer's abort instead of coming back as it is.
//! `.ci/exercises` proves the exercise's tests fail on it.

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
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return Ok(Ending::Closed { bytes }),
            Ok(n) => bytes += n,
            // The mistake: any error is taken for a reset, whatever its kind.
            Err(_) => return Ok(Ending::Reset { bytes }),
        }
    }
}
