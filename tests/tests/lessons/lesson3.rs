//! Lesson 3, TCP once: one connection, one message, one reply.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};

use course_tests::{Server, client, stdout_of};
use predicates::prelude::*;
use predicates::str::contains;
use socket2::{Domain, Socket, Type};

#[test]
fn the_client_connects_sends_and_reads_the_reply_once() {
    let server = Server::start("lesson3-server", &[]);
    let addr = server.addr();
    let run = client("lesson3-client")
        .args(["--port", &server.port()])
        .assert()
        .success()
        .stdout(contains("not bound: connect picks our port"))
        .stdout(contains(format!("19 bytes to {addr}: b'I love wangxiaojing'")))
        .stdout(contains("read once (buffer 500 bytes)"));
    let local = stdout_of(&run)
        .lines()
        .find_map(|line| {
            line.split_once(" from ")
                .and_then(|(_, rest)| rest.split_whitespace().next()?.parse::<SocketAddr>().ok())
        })
        .expect("the client shows its own address after connect");
    assert_ne!(local.port(), addr.port(), "the client's port is its own");
    let reply = format!("Received msg: I love wangxiaojing from ('127.0.0.1', {})", local.port());
    assert!(
        stdout_of(&run).contains(&format!("text:  {reply}")),
        "the client shows the reply:\n{}",
        stdout_of(&run)
    );

    server
        .finish()
        .success()
        .stdout(contains(format!("connection from {local}: a new socket for this client")))
        .stdout(contains("the listening socket only takes connections"))
        .stdout(contains("bytes: b'I love wangxiaojing'"))
        .stdout(contains(format!("{} bytes to {local}: b\"{reply}\"", reply.len())))
        .stdout(contains("nothing left unread: closing sends FIN"))
        .stdout(contains("8 close        closing the connection and the listening socket"));
}

#[test]
fn gbk_goes_both_ways() {
    let server = Server::start("lesson3-server", &["--encoding", "gbk"]);
    client("lesson3-client")
        .args(["--port", &server.port(), "--encoding", "gbk", "--message", "你好"])
        .assert()
        .success()
        .stdout(contains("4 bytes to").and(contains("b'\\xc4\\xe3\\xba\\xc3'")))
        .stdout(contains("text:  Received msg: 你好 from ('127.0.0.1', "))
        .stdout(contains("(decoded as gbk)"));
    server
        .finish()
        .success()
        .stdout(contains("bytes: b'\\xc4\\xe3\\xba\\xc3'"))
        .stdout(contains("text:  你好 (decoded as gbk)"));
}

#[test]
fn gbk_bytes_read_as_utf8_are_shown_not_fatal() {
    let server = Server::start("lesson3-server", &[]);
    client("lesson3-client")
        .args(["--port", &server.port(), "--encoding", "gbk", "--message", "你好"])
        .assert()
        .success()
        // The server's U+FFFD (EF BF BD in UTF-8), read back as GBK, is the
        // famous mojibake 锟斤拷.
        .stdout(contains("text:  Received msg: 锟斤拷"));
    server
        .finish()
        .success()
        .stdout(contains("bytes: b'\\xc4\\xe3\\xba\\xc3'"))
        .stdout(contains("not valid UTF-8 from byte 0"));
}

#[test]
fn a_message_longer_than_the_buffer_is_read_in_part() {
    let server = Server::start("lesson3-server", &["--buffer", "10"]);
    client("lesson3-client")
        .args(["--port", &server.port()])
        .assert()
        .success()
        .stdout(contains("text:  Received msg: I love wan from"));
    server
        .finish()
        .success()
        .stdout(contains("bytes: b'I love wan'"))
        .stdout(contains("this read filled the whole 10-byte buffer"))
        .stdout(contains("sticky packets"));
}

#[test]
fn a_client_that_sends_nothing_is_a_zero_byte_read() {
    let server = Server::start("lesson3-server", &[]);
    drop(TcpStream::connect(server.addr()).unwrap()); // connect, then close at once
    server
        .finish()
        .success()
        .stdout(contains("0 bytes from"))
        .stdout(contains("the client closed its side of the connection (its FIN arrived)"));
}

/// A reset is not silence: a client that aborts (RST) while the server waits
/// in recv is reported as a reset, with or without --idle-timeout, never as a
/// client that said nothing in time.
#[test]
fn a_client_that_resets_is_a_reset_not_an_idle_client() {
    for args in [&[][..], &["--idle-timeout", "5"][..]] {
        let mut server = Server::start("lesson3-server", args);
        let rude = TcpStream::connect(server.addr()).unwrap();
        server.wait_for("5 accept");
        // SO_LINGER 0: closing sends RST instead of FIN, as a crashed client would.
        Socket::from(rude).set_linger(Some(std::time::Duration::ZERO)).unwrap();
        server
            .finish()
            .code(1)
            .stderr(contains("error: connection reset by"))
            .stderr(contains("TCP sent RST, not FIN"))
            .stderr(contains("idle").not());
    }
}

