//! Exercise 2.1, wrong on purpose: answers every datagram at one fixed
//! address (the first sender's) instead of each datagram's own sender, so the
//! other clients wait for a reply that never comes.
//! `.ci/exercises` proves the exercise's tests fail on it.

use std::collections::HashMap;
use std::io;
use std::net::{SocketAddr, UdpSocket};

/// Serves `datagrams` datagrams on `socket`, answering them wrongly.
pub fn serve_counting(socket: &UdpSocket, datagrams: usize) -> io::Result<HashMap<SocketAddr, usize>> {
    let mut counts = HashMap::new();
    let mut buf = [0; 1024];
    let mut first = None;
    for _ in 0..datagrams {
        let (_, sender) = socket.recv_from(&mut buf)?;
        *counts.entry(sender).or_insert(0) += 1;
        let client = *first.get_or_insert(sender);
        socket.send_to(b"success", client)?; // the mistake
    }
    Ok(counts)
}
