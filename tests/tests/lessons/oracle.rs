//! The wire is the judge: every line a lesson program prints about what
//! crossed the wire (a datagram and its sender, a FIN, an RST, an ICMP error)
//! checked against the packets captured in the same run.
//!
//! Each test runs in a network namespace of its own (see the harness's
//! `on_a_private_wire`), so the capture holds that test's packets and nothing
//! else. A failure lists the packets, one a line, as `tcpdump -n` would.

use std::net::SocketAddr;

use course_tests::{Server, client, on_a_private_wire};
use wire::{Capture, Kind, Packet, listing};

/// Starts a capture, or fails the test saying why.
fn capture() -> Capture {
    Capture::start().unwrap_or_else(|err| panic!("cannot capture packets in this namespace: {err}"))
}

/// Stops a capture and returns its packets.
fn packets(capture: Capture) -> Vec<Packet> {
    capture.stop().unwrap_or_else(|err| panic!("the capture failed: {err}"))
}

/// The address after `marker` in the first line of `output` that has it.
fn address_in(output: &str, marker: &str) -> SocketAddr {
    output
        .lines()
        .find_map(|line| line.split_once(marker))
        .and_then(|(_, rest)| rest.split_whitespace().next())
        .and_then(|word| word.trim_end_matches([',', ':', ')']).parse().ok())
        .unwrap_or_else(|| panic!("no address after {marker:?} in:\n{output}"))
}

/// The UDP datagrams of `packets` from `from` to `to`.
fn datagrams(packets: &[Packet], from: SocketAddr, to: SocketAddr) -> Vec<Vec<u8>> {
    packets
        .iter()
        .filter(|packet| packet.goes(from, to))
        .filter_map(|packet| match &packet.kind {
            Kind::Udp { payload } => Some(payload.clone()),
            _ => None,
        })
        .collect()
}

fn stdout(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stdout).into_owned()
}

#[test]
#[cfg_attr(no_private_network, ignore = "needs a private network namespace: Linux, unshare -rn and ip")]
fn lesson1_each_datagram_a_program_names_crossed_the_wire_as_named() {
    on_a_private_wire(|| {
        let capture = capture();
        let server = Server::start("lesson1-server", &[]);
        let run = client("lesson1-client").args(["--port", &server.port()]).assert().success();
        let served = server.finish().success();
        let packets = packets(capture);
        let (client_says, server_says) = (stdout(&run), stdout(&served));
        let me = address_in(&client_says, "UDP socket on ");
        let server_addr = address_in(&server_says, "bound to ");
        // The client: "2 sendto 15 bytes to SERVER: b'I love jingjing'".
        assert!(
            client_says.contains(&format!("15 bytes to {server_addr}: b'I love jingjing'")),
            "{client_says}"
        );
        assert_eq!(
            datagrams(&packets, me, server_addr),
            [b"I love jingjing".to_vec()],
            "the client said it sent one 15-byte datagram to {server_addr}; the wire shows:\n{}",
            listing(&packets)
        );
        // The server: "15 bytes from CLIENT", then "19 bytes to CLIENT".
        assert!(server_says.contains(&format!("15 bytes from {me}")), "{server_says}");
        assert!(server_says.contains(&format!("19 bytes to {me}: b'Ich hab keine Hunge'")), "{server_says}");
        assert_eq!(
            datagrams(&packets, server_addr, me),
            [b"Ich hab keine Hunge".to_vec()],
            "the server said it answered with one 19-byte datagram to {me}; the wire shows:\n{}",
            listing(&packets)
        );
        assert_eq!(packets.len(), 2, "one datagram each way, and nothing else:\n{}", listing(&packets));
    });
}

/// The segments of `packets` from `from` to `to` with a flag that `flag` picks.
fn flagged(packets: &[Packet], from: SocketAddr, to: SocketAddr, flag: fn(wire::Flags) -> bool) -> usize {
    packets.iter().filter(|p| p.goes(from, to) && p.tcp_flags().is_some_and(flag)).count()
}

/// What a program said its close sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Close {
    /// "closing ... (FIN)": a FIN leaves, and no RST.
    Fin,
    /// "closing with unread bytes sends RST": an RST leaves, and no FIN.
    Rst,
    /// "the server reset the connection ... close sends nothing": the peer's RST
    /// came in, and nothing leaves.
    NothingAfterReset,
}

