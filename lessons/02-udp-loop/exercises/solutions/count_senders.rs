//! Exercise 2.1, reference solution: count datagrams per sender.

use std::collections::HashMap;
use std::io;
use std::net::{SocketAddr, UdpSocket};

/// Serves `datagrams` datagrams on `socket`: answers each with `success` (to
/// its sender) and returns how many datagrams came from each sender.
pub fn serve_counting(socket: &UdpSocket, datagrams: usize) -> io::Result<HashMap<SocketAddr, usize>> {
    let mut counts = HashMap::new();
    let mut buf = [0; 1024];
    for _ in 0..datagrams {
        let (_, sender) = socket.recv_from(&mut buf)?;
        *counts.entry(sender).or_insert(0) += 1;
        socket.send_to(b"success", sender)?;
    }
    Ok(counts)
}
