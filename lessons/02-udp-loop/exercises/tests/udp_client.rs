//! Checks exercise 2.3 (src/udp_client.rs): your client, run as a program,
//! against the narrated lesson 2 server and the article's Python server.

use std::net::UdpSocket;
use std::time::Duration;

use assert_cmd::assert::Assert;
use course_check::say;
use course_tests::{Client, Server, python_server, python3, stdout_of, udp_exchange};

/// Runs your program (src/udp_client.rs) for the server on `port`, with `input`
/// as its standard input; kills it after `limit`.
fn your_client(port: &str, input: &str, limit: Duration) -> Assert {
    Client::new(
        env!("CARGO_BIN_EXE_lesson2-udp_client"),
        &say!("your client (src/udp_client.rs)", "你的客户端（src/udp_client.rs）"),
    )
    .arg(port)
    .write_stdin(input)
    .timeout(limit)
    .assert()
}

/// Checks that your client exited 0 and printed `replies` lines with `success`.
fn printed_replies(run: &Assert, replies: usize) {
    let out = stdout_of(run);
    let stderr = String::from_utf8_lossy(&run.get_output().stderr);
    assert!(
        run.get_output().status.success(),
        "{}",
        say!(
            "your client must exit 0 at `exit` or at the end of its input (it ended with {}); stderr:\n{stderr}",
            "读到 `exit` 或输入结束时，你的客户端必须以 0 退出（结束时是{}）；stderr：\n{stderr}",
            course_check::ended(run.get_output().status)
        )
    );
    assert_eq!(
        out.lines().filter(|line| line.contains("success")).count(),
        replies,
        "{}",
        say!(
            "{replies} lines sent, so {replies} replies `success` to print, one line each; your client printed:\n{out}",
            "发了 {replies} 行，所以要打印 {replies} 个回复 `success`，每个一行；你的客户端打印的是：\n{out}"
        )
    );
}

/// Everything the server printed for the datagrams it got before ours: a last
/// datagram from a plain socket is answered after every datagram your client
/// sent (one socket's queue keeps its order), so none is still on its way.
fn after_the_last_datagram(mut server: Server) -> String {
    udp_exchange(server.addr(), b"last-datagram-of-the-test");
    server.wait_for("last-datagram-of-the-test");
    stdout_of(&server.stop())
}

#[test]
fn the_narrated_server_answers_each_line_and_never_sees_exit() {
    let server = Server::start("lesson2-server", &[]);
    let run = your_client(&server.port(), "hello\nworld\nexit\nnever sent\n", Duration::from_secs(15));
    printed_replies(&run, 2);
    let out = after_the_last_datagram(server);
    for word in ["hello", "world"] {
        assert!(
            out.contains(&format!("bytes: b'{word}'")),
            "{}",
            say!(
                "the server must get the datagram b'{word}' (the line, without its newline); it printed:\n{out}",
                "服务器必须收到数据报 b'{word}'（那一行，不带换行符）；它打印的是：\n{out}"
            )
        );
    }
    assert!(
        !out.contains("b'exit") && !out.contains("never sent"),
        "{}",
        say!(
            "`exit` ends the client and is not sent (UDP has no connection to end), and nothing after it is \
             sent; the server printed:\n{out}",
            "`exit` 结束客户端，它本身不发送（UDP 没有连接可结束），它后面的也都不发送；\
             服务器打印的是：\n{out}"
        )
    );
}

#[test]
fn the_end_of_input_ends_the_client() {
    let server = Server::start("lesson2-server", &[]);
    let run = your_client(&server.port(), "one\ntwo\nthree\n", Duration::from_secs(15));
    printed_replies(&run, 3);
    let out = after_the_last_datagram(server);
    assert!(
        out.contains("bytes: b'three'"),
        "{}",
        say!(
            "every line is one datagram, the last too; the server printed:\n{out}",
            "每一行是一个数据报，最后一行也是；服务器打印的是：\n{out}"
        )
    );
}

#[test]
#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
fn the_python_server_answers_each_line() {
    let Some(python) = python3() else { return };
    let server = python_server(python, "02-udp-loop/python/server.py");
    let run = your_client(&server.port(), "123\nhi\nexit\n", Duration::from_secs(15));
    printed_replies(&run, 2);
    let out = after_the_last_datagram(server);
    assert!(
        out.contains("b'123' from ('127.0.0.1', ") && out.contains("b'hi' from ('127.0.0.1', "),
        "{}",
        say!(
            "server.py must get b'123' and b'hi', each line without its newline; it printed:\n{out}",
            "server.py 必须收到 b'123' 和 b'hi'，每行都不带换行符；它打印的是：\n{out}"
        )
    );
    assert!(
        !out.contains("b'exit"),
        "{}",
        say!("`exit` is not sent; server.py printed:\n{out}", "`exit` 不发送；server.py 打印的是：\n{out}")
    );
}

#[test]
fn a_lost_reply_does_not_hang_the_client() {
    // A socket that takes datagrams and never answers: to the client, every reply is lost.
    let silent = UdpSocket::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port().to_string();
    let run = your_client(&port, "hello\n", Duration::from_secs(12));
    let status = run.get_output().status;
    assert!(
        status.code().is_some(),
        "{}",
        say!(
            "your client was still waiting for a reply after 12 s and was killed: UDP never says a datagram \
             was lost, so give the socket a read timeout (set_read_timeout, 10 s at most)",
            "12 秒后你的客户端还在等回复，被强行结束了：UDP 从不告诉你数据报丢了，\
             所以给套接字设一个读超时（set_read_timeout，最多 10 秒）"
        )
    );
    assert!(
        !status.success(),
        "{}",
        say!(
            "no reply came, yet your client exited 0: a recv_from that timed out is an error to report",
            "没有等到回复，你的客户端却以 0 退出：recv_from 超时是一个要报告的错误"
        )
    );
    drop(silent);
}