/// Checks what `who` (at `me`) said its close sent to `peer` against the packets.
fn check_close(packets: &[Packet], who: &str, me: SocketAddr, peer: SocketAddr, said: Close) {
    let fins = flagged(packets, me, peer, |f| f.fin);
    let resets = flagged(packets, me, peer, |f| f.rst);
    let resets_in = flagged(packets, peer, me, |f| f.rst);
    let (expected, true_on_the_wire) = match said {
        Close::Fin => ("a FIN from it and no RST", fins >= 1 && resets == 0),
        Close::Rst => ("an RST from it and no FIN", resets >= 1 && fins == 0),
        Close::NothingAfterReset => {
            ("an RST to it, then nothing from it", resets_in >= 1 && fins == 0 && resets == 0)
        }
    };
    assert!(
        true_on_the_wire,
        "{who} ({me}) said its close sent {said:?}, which means {expected}; the wire shows:\n{}",
        listing(packets)
    );
}

/// What lesson 3's client said of its close.
fn lesson3_client_close(output: &str) -> Close {
    let line =
        output.lines().find(|line| line.contains("5 close")).unwrap_or_else(|| panic!("no close:\n{output}"));
    if line.contains("(FIN)") {
        Close::Fin
    } else if line.contains("reset the connection") && line.contains("close sends nothing") {
        Close::NothingAfterReset
    } else if line.contains("unread sends RST, not FIN") {
        Close::Rst
    } else {
        panic!("lesson 3's client says neither FIN nor reset at its close:\n{output}")
    }
}

/// What lesson 3's server said of its close.
fn lesson3_server_close(output: &str) -> Close {
    if output.contains("closing with unread bytes sends RST") {
        Close::Rst
    } else if output
        .contains("the client reset the connection (its RST came first), so our close sends nothing")
    {
        Close::NothingAfterReset
    } else if output.contains("closing sends FIN") {
        Close::Fin
    } else {
        panic!("lesson 3's server says neither FIN nor RST before its close:\n{output}")
    }
}

/// One lesson 3 conversation with the capture on: the server with
/// `server_args`, the client with `client_args`; every close line checked.
/// Returns what the two closes were.
fn lesson3_run(server_args: &[&str], client_args: &[&str]) -> (Close, Close) {
    let capture = capture();
    let server = Server::start("lesson3-server", server_args);
    let run = client("lesson3-client").args(["--port", &server.port()]).args(client_args).assert().success();
    let served = server.finish().success();
    let packets = packets(capture);
    let (client_says, server_says) = (stdout(&run), stdout(&served));
    let me = address_in(&client_says, " from ");
    let server_addr = address_in(&server_says, "listening on ");
    // The handshake: the SYN from the port the client named, and the server
    // accepted that same address.
    assert_eq!(flagged(&packets, me, server_addr, |f| f.syn && !f.ack), 1, "one SYN:\n{}", listing(&packets));
    assert!(server_says.contains(&format!("connection from {me}")), "{server_says}");
    let (client_close, server_close) =
        (lesson3_client_close(&client_says), lesson3_server_close(&server_says));
    check_close(&packets, "lesson 3's client", me, server_addr, client_close);
    check_close(&packets, "lesson 3's server", server_addr, me, server_close);
    (client_close, server_close)
}

#[test]
#[cfg_attr(no_private_network, ignore = "needs a private network namespace: Linux, unshare -rn and ip")]
fn lesson3_both_closes_send_fin_when_nothing_is_left_unread() {
    on_a_private_wire(|| {
        assert_eq!(lesson3_run(&[], &[]), (Close::Fin, Close::Fin));
    });
}

#[test]
#[cfg_attr(no_private_network, ignore = "needs a private network namespace: Linux, unshare -rn and ip")]
fn lesson3_a_server_that_leaves_bytes_unread_resets_and_the_client_says_what_it_saw_twenty_times() {
    // The server's one recv takes 10 bytes (or 500 of 600): its close sends
    // RST. The client's close comes before or after that RST arrives, run by
    // run; what it says must be what the wire shows, every run.
    on_a_private_wire(|| {
        let long = "x".repeat(600);
        for (server_args, client_args) in
            [(&["--buffer", "10"][..], &[][..]), (&[], &["--message", long.as_str()])]
        {
            for _ in 0..20 {
                lesson3_run(server_args, client_args);
            }
        }
    });
}
