//! Lesson 6, the half-close: the 0-byte read, the reply after the FIN, the reset.

use std::io::Read;
use std::net::SocketAddr;

use course_tests::{Server, client};
use predicates::prelude::*;
use predicates::str::{contains, is_match};

#[test]
fn half_close_gets_the_byte_count_back() {
    let server = Server::start("lesson6-server", &["--serve", "1"]);
    client("lesson6-client")
        .args(["--port", &server.port(), "--message", "hello", "--message", "world"])
        .assert()
        .success()
        .stdout(contains("10 bytes sent in all"))
        .stdout(contains("shutdown(Write): FIN sent; done sending, still listening"))
        .stdout(is_match(r"the whole reply: received 10 bytes in [12] reads").unwrap())
        .stdout(contains("0 bytes: the server's FIN arrived; the reply is complete"));
    server
        .finish()
        .success()
        // Two writes may arrive in one read or two: TCP keeps no message boundaries.
        .stdout(is_match(r"bytes: b'hello(world)?'").unwrap())
        .stdout(contains("0 bytes: the client's FIN arrived"))
        .stdout(contains("a half-close"))
        .stdout(is_match(r"send +\d+ bytes to .*: b'received 10 bytes in [12] reads'").unwrap())
        .stdout(contains("stopping: clients: 1, resets: 0"));
}

#[test]
fn messages_can_come_from_standard_input() {
    let server = Server::start("lesson6-server", &["--serve", "1"]);
    client("lesson6-client")
        .args(["--port", &server.port()])
        .write_stdin("one\ntwo\nthree\n")
        .assert()
        .success()
        .stdout(is_match(r"received 11 bytes in [123] reads").unwrap());
    server.finish().success();
}

#[test]
fn an_abort_is_reported_as_a_reset_and_the_next_client_is_served() {
    let server = Server::start("lesson6-server", &["--serve", "2"]);
    client("lesson6-client")
        .args(["--port", &server.port(), "--message", "abc", "--close", "abort"])
        .assert()
        .success()
        .stdout(contains("aborting: RST sent, not FIN"));
    client("lesson6-client")
        .args(["--port", &server.port(), "--message", "next"])
        .assert()
        .success()
        .stdout(contains("received 4 bytes in 1 reads"));
    server
        .finish()
        .success()
        .stdout(contains("failed: the client reset the connection (RST, not FIN)"))
        .stdout(contains("client #2 connected"))
        .stdout(contains("stopping: clients: 2, resets: 1"));
}

#[test]
fn a_full_close_reads_no_reply_and_does_not_hang() {
    let server = Server::start("lesson6-server", &["--serve", "2"]);
    client("lesson6-client")
        .args(["--port", &server.port(), "--message", "bye", "--close", "full"])
        .assert()
        .success()
        .stdout(contains("closing both directions at once"))
        .stdout(contains("the whole reply").not());
    client("lesson6-client").args(["--port", &server.port(), "--message", "next"]).assert().success();
    server
        .finish()
        .success()
        .stdout(contains("bytes: b'bye'"))
        .stdout(contains("0 bytes: the client's FIN arrived"))
        .stdout(contains("stopping: clients: 2"));
}

#[test]
fn the_tcp_states_of_the_teardown_are_shown() {
    // A pause before the reply keeps each side in its state long enough to see.
    let server = Server::start("lesson6-server", &["--serve", "1", "--reply-after", "0.3"]);
    let run =
        client("lesson6-client").args(["--port", &server.port(), "--message", "hello"]).assert().success();
    let server_run = server.finish().success();
    if cfg!(target_os = "linux") {
        run.stdout(contains("TCP state: ESTABLISHED"))
            // FIN_WAIT1 lasts until the server's ACK of our FIN, often a delayed ACK
            // (about 40 ms), sometimes too short to see; FIN_WAIT2 lasts the pause.
            .stdout(is_match(r"TCP state: FIN_WAIT2 \(([\d.]+ ms|right) after shutdown\)").unwrap())
            .stdout(contains("TCP state: TIME_WAIT (in the kernel's table, after close)"));
        // After accept the server may already see CLOSE_WAIT: a quick client can
        // send and half-close before the server gets to accept.
        server_run
            .stdout(is_match(r"client #1 connected from .*\n.*TCP state: (ESTABLISHED|CLOSE_WAIT)").unwrap())
            .stdout(contains("TCP state: CLOSE_WAIT (still, until we close)"));
    } else {
        run.stdout(contains("TCP state: not available on this system"));
        server_run.stdout(contains("TCP state: not available on this system"));
    }
}

#[test]
fn with_no_server_the_connection_is_refused_and_explained() {
    let holder = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).unwrap();
    holder.bind(&SocketAddr::from(([127, 0, 0, 1], 0)).into()).unwrap();
    let port = holder.local_addr().unwrap().as_socket().unwrap().port().to_string();
    client("lesson6-client")
        .args(["--port", &port, "--message", "hi"])
        .assert()
        .code(1)
        .stderr(contains("connection refused"))
        .stderr(contains("cargo run -p lesson6-server"))
        .stderr(contains("panicked").not());
}

