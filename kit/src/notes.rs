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
    use shared::capture::capture;
    use shared::{Colours, Narrator};

    use super::*;

    fn narrator(role: Role) -> Narrator {
        Narrator::new(role, 2, Colours::default())
    }

    /// What `note` prints through a server's narrator, without the tag and the step column.
    fn said(role: Role, note: impl FnOnce(&Narrator)) -> Vec<String> {
        let say = narrator(role);
        let out = capture(|| note(&say)).stdout();
        out.lines()
            .map(|line| line.split_once("  ").map_or(line, |(_, text)| text).trim_start().to_string())
            .collect()
    }

    #[test]
    fn a_server_open_to_every_network_is_warned_about_and_one_on_loopback_is_not() {
        // Fails if a learner binding 0.0.0.0 is not told that other machines
        // can now reach the server, or how to keep it on this machine.
        assert_eq!(
            said(Role::Server, |say| exposed(say, "0.0.0.0:7852".parse().unwrap())),
            [
                "warning: 0.0.0.0 means every interface: other machines on your network can reach this server",
                "(pass --host 127.0.0.1 to keep it on this machine)"
            ]
        );
        assert!(said(Role::Server, |say| exposed(say, "127.0.0.1:7852".parse().unwrap())).is_empty());
    }

    #[test]
    fn a_name_is_shown_with_the_addresses_it_stands_for_and_an_ip_is_not() {
        // Fails if `--host localhost` hides which addresses it stood for.
        let addrs: Vec<SocketAddr> = vec!["[::1]:7852".parse().unwrap(), "127.0.0.1:7852".parse().unwrap()];
        assert_eq!(
            said(Role::Client, |say| name_stands_for(say, "localhost", &addrs, "trying each in turn")),
            ["localhost stands for [::1]:7852, 127.0.0.1:7852: trying each in turn"]
        );
        assert!(said(Role::Client, |say| name_stands_for(say, "127.0.0.1", &addrs[1..], "x")).is_empty());
    }

    #[test]
    fn a_loop_server_says_how_long_it_serves() {
        // Fails if `--serve N` or its absence goes unsaid.
        assert_eq!(
            said(Role::Server, |say| serving(say, Some(3), "datagram")),
            ["serving 3 datagrams, then stopping (--serve)"]
        );
        assert_eq!(
            said(Role::Server, |say| serving(say, None, "client")),
            ["serving until stopped (Ctrl-C)"]
        );
    }

    #[test]
    fn a_cut_datagram_and_a_full_buffer_are_explained() {
        // Fails if UDP's lost rest or TCP's possibly continued message goes unexplained.
        let cut = said(Role::Client, |say| truncated(say, 16));
        assert_eq!(
            cut[0],
            "the datagram was longer than the 16-byte buffer: only its first 16 bytes count, the rest is lost"
        );
        assert!(cut[1].contains("pass a bigger --buffer"), "{cut:?}");
        let full = said(Role::Server, |say| buffer_full(say, 500));
        assert_eq!(
            full[0],
            "this read filled the whole 500-byte buffer: the message may go on in the next read"
        );
        assert!(full[1].contains("keeps no message boundaries"), "{full:?}");
    }

    #[test]
    fn a_fin_names_the_side_that_closed_and_shows_past_the_log_limit() {
        // Fails if a 0-byte read does not say who closed, or if how the
        // conversation ended could be hidden by the log limit.
        assert_eq!(
            said(Role::Client, |say| peer_closed(say, Role::Server)),
            [
                "0 bytes: the server closed its side of the connection (its FIN arrived)",
                "from now on every recv returns 0 at once: that is how a program tells a peer has gone"
            ]
        );
        assert_eq!(
            said(Role::Server, |say| peer_closed(say, Role::Client))[0],
            "0 bytes: the client closed its side of the connection (its FIN arrived)"
        );
        let say = narrator(Role::Server);
        let out = capture(|| {
            for _ in 0..70 {
                say.detail("x".repeat(64 * 1024));
            }
            peer_closed(&say, Role::Client);
        })
        .stdout();
        assert!(out.contains("the client closed its side"), "the end of a conversation is always shown");
    }

    #[test]
    fn a_client_given_up_on_is_told_why_in_bytes_and_the_end_shows_past_the_limit() {
        // Fails if the server's idle notice is not quoted as it went on the
        // wire, or hidden by the log limit.
        let say = narrator(Role::Server);
        let out = capture(|| {
            for _ in 0..70 {
                say.detail("x".repeat(64 * 1024));
            }
            gave_up_on_client(&say, "idle: nothing received for 5 s\n");
        })
        .stdout();
        assert!(
            out.ends_with(" told the client b'idle: nothing received for 5 s', and closing\n"),
            "{}",
            &out[out.len() - 200..]
        );
    }

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
