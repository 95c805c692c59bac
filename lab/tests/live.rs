//! The lab on a terminal draws the run while it goes on (into a pipe it
//! prints the whole run at the end: the scenario tests read that).

use std::io::Read;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// How long a run may take here before the test gives up on it.
const DEADLINE: Duration = Duration::from_secs(60);

/// What the terminal showed, each piece with the time it came (since the start).
fn on_a_terminal(args: &str) -> Vec<(Duration, String)> {
    let line = format!("{} --lang en --color never --width 100 {args}", env!("CARGO_BIN_EXE_lab"));
    let mut child = Command::new("script")
        .args(["-qfec", &line, "/dev/null"])
        .stdin(Stdio::piped()) // kept open: script ends with the lab, not at the end of its input
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("script runs");
    let mut stdout = child.stdout.take().unwrap();
    let started = Instant::now();
    let (sender, pieces) = mpsc::channel();
    thread::spawn(move || {
        let mut buf = [0; 4096];
        while let Ok(n @ 1..) = stdout.read(&mut buf) {
            let piece = String::from_utf8_lossy(&buf[..n]).into_owned();
            if sender.send((started.elapsed(), piece)).is_err() {
                break;
            }
        }
    });
    let mut shown = Vec::new();
    while let Ok(piece) = pieces.recv_timeout(DEADLINE.saturating_sub(started.elapsed())) {
        shown.push(piece);
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(started.elapsed() < DEADLINE, "the lab did not end within {DEADLINE:?}: {shown:?}");
    shown
}

/// When `needle` first showed.
fn first(shown: &[(Duration, String)], needle: &str) -> Option<Duration> {
    let mut so_far = String::new();
    shown.iter().find_map(|(at, piece)| {
        so_far.push_str(piece);
        so_far.contains(needle).then_some(*at)
    })
}

/// The rows that stay on the screen: a row rewritten in place (after `\r`
/// and a clear) counts as its last text, and the waiting row is gone.
fn rows(shown: &[(Duration, String)]) -> Vec<String> {
    let all: String = shown.iter().map(|(_, piece)| piece.as_str()).collect();
    all.split('\n')
        .map(|row| {
            let row = row.trim_end_matches('\r');
            row.rsplit("\x1b[2K").next().unwrap_or(row).to_string()
        })
        .filter(|row| !row.is_empty())
        .collect()
}

#[test]
#[cfg_attr(
    any(no_private_network, no_nft, no_script),
    ignore = "no private network, nft or script here (see the build's warnings)"
)]
fn on_a_terminal_the_packets_are_drawn_while_the_run_goes_on() {
    // The client's connect waits 4 s (its --timeout) against a dropping
    // firewall: its SYNs are counted as they go, its lines shown, long
    // before the run ends; its connect line would sort before the first
    // SYN, so the SYNs themselves are held until connect has returned.
    let shown = on_a_terminal("3 --firewall drop");
    let end = shown.last().expect("the lab showed something").0;
    let socket = first(&shown, "[client] 1 socket").expect("the client's socket line");
    let counting = first(&shown, "inside connect: 2 SYNs sent so far").expect("the SYNs counted as they go");
    assert!(
        socket + Duration::from_secs(2) < end,
        "the client's first line came at {socket:?}, the end at {end:?}"
    );
    assert!(
        counting + Duration::from_secs(1) < end,
        "the SYN count came at {counting:?}, the end at {end:?}"
    );
    // What stays on the screen is the run in order, the waiting row gone.
    let rows = rows(&shown);
    let place = |start: &str| rows.iter().position(|row| row.starts_with(start));
    let syn = place("[wire]   client → server  SYN").expect("the SYN drawn");
    assert!(place("[client] 1 socket").unwrap() < syn, "{rows:#?}");
    assert!(syn < place("error: no answer from").expect("the client's error"), "{rows:#?}");
    assert!(!rows.iter().any(|row| row.contains("inside connect")), "the waiting row stayed: {rows:#?}");
    assert!(
        !rows.iter().any(|row| row.contains("shown again") || row.contains("here it is again")),
        "{rows:#?}"
    );
}

#[test]
#[cfg_attr(
    any(no_private_network, no_script),
    ignore = "no private network or script here (see the build's warnings)"
)]
fn on_a_terminal_lesson_6_is_drawn_in_the_same_order_as_into_a_pipe() {
    let piped = Command::new(env!("CARGO_BIN_EXE_lab"))
        .args(["--lang", "en", "--color", "never", "6"])
        .output()
        .expect("the lab runs");
    let piped = String::from_utf8_lossy(&piped.stdout).into_owned();
    let wire = |rows: &mut dyn Iterator<Item = &str>| -> Vec<String> {
        rows.filter(|row| row.starts_with("[wire]")).map(str::to_string).collect()
    };
    for _ in 0..3 {
        let rows = rows(&on_a_terminal("6"));
        assert_eq!(wire(&mut rows.iter().map(String::as_str)), wire(&mut piped.lines()), "{rows:#?}");
        let place = |start: &str| rows.iter().position(|row| row.starts_with(start)).unwrap_or(usize::MAX);
        for chain in [
            ["[client] 2 connect", "[wire]   client → server  SYN", "[server] 5 accept"],
            ["[client] 4 shutdown", "[wire]   client → server  FIN", "[server] 6 recv         0 bytes"],
            ["[server] 8 close", "[wire]   server → client  FIN", "[client] 5 recv         0 bytes"],
        ] {
            let places: Vec<usize> = chain.iter().map(|start| place(start)).collect();
            assert!(places.windows(2).all(|pair| pair[0] < pair[1]), "out of order: {chain:?}:\n{rows:#?}");
        }
        assert!(rows.iter().any(|row| row == "client: exited with code 0"), "{rows:#?}");
    }
}
