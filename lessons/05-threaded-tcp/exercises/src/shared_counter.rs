//! Exercise 5.2: a counter shared by all client threads.
//!
//! Every message, from any client, gets the next number: the first message the
//! server ever receives is answered `1`, the next `2`, and so on, whichever
//! client sends it. The clients are served by threads running at the same
//! time, so the counter must be one value that all of them share and update
//! without losing a step: an `AtomicU64` behind an `Arc`.
//!
//! Check it: cargo test -p lesson5-exercises --test shared_counter

use std::io::{self, Read, Write};
use std::net::TcpListener;
use std::thread;

// (Remove this line when you are done: it quiets the starter's todo!().)
#[allow(unreachable_code, unused_variables, clippy::diverging_sub_expression)]
/// Serves clients forever, a thread each: every read is answered with the
/// number of messages the server has received so far, from all clients.
pub fn serve_numbered(listener: TcpListener) -> io::Result<()> {
    // TODO: create one counter for all threads: Arc::new(AtomicU64::new(0))
    // (add the imports), and give each thread its own Arc::clone of it.
    for connection in listener.incoming() {
        let mut connection = connection?;
        thread::spawn(move || {
            let mut buf = [0; 1024];
            while let Ok(n) = connection.read(&mut buf) {
                if n == 0 {
                    return;
                }
                // TODO: take the next number: counter.fetch_add(1, Ordering::SeqCst) + 1
                let number: u64 = todo!("the next number, from the counter every thread shares");
                if connection.write_all(number.to_string().as_bytes()).is_err() {
                    return;
                }
            }
        });
    }
    Ok(())
}
