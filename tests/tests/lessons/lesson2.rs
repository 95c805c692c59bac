//! Lesson 2, UDP loop: one server, many datagrams, many clients.

use std::net::UdpSocket;

use course_tests::{Server, address_after, client, stdout_of, udp_exchange};
use predicates::prelude::*;
use predicates::str::contains;

#[test]
fn two_clients_are_served_by_one_socket() {
    let server = Server::start("lesson2-server", &["--serve", "3"]);
    let addr = server.addr();
    let first = client("lesson2-client")
        .args(["--port", &server.port(), "--message", "123", "--message", "hello"])
        .assert()
        .success()
        .stdout(contains(format!("3 bytes to {addr}: b'123'")))
        .stdout(contains(format!("5 bytes to {addr}: b'hello'")))
        .stdout(contains("reply #2"))
        .stdout(contains("bytes: b'success'"))
        .stdout(contains("2 messages sent, 2 replies received"));
    let second = client("lesson2-client")
        .args(["--port", &server.port()])
        .write_stdin("from stdin\n")
        .assert()
        .success()
        .stdout(contains("10 bytes to").and(contains("b'from stdin'")))
        .stdout(contains("1 message sent, 1 reply received"));

    let first_addr = stdout_of(&first).lines().find_map(address_after).unwrap();
    let second_addr = stdout_of(&second).lines().find_map(address_after).unwrap();
    assert_ne!(first_addr, second_addr, "each client has its own port");
    server
        .finish()
        .success()
        .stdout(contains("2 recvfrom     datagram #3"))
        .stdout(contains(format!("3 bytes from {first_addr}")))
        .stdout(contains(format!("10 bytes from {second_addr}")))
        .stdout(contains(format!("7 bytes to {second_addr}: b'success'")))
        .stdout(contains("stopping: datagrams: 3, senders: 2"));
}

#[test]
fn exit_stops_the_client_and_is_not_sent() {
    let server = Server::start("lesson2-server", &["--serve", "1"]);
    client("lesson2-client")
        .args(["--port", &server.port()])
        .write_stdin("first\nexit\nnever sent\n")
        .assert()
        .success()
        .stdout(contains("b'first'"))
        .stdout(contains("exit: not sent"))
        .stdout(contains("never sent").not())
        .stdout(contains("4 close        1 message sent, 1 reply received"));
    server
        .finish()
        .success()
        .stdout(contains("b'first'"))
        .stdout(contains("exit").not())
        .stdout(contains("stopping: datagrams: 1, senders: 1"));
}

#[test]
fn the_end_of_input_stops_the_client_without_exit() {
    let server = Server::start("lesson2-server", &["--serve", "2"]);
    client("lesson2-client")
        .args(["--port", &server.port()])
        .write_stdin("one\r\ntwo")
        .assert()
        .success()
        .stdout(contains("3 bytes to").and(contains("b'one'")))
        .stdout(contains("b'two'"))
        .stdout(contains("2 messages sent, 2 replies received"));
    server.finish().success().stdout(contains("stopping: datagrams: 2, senders: 1"));
}

#[test]
fn the_server_answers_garbage_and_empty_datagrams_and_serves_on() {
    let server = Server::start("lesson2-server", &["--serve", "3", "--buffer", "4"]);
    assert_eq!(udp_exchange(server.addr(), &[0xe8, 0xbf, 0xff]), b"success");
    assert_eq!(udp_exchange(server.addr(), b""), b"success");
    client("lesson2-client")
        .args(["--port", &server.port(), "--message", "still here"])
        .assert()
        .success()
        .stdout(contains("b'success'"));
    server
        .finish()
        .success()
        .stdout(contains("bytes: b'\\xe8\\xbf\\xff'"))
        .stdout(contains("not valid UTF-8"))
        .stdout(contains("0 bytes from"))
        .stdout(contains("bytes: b'stil'"))
        .stdout(contains("longer than the 4-byte buffer"))
        .stdout(contains("stopping: datagrams: 3, senders: 3"));
}

#[test]
fn without_serve_the_server_keeps_going_until_stopped() {
    let mut server = Server::start("lesson2-server", &[]);
    for n in 1..=3 {
        assert_eq!(udp_exchange(server.addr(), format!("ping {n}").as_bytes()), b"success");
    }
    server.wait_for("b'ping 3'");
    server.stop().stdout(contains("serving until stopped")).stdout(contains("b'ping 3'"));
}

