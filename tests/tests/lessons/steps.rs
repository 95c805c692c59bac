//! Each socket call shows one step number, on every path a conversation can
//! take: the number written at the call in the lesson's code, the same as the
//! chapter's table. A path that skips steps (an immediate `exit`, a reset, an
//! idle client, a full close) must not renumber the steps that follow.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use course_tests::{DEADLINE, Server, client, stdout_of};
use regex::Regex;
use socket2::Socket;

/// The chapters' tables: each call a program makes, with its step number.
/// A call made at two steps (the greeting and the reply are both `send`) is
/// listed twice.
const LESSON4_SERVER: &[(u8, &str)] = &[
    (1, "socket"),
    (2, "setsockopt"),
    (3, "bind"),
    (4, "listen"),
    (5, "accept"),
    (6, "send"),
    (7, "recv"),
    (8, "send"),
    (9, "close"),
];
const LESSON4_CLIENT: &[(u8, &str)] =
    &[(1, "socket"), (2, "connect"), (3, "recv"), (4, "send"), (5, "recv"), (6, "shutdown"), (7, "close")];
const LESSON6_SERVER: &[(u8, &str)] = &[
    (1, "socket"),
    (2, "setsockopt"),
    (3, "bind"),
    (4, "listen"),
    (5, "accept"),
    (6, "recv"),
    (7, "send"),
    (8, "close"),
];
const LESSON6_CLIENT: &[(u8, &str)] = &[
    (1, "socket"),
    (2, "connect"),
    (3, "send"),
    (4, "shutdown"),
    (5, "recv"),
    (6, "setsockopt"),
    (7, "close"),
];

/// The (number, call) of every step line a program printed, in order.
fn steps(output: &str) -> Vec<(u8, String)> {
    let step = Regex::new(r"^\[(?:server|client)(?: #\d+)?\] (\d+) (\S+)").unwrap();
    output
        .lines()
        .filter_map(|line| step.captures(line))
        .map(|c| (c[1].parse().unwrap(), c[2].to_string()))
        .collect()
}

/// Every step printed is in `table`, and the steps `expected` were printed, in
/// that order (other steps may come between them).
fn assert_steps(program: &str, path: &str, output: &str, table: &[(u8, &str)], expected: &[(u8, &str)]) {
    let printed = steps(output);
    for (number, call) in &printed {
        assert!(
            table.contains(&(*number, call.as_str())),
            "{program}, {path}: printed step {number} {call}, but the chapter's table numbers {call} {:?}\n{output}",
            table.iter().filter(|(_, c)| c == call).map(|(n, _)| n).collect::<Vec<_>>()
        );
    }
    let mut rest = printed.iter();
    for (number, call) in expected {
        assert!(
            rest.any(|(n, c)| n == number && c == call),
            "{program}, {path}: step {number} {call} missing or out of order; printed {printed:?}\n{output}"
        );
    }
}

/// Reads once (the stream has a read timeout) and checks that `what` arrived.
fn read_some(stream: &mut TcpStream, what: &str) {
    let n = stream.read(&mut [0; 128]).unwrap_or_else(|err| panic!("no {what}: {err}"));
    assert!(n > 0, "the server closed instead of sending {what}");
}

/// Runs a lesson 4 client with `args` against a server started with `server_args`,
/// checking both sides' step numbers.
fn lesson4(path: &str, server_args: &[&str], client_args: &[&str], stdin: &str, server_steps: &[(u8, &str)]) {
    let server = Server::start("lesson4-server", server_args);
    let run = client("lesson4-client")
        .args(["--port", &server.port()])
        .args(client_args)
        .write_stdin(stdin)
        .assert();
    assert_steps(
        "lesson4-client",
        path,
        &stdout_of(&run),
        LESSON4_CLIENT,
        &[(1, "socket"), (2, "connect"), (7, "close")],
    );
    let server_run = server.finish().success();
    assert_steps("lesson4-server", path, &stdout_of(&server_run), LESSON4_SERVER, server_steps);
}

const LESSON4_SETUP: [(u8, &str); 5] =
    [(1, "socket"), (2, "setsockopt"), (3, "bind"), (4, "listen"), (5, "accept")];

#[test]
fn lesson4_steps_after_messages_then_exit() {
    let mut expected = LESSON4_SETUP.to_vec();
    expected.extend([(6, "send"), (7, "recv"), (8, "send"), (7, "recv"), (9, "close")]);
    lesson4(
        "messages then exit",
        &["--serve", "1"],
        &["--message", "hi", "--message", "exit"],
        "",
        &expected,
    );
}

#[test]
fn lesson4_steps_after_an_immediate_exit() {
    let mut expected = LESSON4_SETUP.to_vec();
    expected.extend([(6, "send"), (7, "recv"), (9, "close")]);
    lesson4("immediate exit", &["--serve", "1"], &["--message", "exit"], "", &expected);
}

