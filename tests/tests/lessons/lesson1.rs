//! Lesson 1, UDP once: one datagram each way, then both programs exit.

use std::net::UdpSocket;
use std::time::{Duration, Instant};

use course_tests::{Server, address_after, client, stdout_of, udp_exchange};
use predicates::prelude::*;
use predicates::str::contains;

#[test]
fn the_client_sends_i_love_jingjing_and_shows_the_reply() {
    let server = Server::start("lesson1-server", &[]);
    let addr = server.addr();
    let client_run = client("lesson1-client")
        .args(["--port", &server.port()])
        .assert()
        .success()
        .stdout(contains(format!("15 bytes to {addr}: b'I love jingjing'")))
        .stdout(contains(format!("19 bytes from {addr}")))
        .stdout(contains("bytes: b'Ich hab keine Hunge'"))
        .stdout(contains("text:  Ich hab keine Hunge"));
    let client_addr =
        stdout_of(&client_run).lines().find_map(address_after).expect("the client shows its own address");

    server
        .finish()
        .success()
        .stdout(contains(format!("15 bytes from {client_addr}")))
        .stdout(contains("bytes: b'I love jingjing'"))
        .stdout(contains("text:  I love jingjing"))
        .stdout(contains(format!("19 bytes to {client_addr}: b'Ich hab keine Hunge'")))
        .stdout(contains("done"));
}

#[test]
fn reply_message_and_buffers_can_be_changed() {
    let server = Server::start("lesson1-server", &["--reply", "danke"]);
    client("lesson1-client")
        .args(["--port", &server.port(), "--message", "hallo", "--buffer", "3"])
        .assert()
        .success()
        .stdout(contains("bytes: b'dan'"))
        .stdout(
            contains("the datagram was longer than the 3-byte buffer")
                .or(contains("the datagram was 5 bytes")),
        );
    server.finish().success().stdout(contains("bytes: b'hallo'"));
}

#[test]
fn a_datagram_longer_than_the_buffer_is_cut_and_the_rest_is_lost() {
    let server = Server::start("lesson1-server", &["--buffer", "10"]);
    client("lesson1-client").args(["--port", &server.port()]).assert().success();
    server
        .finish()
        .success()
        .stdout(contains("10 bytes from"))
        .stdout(contains("bytes: b'I love jin'"))
        .stdout(contains("the datagram was longer than the 10-byte buffer"))
        .stdout(contains("UDP keeps no rest for a next recvfrom"));
}

/// The edge of the buffer, as in lesson 2: a datagram of exactly `--buffer`
/// bytes fits and is whole; one byte more is cut.
#[test]
fn a_datagram_of_exactly_the_buffer_fits_and_one_byte_more_is_cut() {
    for (sent, cut) in [(&b"12345"[..], false), (&b"123456"[..], true)] {
        let server = Server::start("lesson1-server", &["--buffer", "5"]);
        assert_eq!(udp_exchange(server.addr(), sent), b"Ich hab keine Hunge");
        let out = stdout_of(&server.finish().success());
        let said_cut = out.contains("longer than the 5-byte buffer");
        assert_eq!(said_cut, cut, "lesson 1's server, {} bytes in a 5-byte buffer:\n{out}", sent.len());
    }
}

#[test]
fn invalid_utf8_is_shown_and_answered() {
    let server = Server::start("lesson1-server", &[]);
    let reply = udp_exchange(server.addr(), &[0xff, 0xfe, b'A']);
    assert_eq!(reply, b"Ich hab keine Hunge", "the server answers even bytes that are not text");
    server
        .finish()
        .success()
        .stdout(contains("bytes: b'\\xff\\xfeA'"))
        .stdout(contains("text:  \u{fffd}\u{fffd}A"))
        .stdout(contains("not valid UTF-8 from byte 0"));
}

#[test]
fn an_empty_datagram_is_shown_and_answered() {
    let server = Server::start("lesson1-server", &[]);
    let reply = udp_exchange(server.addr(), b"");
    assert_eq!(
        reply, b"Ich hab keine Hunge",
        "an empty datagram is still a datagram, with a sender to answer"
    );
    server.finish().success().stdout(contains("0 bytes from")).stdout(contains("bytes: b''"));
}

#[test]
fn with_no_server_the_client_gives_up_in_time_and_says_why() {
    // A bound socket that never reads stands in for "no server": nothing answers,
    // and no other program can take the port while the test runs.
    let silent = UdpSocket::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port().to_string();
    let mut lesson1 = client("lesson1-client"); // built before the clock starts
    let started = Instant::now();
    lesson1
        .args(["--port", &port, "--timeout", "0.5"])
        .assert()
        .code(1)
        .stdout(contains("3 recvfrom").not())
        .stderr(contains(format!("error: no reply from 127.0.0.1:{port} within 0.5 s")))
        .stderr(contains("a UDP socket that has not called connect is never told"))
        .stderr(contains("never tells a sender").not())
        .stderr(contains("cargo run -p lesson1-server"))
        .stderr(contains("panicked").not());
    let took = started.elapsed();
    assert!(took >= Duration::from_millis(500), "the client gave up before its timeout: {took:?}");
    assert!(took < Duration::from_secs(5), "the client took {took:?} to give up after a 0.5 s timeout");
}

#[test]
fn a_taken_port_is_explained() {
    let holder = UdpSocket::bind("127.0.0.1:0").unwrap();
    let port = holder.local_addr().unwrap().port();
    client("lesson1-server")
        .args(["--port", &port.to_string()])
        .assert()
        .code(1)
        .stderr(contains(format!("error: 127.0.0.1:{port} is already in use")))
        .stderr(contains("another lesson's server"))
        .stderr(contains("--port 0 lets the system choose"))
        .stderr(contains("panicked").not());
}

#[test]
fn in_chinese_the_explanations_change_and_the_wire_does_not() {
    let server = Server::start("lesson1-server", &["--lang", "zh"]);
    let addr = server.addr();
    client("lesson1-client")
        .args(["--port", &server.port(), "--lang", "zh"])
        .assert()
        .success()
        .stdout(contains("1 socket       UDP 套接字，地址 127.0.0.1:"))
        .stdout(contains(format!("2 sendto       15 字节发往 {addr}：b'I love jingjing'")))
        .stdout(contains("毫秒后收到回复（缓冲区 200 字节）"))
        .stdout(contains("bytes: b'Ich hab keine Hunge'"))
        .stdout(contains("text:  Ich hab keine Hunge"))
        .stdout(contains("4 close        发一个数据报，收一个：完成"))
        .stdout(contains("done").not());
    server
        .finish()
        .success()
        .stdout(contains(format!("UDP 套接字已绑定（没有 listen，也没有 accept）：bound to {addr}")))
        .stdout(contains("2 recvfrom     一个数据报（缓冲区 500 字节）"))
        .stdout(contains("bytes: b'I love jingjing'"))
        .stdout(contains("text:  I love jingjing"))
        .stdout(contains("3 sendto       19 字节发往 127.0.0.1:").and(contains("：b'Ich hab keine Hunge'")))
        .stdout(contains("4 close        收一个数据报，回一个：完成"))
        .stdout(contains("done").not());
}
