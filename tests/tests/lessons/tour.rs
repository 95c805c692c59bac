//! The tour runs all six lessons in one terminal, non-interactively here, and
//! doubles as a smoke test of the whole course.

use std::time::Duration;

use course_tests::program;
use predicates::prelude::*;
use predicates::str::contains;

#[test]
fn the_tour_shows_every_lesson() {
    assert_cmd::Command::new(program("tour"))
        .timeout(Duration::from_secs(120))
        .assert()
        .success()
        .stdout(contains("=== lesson 1: UDP once ==="))
        .stdout(contains("bytes: b'Ich hab keine Hunge'"))
        .stdout(contains("=== lesson 2: UDP in a loop ==="))
        .stdout(contains("stopping: datagrams: 3, senders: 2"))
        .stdout(contains("=== lesson 3: TCP once ==="))
        .stdout(contains("text:  Received msg: I love wangxiaojing from ('127.0.0.1', "))
        .stdout(contains("=== lesson 4: TCP in a loop ==="))
        .stdout(contains("some connections waited to be greeted: this server serves one client at a time"))
        .stdout(contains("=== lesson 5: a thread per client ==="))
        .stdout(contains("3 clients being served now"))
        .stdout(contains("=== lesson 6: the half-close ==="))
        .stdout(contains("shutdown(Write): FIN sent"))
        .stdout(contains("the whole reply: received 5 bytes in 1 reads"))
        .stdout(contains("TCP state: CLOSE_WAIT").or(contains("TCP state: not available")))
        .stdout(contains("That was the course."));
}

#[test]
fn one_lesson_and_the_list() {
    assert_cmd::Command::new(program("tour"))
        .arg("3")
        .timeout(Duration::from_secs(60))
        .assert()
        .success()
        .stdout(contains("=== lesson 3: TCP once ==="))
        .stdout(contains("=== lesson 1").not());
    assert_cmd::Command::new(program("tour"))
        .arg("--list")
        .timeout(Duration::from_secs(10))
        .assert()
        .success()
        .stdout(contains("cargo run -p lesson6-server"))
        .stdout(contains("cargo test -p lesson4-exercises"));
    assert_cmd::Command::new(program("tour")).arg("7").assert().code(2);
}
