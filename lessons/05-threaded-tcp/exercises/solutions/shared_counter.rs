//! Exercise 5.2, reference solution: a counter shared by all client threads.

use std::io::{self, Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;

/// Serves clients forever, a thread each: every read is answered with the
/// number of messages the server has received so far, from all clients.
pub fn serve_numbered(listener: TcpListener) -> io::Result<()> {
    let counter = Arc::new(AtomicU64::new(0));
    for connection in listener.incoming() {
        let mut connection = connection?;
        let counter = Arc::clone(&counter);
        thread::spawn(move || {
            let mut buf = [0; 1024];
            while let Ok(n) = connection.read(&mut buf) {
                if n == 0 {
                    return;
                }
                // fetch_add reads and increments in one step: no two threads get one number.
                let number = counter.fetch_add(1, Ordering::SeqCst) + 1;
                if connection.write_all(number.to_string().as_bytes()).is_err() {
                    return;
                }
            }
        });
    }
    Ok(())
}
