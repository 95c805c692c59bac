//! What only the lesson 8 server says: where an `.await` gave the thread back
//! to the runtime (explained the first time), the task count, how a client's
//! connection was closed, and the summary with the process's threads. Each
//! function takes what the calls in `main.rs` returned, never a socket.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};

use kernel::tcp_state::CloseSends;
use shared::{Narrator, count, tr};

/// What has been explained once, by any task (they all run on one thread,
/// but a task may only hold what could move to another).
static ACCEPT_WAITED: AtomicBool = AtomicBool::new(false);
static READ_WAITED: AtomicBool = AtomicBool::new(false);
static SEND_WAITS: AtomicBool = AtomicBool::new(false);

/// Whether `said` is set now for the first time.
fn first(said: &AtomicBool) -> bool {
    !said.swap(true, Ordering::Relaxed)
}

/// The listen line: the article's `[*] Listening on ADDR`, which scripts
/// and tests wait for (they read the address up to the space), then the backlog.
pub fn listening(bound: SocketAddr, backlog: u32) -> String {
    format!("[*] Listening on {bound} {}", tr!("l8-backlog", backlog = backlog))
}

/// accept had to wait for a connection: what the await did, the first time.
pub fn accept_waited(say: &Narrator, waited: bool) {
    if waited && first(&ACCEPT_WAITED) {
        say.notice(tr!("l8-accept-waited"));
    }
}

/// The line after a spawn: which task serves the client, how many run now.
pub fn new_task(number: u64, running: usize) -> String {
    tr!("l8-new-task", number = number, clients = count(running as u64, "client"))
}

/// The recv line: the buffer, and whether the task waited for these bytes
/// (the first time, what waiting means here).
pub fn read(buffer: usize, waited: bool) -> String {
    match waited {
        true if first(&READ_WAITED) => tr!("l8-read-waited-first", buffer = buffer),
        true => tr!("l8-read-waited", buffer = buffer),
        false => tr!("l8-read", buffer = buffer),
    }
}

/// A send must wait for room in the kernel's send buffer (the client is not
/// reading): said each time, before the wait, and why the first time.
pub fn send_waits(say: &Narrator) {
    say.together(|| {
        say.notice(tr!("l8-send-waits"));
        if first(&SEND_WAITS) {
            say.notice(tr!("l8-send-waits-why"));
        }
    });
}

/// The last lines of a --serve run: what it served, how many threads the
/// process has, and that one of them ran every task.
pub fn stopping(say: &Narrator, summary: &str, threads: Option<u64>) {
    say.together(|| {
        say.detail(tr!("l8-stopping", summary = summary));
        match threads {
            Some(threads) => say.detail(tr!("l8-threads", threads = threads)),
            None => say.detail(tr!("l8-threads-unknown")),
        }
    });
}

/// The close line of one client: what the close put on the wire, as the
/// socket told just before it.
pub fn close(sends: CloseSends) -> String {
    match sends {
        CloseSends::Fin => tr!("l8-close"),
        CloseSends::Rst { unread } => tr!("l8-close-rst", bytes = count(unread, "byte")),
        CloseSends::NothingAfterReset => tr!("l8-close-reset"),
        CloseSends::NothingMore => tr!("l8-close-nothing-more"),
    }
}
