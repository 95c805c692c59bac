//! Each scenario of the lab, run as a learner runs it, and what it tells the
//! learner checked against what it captured. The lab prints each packet it
//! captured as a `[wire]` line (one column, into a pipe); these tests check
//! that those lines and the programs' own lines agree, in order.

use std::process::{Command, Output};

/// Runs the lab with `args`, in English, into a pipe (one column).
fn lab(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lab"))
        .args(["--lang", "en", "--color", "never"])
        .args(args)
        .output()
        .expect("the lab runs")
}

/// The lab's standard output, the run having succeeded.
fn shown(args: &[&str]) -> String {
    let out = lab(args);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "lab {args:?} failed:\n{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    stdout
}

/// The packets the lab drew, in order: `client → server  SYN`.
fn packets(shown: &str) -> Vec<&str> {
    shown.lines().filter_map(|line| line.strip_prefix("[wire]   ")).collect()
}

/// Where a line (its start) is in the output.
fn at(shown: &str, start: &str) -> usize {
    shown
        .lines()
        .position(|line| line.starts_with(start))
        .unwrap_or_else(|| panic!("no {start:?} in:\n{shown}"))
}

#[test]
#[cfg_attr(no_private_network, ignore = "no private network here (see the build's warning)")]
fn lesson_6_shows_the_handshake_the_half_close_and_the_fins_in_order() {
    let shown = shown(&["6"]);
    let packets = packets(&shown);
    assert_eq!(
        packets,
        [
            "client → server  SYN",
            "server → client  SYN-ACK",
            "client → server  ACK",
            "client → server  5 bytes",
            "client → server  FIN",
            "server → client  ACK (of the FIN)",
            "server → client  27 bytes",
            "server → client  FIN",
            "client → server  ACK (of the FIN)",
        ],
        "{shown}"
    );
    // Each program's line about a send comes before its packet, and the
    // packet before the other side's line about receiving it. (What each
    // side does meanwhile is its own business: the server may read the
    // bytes before or after the client's shutdown.)
    let causes = [
        ["[client] 2 connect", "[wire]   client → server  SYN", "[server] 5 accept"],
        ["[client] 3 send", "[wire]   client → server  5 bytes", "[server] 6 recv         read #1"],
        ["[client] 4 shutdown", "[wire]   client → server  FIN", "[server] 6 recv         0 bytes"],
        ["[server] 7 send", "[wire]   server → client  27 bytes", "[client] 5 recv         27 bytes"],
        ["[server] 8 close", "[wire]   server → client  FIN", "[client] 5 recv         0 bytes"],
    ];
    for chain in causes {
        let places: Vec<usize> = chain.iter().map(|start| at(&shown, start)).collect();
        assert!(places.windows(2).all(|pair| pair[0] < pair[1]), "out of order: {chain:?}:\n{shown}");
    }
    assert!(
        shown.contains("client: exited with code 0") && shown.contains("server: exited with code 0"),
        "{shown}"
    );
}

/// How many lines start with `start`.
fn count(shown: &str, start: &str) -> usize {
    shown.lines().filter(|line| line.starts_with(start)).count()
}

/// The lab's output, whether the run's client succeeded or not (the lab
/// itself must succeed: it showed the run).
fn shown_any(args: &[&str]) -> String {
    shown(args)
}

#[test]
#[cfg_attr(
    any(no_private_network, no_nft),
    ignore = "no private network or no nft here (see the build's warnings)"
)]
fn lesson_2_with_every_packet_lost_shows_the_datagram_sent_never_received_and_the_timeout() {
    let shown = shown_any(&["2", "--loss", "100"]);
    // The first datagram left (the capture saw it) and was dropped (the rule said so).
    assert_eq!(packets(&shown), ["client → server  UDP 3 bytes ✗ lost"], "{shown}");
    // Nothing received: the server never read a datagram; the client waited out its timeout.
    assert_eq!(count(&shown, "[server] 2 recvfrom"), 0, "{shown}");
    assert!(shown.contains("no reply from 127.0.0.1:") && shown.contains("within 1 s"), "{shown}");
    assert!(shown.contains("client: exited with code 1"), "{shown}");
    assert!(
        shown.contains("1 packets captured, 1 of them lost")
            || shown.contains("1 packet captured, 1 of them lost"),
        "{shown}"
    );
}

