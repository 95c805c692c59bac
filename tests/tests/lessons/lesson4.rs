//! Lesson 4, TCP loop: one client after another, each until it leaves.

use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use course_tests::{DEADLINE, Server, client};
use predicates::prelude::*;
use predicates::str::contains;
use socket2::{Domain, Socket, Type};

/// The greeting, as UTF-8 bytes on the wire.
const GREETING: &str = "连接成功！";

/// Connects from a plain socket and reads the greeting (with a deadline).
fn connect_and_read_greeting(server: SocketAddr) -> TcpStream {
    let mut stream = TcpStream::connect(server).unwrap();
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    let mut buf = [0; 64];
    let n =
        course_tests::read_retrying(&mut stream, &mut buf).expect("the server greets within the deadline");
    assert_eq!(&buf[..n], GREETING.as_bytes(), "the greeting is 连接成功！");
    stream
}

/// Sends `message` and returns the reply (one read, lockstep).
fn ask(stream: &mut TcpStream, message: &str) -> String {
    stream.write_all(message.as_bytes()).unwrap();
    let mut buf = [0; 1024];
    let n = course_tests::read_retrying(stream, &mut buf).expect("a reply within the deadline");
    String::from_utf8(buf[..n].to_vec()).unwrap()
}

#[test]
fn a_conversation_ends_with_exit() {
    let server = Server::start("lesson4-server", &["--serve", "1"]);
    client("lesson4-client")
        .args(["--port", &server.port(), "--message", "hello", "--message", "exit", "--message", "unsent"])
        .assert()
        .success()
        .stdout(contains(format!("text:  {GREETING}")))
        .stdout(contains("5 bytes to").and(contains("b'hello'")))
        .stdout(contains("text:  第1条信息：hello"))
        .stdout(contains("4 bytes to").and(contains("b'exit'")))
        .stdout(contains("sent exit: the server ends the conversation"))
        .stdout(contains("unsent").not())
        .stdout(contains("7 close        closing the connection (FIN): the server closed its side first"));
    server
        .finish()
        .success()
        .stdout(contains("client #1 connected from"))
        .stdout(contains("bytes: b'hello'"))
        .stdout(contains("exit: the client is leaving"))
        .stdout(contains("9 close        closing client #1's connection"))
        .stdout(contains("stopping: clients: 1, messages answered: 1"));
}

#[test]
fn the_end_of_input_closes_without_exit_and_the_server_reads_zero_bytes() {
    let server = Server::start("lesson4-server", &["--serve", "1"]);
    client("lesson4-client")
        .args(["--port", &server.port()])
        .write_stdin("a\nb\n")
        .assert()
        .success()
        .stdout(contains("text:  第2条信息：b"))
        .stdout(contains(
            "6 shutdown     end of input, without exit: our FIN, so the server's recv returns 0 bytes",
        ))
        .stdout(contains("7 close        closing: both FINs have crossed"));
    server
        .finish()
        .success()
        .stdout(contains("read #3 (buffer 1024 bytes)"))
        .stdout(contains("0 bytes from"))
        .stdout(contains("the client closed its side of the connection (its FIN arrived)"))
        .stdout(contains("stopping: clients: 1, messages answered: 2"));
}

#[test]
fn numbering_starts_again_for_each_connection() {
    let server = Server::start("lesson4-server", &["--serve", "2"]);
    for _ in 0..2 {
        client("lesson4-client")
            .args(["--port", &server.port(), "--message", "x", "--message", "y"])
            .assert()
            .success()
            .stdout(contains("第1条信息：x"))
            .stdout(contains("第2条信息：y"))
            .stdout(contains("第3条").not());
    }
    server.finish().success().stdout(contains("stopping: clients: 2, messages answered: 4"));
}

