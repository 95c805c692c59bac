//! What every program does with its options: colours, bad values, --help.

use course_tests::{Server, client};
use predicates::prelude::*;
use predicates::str::contains;

const PROGRAMS: [&str; 4] = ["lesson1-server", "lesson1-client", "lesson2-server", "lesson2-client"];

#[test]
fn output_into_a_pipe_has_no_colour_unless_asked() {
    let server = Server::start("lesson1-server", &[]);
    client("lesson1-client")
        .args(["--port", &server.port(), "--color", "always"])
        .assert()
        .success()
        .stdout(contains("\u{1b}["));
    server.finish().success().stdout(contains("\u{1b}[").not());
}

#[test]
fn no_color_turns_auto_colour_off_but_always_still_colours() {
    let server = Server::start("lesson2-server", &["--serve", "2"]);
    for (choice, coloured) in [("auto", false), ("always", true)] {
        let escape = contains("\u{1b}[");
        let run = client("lesson2-client")
            .env("NO_COLOR", "1")
            .args(["--port", &server.port(), "--message", "x", "--color", choice])
            .assert()
            .success();
        if coloured {
            run.stdout(escape)
        } else {
            run.stdout(escape.not())
        };
    }
    server.finish().success();
}

#[test]
fn bad_values_are_usage_errors_with_a_reason() {
    let cases: [(&str, &[&str], &str); 7] = [
        ("lesson1-server", &["--port", "70000"], "70000"),
        ("lesson1-server", &["--port", "abc"], "invalid digit"),
        ("lesson1-server", &["--buffer", "0"], "0-byte buffer"),
        ("lesson2-server", &["--serve", "0"], "--serve"),
        ("lesson1-client", &["--timeout", "0"], "more than 0"),
        ("lesson2-client", &["--timeout", "later"], "not a number of seconds"),
        ("lesson2-client", &["--color", "purple"], "possible values"),
    ];
    for (program, args, reason) in cases {
        client(program)
            .args(args)
            .assert()
            .code(2)
            .stderr(contains(reason))
            .stderr(contains("panicked").not());
    }
}

#[test]
fn a_host_that_does_not_resolve_is_explained() {
    for program in PROGRAMS {
        client(program)
            .args(["--host", "not-a-host.invalid"])
            .assert()
            .code(1)
            .stderr(contains("cannot turn not-a-host.invalid"))
            .stderr(contains("127.0.0.1"));
    }
}

#[test]
fn help_teaches_what_each_option_shows() {
    for program in PROGRAMS {
        client(program)
            .arg("--help")
            .assert()
            .success()
            .stdout(contains("--host"))
            .stdout(contains("--port"))
            .stdout(contains("--color"))
            .stdout(contains("0 lets the system pick").or(contains("chosen by the system")));
    }
    client("lesson1-client").arg("--help").assert().stdout(
        contains("UDP never says that\nnobody listened").or(contains("UDP never says that nobody listened")),
    );
}
