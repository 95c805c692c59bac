//! What only the lesson 7 server says: which sockets a poll found ready, what
//! `WouldBlock` means (the first time), a send that took part of a reply, what
//! the loop watches a client for, and how a client's connection was closed.
//! Each function takes what the calls in `main.rs` returned, never a socket.

use std::net::SocketAddr;

use kernel::tcp_state::CloseSends;
use mio::{Events, Token};
use shared::{Narrator, count, tr};

/// What the loop has explained once and need not say again.
#[derive(Default)]
pub struct FirstTimes {
    accept_would_block: bool,
    recv_would_block: bool,
    partial_send: bool,
    watching_writable: bool,
    fair_share: bool,
}

/// The most sockets a poll line names one by one; the rest are counted.
const NAMED: usize = 8;

/// The poll line: how many sockets are ready, and which, each with what it is
/// ready for ("the listener", "#3 readable", "#5 writable, closed").
pub fn ready(events: &Events, number_of: impl Fn(Token) -> Option<u64>) -> String {
    let mut named = Vec::new();
    let mut total = 0;
    for event in events.iter() {
        total += 1;
        if named.len() == NAMED {
            continue;
        }
        let mut what = Vec::new();
        if event.is_readable() {
            what.push(tr!("l7-readable"));
        }
        if event.is_writable() {
            what.push(tr!("l7-writable"));
        }
        if event.is_read_closed() || event.is_write_closed() {
            what.push(tr!("l7-closed"));
        }
        let what = what.join(", ");
        named.push(match (event.token(), number_of(event.token())) {
            (Token(0), _) => tr!("l7-ready-listener", what = what),
            (_, Some(number)) => tr!("l7-ready-client", number = number, what = what),
            (_, None) => tr!("l7-ready-gone", what = what),
        });
    }
    let more = total - named.len();
    let named = named.join("; ");
    match more {
        0 => tr!("l7-ready", sockets = count(total, "socket"), named = named),
        _ => tr!("l7-ready-more", sockets = count(total, "socket"), named = named, more = more),
    }
}

/// accept found the queue empty: explained the first time only.
pub fn accept_would_block(say: &Narrator, firsts: &mut FirstTimes) {
    if !std::mem::replace(&mut firsts.accept_would_block, true) {
        say.notice(tr!("l7-accept-would-block"));
    }
}

/// recv found nothing more to read: explained the first time only.
pub fn recv_would_block(say: &Narrator, firsts: &mut FirstTimes) {
    if !std::mem::replace(&mut firsts.recv_would_block, true) {
        say.notice(tr!("l7-recv-would-block"));
    }
}

/// A client's turn ended after `reads` reads with bytes maybe left: the
/// others go first; why, the first time.
pub fn fair_share(say: &Narrator, reads: usize, firsts: &mut FirstTimes) {
    if !std::mem::replace(&mut firsts.fair_share, true) {
        say.notice(tr!("l7-fair-share", reads = reads));
    }
}

/// A send took `taken` of `total` bytes (0: it failed with WouldBlock): the
/// rest waits; why, the first time.
pub fn partial_send(say: &Narrator, taken: usize, total: usize, firsts: &mut FirstTimes) {
    say.together(|| {
        say.notice(tr!("l7-partial-send", taken = count(taken, "byte"), left = count(total - taken, "byte")));
        if !std::mem::replace(&mut firsts.partial_send, true) {
            say.notice(tr!("l7-partial-send-why"));
        }
    });
}

/// The reregister line: what the loop watches a client for now.
pub fn watching(writable: bool, firsts: &mut FirstTimes) -> String {
    match writable {
        true if !std::mem::replace(&mut firsts.watching_writable, true) => tr!("l7-watch-writable-first"),
        true => tr!("l7-watch-writable"),
        false => tr!("l7-watch-readable"),
    }
}

/// The listen line: the article's `[*] Listening on ADDR`, which scripts
/// and tests wait for (they read the address up to the space), then the backlog.
pub fn listening(bound: SocketAddr, backlog: i32) -> String {
    format!("[*] Listening on {bound} {}", tr!("l7-backlog", backlog = backlog))
}

/// The register line of a client: its token, and how many clients the loop holds.
pub fn registered(token: Token, held: usize) -> String {
    tr!("l7-register-client", token = token.0, clients = count(held, "client"))
}

/// The last lines of a --serve run: what it served, how many threads the
/// process has, and that one of them served every client.
pub fn stopping(say: &Narrator, summary: &str, threads: Option<u64>) {
    say.together(|| {
        say.detail(tr!("l7-stopping", summary = summary));
        match threads {
            Some(threads) => say.detail(tr!("l7-threads", threads = threads)),
            None => say.detail(tr!("l7-threads-unknown")),
        }
    });
}

/// The close line of one client: what the close put on the wire, as the
/// socket told just before it.
pub fn close(sends: CloseSends) -> String {
    match sends {
        CloseSends::Fin => tr!("l7-close"),
        CloseSends::Rst { unread } => tr!("l7-close-rst", bytes = count(unread, "byte")),
        CloseSends::NothingAfterReset => tr!("l7-close-reset"),
        CloseSends::NothingMore => tr!("l7-close-nothing-more"),
    }
}
