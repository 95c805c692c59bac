//! How loop servers end: a signal prints the tally and exits 0; an idle client
//! is told and closed, and the next one served.

use std::io::Read;
use std::net::TcpStream;
use std::time::Duration;

use course_tests::{DEADLINE, Server, client};
use predicates::prelude::*;
use predicates::str::contains;

#[test]
fn ctrl_c_and_sigterm_print_the_tally_and_exit_0() {
    let cases = [
        ("lesson2-server", "INT", "datagrams: 0, senders: 0"),
        ("lesson4-server", "TERM", "clients: 0, messages answered: 0"),
        ("lesson5-server", "INT", "clients: 0, turned away: 0, idle closed: 0"),
        ("lesson6-server", "TERM", "clients: 0, resets: 0, idle closed: 0"),
        ("lesson7-server", "INT", "clients: 0, turned away: 0, idle closed: 0"),
        ("lesson8-server", "TERM", "clients: 0, turned away: 0, idle closed: 0"),
    ];
    for (server_name, signal, tally) in cases {
        Server::start(server_name, &[])
            .signal(signal)
            .success()
            .stdout(contains(format!("stopped by a signal (Ctrl-C, SIGTERM or SIGHUP): {tally}")));
    }
}

#[test]
fn the_tally_counts_what_was_served_before_the_signal() {
    let server = Server::start("lesson4-server", &[]);
    client("lesson4-client")
        .args(["--port", &server.port(), "--message", "a", "--message", "b"])
        .assert()
        .success();
    let mut server = server;
    server.wait_for("back to accept");
    server.signal("INT").success().stdout(contains(
        "stopped by a signal (Ctrl-C, SIGTERM or SIGHUP): clients: 1, messages answered: 2",
    ));
}

#[test]
fn an_idle_client_is_told_and_closed_and_the_next_is_served() {
    let cases = [
        ("lesson4-server", "lesson4-client", &["--message", "hi"][..]),
        ("lesson5-server", "lesson5-client", &["--message", "hi"][..]),
        ("lesson6-server", "lesson6-client", &["--message", "hi"][..]),
        ("lesson7-server", "lesson5-client", &["--message", "hi"][..]),
        ("lesson8-server", "lesson5-client", &["--message", "hi"][..]),
    ];
    for (server_name, client_name, client_args) in cases {
        let mut server = Server::start(server_name, &["--idle-timeout", "0.2"]);
        let connected = std::time::Instant::now();
        let mut idle = TcpStream::connect(server.addr()).unwrap();
        idle.set_read_timeout(Some(DEADLINE)).unwrap();
        let mut heard = Vec::new();
        idle.read_to_end(&mut heard).expect("the server closes the idle connection within the deadline");
        let kept = connected.elapsed();
        // Not before three quarters of it: a timer may end a hair early by
        // the test's clock (199.8 ms was seen), never 50 ms in.
        assert!(
            kept >= Duration::from_millis(150),
            "{server_name} closed an idle client after {kept:?}, before 0.2 s"
        );
        let heard = String::from_utf8_lossy(&heard);
        assert!(
            heard.ends_with("idle: nothing received for 0.2 s (--idle-timeout); closing the connection\n"),
            "{server_name} told the idle client: {heard:?}"
        );
        server.wait_for("told the client b'idle: nothing received for 0.2 s (--idle-timeout); closing the connection', and closing");
        client(client_name).args(["--port", &server.port()]).args(client_args).assert().success();
        server.signal("INT").success().stdout(contains("panicked").not());
    }
}

#[test]
fn a_client_closed_for_idling_is_counted_in_the_summary() {
    let cases = [
        ("lesson4-server", "stopping: clients: 1, messages answered: 0, idle closed: 1"),
        ("lesson5-server", "stopping: clients: 1, turned away: 0, idle closed: 1"),
        ("lesson6-server", "stopping: clients: 1, resets: 0, idle closed: 1"),
    ];
    for (server_name, summary) in cases {
        let server = Server::start(server_name, &["--serve", "1", "--idle-timeout", "0.2"]);
        let mut idle = TcpStream::connect(server.addr()).unwrap();
        idle.set_read_timeout(Some(DEADLINE)).unwrap();
        let mut heard = Vec::new();
        idle.read_to_end(&mut heard).expect("the server closes the idle connection within the deadline");
        let out = server.finish().success();
        let out = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
        assert!(
            out.contains(summary),
            "{server_name} closed one idle client and served nobody else: its summary must say \
             `{summary}`:\n{out}"
        );
    }
}
