//! Exercise 5.1, wrong on purpose: the count goes up inside the client's
//! thread, not in the accept loop (the race the starter's TODO warns of): the
//! loop may accept the next client and look at the count before the thread
//! has run, and let it in too. `.ci/exercises` proves the exercise's tests
//! fail on it.

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
        let active = Arc::clone(&active);
        thread::spawn(move || {
            active.fetch_add(1, Ordering::SeqCst); // the mistake: too late, the loop has gone on
            greet_and_echo(connection);
            active.fetch_sub(1, Ordering::SeqCst); // this client's place is free again
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
