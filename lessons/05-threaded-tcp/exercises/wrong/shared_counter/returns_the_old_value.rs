//! Exercise 5.2, wrong on purpose: replies with what fetch_add returns, the
//! value before the add, so the first message is numbered 0. `.ci/exercises`
//! proves the exercise's tests fail on it.

use std::io::{self, Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::thread;

use crate::counter::Counter;

/// Serves clients forever, a thread each: every read is answered with the
/// number of messages the server has received so far, from all clients,
/// counted on `counter` (an `AtomicU64` that starts at 0).
pub fn serve_numbered<C: Counter + 'static>(listener: TcpListener, counter: Arc<C>) -> io::Result<()> {
    for connection in listener.incoming() {
        let mut connection = connection?;
        let counter = Arc::clone(&counter); // this thread's handle on the one counter
        thread::spawn(move || {
            let mut buf = [0; 1024];
            while let Ok(n) = connection.read(&mut buf) {
                if n == 0 {
                    return;
                }
                // fetch_add reads and increments in one step: no two threads get one number.
                let number = counter.fetch_add(1, Ordering::SeqCst); // the mistake: the value before
                if connection.write_all(number.to_string().as_bytes()).is_err() {
                    return;
                }
            }
        });
    }
    Ok(())
}
