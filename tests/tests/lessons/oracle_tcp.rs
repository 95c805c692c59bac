//! The wire is the judge, for the TCP lessons: every line a program prints
//! about what crossed the wire (a handshake, a FIN, an RST) checked against
//! the packets captured in the same run. (The UDP lessons: `oracle_udp.rs`.)
//!
//! Each test runs in a network namespace of its own (see the harness's
//! `on_a_private_wire`), so the capture holds that test's packets and nothing
//! else. A failure lists the packets, one a line, as `tcpdump -n` would.

use std::net::SocketAddr;

use course_tests::{Server, address_in, capture, client, on_a_private_wire, packets, stdout_of};
use wire::{Packet, listing};

/// One TCP conversation with the capture on: the server `server` with
/// `server_args` (on port 0), its client `client` with `client_args`, both run
/// to their end (the server needs `--serve`).
struct Run {
    packets: Vec<Packet>,
    client_says: String,
    server_says: String,
    /// The client's address (its connect line's `from`).
    me: SocketAddr,
    /// The server's address (its ready line).
    server: SocketAddr,
}

fn tcp_run(server: &str, server_args: &[&str], program: &str, client_args: &[&str]) -> Run {
    let capture = capture();
    let running = Server::start(server, server_args);
    let run = client(program).args(["--port", &running.port()]).args(client_args).assert().success();
    let served = running.finish().success();
    let packets = packets(capture);
    let (client_says, server_says) = (stdout_of(&run), stdout_of(&served));
    let me = address_in(&client_says, " from ");
    let server = ready_address_in(&server_says);
    Run { packets, client_says, server_says, me, server }
}

/// The address in a server's ready line.
fn ready_address_in(output: &str) -> SocketAddr {
    output
        .lines()
        .find_map(course_tests::ready_address)
        .unwrap_or_else(|| panic!("no ready line in:\n{output}"))
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
    /// "our FIN goes out, unless the server's RST gets here first": a FIN
    /// and no RST, or the peer's RST and nothing.
    FinOrNothing,
    /// "sends RST, unless the peer's RST gets here first": an RST, or the
    /// peer's RST and nothing; never a FIN.
    RstOrNothing,
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
        Close::FinOrNothing => (
            "a FIN from it and no RST, or an RST to it and nothing from it",
            resets == 0 && (fins >= 1 || resets_in >= 1),
        ),
        Close::RstOrNothing => (
            "an RST from it, or an RST to it and nothing from it; never a FIN",
            fins == 0 && (resets >= 1 || resets_in >= 1),
        ),
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
    let unless = line.contains("unless the server's RST gets here first");
    if line.contains("(FIN)") {
        Close::Fin
    } else if line.contains("reset the connection") && line.contains("close sends nothing") {
        Close::NothingAfterReset
    } else if line.contains("our FIN goes out") && unless {
        Close::FinOrNothing
    } else if line.contains("unread sends RST, not FIN") && unless {
        Close::RstOrNothing
    } else if line.contains("unread sends RST, not FIN") {
        Close::Rst
    } else {
        panic!("lesson 3's client says neither FIN nor reset at its close:\n{output}")
    }
}

