//! Lesson 5, a thread per client: everyone served at once, up to a cap.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::thread;

use course_tests::{DEADLINE, Server, client, stdout_of};
use predicates::prelude::*;
use predicates::str::{contains, is_match};

/// Connects from a plain socket and returns it with the first thing the server sent.
fn connect(server: SocketAddr) -> (TcpStream, String) {
    let mut stream = TcpStream::connect(server).unwrap();
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    let mut buf = [0; 256];
    let n = course_tests::read_retrying(&mut stream, &mut buf)
        .expect("the server sends something within the deadline");
    (stream, String::from_utf8_lossy(&buf[..n]).into_owned())
}

/// Checks a reply is `{1..=1000}：ACK!`, with the full-width colon.
fn assert_ack(reply: &str) {
    let (number, rest) = reply.split_once('：').unwrap_or_else(|| panic!("no full-width colon in {reply:?}"));
    let number: u32 = number.parse().unwrap_or_else(|_| panic!("no number before the colon in {reply:?}"));
    assert!((1..=1000).contains(&number), "{number} is outside 1..=1000");
    assert_eq!(rest, "ACK!");
}

#[test]
fn a_second_client_is_served_while_the_first_sits_idle() {
    let server = Server::start("lesson5-server", &["--serve", "2"]);
    let (mut idle, greeting) = connect(server.addr());
    assert_eq!(greeting, "Hello World!");
    client("lesson5-client")
        .args(["--port", &server.port(), "--message", "hi", "--message", "exit"])
        .assert()
        .success()
        .stdout(contains("text:  Hello World!"))
        .stdout(is_match(r"text:  \d{1,4}：ACK!").unwrap());
    idle.write_all(b"exit").unwrap();
    drop(idle);
    server
        .finish()
        .success()
        .stdout(contains("[*] Listening on 127.0.0.1:"))
        .stdout(predicates::str::is_match(r"\[\*\] Accept connection from: 127\.0\.0\.1:\d+").unwrap())
        .stdout(predicates::str::is_match(r"\[\*\] Received from 127\.0\.0\.1:\d+ : hi").unwrap())
        .stdout(is_match(r"\b2 clients being served now").unwrap())
        .stdout(contains("stopping: clients: 2, turned away: 0"));
}

#[test]
fn seven_thousand_replies_are_numbered_from_1_to_1000() {
    // The article's reply number is random.randint(1, 1000): 0 must never
    // come. One draw in 1,001 would be 0 if the range began there, so 7,000
    // replies see one with a chance of 99.9 %; and 1 to 1,000 is spread
    // over: some number of at most 10, and some of at least 990.
    for name in ["lesson5-server", "lesson7-server", "lesson8-server"] {
        let server = Server::start(name, &[]);
        let (mut stream, greeting) = connect(server.addr());
        assert_eq!(greeting, "Hello World!");
        let (mut lowest, mut highest) = (u32::MAX, 0);
        for _ in 0..7_000 {
            stream.write_all(b"hi").unwrap();
            let mut buf = [0; 64];
            let got =
                course_tests::read_retrying(&mut stream, &mut buf).expect("a reply within the deadline");
            let reply = std::str::from_utf8(&buf[..got]).unwrap();
            assert_ack(reply);
            let number: u32 = reply.split('：').next().and_then(|n| n.parse().ok()).unwrap();
            (lowest, highest) = (lowest.min(number), highest.max(number));
        }
        assert!(
            lowest <= 10 && highest >= 990,
            "{name}: 7,000 replies ranged only from {lowest} to {highest}"
        );
        drop(server);
    }
}

#[test]
fn fifty_clients_of_twenty_messages_are_all_answered() {
    let server = Server::start("lesson5-server", &["--serve", "50"]);
    let addr = server.addr();
    let conversations: Vec<_> = (0..50)
        .map(|_| {
            thread::spawn(move || {
                let (mut stream, greeting) = connect(addr);
                assert_eq!(greeting, "Hello World!");
                for n in 0..20 {
                    stream.write_all(format!("message {n}").as_bytes()).unwrap();
                    let mut buf = [0; 64];
                    let got = course_tests::read_retrying(&mut stream, &mut buf)
                        .expect("a reply within the deadline");
                    assert_ack(std::str::from_utf8(&buf[..got]).unwrap());
                }
            })
        })
        .collect();
    for conversation in conversations {
        conversation.join().expect("every conversation gets its 20 replies");
    }
    server.finish().success().stdout(contains("stopping: clients: 50, turned away: 0"));
}