#[test]
fn lesson4_steps_at_the_end_of_input() {
    let mut expected = LESSON4_SETUP.to_vec();
    expected.extend([(6, "send"), (7, "recv"), (8, "send"), (7, "recv"), (9, "close")]);
    lesson4("end of input", &["--serve", "1"], &[], "hello\n", &expected);
}

#[test]
fn lesson4_steps_of_a_chat() {
    let mut expected = LESSON4_SETUP.to_vec();
    expected.extend([(7, "recv"), (8, "send"), (7, "recv"), (9, "close")]);
    // The chat server's replies are the lines typed on its standard input.
    let mut command = std::process::Command::new(course_tests::program("lesson4-server"));
    command.args(["--port", "0", "--serve", "1", "--chat"]);
    let server = Server::spawn_with_input(command, "Hello, 客户端\n");
    let run = client("lesson4-client")
        .args(["--port", &server.port(), "--chat", "--message", "你好，服务器", "--message", "exit"])
        .assert()
        .success()
        .stdout(predicates::str::contains("text:  Hello, 客户端"));
    assert_steps(
        "lesson4-client",
        "chat",
        &stdout_of(&run),
        LESSON4_CLIENT,
        &[(4, "send"), (5, "recv"), (7, "close")],
    );
    let server_run = server.finish().success();
    assert_steps("lesson4-server", "chat", &stdout_of(&server_run), LESSON4_SERVER, &expected);
    assert!(!stdout_of(&server_run).contains("6 send"), "a chat server sends no greeting");
}

#[test]
fn lesson4_steps_after_a_reset_and_an_idle_client() {
    let server = Server::start("lesson4-server", &["--serve", "2", "--idle-timeout", "0.3"]);
    let greeted = |stream: &mut TcpStream| {
        stream.set_read_timeout(Some(DEADLINE)).unwrap();
        read_some(stream, "the greeting");
    };
    // A client that resets mid-conversation (SO_LINGER 0, then close).
    let mut rude = TcpStream::connect(server.addr()).unwrap();
    greeted(&mut rude);
    rude.write_all(b"hi").unwrap();
    read_some(&mut rude, "the reply");
    Socket::from(rude).set_linger(Some(Duration::ZERO)).unwrap();
    // A client that says nothing until the server gives up on it.
    let mut silent = TcpStream::connect(server.addr()).unwrap();
    greeted(&mut silent);
    read_some(&mut silent, "the idle notice");
    let output = stdout_of(&server.finish().success());
    let mut expected = LESSON4_SETUP.to_vec();
    expected.extend([
        (6, "send"),
        (7, "recv"),
        (8, "send"),
        (9, "close"),
        (5, "accept"),
        (6, "send"),
        (9, "close"),
    ]);
    assert_steps("lesson4-server", "reset, then idle", &output, LESSON4_SERVER, &expected);
    assert!(output.contains("connection reset") && output.contains("--idle-timeout"), "{output}");
}

/// Runs a lesson 6 client with `args` against a server started with `server_args`,
/// checking both sides' step numbers.
fn lesson6(path: &str, client_args: &[&str], client_steps: &[(u8, &str)], server_steps: &[(u8, &str)]) {
    let server = Server::start("lesson6-server", &["--serve", "1"]);
    let run = client("lesson6-client").args(["--port", &server.port()]).args(client_args).assert().success();
    assert_steps("lesson6-client", path, &stdout_of(&run), LESSON6_CLIENT, client_steps);
    let server_run = server.finish().success();
    assert_steps("lesson6-server", path, &stdout_of(&server_run), LESSON6_SERVER, server_steps);
}

const LESSON6_SETUP: [(u8, &str); 5] =
    [(1, "socket"), (2, "setsockopt"), (3, "bind"), (4, "listen"), (5, "accept")];

#[test]
fn lesson6_steps_of_a_half_close() {
    let mut server = LESSON6_SETUP.to_vec();
    server.extend([(6, "recv"), (6, "recv"), (7, "send"), (8, "close")]);
    let client =
        [(1, "socket"), (2, "connect"), (3, "send"), (4, "shutdown"), (5, "recv"), (5, "recv"), (7, "close")];
    lesson6("half close", &["--message", "hello"], &client, &server);
}

#[test]
fn lesson6_steps_of_a_full_close() {
    let mut server = LESSON6_SETUP.to_vec();
    server.extend([(6, "recv"), (8, "close")]);
    lesson6("full close", &["--message", "bye", "--close", "full"], &[(3, "send"), (7, "close")], &server);
}

#[test]
fn lesson6_steps_of_an_abort() {
    let mut server = LESSON6_SETUP.to_vec();
    server.extend([(6, "recv"), (8, "close")]);
    let client = [(3, "send"), (6, "setsockopt"), (7, "close")];
    lesson6("abort", &["--message", "bye", "--close", "abort"], &client, &server);
}

