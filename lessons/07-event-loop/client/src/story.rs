//! What only the lesson 7 client says: its first line, the poll line and its
//! threads. What it says alike with lesson 8's client (what a read held, what
//! a close put on the wire, the closing report) is in `kit::many`.

use std::time::Duration;

use kit::many::Fate;
use shared::{Failure, Narrator, count, tr};

/// The error number of a non-blocking connect whose handshake has begun
/// (std has no stable `ErrorKind` for it yet); Windows says WouldBlock instead.
#[cfg(target_os = "linux")]
pub const EINPROGRESS: i32 = 115;
/// The same, on the BSDs and macOS.
#[cfg(not(target_os = "linux"))]
pub const EINPROGRESS: i32 = 36;

/// The first line: how many connections, all in this thread.
pub fn opening(say: &Narrator, connections: u64) {
    say.detail(tr!("l7-opening", connections = count(connections, "connection")));
}

/// The poll line: how many connections can go on, of how many open.
pub fn ready(ready: usize, open: usize) -> String {
    tr!("l7-client-ready", ready = ready, open = count(open, "connection"))
}

/// The closing report, ending with the process's threads: one loop held
/// every connection.
pub fn report(say: &Narrator, fates: &[Fate], took: Duration, threads: Option<u64>) -> Result<(), Failure> {
    let threads = match threads {
        Some(threads) => tr!("l7-client-threads", threads = threads),
        None => tr!("l7-client-threads-unknown"),
    };
    kit::many::report(say, fates, took, threads)
}