#[test]
#[cfg_attr(
    any(no_private_network, no_nft),
    ignore = "no private network or no nft here (see the build's warnings)"
)]
fn lesson_2_with_loss_loses_exactly_what_the_programs_never_received() {
    for _ in 0..3 {
        loses_exactly_what_was_never_received(&shown_any(&["2", "--loss", "40"]));
    }
}

/// Lesson 2 with loss: every datagram a program sent was captured, every one
/// shown lost was never received, every other one was received.
fn loses_exactly_what_was_never_received(shown: &str) {
    let wire = packets(shown);
    let to_server: Vec<_> = wire.iter().filter(|p| p.starts_with("client → server  UDP")).collect();
    let to_client: Vec<_> = wire.iter().filter(|p| p.starts_with("server → client  UDP")).collect();
    let lost = |list: &[&&str]| list.iter().filter(|p| p.ends_with("✗ lost")).count();
    // Every datagram a program sent was captured; every one not lost was received.
    assert_eq!(count(shown, "[client] 2 sendto"), to_server.len(), "{shown}");
    assert_eq!(count(shown, "[server] 3 sendto"), to_client.len(), "{shown}");
    assert_eq!(count(shown, "[server] 2 recvfrom"), to_server.len() - lost(&to_server), "{shown}");
    assert_eq!(count(shown, "[client] 3 recvfrom"), to_client.len() - lost(&to_client), "{shown}");
    // A loss ends the client with its timeout; no loss, all three answered.
    if lost(&to_server) + lost(&to_client) > 0 {
        assert!(shown.contains("within 1 s") && shown.contains("client: exited with code 1"), "{shown}");
        let last = wire.last().expect("a packet");
        assert!(last.ends_with("✗ lost"), "the last datagram is the lost one: {shown}");
    } else {
        assert_eq!(to_server.len(), 3, "{shown}");
        assert!(shown.contains("client: exited with code 0"), "{shown}");
    }
}

#[test]
#[cfg_attr(
    any(no_private_network, no_nft),
    ignore = "no private network or no nft here (see the build's warnings)"
)]
fn lesson_4_with_loss_resends_what_was_lost_and_the_programs_see_nothing_but_time() {
    for _ in 0..3 {
        let shown = shown_any(&["4", "--loss", "20"]);
        let wire = packets(&shown);
        let lost = wire.iter().filter(|packet| packet.ends_with(" ✗ lost")).count();
        // TCP backs off: each resend of one segment waits twice as long as
        // the one before (from 3 s after a handshake that needed resends).
        // A run that loses one segment several times can outlast the
        // client's patience: the lab must then say so, and must have lost
        // something. A run the client saw through is checked whole.
        if !shown.contains("client: exited with code 0") {
            assert!(lost > 0, "a run without loss fails:\n{shown}");
            assert!(
                shown.contains("client: still running, ended by the lab") || shown.contains("within 30 s"),
                "{shown}"
            );
            continue;
        }
        // Each lost segment that carried something arrived in another copy
        // (sent before it, if the lost one was a needless resend, or after).
        let base =
            |packet: &str| packet.trim_end_matches(" ✗ lost").trim_end_matches(" (resent)").to_string();
        for packet in wire.iter().filter(|packet| packet.ends_with(" ✗ lost")) {
            // An acknowledgement is not resent as such (a later one covers it),
            // and a FIN lost as the programs end may be resent after the lab
            // has stopped watching: the data and the handshake must arrive.
            if !(base(packet).contains("bytes") || base(packet).ends_with("SYN")) {
                continue;
            }
            assert!(
                wire.iter().any(|other| !other.ends_with(" ✗ lost") && base(other) == base(packet)),
                "{packet}: no copy of it arrived:\n{shown}"
            );
        }
        // And the conversation is whole: greeting, two replies, both programs content.
        assert_eq!(count(&shown, "[client] 5 recv         read #"), 2, "{shown}");
        assert!(shown.contains("server: exited with code 0"), "{shown}");
    }
}