#[test]
fn a_second_client_is_greeted_only_after_the_first_leaves() {
    let mut server = Server::start("lesson4-server", &["--serve", "2"]);
    let mut first = connect_and_read_greeting(server.addr());

    // The second client's handshake completes (the listen queue takes it), but
    // nobody accepts it while the first is being served: no greeting comes.
    let mut second = TcpStream::connect(server.addr()).expect("connect succeeds: the system queues us");
    second.set_read_timeout(Some(Duration::from_millis(300))).unwrap();
    let mut buf = [0; 64];
    match second.read(&mut buf) {
        Err(err) if matches!(err.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
        other => {
            panic!("the second client was answered while the first was still served: {other:?}")
        }
    }
    assert_eq!(ask(&mut first, "still here"), "第1条信息：still here");

    first.write_all(b"exit").unwrap();
    drop(first);
    server.wait_for("client #2 connected");
    second.set_read_timeout(Some(DEADLINE)).unwrap();
    let n = course_tests::read_retrying(&mut second, &mut buf)
        .expect("the greeting comes once the first client left");
    assert_eq!(&buf[..n], GREETING.as_bytes());
    assert_eq!(ask(&mut second, "me"), "第1条信息：me");
    drop(second);
    server.finish().success().stdout(contains("stopping: clients: 2, messages answered: 2"));
}

#[test]
fn a_client_that_resets_is_reported_and_the_next_is_served() {
    let server = Server::start("lesson4-server", &["--serve", "2"]);
    let mut rude = connect_and_read_greeting(server.addr());
    assert_eq!(ask(&mut rude, "hi"), "第1条信息：hi");
    // SO_LINGER 0: closing sends RST instead of FIN, as a crashed client would.
    Socket::from(rude).set_linger(Some(Duration::ZERO)).unwrap();

    client("lesson4-client")
        .args(["--port", &server.port(), "--message", "after the reset"])
        .assert()
        .success()
        .stdout(contains("第1条信息：after the reset"));
    server
        .finish()
        .success()
        .stdout(contains("recv failed: connection reset by"))
        .stdout(contains("RST, not FIN"))
        .stdout(contains("client #2 connected"))
        .stdout(contains("stopping: clients: 2, messages answered: 2"));
}

#[test]
fn a_message_longer_than_the_buffer_arrives_in_several_reads() {
    let server = Server::start("lesson4-server", &["--serve", "1", "--buffer", "8"]);
    let mut stream = connect_and_read_greeting(server.addr());
    stream.write_all(b"0123456789ABCDEF").unwrap();
    let mut replies = Vec::new();
    let expected = "第1条信息：01234567第2条信息：89ABCDEF";
    let mut buf = [0; 256];
    while replies.len() < expected.len() {
        let n = course_tests::read_retrying(&mut stream, &mut buf).expect("both replies within the deadline");
        assert!(n > 0, "the server closed early");
        replies.extend_from_slice(&buf[..n]);
    }
    assert_eq!(String::from_utf8(replies).unwrap(), expected, "one message, two reads, two replies");
    drop(stream);
    server
        .finish()
        .success()
        .stdout(contains("this read filled the whole 8-byte buffer"))
        .stdout(contains("sticky packets"))
        .stdout(contains("bytes: b'89ABCDEF'"));
}

#[test]
fn two_hundred_lockstep_messages_take_well_under_two_seconds() {
    let server = Server::start("lesson4-server", &["--serve", "1"]);
    let mut stream = connect_and_read_greeting(server.addr());
    let started = Instant::now();
    for n in 1..=200 {
        assert_eq!(ask(&mut stream, "ping"), format!("第{n}条信息：ping"));
    }
    let took = started.elapsed();
    drop(stream);
    // A reply in two writes would stall about 40 ms each time (Nagle + delayed ACK): 8 s.
    assert!(
        took < Duration::from_secs(2),
        "200 round trips took {took:?}: is a reply sent in more than one write?"
    );
    server.finish().success().stdout(contains("messages answered: 200"));
}

#[test]
fn with_no_server_the_connection_is_refused_and_explained() {
    let holder = Socket::new(Domain::IPV4, Type::STREAM, None).unwrap();
    holder.bind(&SocketAddr::from(([127, 0, 0, 1], 0)).into()).unwrap();
    let port = holder.local_addr().unwrap().as_socket().unwrap().port().to_string();
    client("lesson4-client")
        .args(["--port", &port, "--message", "hello"])
        .assert()
        .code(1)
        .stderr(contains("connection refused"))
        .stderr(contains("cargo run -p lesson4-server"));
}

#[test]
fn a_client_of_a_busy_server_gives_up_on_the_greeting_in_time() {
    let server = Server::start("lesson4-server", &[]);
    let _first = connect_and_read_greeting(server.addr());
    client("lesson4-client")
        .args(["--port", &server.port(), "--timeout", "0.3", "--message", "hello"])
        .assert()
        .code(1)
        .stderr(contains("no data from"))
        .stderr(contains("within 0.3 s"))
        .stderr(contains("a lesson 4 server serves one client at a time"));
}

/// A reply that never comes after the greeting is not the listen queue's
/// doing: the server accepted us, so the hint must not blame a client before us.
#[test]
fn a_reply_that_never_comes_is_not_blamed_on_the_listen_queue() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let silent = std::thread::spawn(move || {
        let (mut connection, _) = listener.accept().unwrap();
        connection.write_all(GREETING.as_bytes()).unwrap();
        // Hold the connection, answering nothing, until the client leaves.
        connection.set_read_timeout(Some(DEADLINE)).unwrap();
        let _ = course_tests::read_to_close(&mut connection);
    });
    client("lesson4-client")
        .args(["--port", &port, "--timeout", "0.3", "--message", "hello"])
        .assert()
        .code(1)
        .stderr(contains("no data from"))
        .stderr(contains("the peer sent nothing"))
        .stderr(contains("one client at a time").not());
    silent.join().unwrap();
}

