//! Exercise 5.1: cap the number of clients served at once.
//! 练习 5.1：限制同时服务的客户端数。
//!
//! A thread per client serves everyone at once, but every thread costs memory,
//! and a client may stay as long as it likes. Cap the conversations: a client
//! that arrives when `max_clients` are being served gets `busy\n` and is
//! closed at once, instead of being left waiting without a word. When a client
//! leaves, its place is free for the next one.
//!
//! Check it: cargo test -p lesson5-exercises --test cap_clients

// (The starter leaves some of these unused; the lint goes once you use them.)
#![allow(unused_imports)]

use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

/// Serves clients forever, each in its own thread, at most `max_clients` at once.
pub fn serve_capped(listener: TcpListener, max_clients: usize) -> io::Result<()> {
    // How many clients are being served now, shared with every client thread.
    let active = Arc::new(AtomicUsize::new(0));
    for connection in listener.incoming() {
        let connection = connection?;
        // TODO: Serve this client (greet_and_echo, in a thread of its own) if
        // fewer than `max_clients` are being served; if not, tell it b"busy\n"
        // and close it at once. A client that was told but left open keeps
        // waiting for more: only your close (its read of 0 bytes) lets it go.
        // The accept loop and the client threads run at the same time, so the
        // count in `active` is the one they all must share; a client counts
        // from the moment it is let in (the next accept may come at once)
        // until it leaves, and then its place is free for the next.
        let _ = (connection, &active, max_clients);
        todo!("serve at most max_clients at once; tell the others busy")
    }
    Ok(())
}

/// One client's conversation: `hello\n`, then every read echoed back, until the
/// client closes. Errors end this conversation only.
pub fn greet_and_echo(mut connection: TcpStream) {
    if connection.write_all(b"hello\n").is_err() {
        return;
    }
    let mut buf = [0; 1024];
    while let Ok(n) = connection.read(&mut buf) {
        if n == 0 || connection.write_all(&buf[..n]).is_err() {
            return;
        }
    }
}