#[test]
#[cfg_attr(
    any(no_private_network, no_nft),
    ignore = "no private network or no nft here (see the build's warnings)"
)]
fn lesson_3_against_a_dropping_firewall_resends_its_syn_until_it_gives_up() {
    let shown = shown_any(&["3", "--firewall", "drop"]);
    let wire = packets(&shown);
    assert!(wire.len() >= 2, "the SYN is sent more than once: {shown}");
    assert_eq!(wire[0], "client → server  SYN", "{shown}");
    assert!(
        wire[1..].iter().all(|p| *p == "client → server  SYN (resent)"),
        "only SYNs, unanswered: {shown}"
    );
    assert!(shown.contains("client: exited with code 1"), "{shown}");
    assert_eq!(count(&shown, "[server] 5 accept"), 0, "{shown}");
}

#[test]
#[cfg_attr(
    any(no_private_network, no_nft),
    ignore = "no private network or no nft here (see the build's warnings)"
)]
fn lesson_3_against_a_rejecting_firewall_is_refused_at_once() {
    let shown = shown_any(&["3", "--firewall", "reject"]);
    assert_eq!(packets(&shown), ["client → server  SYN", "server → client  RST"], "{shown}");
    assert!(shown.contains("connection refused") && shown.contains("client: exited with code 1"), "{shown}");
}

#[test]
#[cfg_attr(no_private_network, ignore = "no private network here (see the build's warning)")]
fn lesson_3_on_two_hosts_is_refused_on_127_0_0_1_and_served_on_0_0_0_0() {
    let refused = shown_any(&["3", "--two-hosts"]);
    assert!(refused.contains("listening on 127.0.0.1:"), "{refused}");
    assert_eq!(packets(&refused), ["client → server  SYN", "server → client  RST"], "{refused}");
    assert!(refused.contains("connection refused by 192.0.2.2:"), "{refused}");
    assert!(refused.contains("client: exited with code 1"), "{refused}");

    let served = shown_any(&["3", "--two-hosts", "--host", "0.0.0.0"]);
    assert!(served.contains("listening on 0.0.0.0:"), "{served}");
    let wire = packets(&served);
    assert_eq!(
        wire[..4],
        [
            "client → server  SYN",
            "server → client  SYN-ACK",
            "client → server  ACK",
            "client → server  19 bytes"
        ],
        "{served}"
    );
    assert!(served.contains("connection from 192.0.2.1:"), "{served}");
    assert!(
        served.contains("client: exited with code 0") && served.contains("server: exited with code 0"),
        "{served}"
    );
}

#[test]
#[cfg_attr(no_private_network, ignore = "no private network here (see the build's warning)")]
fn lesson_6_abort_shows_one_rst_instead_of_the_fins() {
    let shown = shown(&["6", "--", "--close", "abort"]);
    let wire = packets(&shown);
    assert!(wire.contains(&"client → server  RST"), "{shown}");
    assert!(!wire.iter().any(|p| p.starts_with("client → server  FIN")), "{shown}");
}

#[test]
#[cfg_attr(no_private_network, ignore = "no private network here (see the build's warning)")]
fn save_keeps_each_line_once_whole_whatever_the_width() {
    let file = std::env::temp_dir().join(format!("lab-save-{}.txt", std::process::id()));
    let narrow = shown(&["1", "--width", "60", "--save", file.to_str().unwrap()]);
    let saved = std::fs::read_to_string(&file).unwrap();
    let _ = std::fs::remove_file(&file);
    // The same words, each shown line once: a row that continues a line
    // (indented) is part of the line before it, and not a line of the file.
    let words = |text: &str| text.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    assert_eq!(words(&saved), words(&narrow), "saved:\n{saved}\nshown:\n{narrow}");
    let lines = |text: &str| text.lines().filter(|l| !l.is_empty() && !l.starts_with(' ')).count();
    assert_eq!(saved.lines().filter(|l| !l.is_empty()).count(), lines(&narrow), "saved:\n{saved}");
    assert!(narrow.lines().any(|l| l.starts_with("    ")), "the narrow view wraps: {narrow}");
}

