//! Exercise 5.2, wrong on purpose: each client thread counts on a counter of
//! its own, so every client's first message is number 1.
//! `.ci/exercises` proves the exercise's tests fail on it.

use std::io::{self, Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;

use crate::counter::Counter;

/// Serves clients forever, numbering each client's messages on its own.
pub fn serve_numbered<C: Counter + 'static>(listener: TcpListener, _counter: Arc<C>) -> io::Result<()> {
    for connection in listener.incoming() {
        let mut connection = connection?;
        thread::spawn(move || {
            let counter = AtomicU64::new(0); // the mistake: one per thread, not one for all
            let mut buf = [0; 1024];
            while let Ok(n) = connection.read(&mut buf) {
                if n == 0 {
                    return;
                }
                let number = Counter::fetch_add(&counter, 1, Ordering::SeqCst) + 1;
                if connection.write_all(number.to_string().as_bytes()).is_err() {
                    return;
                }
            }
        });
    }
    Ok(())
}
