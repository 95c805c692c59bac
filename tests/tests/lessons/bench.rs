//! The benchmark runs, and measures what it says: `bench --scale` at a small
//! count, against a server that adds a thread per client (lesson 5) and one
//! that adds none (lesson 7). The figures themselves are the docs' business
//! (`docs/reference/benchmarks.md`, from a release build); here, that every
//! client was greeted and answered, that the thread counts tell the two
//! designs apart, and that the plot is drawn.

use std::process::Command;
use std::time::Duration;

use course_tests::{Killed, in_english, poll_until};

#[test]
fn bench_scale_greets_every_client_and_tells_a_thread_per_client_from_one_thread() {
    let svg = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-scale-test.svg");
    let _ = std::fs::remove_file(&svg);
    let mut bench = Command::new(env!("CARGO_BIN_EXE_bench"));
    in_english(&mut bench)
        .args(["--scale", "--only", "lesson5-server,lesson7-server", "--connections", "20", "--svg"])
        .arg(&svg)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut running = Killed(bench.spawn().expect("the benchmark starts"));
    let ended =
        poll_until(Duration::from_secs(60), || running.try_wait().is_ok_and(|status| status.is_some()));
    assert!(ended, "bench --scale at 20 connections did not finish within 60 s");
    let mut out = String::new();
    std::io::Read::read_to_string(&mut running.stdout.take().unwrap(), &mut out).unwrap();
    assert!(running.wait().unwrap().success(), "the benchmark failed:\n{out}");
    // | server | connections | greeted | connect and greet all | messages/s | p50 | p99 | peak RSS | threads |
    let row = |name: &str| -> Vec<String> {
        let line = out.lines().find(|line| line.starts_with(&format!("| {name} |")));
        let line = line.unwrap_or_else(|| panic!("no row for {name}:\n{out}"));
        line.split('|').map(|cell| cell.trim().to_string()).filter(|cell| !cell.is_empty()).collect()
    };
    for name in ["lesson5-server", "lesson7-server"] {
        let cells = row(name);
        assert_eq!(cells[1..3], ["20", "20"], "{name}: 20 connections, all greeted:\n{out}");
        let per_second: f64 = cells[4].parse().unwrap_or(0.0);
        assert!(per_second > 0.0, "{name}: messages were answered in lockstep:\n{out}");
    }
    // Threads, "idle → most": lesson 5 adds one a client (19 or 20 seen: the
    // count is sampled); lesson 7 adds none, and shows one number.
    let threads = row("lesson5-server")[8].clone();
    let (idle, most) =
        threads.split_once(" → ").unwrap_or_else(|| panic!("lesson 5 added no thread:\n{out}"));
    let added = most.parse::<u64>().unwrap() - idle.parse::<u64>().unwrap();
    assert!(added >= 15, "lesson 5 adds a thread a client; {added} seen for 20:\n{out}");
    assert!(!row("lesson7-server")[8].contains('→'), "lesson 7 serves in one thread:\n{out}");
    let plot = std::fs::read_to_string(&svg).unwrap_or_default();
    assert!(
        plot.starts_with("<svg") && plot.contains("lesson7-server"),
        "the plot is drawn to --svg:\n{out}"
    );
}
