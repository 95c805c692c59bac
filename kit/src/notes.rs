//! What several lessons say about the same event, printed through the
//! narrator: a server open to every network, a name that stands for several
//! addresses, how long a loop server runs, a datagram cut by the buffer, a
//! read that filled the buffer, the peer's FIN, a client given up on. What
//! only one lesson says is in that lesson's `story.rs`.

use std::net::{IpAddr, SocketAddr};

use shared::bytes::python_literal;
use shared::{Narrator, Role, count};

/// Warns when a server is bound to every interface (0.0.0.0 or ::): other
/// machines on the network can now reach it.
pub fn exposed(say: &Narrator, addr: SocketAddr) {
    if is_wildcard(addr) {
        say.together(|| {
            say.notice(tr!("exposed-warning", ip = addr.ip().to_string()));
            say.notice(tr!("exposed-fix"));
        });
    }
}

/// When `--host` was a name: which addresses it stands for, and what the
/// program does with them (`what`). Nothing for an IP address.
pub fn name_stands_for(say: &Narrator, host: &str, addrs: &[SocketAddr], what: &str) {
    if host.parse::<IpAddr>().is_ok() {
        return;
    }
    let list = addrs.iter().map(SocketAddr::to_string).collect::<Vec<_>>().join(", ");
    let stands_for = tr!("shared-name-stands-for", host = host, list = list);
    say.detail(format_args!("{stands_for}: {what}"));
}

/// How long a loop server runs: `--serve N` of `what` ("datagram",
/// "client"), or until stopped.
pub fn serving(say: &Narrator, serve: Option<u64>, what: &str) {
    match serve {
        Some(n) => say.detail(tr!("serving-n", what = count(n, what))),
        None => say.detail(tr!("serving-forever")),
    }
}

/// A datagram was longer than the receive buffer: say what was lost.
pub fn truncated(say: &Narrator, buffer: usize) {
    say.together(|| {
        say.notice(tr!("datagram-cut", buffer = buffer));
        say.notice(tr!("datagram-cut-why"));
    });
}

/// A TCP read filled the whole buffer: the message may go on in the next read.
pub fn buffer_full(say: &Narrator, buffer: usize) {
    say.together(|| {
        say.notice(tr!("buffer-full", buffer = buffer));
        say.notice(tr!("buffer-full-why"));
    });
}

/// A TCP read returned 0 bytes: the FIN of the `peer` (the server, for a
/// client) arrived. How a conversation ended is always shown.
pub fn peer_closed(say: &Narrator, peer: Role) {
    say.conversation_ends();
    say.together(|| {
        match peer {
            Role::Server => say.notice(tr!("peer-closed-server")),
            Role::Client => say.notice(tr!("peer-closed-client")),
        }
        say.notice(tr!("peer-closed-every-recv"));
    });
}

/// The server ran out of patience with a client (`--idle-timeout`,
/// `--conversation-limit`): it told the client `notice` and closes.
pub fn gave_up_on_client(say: &Narrator, notice: &str) {
    say.conversation_ends(); // why the conversation ends: always shown
    say.notice(tr!("told-client-closing", notice = python_literal(notice.trim_end().as_bytes())));
}

/// Whether `addr` means "every interface": 0.0.0.0, ::, or any spelling of
/// them, such as ::ffff:0.0.0.0 (the IPv4 wildcard as an IPv4-mapped address).
fn is_wildcard(addr: SocketAddr) -> bool {
    match addr.ip() {
        IpAddr::V4(v4) => v4.is_unspecified(),
        IpAddr::V6(v6) => v6.is_unspecified() || v6.to_ipv4_mapped().is_some_and(|v4| v4.is_unspecified()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_the_wildcard_is_one() {
        for wildcard in ["0.0.0.0:1", "[::]:1", "[::ffff:0.0.0.0]:1", "[0:0:0:0:0:ffff:0:0]:1"] {
            assert!(is_wildcard(wildcard.parse().unwrap()), "{wildcard}");
        }
        for one_machine in ["127.0.0.1:1", "[::1]:1", "[::ffff:127.0.0.1]:1"] {
            assert!(!is_wildcard(one_machine.parse().unwrap()), "{one_machine}");
        }
    }
}
