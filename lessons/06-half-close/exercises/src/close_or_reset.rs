//! Exercise 6.2: tell a clean close from a reset.
//!
//! A peer can end a connection two ways. A close sends FIN: your reads return
//! the data, then 0 bytes. An abort (a crash, or SO_LINGER 0) sends RST: a read
//! fails with `ErrorKind::ConnectionReset`, and whatever was still on its way
//! may be lost. A server should report the two differently.
//!
//! Check it: cargo test -p lesson6-exercises --test close_or_reset

use std::io;
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
    // TODO: loop over stream.read(&mut buf) (add `use std::io::Read;`):
    //   Ok(0)  -> the peer closed: return Ending::Closed { bytes }
    //   Ok(n)  -> add n to bytes and read again
    //   Err(e) if e.kind() == io::ErrorKind::ConnectionReset -> Ending::Reset { bytes }
    //   Err(e) -> return Err(e)
    let _ = (stream, &mut buf, &mut bytes);
    todo!("read until 0 bytes (a close) or a ConnectionReset error (a reset)")
}