#[test]
fn a_reply_cut_by_a_reset_is_an_error_with_exit_code_1() {
    // The test plays the server: it reads to the client's FIN, then aborts
    // (SO_LINGER 0) instead of replying. The client's recv fails mid-run.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let aborting = std::thread::spawn(move || {
        let (mut conn, _) = listener.accept().unwrap();
        conn.set_read_timeout(Some(course_tests::DEADLINE)).unwrap();
        let mut received = Vec::new();
        conn.read_to_end(&mut received).expect("the client's FIN within the deadline");
        socket2::Socket::from(conn).set_linger(Some(std::time::Duration::ZERO)).unwrap(); // dropped: RST
    });
    let run = client("lesson6-client").args(["--port", &port, "--message", "hello"]).assert();
    aborting.join().unwrap();
    let code = run.get_output().status.code();
    assert_eq!(
        code,
        Some(1),
        "the reply was cut by a reset: the client must say so and exit 1, not {code:?} (a script would take it for success)"
    );
    run.stdout(contains("shutdown(Write): FIN sent"))
        .stdout(contains("the whole reply").not())
        .stderr(contains("error: connection reset by"));
}

#[test]
fn with_lang_zh_the_explanations_are_chinese_and_the_wire_is_unchanged() {
    let server = Server::start("lesson6-server", &["--serve", "1", "--lang", "zh"]);
    client("lesson6-client")
        .args(["--port", &server.port(), "--lang", "zh", "--message", "hello", "--message", "world"])
        .assert()
        .success()
        // What crossed the wire, byte for byte as in English.
        .stdout(is_match(r"bytes: b'received 10 bytes in [12] reads'").unwrap())
        .stdout(is_match(r"text:  received 10 bytes in [12] reads").unwrap())
        // The explanations, in Chinese.
        .stdout(contains("一共发送了 10 字节"))
        .stdout(contains("4 shutdown     shutdown(Write)：FIN 已发出；发送完毕，仍在接收（半关闭）"))
        .stdout(contains("5 recv         0 字节：服务器的 FIN 到了；回复完整了"))
        .stdout(is_match(r"完整的回复：received 10 bytes in [12] reads").unwrap())
        .stdout(contains("7 close        关闭套接字：两个方向都结束了"))
        .stdout(contains("the whole reply").not());
    server
        .finish()
        .success()
        .stdout(contains("listening on 127.0.0.1:"))
        .stdout(contains("客户端 #1 从 127.0.0.1:"))
        .stdout(is_match(r"bytes: b'hello(world)?'").unwrap())
        .stdout(contains("6 recv         0 字节：客户端的 FIN 到了"))
        .stdout(is_match(r"7 send +.*b'received 10 bytes in [12] reads'").unwrap())
        .stdout(contains("8 close        我们的 FIN 发出去了：两个方向现在都关闭了"))
        .stdout(contains("client's FIN arrived").not());
}

/// A client that sent everything and its FIN while the server was busy with
/// another: by the time of its accept the connection is already in
/// CLOSE_WAIT, and the server says the kernel kept it all; the client it was
/// busy with, accepted at once, is ESTABLISHED and gets no such line.
#[test]
fn a_client_that_finished_before_its_accept_is_in_close_wait_and_said_so() {
    use std::io::Write;
    use std::net::{Shutdown, TcpStream};
    let mut server = Server::start("lesson6-server", &["--serve", "2"]);
    let mut first = TcpStream::connect(server.addr()).unwrap();
    server.wait_for("TCP state:"); // the first accepted, its state read: the server now reads from it alone
    let mut early = TcpStream::connect(server.addr()).unwrap();
    early.write_all(b"early").unwrap();
    early.shutdown(Shutdown::Write).unwrap(); // all of it, and the FIN, before its accept
    first.write_all(b"first").unwrap();
    first.shutdown(Shutdown::Write).unwrap();
    for conn in [&mut first, &mut early] {
        conn.set_read_timeout(Some(course_tests::DEADLINE)).unwrap();
        let reply = course_tests::read_to_close(conn).unwrap_or_default();
        assert_eq!(reply, b"received 5 bytes in 1 reads");
    }
    let out = course_tests::stdout_of(&server.finish().success());
    let said = "the client sent everything and its FIN before we accepted";
    let (served_first, served_early) = out.split_once("client #2").expect("two clients");
    assert!(!served_first.contains(said), "the first client was accepted at once:\n{out}");
    assert!(served_early.contains(said), "the early client finished before its accept:\n{out}");
    assert!(served_early.contains("CLOSE_WAIT"), "{out}");
}
