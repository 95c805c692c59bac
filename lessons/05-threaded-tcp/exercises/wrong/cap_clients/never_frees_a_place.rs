//! Exercise 5.1, wrong on purpose: a client's place is never given back when
//! it leaves, so the server ends up telling everyone busy.
//! `.ci/exercises` proves the exercise's tests fail on it.

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
        let mut connection = connection?;
        if active.load(Ordering::SeqCst) >= max_clients {
            let _ = connection.write_all(b"busy\n"); // told, then closed as it drops
            continue;
        }
        active.fetch_add(1, Ordering::SeqCst);
        let active = Arc::clone(&active);
        thread::spawn(move || {
            greet_and_echo(connection);
        });
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
