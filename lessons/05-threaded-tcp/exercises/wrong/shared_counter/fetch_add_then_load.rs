//! Exercise 5.2, wrong on purpose: adds one, then loads the count to send,
//! in two steps: another thread may add between them, and both send the
//! same number. (`fetch_add` returns the number this thread took.)
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
                counter.fetch_add(1, Ordering::SeqCst);
                let number = counter.load(Ordering::SeqCst); // the mistake: another thread may have added since
                if connection.write_all(number.to_string().as_bytes()).is_err() {
                    return;
                }
            }
        });
    }
    Ok(())
}
