//! Exercise 5.2, wrong on purpose: serves each client in the accept loop,
//! not in a thread of its own, so a second client waits until the first has
//! gone. The count is right; the clients are not served at once.
//! `.ci/exercises` proves the exercise's tests fail on it.

use std::io::{self, Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use crate::counter::Counter;

/// Serves clients forever, a thread each: every read is answered with the
/// number of messages the server has received so far, from all clients,
/// counted on `counter` (an `AtomicU64` that starts at 0).
pub fn serve_numbered<C: Counter + 'static>(listener: TcpListener, counter: Arc<C>) -> io::Result<()> {
    for connection in listener.incoming() {
        let mut connection = connection?;
        // The mistake: this client is served here, in the accept loop; the
        // next one waits until it has gone.
        let mut buf = [0; 1024];
        while let Ok(n) = connection.read(&mut buf) {
            if n == 0 {
                break;
            }
            let number = counter.fetch_add(1, Ordering::SeqCst) + 1;
            if connection.write_all(number.to_string().as_bytes()).is_err() {
                break;
            }
        }
    }
    Ok(())
}