#[test]
fn lesson6_steps_of_an_idle_client() {
    let server = Server::start("lesson6-server", &["--serve", "1", "--idle-timeout", "0.3"]);
    let mut silent = TcpStream::connect(server.addr()).unwrap();
    silent.set_read_timeout(Some(DEADLINE)).unwrap();
    read_some(&mut silent, "the idle notice");
    let output = stdout_of(&server.finish().success());
    let mut expected = LESSON6_SETUP.to_vec();
    expected.push((8, "close"));
    assert_steps("lesson6-server", "idle", &output, LESSON6_SERVER, &expected);
}

/// Lesson 7's chapter table: the server's calls, then the client's.
const LESSON7_SERVER: &[(u8, &str)] = &[
    (1, "socket"),
    (2, "setsockopt"),
    (3, "bind"),
    (4, "listen"),
    (5, "setblocking"),
    (6, "register"),
    (7, "poll"),
    (8, "accept"),
    (9, "setsockopt"),
    (10, "register"),
    (11, "recv"),
    (12, "send"),
    (13, "reregister"),
    (14, "deregister"),
    (15, "close"),
];
const LESSON7_CLIENT: &[(u8, &str)] = &[
    (1, "socket"),
    (2, "setblocking"),
    (3, "connect"),
    (4, "register"),
    (5, "poll"),
    (6, "recv"),
    (7, "send"),
    (8, "deregister"),
    (9, "close"),
];

#[test]
fn lesson7_steps_of_a_conversation_and_of_an_idle_client() {
    let server =
        Server::start("lesson7-server", &["--serve", "3", "--idle-timeout", "0.3", "--send-buffer", "1"]);
    let run = client("lesson7-client")
        .args(["--port", &server.port(), "--connections", "2", "--message", "hi", "--message", "exit"])
        .assert()
        .success();
    let client_steps = [(1, "socket"), (2, "setblocking"), (3, "connect"), (4, "register"), (5, "poll")];
    let mut client_steps = client_steps.to_vec();
    client_steps.extend([(6, "recv"), (7, "send"), (6, "recv"), (7, "send"), (9, "close")]);
    assert_steps("lesson7-client", "conversation", &stdout_of(&run), LESSON7_CLIENT, &client_steps);
    // The second client of the server says nothing: it is told, then closed.
    let mut silent = TcpStream::connect(server.addr()).unwrap();
    silent.set_read_timeout(Some(DEADLINE)).unwrap();
    let mut notice = Vec::new();
    let _ = silent.read_to_end(&mut notice);
    let output = stdout_of(&server.finish().success());
    let mut expected = vec![(1, "socket"), (2, "setsockopt"), (3, "bind"), (4, "listen"), (5, "setblocking")];
    expected.extend([(6, "register"), (7, "poll"), (8, "accept"), (9, "setsockopt"), (10, "register")]);
    expected.extend([(12, "send"), (11, "recv"), (12, "send"), (14, "deregister"), (15, "close")]);
    assert_steps("lesson7-server", "conversation and idle", &output, LESSON7_SERVER, &expected);
}

/// Lesson 8's chapter table: the server's calls, then the client's.
const LESSON8_SERVER: &[(u8, &str)] = &[
    (1, "socket"),
    (2, "setsockopt"),
    (3, "bind"),
    (4, "listen"),
    (5, "accept"),
    (6, "setsockopt"),
    (7, "send"),
    (8, "recv"),
    (9, "send"),
    (10, "close"),
];
const LESSON8_CLIENT: &[(u8, &str)] =
    &[(1, "socket"), (2, "connect"), (3, "recv"), (4, "send"), (5, "recv"), (6, "close")];

#[test]
fn lesson8_steps_of_a_conversation_and_of_an_idle_client() {
    let server =
        Server::start("lesson8-server", &["--serve", "3", "--idle-timeout", "0.3", "--send-buffer", "1"]);
    let run = client("lesson8-client")
        .args(["--port", &server.port(), "--connections", "2", "--message", "hi", "--message", "exit"])
        .assert()
        .success();
    let client_steps = [(1, "socket"), (2, "connect"), (3, "recv"), (4, "send"), (5, "recv"), (4, "send")];
    let mut client_steps = client_steps.to_vec();
    client_steps.push((6, "close"));
    assert_steps("lesson8-client", "conversation", &stdout_of(&run), LESSON8_CLIENT, &client_steps);
    // The third client of the server says nothing: it is told, then closed.
    let mut silent = TcpStream::connect(server.addr()).unwrap();
    silent.set_read_timeout(Some(DEADLINE)).unwrap();
    let mut notice = Vec::new();
    let _ = silent.read_to_end(&mut notice);
    let output = stdout_of(&server.finish().success());
    let mut expected = vec![(1, "socket"), (2, "setsockopt"), (3, "bind"), (4, "listen"), (5, "accept")];
    expected.extend([(6, "setsockopt"), (7, "send"), (8, "recv"), (9, "send"), (8, "recv"), (10, "close")]);
    expected.extend([(5, "accept"), (6, "setsockopt"), (7, "send"), (10, "close")]);
    assert_steps("lesson8-server", "conversation and idle", &output, LESSON8_SERVER, &expected);
}
