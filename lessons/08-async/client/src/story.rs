//! What only the lesson 8 client says: its first line and its threads. What
//! it says alike with lesson 7's client (what a read held, what a close put
//! on the wire, the closing report) is in `kit::many`.

use std::time::Duration;

use kit::many::Fate;
use shared::{Failure, Narrator, tr};

/// The first line: how many connections, a task each, one thread.
pub fn opening(say: &Narrator, connections: u64) {
    say.detail(tr!("l8-opening", connections = connections));
}

/// The closing report, ending with the process's threads: one runtime
/// thread ran every connection's task.
pub fn report(say: &Narrator, fates: &[Fate], took: Duration, threads: Option<u64>) -> Result<(), Failure> {
    let threads = match threads {
        Some(threads) => tr!("l8-client-threads", threads = threads),
        None => tr!("l8-client-threads-unknown"),
    };
    kit::many::report(say, fates, took, threads)
}