#[test]
fn an_empty_line_is_not_sent_and_the_next_line_is_answered() {
    // A send of 0 bytes puts nothing on the wire: sent, the server would never
    // answer it and the client would wait out its --timeout for a reply.
    let server = Server::start("lesson4-server", &["--serve", "1"]);
    client("lesson4-client")
        .args(["--port", &server.port()])
        .write_stdin("\nhello\n")
        .assert()
        .success()
        .stdout(contains("empty message not sent"))
        .stdout(contains("text:  第1条信息：hello"))
        .stdout(contains("1 reply received in 1 read"));
    server.finish().success().stdout(contains("stopping: clients: 1, messages answered: 1"));
}

#[test]
fn a_server_that_closes_mid_conversation_is_an_error_with_exit_code_1() {
    // The test plays the server: it greets, reads the first message, and closes
    // without a reply. The client's recv returns 0 bytes: the conversation
    // ended early, which a script must see in the exit code.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let closing = std::thread::spawn(move || {
        let (mut conn, _) = listener.accept().unwrap();
        conn.set_read_timeout(Some(DEADLINE)).unwrap();
        conn.write_all(GREETING.as_bytes()).unwrap();
        let n = conn.read(&mut [0; 64]).expect("the client's first message within the deadline");
        assert!(n > 0, "the client sent its first message");
        // dropped: FIN, no reply
    });
    let run = client("lesson4-client")
        .args(["--port", &port, "--message", "hello", "--message", "anyone?"])
        .assert();
    closing.join().unwrap();
    let code = run.get_output().status.code();
    assert_eq!(
        code,
        Some(1),
        "the server closed before replying: the client must say so and exit 1, not {code:?} (a script would take it for success)"
    );
    run.stdout(contains("0 bytes: the server closed its side of the connection"))
        .stdout(contains("b'anyone?'").not())
        .stderr(contains("error: the server closed the connection"));
}

#[test]
fn with_lang_zh_the_explanations_are_chinese_and_the_wire_is_unchanged() {
    let server = Server::start("lesson4-server", &["--serve", "1", "--lang", "zh"]);
    client("lesson4-client")
        .args(["--port", &server.port(), "--lang", "zh", "--message", "hello", "--message", "exit"])
        .assert()
        .success()
        // What crossed the wire, byte for byte as in English.
        .stdout(contains(r"bytes: b'\xe8\xbf\x9e\xe6\x8e\xa5\xe6\x88\x90\xe5\x8a\x9f\xef\xbc\x81'"))
        .stdout(contains(format!("text:  {GREETING}")))
        .stdout(contains("text:  第1条信息：hello"))
        .stdout(contains("b'exit'"))
        // The explanations, in Chinese.
        .stdout(contains("1 socket       TCP 套接字（SOCK_STREAM），没有 bind：由 connect 选择我们的端口"))
        .stdout(contains("3 recv         欢迎语"))
        .stdout(contains("已发送 exit：服务器会结束这次对话，所以不会有回复"))
        .stdout(contains("7 close        关闭连接（FIN）：服务器先关闭了它那一端"))
        .stdout(contains("1 次读取，收到 1 条回复：完成"))
        .stdout(contains("sent exit").not());
    server
        .finish()
        .success()
        .stdout(contains("listening on 127.0.0.1:"))
        .stdout(contains("客户端 #1 从 127.0.0.1:"))
        .stdout(contains("第 1 次读取（缓冲区 1024 字节）"))
        .stdout(contains(r"b'\xe7\xac\xac1\xe6\x9d\xa1\xe4\xbf\xa1\xe6\x81\xaf\xef\xbc\x9ahello'"))
        .stdout(contains("exit：客户端要离开了（它不会再发送任何数据）"))
        .stdout(contains("9 close        关闭客户端 #1 的连接（FIN）；这是最后一个客户端"))
        .stdout(contains("停止："))
        .stdout(contains("connected from").not());
}

/// A server that accepts and closes before any greeting: the client must not
/// end as if all went well (exit 0, nothing said); it says the server closed
/// before greeting it, and exits 1.
#[test]
fn a_server_that_closes_before_the_greeting_is_an_error_with_exit_code_1() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let server = std::thread::spawn(move || drop(listener.accept().unwrap()));
    client("lesson4-client")
        .args(["--port", &port, "--message", "hello"])
        .assert()
        .code(1)
        .stdout(contains("the server closed its side of the connection"))
        .stderr(contains("the server closed the connection before greeting us"));
    server.join().unwrap();
}