/// Where the close line of `side` ("server", "client") is: `[server] 8
/// close`, or `[server #1] 9 close` for lesson 5's connection thread.
fn close_line(shown: &str, side: &str) -> Option<usize> {
    shown.lines().position(|line| {
        let Some(rest) = line.strip_prefix(&format!("[{side}")) else { return false };
        let rest = rest.trim_start_matches(|c: char| c == ' ' || c == '#' || c.is_ascii_digit());
        let Some(step) = rest.strip_prefix("] ") else { return false };
        let mut words = step.split_whitespace();
        words.next().is_some_and(|n| n.parse::<u8>().is_ok()) && words.next() == Some("close")
    })
}

#[test]
#[cfg_attr(no_private_network, ignore = "no private network here (see the build's warning)")]
fn each_close_line_comes_after_what_its_side_sent_and_before_the_fin_it_sends() {
    // A close line is written after the close (it says what the close sent),
    // and must still sit where the close happened: after the reply or the
    // datagram its program sent before it, before the FIN the close sends.
    for lesson in ["1", "2", "3", "4", "5", "6"] {
        let shown = shown(&[lesson]);
        let lines: Vec<&str> = shown.lines().collect();
        for (side, other) in [("server", "client"), ("client", "server")] {
            let Some(close) = close_line(&shown, side) else {
                // Lesson 2's server serves until stopped: the lab stops it.
                let stopped = format!("{side}: still running, ended by the lab");
                assert!(shown.contains(&stopped), "lesson {lesson}: no {side} close line:\n{shown}");
                continue;
            };
            let sent = format!("[wire]   {side} → {other}  ");
            for (place, line) in lines.iter().enumerate() {
                let Some(packet) = line.strip_prefix(&sent) else { continue };
                if packet.contains("bytes") {
                    assert!(
                        place < close,
                        "lesson {lesson}: the {side}'s close line comes before its {packet:?}:\n{shown}"
                    );
                }
            }
            // Its FIN, unless a shutdown sent it earlier (lesson 6's client).
            let shut = lines.iter().any(|line| line.starts_with(&format!("[{side}] 4 shutdown")));
            let fin = lines.iter().position(|line| {
                line.strip_prefix(&sent).is_some_and(|p| p.contains("FIN") && !p.contains("ACK"))
            });
            if let (Some(fin), false) = (fin, shut) {
                assert!(
                    close < fin,
                    "lesson {lesson}: the {side}'s FIN comes before its close line:\n{shown}"
                );
            }
        }
    }
}

#[test]
#[cfg_attr(
    any(no_private_network, no_nft),
    ignore = "no private network or no nft here (see the build's warnings)"
)]
fn lesson_2_on_two_hosts_with_loss_loses_on_the_cable_exactly_what_was_never_received() {
    // Each host drops some of what reaches it over the cable: the client's
    // datagrams on the server's host, the replies on the client's.
    let two_hosts = ["2", "--two-hosts", "--host", "0.0.0.0"];
    for _ in 0..3 {
        loses_exactly_what_was_never_received(&shown_any(&[&two_hosts[..], &["--loss", "40"]].concat()));
    }
    // Everything lost: the first datagram crossed the cable (the capture saw
    // it) and the server's host dropped it (its rule said so).
    let shown = shown_any(&[&two_hosts[..], &["--loss", "100"]].concat());
    assert_eq!(packets(&shown), ["client → server  UDP 3 bytes ✗ lost"], "{shown}");
    assert_eq!(count(&shown, "[server] 2 recvfrom"), 0, "{shown}");
    assert!(shown.contains("no reply from 192.0.2.2:") && shown.contains("within 1 s"), "{shown}");
    assert!(shown.contains("client: exited with code 1"), "{shown}");
    assert!(shown.contains("1 packet captured, 1 of them lost"), "{shown}");
}