#[test]
fn a_client_over_the_cap_is_told_busy_and_closed() {
    let server = Server::start("lesson5-server", &["--max-clients", "1"]);
    let (_first, greeting) = connect(server.addr());
    assert_eq!(greeting, "Hello World!");

    let (mut second, line) = connect(server.addr());
    assert!(line.starts_with("busy: 1 clients are being served"), "the second client is told: {line:?}");
    assert_eq!(second.read(&mut [0; 16]).unwrap(), 0, "and the connection is closed at once");

    client("lesson5-client")
        .args(["--port", &server.port(), "--message", "hi"])
        .assert()
        .code(1)
        .stderr(contains("the server is busy"))
        .stderr(contains("--max-clients"));
    server.stop().stdout(contains("turned away: 1 clients already being served (--max-clients)"));
}

#[test]
fn a_storm_over_the_cap_is_refused_cleanly() {
    let server = Server::start("lesson5-server", &["--max-clients", "2"]);
    let mut served = Vec::new();
    let mut busy = 0;
    for _ in 0..12 {
        let (stream, first) = connect(server.addr());
        if first == "Hello World!" {
            served.push(stream); // kept open: these hold the two places
        } else {
            assert!(first.starts_with("busy:"), "neither greeting nor busy: {first:?}");
            busy += 1;
        }
    }
    assert_eq!((served.len(), busy), (2, 10));
    drop(served);
    let (_, greeting) = connect(server.addr());
    assert!(greeting == "Hello World!" || greeting.starts_with("busy:"));
    server.stop().stdout(contains("panicked").not());
}

#[test]
fn connections_are_served_side_by_side_by_lesson5_and_in_turn_by_lesson4() {
    let args = |server: &Server| {
        let port = server.port();
        ["--port", &port, "--connections", "3", "--think", "0.2", "--message", "a", "--message", "exit"]
            .map(String::from)
            .to_vec()
    };
    let lesson4 = Server::start("lesson4-server", &["--serve", "3"]);
    client("lesson5-client")
        .args(args(&lesson4))
        .assert()
        .success()
        .stdout(contains("[client #3]"))
        .stdout(contains("some connections waited to be greeted: this server serves one client at a time"));
    lesson4.finish().success();

    let lesson5 = Server::start("lesson5-server", &["--serve", "3"]);
    let run = client("lesson5-client").args(args(&lesson5)).assert().success();
    let out = stdout_of(&run);
    let seconds: f64 = out
        .lines()
        .find_map(|line| line.split("3 conversations in ").nth(1)?.split(" s ").next()?.parse().ok())
        .expect("the client reports how long the conversations took");
    // Each conversation thinks 0.4 s; one after another would take 1.2 s or more.
    assert!(seconds < 1.0, "three conversations at once took {seconds} s:\n{out}");
    lesson5.finish().success().stdout(is_match(r"\b3 clients being served now").unwrap());
}

#[test]
fn a_late_greeting_while_another_conversation_goes_on_is_not_called_one_at_a_time() {
    // A server that serves side by side, but slowly: it greets the second
    // connection 300 ms late, while the first conversation is still going
    // on (its reply held back until then). Lesson 7 with a thousand clients
    // is such a server; the client must not say "one client at a time".
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let server = thread::spawn(move || {
        let mut first = listener.accept().unwrap().0;
        let mut second = listener.accept().unwrap().0;
        for stream in [&first, &second] {
            stream.set_read_timeout(Some(DEADLINE)).unwrap();
        }
        let mut buf = [0; 64];
        first.write_all(b"Hello World!").unwrap();
        let _ = course_tests::read_retrying(&mut first, &mut buf).unwrap(); // its "hi", not answered yet
        thread::sleep(std::time::Duration::from_millis(300)); // the point: a late greeting
        second.write_all(b"Hello World!").unwrap();
        let _ = course_tests::read_retrying(&mut second, &mut buf).unwrap(); // its "hi"
        for stream in [&mut first, &mut second] {
            stream.write_all("7：ACK!".as_bytes()).unwrap();
            let _ = stream.read(&mut buf); // "exit"
        }
    });
    let run = client("lesson5-client")
        .args(["--port", &port, "--connections", "2", "--message", "hi", "--message", "exit"])
        .assert()
        .success();
    let out = stdout_of(&run);
    server.join().unwrap();
    assert!(out.contains("greeted after 3"), "the second greeting came about 300 ms late:\n{out}");
    assert!(!out.contains("one client at a time"), "{out}");
    assert!(
        out.contains("yet their conversations overlapped: this server serves clients side by side"),
        "{out}"
    );
}

