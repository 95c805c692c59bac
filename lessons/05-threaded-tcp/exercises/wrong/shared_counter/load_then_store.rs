//! Exercise 5.2, wrong on purpose: reads the count, then writes it back plus
//! one, in two steps; two threads in between take the same number.
//! `.ci/exercises` proves the exercise's tests fail on it.

use std::io::{self, Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::thread;

use crate::counter::Counter;

/// Serves clients forever, numbering their messages with a race.
pub fn serve_numbered<C: Counter + 'static>(listener: TcpListener, counter: Arc<C>) -> io::Result<()> {
    for connection in listener.incoming() {
        let mut connection = connection?;
        let counter = Arc::clone(&counter);
        thread::spawn(move || {
            let mut buf = [0; 1024];
            while let Ok(n) = connection.read(&mut buf) {
                if n == 0 {
                    return;
                }
                // The mistake: another thread can load between this load and store.
                let number = counter.load(Ordering::SeqCst) + 1;
                counter.store(number, Ordering::SeqCst);
                if connection.write_all(number.to_string().as_bytes()).is_err() {
                    return;
                }
            }
        });
    }
    Ok(())
}