#[test]
fn with_no_server_the_client_gives_up_in_time_and_says_why() {
    let silent = UdpSocket::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port().to_string();
    client("lesson2-client")
        .args(["--port", &port, "--timeout", "0.3", "--message", "anyone?"])
        .assert()
        .code(1)
        .stderr(contains("no reply from"))
        .stderr(contains("ICMP \"port unreachable\""))
        .stderr(contains("has not called connect is never told"))
        .stderr(contains("cargo run -p lesson2-server"));
}

#[test]
fn a_taken_port_is_explained() {
    let holder = UdpSocket::bind("127.0.0.1:0").unwrap();
    let port = holder.local_addr().unwrap().port().to_string();
    client("lesson2-server")
        .args(["--port", &port])
        .assert()
        .code(1)
        .stderr(contains("is already in use"))
        .stderr(contains("another lesson's server"));
}

#[test]
fn a_reply_longer_than_the_clients_buffer_is_reported_as_cut() {
    // The server is the test's own socket, so the reply can be longer than any
    // lesson server's: 40 bytes for a client whose buffer takes 10.
    let server = UdpSocket::bind("127.0.0.1:0").unwrap();
    server.set_read_timeout(Some(course_tests::DEADLINE)).unwrap();
    let port = server.local_addr().unwrap().port().to_string();
    let answering = std::thread::spawn(move || {
        let mut buf = [0; 64];
        let (_, client) = server.recv_from(&mut buf).expect("the client's datagram within the deadline");
        server.send_to(b"0123456789 and thirty more bytes, lost!", client).unwrap();
    });
    let run = client("lesson2-client")
        .args(["--port", &port, "--buffer", "10", "--message", "hi"])
        .assert()
        .success()
        .stdout(contains("bytes: b'0123456789'"))
        .stdout(contains("the datagram was longer than the 10-byte buffer"))
        .stdout(contains("the rest is lost"));
    answering.join().unwrap();
    let out = stdout_of(&run);
    assert!(!out.contains("thirty"), "only the first 10 bytes count, the rest is lost:\n{out}");
}

#[test]
fn long_data_is_shown_up_to_256_bytes_and_the_rest_counted() {
    // 1000 digits: a terminal must not be flooded, but the learner is told how much was left out.
    let long = "0123456789".repeat(100);
    let server = Server::start("lesson2-server", &["--serve", "1"]);
    let run =
        client("lesson2-client").args(["--port", &server.port(), "--message", &long]).assert().success();
    let sent = stdout_of(&run);
    let literal = regex::Regex::new(r"1000 bytes to \S+: b'([0-9]*)'\.\.\.").unwrap();
    let shown = literal.captures(&sent).unwrap_or_else(|| {
        panic!("the client shows the 1000 bytes it sends cut, with '...' after the literal:\n{sent}")
    });
    assert_eq!(shown[1].len(), 256, "the client shows the first 256 bytes of what it sends:\n{sent}");

    let out = stdout_of(&server.finish().success());
    let literal = regex::Regex::new(r"bytes: b'([0-9]*)'").unwrap();
    let shown = literal.captures(&out).unwrap_or_else(|| panic!("the server shows the datagram:\n{out}"));
    assert_eq!(shown[1].len(), 256, "the server shows the first 256 bytes of what it received:\n{out}");
    assert!(
        out.contains("(only the first 256 of 1000 bytes shown)"),
        "and says how much it left out:\n{out}"
    );
}

#[test]
fn in_chinese_the_explanations_change_and_the_wire_does_not() {
    let server = Server::start("lesson2-server", &["--serve", "2", "--lang", "zh"]);
    let addr = server.addr();
    client("lesson2-client")
        .args(["--port", &server.port(), "--lang", "zh"])
        .write_stdin("123\nhello\nexit\nnever sent\n")
        .assert()
        .success()
        .stdout(contains(format!("2 sendto       3 字节发往 {addr}：b'123'")))
        .stdout(contains("3 recvfrom     回复 #2"))
        .stdout(contains("bytes: b'success'"))
        .stdout(contains("text:  success"))
        .stdout(contains("exit：不发送；UDP 没有连接需要结束，客户端直接停止"))
        .stdout(contains("never sent").not())
        .stdout(contains("4 close        发出 2 条消息，收到 2 条回复：完成"))
        .stdout(contains("received").not());
    server
        .finish()
        .success()
        .stdout(contains(format!("UDP 套接字已绑定（没有 listen，也没有 accept）：bound to {addr}")))
        .stdout(contains("2 recvfrom     数据报 #2（缓冲区 1024 字节）"))
        .stdout(contains("bytes: b'hello'"))
        .stdout(contains("：b'success'"))
        .stdout(contains("4 close        停止："))
        .stdout(contains("stopping").not());
}