/// What lesson 3's server said of its close.
fn lesson3_server_close(output: &str) -> Close {
    if output.contains(
        "closing with unread bytes sends RST, not FIN (or nothing, if the client's own RST came first)",
    ) {
        Close::RstOrNothing
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
    let Run { packets, client_says, server_says, me, server: server_addr } =
        tcp_run("lesson3-server", server_args, "lesson3-client", client_args);
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

#[test]
#[cfg_attr(no_private_network, ignore = "needs a private network namespace: Linux, unshare -rn and ip")]
fn lesson4_a_split_reply_is_read_whole_and_no_close_meets_a_reply_twenty_times() {
    // The server reads 8 bytes at a time: one 16-byte message gets two replies.
    // The client shows both, every run, and no reply reaches a closed socket:
    // no RST crosses the wire, each side sends one FIN.
    on_a_private_wire(|| {
        for _ in 0..20 {
            let Run { packets, client_says, server_says, me, server: server_addr } = tcp_run(
                "lesson4-server",
                &["--buffer", "8", "--serve", "1"],
                "lesson4-client",
                &["--message", "0123456789ABCDEF"],
            );
            for reply in ["text:  第1条信息：01234567", "text:  第2条信息：89ABCDEF"] {
                assert!(client_says.contains(reply), "the client must show {reply:?}:\n{client_says}");
            }
            assert!(client_says.contains("6 shutdown"), "{client_says}");
            assert!(client_says.contains("7 close        closing: both FINs have crossed"), "{client_says}");
            assert!(
                server_says.contains("9 close        closing client #1's connection (FIN)"),
                "{server_says}"
            );
            assert!(server_says.contains("resets: 0"), "{server_says}");
            let rsts = packets.iter().filter(|p| p.tcp_flags().is_some_and(|f| f.rst)).count();
            assert_eq!(rsts, 0, "no close may meet a reply: no RST on the wire:\n{}", listing(&packets));
            assert_eq!(
                flagged(&packets, me, server_addr, |f| f.fin),
                1,
                "one FIN from the client (its shutdown):\n{}",
                listing(&packets)
            );
            assert_eq!(
                flagged(&packets, server_addr, me, |f| f.fin),
                1,
                "one FIN from the server (its close):\n{}",
                listing(&packets)
            );
            // The client's FIN (at its shutdown) goes before the server's (its close after the 0-byte read).
            let first_fin = packets.iter().find(|p| p.tcp_flags().is_some_and(|f| f.fin)).unwrap();
            assert_eq!(first_fin.from, me, "the client's FIN comes first:\n{}", listing(&packets));
        }
    });
}

#[test]
#[cfg_attr(no_private_network, ignore = "needs a private network namespace: Linux, unshare -rn and ip")]
fn lesson4_exit_then_the_servers_fin_then_the_clients() {
    on_a_private_wire(|| {
        let Run { packets, client_says, server_says, me, server: server_addr } = tcp_run(
            "lesson4-server",
            &["--serve", "1"],
            "lesson4-client",
            &["--message", "hello", "--message", "exit"],
        );
        assert!(client_says.contains("7 close        closing the connection (FIN)"), "{client_says}");
        let last = "9 close        closing client #1's connection (FIN); that was the last client";
        assert!(server_says.contains(last), "{server_says}");
        check_close(&packets, "lesson 4's client", me, server_addr, Close::Fin);
        check_close(&packets, "lesson 4's server", server_addr, me, Close::Fin);
        let first_fin = packets.iter().find(|p| p.tcp_flags().is_some_and(|f| f.fin)).unwrap();
        assert_eq!(first_fin.from, server_addr, "after exit the server closes first:\n{}", listing(&packets));
    });
}

#[test]
#[cfg_attr(no_private_network, ignore = "needs a private network namespace: Linux, unshare -rn and ip")]
fn lesson5_every_close_of_two_conversations_sends_what_it_says() {
    on_a_private_wire(|| {
        let Run { packets, client_says, server_says, server: server_addr, .. } = tcp_run(
            "lesson5-server",
            &["--serve", "2"],
            "lesson5-client",
            &["--connections", "2", "--message", "hi", "--message", "exit"],
        );
        for number in 1..=2 {
            let tag = format!("[client #{number}]");
            let lines: String =
                client_says.lines().filter(|l| l.starts_with(&tag)).map(|l| format!("{l}\n")).collect();
            let me = address_in(&lines, " from ");
            assert!(lines.contains("6 close        closing the connection (FIN)"), "{lines}");
            check_close(&packets, &format!("lesson 5's client #{number}"), me, server_addr, Close::Fin);
            check_close(&packets, "lesson 5's server", server_addr, me, Close::Fin);
        }
        assert_eq!(
            server_says.matches("9 close        closing this connection (FIN)").count(),
            2,
            "{server_says}"
        );
    });
}

/// One lesson 6 conversation with `--close close`, checked against the wire.
fn lesson6_run(close: &str) {
    let Run { packets, client_says, server_says, me, server: server_addr } = tcp_run(
        "lesson6-server",
        &["--serve", "1"],
        "lesson6-client",
        &["--message", "hello", "--close", close],
    );
    let (fins_out, rsts_out) =
        (flagged(&packets, me, server_addr, |f| f.fin), flagged(&packets, me, server_addr, |f| f.rst));
    let wire = listing(&packets);
    match close {
        "half" => {
            assert!(client_says.contains("4 shutdown     shutdown(Write): FIN sent"), "{client_says}");
            assert!(server_says.contains("0 bytes: the client's FIN arrived"), "{server_says}");
            assert!(server_says.contains("8 close        our FIN goes out"), "{server_says}");
            assert_eq!(
                (fins_out, rsts_out),
                (1, 0),
                "the half-close: one FIN from the client, no RST:\n{wire}"
            );
            check_close(&packets, "lesson 6's server", server_addr, me, Close::Fin);
        }
        "full" => {
            assert!(client_says.contains("FIN sent, no reply will be read"), "{client_says}");
            assert!(client_says.contains("our kernel answers it with RST"), "{client_says}");
            // The client's RST is usually back before the server's send returns;
            // on a busy machine it may not be yet, and the server says so.
            let fate = [
                "the reply met a reset",
                "no reset so far: the client still reads (a half-close), or its RST is still on the way",
            ];
            assert!(fate.iter().any(|said| server_says.contains(said)), "{server_says}");
            assert_eq!(fins_out, 1, "the full close: a FIN from the client:\n{wire}");
            // The reply reached a socket that was gone: the client's kernel answered it with RST.
            let reply_at = packets.iter().position(|p| p.goes(server_addr, me) && !p.payload().is_empty());
            let reset_at =
                packets.iter().position(|p| p.goes(me, server_addr) && p.tcp_flags().is_some_and(|f| f.rst));
            assert!(
                matches!((reply_at, reset_at), (Some(r), Some(x)) if r < x),
                "the reply, then the client's RST:\n{wire}"
            );
        }
        "abort" => {
            assert!(client_says.contains("aborting: RST sent, not FIN"), "{client_says}");
            assert!(server_says.contains("the client reset the connection (RST, not FIN)"), "{server_says}");
            assert_eq!((fins_out, rsts_out), (0, 1), "the abort: an RST from the client, no FIN:\n{wire}");
        }
        _ => unreachable!(),
    }
}

#[test]
#[cfg_attr(no_private_network, ignore = "needs a private network namespace: Linux, unshare -rn and ip")]
fn lesson6_half_full_and_abort_each_send_what_they_say_abort_twenty_times() {
    on_a_private_wire(|| {
        lesson6_run("half");
        lesson6_run("full");
        for _ in 0..20 {
            lesson6_run("abort");
        }
    });
}
