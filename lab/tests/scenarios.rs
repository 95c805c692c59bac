//! Each scenario of the lab, run as a learner runs it, and what it tells the
//! learner checked against what it captured. The lab prints each packet it
//! captured as a `[wire]` line (one column, into a pipe); these tests check
//! that those lines and the programs' own lines agree, in order.

use std::process::{Command, Output};

/// Runs the lab with `args`, in English, into a pipe (one column).
fn lab(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lab"))
        .args(args)
        .args(["--lang", "en", "--color", "never"])
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
    let lines: Vec<&str> = shown.lines().collect();
    // Each program's line about a send comes before its packet, and the
    // packet before the other side's line about receiving it.
    let order = [
        "[client] 2 connect",
        "[wire]   client → server  SYN",
        "[server] 5 accept",
        "[client] 3 send",
        "[wire]   client → server  5 bytes",
        "[server] 6 recv         read #1",
        "[client] 4 shutdown",
        "[wire]   client → server  FIN",
        "[server] 6 recv         0 bytes",
        "[server] 7 send",
        "[wire]   server → client  27 bytes",
        "[server] 8 close",
        "[wire]   server → client  FIN",
        "[client] 5 recv         0 bytes",
    ];
    let places: Vec<usize> = order.iter().map(|start| at(&shown, start)).collect();
    assert!(
        places.windows(2).all(|pair| pair[0] < pair[1]),
        "out of order ({order:?}):\n{}",
        lines.join("\n")
    );
    assert!(
        shown.contains("client: exited with code 0") && shown.contains("server: exited with code 0"),
        "{shown}"
    );
}