#[test]
fn a_server_that_logged_megabytes_of_datagrams_still_shows_the_next_one() {
    // 2,000 datagrams of 1,024 bytes of 0xff (shown as \xff): well over the
    // 4 MiB a conversation may log. For a UDP server each datagram is a
    // conversation of its own, so none of them, and not the last, is held back.
    let total = 2_000;
    let server = Server::start("lesson2-server", &["--serve", &(total + 1).to_string()]);
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    socket.set_read_timeout(Some(course_tests::DEADLINE)).unwrap();
    let mut reply = [0; 64];
    for _ in 0..total {
        // One at a time, each answered first: nothing is lost to a full buffer.
        socket.send_to(&[0xff; 1024], server.addr()).unwrap();
        socket.recv_from(&mut reply).expect("each datagram is answered");
    }
    socket.send_to(b"the last one", server.addr()).unwrap();
    socket.recv_from(&mut reply).expect("the last datagram is answered");
    let out = stdout_of(&server.finish().success());
    assert!(!out.contains("log limit"), "a UDP server's log was limited across datagrams");
    assert!(out.contains("text:  the last one"), "the last datagram was not shown");
    assert!(out.len() > 4 << 20, "the test meant to log more than 4 MiB; it logged {} bytes", out.len());
}

/// The edge of the buffer: a datagram of exactly `--buffer` bytes fits and is
/// whole; one byte more is cut. (`>=` where `>` belongs would call the first
/// one cut.)
#[test]
fn a_datagram_of_exactly_the_buffer_fits_and_one_byte_more_is_cut() {
    let server = Server::start("lesson2-server", &["--serve", "2", "--buffer", "5"]);
    assert_eq!(udp_exchange(server.addr(), b"12345"), b"success");
    assert_eq!(udp_exchange(server.addr(), b"123456"), b"success");
    let out = stdout_of(&server.finish().success());
    let (first, second) = out.split_once("datagram #2").expect("two datagrams");
    assert!(!first.contains("longer than the 5-byte buffer"), "5 bytes fit a 5-byte buffer:\n{first}");
    assert!(second.contains("longer than the 5-byte buffer"), "6 bytes do not:\n{second}");
}

/// A reply that cannot be sent is that client's trouble, not the server's:
/// said, and the next datagram served. A datagram from port 0 (made with a
/// raw socket, in a network namespace of the test's own where the test may)
/// gets a sendto that fails with EINVAL, as nothing can be sent to port 0.
#[test]
#[cfg_attr(no_private_network, ignore = "needs a private network namespace: Linux, unshare -rn and ip")]
fn a_reply_that_cannot_be_sent_is_reported_and_the_next_client_is_served() {
    course_tests::on_a_private_wire(|| {
        let server = Server::start("lesson2-server", &["--serve", "2"]);
        // A UDP header by hand: source port 0, the server's port, the length
        // (8 + 2 bytes), no checksum (0 is allowed over IPv4); the system adds
        // the IP header.
        let raw =
            socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::RAW, Some(socket2::Protocol::UDP))
                .expect("a raw socket: the test's own namespace gives it the right");
        let mut datagram = vec![0, 0];
        datagram.extend(server.addr().port().to_be_bytes());
        datagram.extend(10u16.to_be_bytes());
        datagram.extend([0, 0]);
        datagram.extend(b"hi");
        raw.send_to(&datagram, &server.addr().into()).expect("the raw datagram goes out");
        assert_eq!(udp_exchange(server.addr(), b"next"), b"success", "the next client is answered");
        let out = stdout_of(&server.finish().success());
        assert!(out.contains("from 127.0.0.1:0"), "the first datagram came from port 0:\n{out}");
        assert!(out.contains("sendto on 127.0.0.1:0 failed"), "the failed reply is reported:\n{out}");
    });
}
