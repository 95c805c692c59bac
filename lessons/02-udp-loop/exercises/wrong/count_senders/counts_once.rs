//! Exercise 2.1, wrong on purpose: records each sender but does not add up its
//! datagrams. `.ci/exercises` proves the exercise's tests fail on it.

use std::collections::HashMap;
use std::io;
use std::net::{SocketAddr, UdpSocket};

/// Serves `datagrams` datagrams on `socket`, counting them wrongly.
pub fn serve_counting(socket: &UdpSocket, datagrams: usize) -> io::Result<HashMap<SocketAddr, usize>> {
    let mut counts = HashMap::new();
    let mut buf = [0; 1024];
    for _ in 0..datagrams {
        let (_, sender) = socket.recv_from(&mut buf)?;
        counts.insert(sender, 1); // the mistake: set, not added to
        socket.send_to(b"success", sender)?;
    }
    Ok(counts)
}
