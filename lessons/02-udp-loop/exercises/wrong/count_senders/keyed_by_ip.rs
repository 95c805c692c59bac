//! Exercise 2.1, wrong on purpose: counts by the sender's IP address alone, so
//! every client on one machine (all of them 127.0.0.1, on different ports)
//! shares one count. `.ci/exercises` proves the exercise's tests fail on it.

use std::collections::HashMap;
use std::io;
use std::net::{SocketAddr, UdpSocket};

/// Serves `datagrams` datagrams on `socket`, counting them wrongly.
pub fn serve_counting(socket: &UdpSocket, datagrams: usize) -> io::Result<HashMap<SocketAddr, usize>> {
    let mut counts = HashMap::new();
    let mut buf = [0; 1024];
    for _ in 0..datagrams {
        let (_, sender) = socket.recv_from(&mut buf)?;
        let key = SocketAddr::new(sender.ip(), 0); // the mistake: the port tells two clients on one machine apart
        *counts.entry(key).or_insert(0) += 1;
        socket.send_to(b"success", sender)?;
    }
    Ok(counts)
}
