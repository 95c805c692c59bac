//! Checks exercise 1.3 (src/udp_server.rs): your server, started as a program
//! on port 0, answers the narrated lesson 1 client, the article's Python
//! client, and a plain socket, byte for byte.

use std::net::UdpSocket;
use std::time::Duration;

use course_check::{OrFail, Shown, assert_bytes, python_literal, say};
use course_tests::{Server, client, learners_server, python_client, python3, stdout_of};

/// Your program (src/udp_server.rs), started with port 0; waits for its
/// `bound to ADDR` line.
fn your_server() -> Server {
    learners_server(env!("CARGO_BIN_EXE_lesson1-udp_server"), &["0"])
}

/// Checks that your server printed the client's message and exited 0 by itself.
fn finished_after_one_datagram(server: Server, message: &str) {
    let run = server.finish();
    let out = stdout_of(&run);
    assert!(
        run.get_output().status.success(),
        "{}",
        say!(
            "your server must exit 0 after answering (it ended with {}); stderr:\n{}",
            "你的服务器回复之后必须以 0 退出（结束时是{}）；stderr：\n{}",
            course_check::ended(run.get_output().status),
            String::from_utf8_lossy(&run.get_output().stderr)
        )
    );
    assert!(
        out.contains(message),
        "{}",
        say!(
            "your server must print the text it received ({message:?}); it printed:\n{out}",
            "你的服务器必须打印它收到的文本（{message:?}）；它打印的是：\n{out}"
        )
    );
}

#[test]
fn the_narrated_client_gets_the_reply() {
    let server = your_server();
    let run = client("lesson1-client").args(["--port", &server.port()]).assert();
    let out = stdout_of(&run);
    assert!(
        run.get_output().status.success() && out.contains("text:  Ich hab keine Hunge"),
        "{}",
        say!(
            "lesson1-client got no `Ich hab keine Hunge` back: a reply reaches a UDP client only at the \
             address its datagram came from (look at where your send_to sends, and at what recv_from \
             returned); it printed:\n{out}{}",
            "lesson1-client 没有收到 `Ich hab keine Hunge`：UDP 的回复只有发到数据报的来源地址，客户端\
             才收得到（看看你的 send_to 发到了哪里，再看看 recv_from 返回了什么）；它打印的是：\n{out}{}",
            String::from_utf8_lossy(&run.get_output().stderr)
        )
    );
    finished_after_one_datagram(server, "I love jingjing");
}

#[test]
#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
fn the_python_client_gets_the_reply() {
    let Some(python) = python3() else { return };
    let server = your_server();
    let run = python_client(python, "01-udp-once/python/client.py", &server.port()).assert();
    let out = stdout_of(&run);
    assert!(
        run.get_output().status.success(),
        "{}",
        say!(
            "the article's client.py got no reply within 10 s: does your server answer the address the datagram came from? stderr:\n{}",
            "文章的 client.py 在 10 秒内没有收到回复：你的服务器回答的是数据报来的那个地址吗？stderr：\n{}",
            String::from_utf8_lossy(&run.get_output().stderr)
        )
    );
    assert_eq!(
        out,
        "Ich hab keine Hunge\n",
        "{}",
        say!(
            "client.py prints the reply datagram as it came: send exactly the 19 bytes `Ich hab keine Hunge`",
            "client.py 原样打印回复的数据报：正好发送 19 个字节 `Ich hab keine Hunge`"
        )
    );
    finished_after_one_datagram(server, "I love jingjing");
}

#[test]
fn the_reply_is_the_19_bytes_from_the_servers_address() {
    let server = your_server();
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    socket.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    socket.send_to(b"hello, server", server.addr()).unwrap();
    let mut buf = [0; 2048];
    let (n, from) = socket.recv_from(&mut buf).unwrap_or_else(|err| {
        panic!(
            "{}",
            say!(
                "no reply came back within 5 s ({}) to the socket that sent the datagram: look at where your \
                 send_to sends (recv_from returned the sender's address)",
                "发出数据报的套接字 5 秒内没有收到回复（{}）：看看你的 send_to 发到了哪里\
                 （recv_from 返回了发送方的地址）",
                err.shown()
            )
        )
    });
    assert_eq!(
        from,
        server.addr(),
        "{}",
        say!(
            "the reply must come from the socket you bound (the client checks it)",
            "回复必须来自你绑定的那个套接字（客户端会检查）"
        )
    );
    assert_bytes(
        &buf[..n],
        b"Ich hab keine Hunge",
        &say!(
            "the reply must be exactly the 19 bytes `Ich hab keine Hunge`: look at your send_to",
            "回复必须正好是 19 个字节 `Ich hab keine Hunge`：看看你的 send_to"
        ),
    );
    finished_after_one_datagram(server, "hello, server");
}

#[test]
fn a_300_byte_datagram_is_shown_whole() {
    // Longer than a small buffer, shorter than the lesson's 500 bytes: a
    // buffer of 500 takes it whole, a smaller one cuts it without a word.
    let message: String = (0..300).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
    let server = your_server();
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    socket.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    socket.send_to(message.as_bytes(), server.addr()).unwrap();
    let mut buf = [0; 2048];
    socket.recv_from(&mut buf).or_fail(say!(
        "no reply came back within 5 s to a 300-byte datagram: look at where your send_to sends (recv_from \
         returned the sender's address)",
        "300 字节的数据报，5 秒内没有收到回复：看看你的 send_to 发到了哪里（recv_from 返回了发送方的地址）"
    ));
    let run = server.finish();
    let out = stdout_of(&run);
    assert!(
        out.contains(&message),
        "{}",
        say!(
            "a 300-byte datagram must be printed whole (the spec says a buffer of 500 bytes): recv_from \
             keeps only as many bytes as your buffer holds and drops the rest of the datagram. \
             Sent {}; your server printed:\n{out}",
            "300 字节的数据报必须完整打印（要求是 500 字节的缓冲区）：recv_from 只保留缓冲区装得下的\
             字节，数据报的其余部分被丢掉。发送的是 {}；你的服务器打印的是：\n{out}",
            python_literal(message.as_bytes())
        )
    );
}
