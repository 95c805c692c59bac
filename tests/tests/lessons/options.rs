//! What every program does with its options: colours, bad values, --help.

use course_tests::{Server, client, stdout_of};
use predicates::prelude::*;
use predicates::str::contains;

/// Every lesson program, server then client.
const PROGRAMS: [&str; 16] = [
    "lesson1-server",
    "lesson1-client",
    "lesson2-server",
    "lesson2-client",
    "lesson3-server",
    "lesson3-client",
    "lesson4-server",
    "lesson4-client",
    "lesson5-server",
    "lesson5-client",
    "lesson6-server",
    "lesson6-client",
    "lesson7-server",
    "lesson7-client",
    "lesson8-server",
    "lesson8-client",
];

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
    let mut cases: Vec<(&str, Vec<&str>, &str)> = Vec::new();
    for program in PROGRAMS {
        cases.push((
            program,
            vec!["--port", "70000"],
            "'70000' is not a port: a port is a whole number from 0 to 65535",
        ));
        cases.push((program, vec!["--port", "abc"], "'abc' is not a port"));
        cases.push((program, vec!["--port", "-1"], "'-1' is not a port"));
        cases.push((program, vec!["--buffer", "0"], "0-byte buffer"));
        cases.push((program, vec!["--color", "purple"], "possible values"));
        if program.ends_with("client") {
            cases.push((program, vec!["--timeout", "0"], "more than 0"));
            cases.push((program, vec!["--timeout", "later"], "not a number of seconds"));
        }
    }
    cases.push(("lesson2-server", vec!["--serve", "0"], "--serve"));
    cases.push(("lesson5-server", vec!["--max-clients", "0"], "--max-clients"));
    cases.push(("lesson5-client", vec!["--connections", "0"], "--connections"));
    cases.push(("lesson3-client", vec!["--encoding", "latin-1"], "possible values"));
    cases.push(("lesson6-client", vec!["--close", "slam"], "possible values"));
    for (program, args, reason) in cases {
        client(program)
            .args(&args)
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
            .stdout(
                contains("0 lets the system pick")
                    .or(contains("chosen by the system"))
                    .or(contains("The server's port")),
            );
    }
    let help = stdout_of(&client("lesson1-client").arg("--help").assert().success());
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(help.contains("an unconnected UDP socket is never told that nobody listened"), "{help}");
}

#[test]
#[cfg_attr(no_ipv6_loopback, ignore = "no IPv6 on loopback (::1) here")]
fn every_pair_works_over_ipv6() {
    let pairs: [(&str, &str, &[&str], &[&str]); 7] = [
        ("lesson1-server", "lesson1-client", &[], &[]),
        ("lesson2-server", "lesson2-client", &["--serve", "1"], &["--message", "v6"]),
        ("lesson3-server", "lesson3-client", &[], &[]),
        ("lesson4-server", "lesson4-client", &["--serve", "1"], &["--message", "v6"]),
        ("lesson5-server", "lesson5-client", &["--serve", "1"], &["--message", "v6"]),
        ("lesson6-server", "lesson6-client", &["--serve", "1"], &["--message", "v6"]),
        ("lesson8-server", "lesson8-client", &["--serve", "1"], &["--message", "v6"]),
    ];
    for (server_name, client_name, server_args, client_args) in pairs {
        let server = Server::start(server_name, &[&["--host", "::1"], server_args].concat());
        assert!(server.addr().is_ipv6(), "{server_name} bound {}", server.addr());
        client(client_name)
            .args(["--host", "::1", "--port", &server.port()])
            .args(client_args)
            .assert()
            .success()
            .stdout(contains("[::1]:"));
        server.finish().success().stdout(contains("[::1]:"));
    }
}

#[test]
fn a_server_on_every_interface_warns() {
    for (server_name, host) in [
        ("lesson1-server", "0.0.0.0"),
        ("lesson2-server", "0.0.0.0"),
        ("lesson3-server", "0.0.0.0"),
        ("lesson4-server", "0.0.0.0"),
        ("lesson5-server", "0.0.0.0"),
        ("lesson6-server", "::"),
        ("lesson8-server", "0.0.0.0"),
    ] {
        if host == "::" && !course_tests::ipv6_loopback() {
            continue;
        }
        let mut server = Server::start(server_name, &["--host", host]);
        server.wait_for(&format!("warning: {host} means every interface"));
        server.stop(); // stopped at once: nothing connects to it
    }
}

/// Locale variables to set, options to pass, and the language that must be spoken.
type Locale = (&'static [(&'static str, &'static str)], &'static [&'static str], &'static str);

/// The locale variables a test sets (every other one removed), and the
/// language every program must then speak: as the C library reads them,
/// `LC_ALL` before `LC_MESSAGES` before `LANG`, and `--lang` above all.
const LOCALES: [Locale; 8] = [
    (&[], &[], "en"),
    (&[("LANG", "C")], &[], "en"),
    (&[("LANG", "POSIX")], &[], "en"),
    (&[("LANG", "zh_CN.UTF-8")], &[], "zh"),
    (&[("LANG", "zh_TW.UTF-8")], &[], "zh"),
    (&[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "C")], &[], "en"),
    (&[("LANG", "C"), ("LC_MESSAGES", "zh_CN.UTF-8")], &[], "zh"),
    (&[("LANG", "zh_CN.UTF-8")], &["--lang", "en"], "en"),
];

#[test]
fn every_program_speaks_the_language_of_its_locale_unless_told() {
    for program in PROGRAMS {
        for (set, args, expected) in LOCALES {
            let mut run = client(program);
            for name in ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
                run.env_remove(name);
            }
            for (name, value) in set {
                run.env(name, value);
            }
            let shown = run.args(args).args(["--port", "x"]).assert().code(2);
            let stderr = String::from_utf8_lossy(&shown.get_output().stderr).into_owned();
            let said = if stderr.contains("'x' 不是端口") {
                "zh"
            } else if stderr.contains("'x' is not a port") {
                "en"
            } else {
                panic!("{program} with {set:?} {args:?} did not explain the bad port:\n{stderr}")
            };
            assert_eq!(said, expected, "{program} with {set:?} {args:?} spoke the wrong language:\n{stderr}");
        }
    }
}

#[test]
fn a_chinese_locale_gets_a_chinese_lesson_with_no_option() {
    // A learner in China runs the lesson as the README says, with no --lang.
    let server = Server::start("lesson1-server", &[]);
    client("lesson1-client")
        .env_remove("LC_ALL")
        .env("LANG", "zh_CN.UTF-8")
        .args(["--port", &server.port()])
        .assert()
        .success()
        .stdout(contains("毫秒后收到回复（缓冲区 200 字节）"))
        .stdout(contains("bytes: b'Ich hab keine Hunge'"))
        .stdout(contains("4 close        发一个数据报，收一个：完成"));
    server.finish().success().stdout(contains("4 close        one datagram in, one out: done"));
}