#[test]
fn with_no_server_the_connection_is_refused_and_explained() {
    // A bound socket that never listens: a SYN to it is answered with RST.
    let holder = Socket::new(Domain::IPV4, Type::STREAM, None).unwrap();
    holder.bind(&SocketAddr::from(([127, 0, 0, 1], 0)).into()).unwrap();
    let port = holder.local_addr().unwrap().as_socket().unwrap().port().to_string();
    client("lesson3-client")
        .args(["--port", &port])
        .assert()
        .code(1)
        .stderr(contains(format!(
            "error: connection refused by 127.0.0.1:{port}: nothing is listening there"
        )))
        .stderr(contains("start the server first: cargo run -p lesson3-server"))
        .stderr(contains("panicked").not());
}

#[test]
fn a_taken_port_is_explained() {
    let holder = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = holder.local_addr().unwrap().port().to_string();
    client("lesson3-server")
        .args(["--port", &port])
        .assert()
        .code(1)
        .stderr(contains("is already in use"))
        .stderr(contains("another lesson's server"));
}

#[test]
fn the_reply_is_byte_for_byte_the_articles() {
    let server = Server::start("lesson3-server", &[]);
    let mut stream = TcpStream::connect(server.addr()).unwrap();
    stream.set_read_timeout(Some(course_tests::DEADLINE)).unwrap();
    let local = stream.local_addr().unwrap();
    stream.write_all(b"abc").unwrap();
    let reply = course_tests::read_to_close(&mut stream).unwrap(); // the server closes after its reply
    let expected = format!("Received msg: abc from ('127.0.0.1', {})", local.port());
    assert_eq!(String::from_utf8(reply).unwrap(), expected);
    server.finish().success();
}

#[test]
fn in_chinese_the_explanations_change_and_the_wire_does_not() {
    let server = Server::start("lesson3-server", &["--lang", "zh"]);
    let addr = server.addr();
    let run = client("lesson3-client")
        .args(["--port", &server.port(), "--lang", "zh"])
        .assert()
        .success()
        .stdout(contains("1 socket       TCP 套接字（SOCK_STREAM），没有 bind：connect 会替我们选端口"))
        .stdout(contains(format!("3 send         19 字节发往 {addr}：b'I love wangxiaojing'")))
        .stdout(contains("4 recv         只读一次（缓冲区 500 字节）"))
        .stdout(contains("5 close        关闭连接（FIN）：完成"))
        .stdout(contains("done").not());
    let local = stdout_of(&run)
        .lines()
        .find_map(|line| {
            line.split_once("本端地址 ")
                .and_then(|(_, rest)| rest.split('（').next()?.parse::<SocketAddr>().ok())
        })
        .expect("the client shows its own address after connect");
    let reply = format!("Received msg: I love wangxiaojing from ('127.0.0.1', {})", local.port());
    assert!(
        stdout_of(&run).contains(&format!("text:  {reply}")),
        "the client shows the reply:\n{}",
        stdout_of(&run)
    );

    server
        .finish()
        .success()
        .stdout(contains(format!("开始监听（监听队列长度 128）：listening on {addr}")))
        .stdout(contains(format!("5 accept       来自 {local} 的连接：accept 返回了一个新的套接字")))
        .stdout(contains("bytes: b'I love wangxiaojing'"))
        .stdout(contains(format!("{} 字节发往 {local}：b\"{reply}\"", reply.len())))
        .stdout(contains("8 close        关闭连接套接字和监听套接字：完成"))
        .stdout(contains("done").not());
}

/// A server that reads the message and closes without a reply: the client's
/// one read returns 0 bytes, and it says that this is the server's close (its
/// FIN), with no reply to show; the article's client would print `b''`.
#[test]
fn a_server_that_closes_without_a_reply_is_a_zero_byte_read_for_the_client() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let server = std::thread::spawn(move || {
        let (mut conn, _) = listener.accept().unwrap();
        conn.set_read_timeout(Some(course_tests::DEADLINE)).unwrap();
        let _ = conn.read(&mut [0; 64]); // the message, then the close: a FIN, nothing unread
    });
    client("lesson3-client")
        .args(["--port", &port])
        .assert()
        .success()
        .stdout(contains("0 bytes from"))
        .stdout(contains("the server closed its side of the connection (its FIN arrived)"))
        .stdout(contains("Received msg").not());
    server.join().unwrap();
}