/// A reset is not silence: a client that aborts (RST) while its thread (or
/// lesson 7's loop, or lesson 8's task) waits in recv is reported as a
/// reset, with or without --idle-timeout, never as a client that said
/// nothing in time, nor as one with nothing to say for now.
#[test]
fn lesson5_lesson7_and_lesson8_servers_report_a_reset_not_an_idle_client() {
    let servers = ["lesson5-server", "lesson7-server", "lesson8-server"];
    let cases = [&["--serve", "1"][..], &["--serve", "1", "--idle-timeout", "5"][..]];
    for (name, args) in servers.into_iter().flat_map(|name| cases.map(|args| (name, args))) {
        let server = Server::start(name, args);
        let (rude, _) = connect(server.addr());
        // SO_LINGER 0: closing sends RST instead of FIN, as a crashed client would.
        socket2::Socket::from(rude).set_linger(Some(std::time::Duration::ZERO)).unwrap();
        let out = stdout_of(&server.finish().success());
        assert!(
            out.contains("recv failed: connection reset by"),
            "{name} {args:?}: the reset is reported:\n{out}"
        );
        assert!(
            !out.contains("nothing received for"),
            "{name} {args:?}: a reset is not an idle client:\n{out}"
        );
    }
}

#[test]
fn with_no_server_the_connection_is_refused_and_explained() {
    let holder = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).unwrap();
    holder.bind(&SocketAddr::from(([127, 0, 0, 1], 0)).into()).unwrap();
    let port = holder.local_addr().unwrap().as_socket().unwrap().port().to_string();
    client("lesson5-client")
        .args(["--port", &port, "--connections", "2", "--message", "hi"])
        .assert()
        .code(1)
        .stderr(contains("connection refused"))
        .stderr(contains("cargo run -p lesson5-server"))
        .stderr(contains("2 of 2 connections failed"));
}

#[test]
fn with_lang_zh_the_explanations_are_chinese_and_the_wire_is_unchanged() {
    let server = Server::start("lesson5-server", &["--serve", "1", "--lang", "zh"]);
    client("lesson5-client")
        .args(["--port", &server.port(), "--lang", "zh", "--message", "hi", "--message", "exit"])
        .assert()
        .success()
        // What crossed the wire, byte for byte as in English.
        .stdout(contains("bytes: b'Hello World!'"))
        .stdout(contains("text:  Hello World!"))
        .stdout(is_match(r"bytes: b'\d{1,4}\\xef\\xbc\\x9aACK!'").unwrap())
        .stdout(is_match(r"text:  \d{1,4}：ACK!").unwrap())
        // The explanations, in Chinese.
        .stdout(is_match(r"3 recv +欢迎语，[\d.]+ 毫秒后收到").unwrap())
        .stdout(contains("5 recv         第 1 条回复"))
        .stdout(contains("已发送 exit：服务器会结束这次对话，所以不会有回复"))
        .stdout(contains("6 close        关闭连接（FIN）"))
        .stdout(contains("the greeting").not());
    server
        .finish()
        .success()
        // The article's log lines stay as they are.
        .stdout(contains("[*] Listening on 127.0.0.1:"))
        .stdout(is_match(r"\[\*\] Accept connection from: 127\.0\.0\.1:\d+").unwrap())
        .stdout(is_match(r"\[\*\] Received from 127\.0\.0\.1:\d+ : hi").unwrap())
        .stdout(contains("最多同时服务 64 个客户端（--max-clients）"))
        .stdout(contains("客户端 #1：由一个新线程为它服务；现在正在服务 1 个客户端"))
        .stdout(contains("exit：客户端要离开了"))
        .stdout(contains("9 close        关闭这条连接（FIN）；这个线程结束"))
        .stdout(contains("现在正在服务 0 个客户端"))
        .stdout(contains("being served now").not());
}
