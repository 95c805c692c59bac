//! Tests that check what the programs say against the packets: each one runs
//! in a network namespace of its own (`unshare -rn`: a private loopback, no
//! root needed where the system allows unprivileged user namespaces), so the
//! capture there sees that test's packets and no others.
//!
//! A test binary cannot move itself into a new user namespace once it has
//! threads, so [`on_a_private_wire`] runs the test again, alone, in a new
//! process inside the namespace, and passes or fails with it.

use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::time::Duration;

use wire::{Capture, Packet};

use crate::{Killed, poll_until, skip};

/// Set (to the test's name) in the copy of the test binary that runs inside
/// the namespace.
const INSIDE: &str = "COURSE_PRIVATE_WIRE";

/// How long one test may take inside its namespace (some repeat a racy
/// scenario twenty times) before it is killed as hung.
const LIMIT: Duration = Duration::from_secs(120);

/// Runs `body` inside a network namespace of its own, where
/// [`wire::Capture::start`] sees this test's packets and no others. Call it
/// as the whole of a `#[test]` function; where no namespace can be made, the
/// test is skipped with the reason (a failure under `COURSE_NO_SKIPS`).
pub fn on_a_private_wire(body: impl FnOnce()) {
    let current = std::thread::current();
    let test = current.name().expect("libtest names each test's thread after the test");
    if std::env::var(INSIDE).as_deref() == Ok(test) {
        return body();
    }
    if let Err(why) = private_network() {
        return skip(&why);
    }
    let me = std::env::current_exe().expect("the test binary's path");
    let log = std::env::temp_dir().join(format!("course-wire-{}-{}.log", std::process::id(), test));
    let file = std::fs::File::create(&log).expect("a log file in the temporary folder");
    // In the namespace: bring its loopback up (it starts down), then run this one test.
    let mut inside = Killed(
        Command::new("unshare")
            .args(["-rn", "sh", "-c", r#"ip link set lo up && exec "$0" "$@""#])
            .arg(me)
            .args([test, "--exact", "--nocapture", "--test-threads", "1"])
            .env(INSIDE, test)
            .stdin(Stdio::null())
            .stdout(file.try_clone().expect("the log file"))
            .stderr(file)
            .spawn()
            .expect("unshare starts"),
    );
    let ended = poll_until(LIMIT, || inside.try_wait().is_ok_and(|status| status.is_some()));
    let status = inside.try_wait().ok().flatten();
    let output = std::fs::read_to_string(&log).unwrap_or_default();
    let _ = std::fs::remove_file(&log);
    assert!(ended, "{test} did not finish within {LIMIT:?} in its namespace; it printed:\n{output}");
    assert!(
        status.is_some_and(|status| status.success()) && output.contains("1 passed"),
        "{test} failed in its private network namespace:\n{output}"
    );
}

/// Whether a private network namespace can be made here, with its loopback
/// up; else why not.
pub fn private_network() -> Result<(), String> {
    if !cfg!(target_os = "linux") {
        return Err("packets are captured on Linux only (AF_PACKET in a network namespace)".into());
    }
    let made = Command::new("unshare")
        .args(["-rn", "ip", "link", "set", "lo", "up"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output();
    match made {
        Ok(out) if out.status.success() => Ok(()),
        Ok(out) => Err(format!(
            "no private network namespace here (`unshare -rn ip link set lo up` failed: {}); \
             the packet checks need unprivileged user namespaces, or root",
            String::from_utf8_lossy(&out.stderr).trim()
        )),
        Err(err) => Err(format!("`unshare` (util-linux) cannot run here ({err}); the packet checks need it")),
    }
}

/// Starts a capture of this namespace's packets, or fails the test saying why.
pub fn capture() -> Capture {
    Capture::start().unwrap_or_else(|err| panic!("cannot capture packets in this namespace: {err}"))
}

/// Stops a capture and returns its packets.
pub fn packets(capture: Capture) -> Vec<Packet> {
    capture.stop().unwrap_or_else(|err| panic!("the capture failed: {err}"))
}

/// The address after `marker` in the first line of `output` that has it
/// (`address_in(out, "listening on ")`).
pub fn address_in(output: &str, marker: &str) -> SocketAddr {
    output
        .lines()
        .find_map(|line| line.split_once(marker))
        .and_then(|(_, rest)| rest.split_whitespace().next())
        .and_then(|word| word.trim_end_matches([',', ':', ')', ';']).parse().ok())
        .unwrap_or_else(|| panic!("no address after {marker:?} in:\n{output}"))
}
