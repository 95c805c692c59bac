//! Checks exercise 6.3 (src/shutdown_client.rs): your client, run as a
//! program, against the narrated lesson 6 server, the Python server, and
//! plain listeners that reply in pieces or not at all.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::thread;
use std::time::Duration;

use assert_cmd::assert::Assert;
use course_check::say;
use course_tests::{Client, Server, python_server, python3, stdout_of};

/// Runs your program (src/shutdown_client.rs) for the server on `port`, with
/// `input` as its standard input; kills it after `limit`.
fn your_client(port: &str, input: &str, limit: Duration) -> Assert {
    Client::new(
        env!("CARGO_BIN_EXE_lesson6-shutdown_client"),
        &say!("your client (src/shutdown_client.rs)", "你的客户端（src/shutdown_client.rs）"),
    )
    .arg(port)
    .write_stdin(input)
    .timeout(limit)
    .assert()
}

/// Checks that your client exited 0 and printed a line `pattern` matches.
fn printed(run: &Assert, pattern: &str, why: &str) {
    let out = stdout_of(run);
    let all = format!("{out}{}", String::from_utf8_lossy(&run.get_output().stderr));
    assert!(
        run.get_output().status.success(),
        "{}",
        say!(
            "your client failed (exit code {:?}): the server replies only after your FIN; call \
             shutdown(Shutdown::Write) once everything is sent, then read until 0 bytes:\n{all}",
            "你的客户端失败了（退出码 {:?}）：服务器收到你的 FIN 才会回复；全部发送完之后调用 \
             shutdown(Shutdown::Write)，然后一直读到 0 字节：\n{all}",
            run.get_output().status.code()
        )
    );
    let regex = regex::Regex::new(pattern).unwrap();
    assert!(
        out.lines().any(|line| regex.is_match(line)),
        "{}",
        say!("{why}; your client printed:\n{all}", "{why}；你的客户端打印的是：\n{all}")
    );
}

#[test]
fn the_narrated_server_counts_what_was_sent() {
    let server = Server::start("lesson6-server", &["--serve", "1"]);
    let run = your_client(&server.port(), "hello \nworld\n", Duration::from_secs(15));
    printed(
        &run,
        r"received 11 bytes in [12] reads",
        &say!(
            "lesson6-server must count 11 bytes (`hello ` and `world`, without newlines) and its reply be printed",
            "lesson6-server 必须数出 11 个字节（`hello ` 和 `world`，不带换行符），并且它的回复要打印出来"
        ),
    );
    let out = stdout_of(&server.finish());
    assert!(
        out.contains("received 11 bytes in"),
        "{}",
        say!("the server counted something else:\n{out}", "服务器数出来的是别的：\n{out}")
    );
}

#[test]
fn nothing_to_send_is_still_a_half_close() {
    let server = Server::start("lesson6-server", &["--serve", "1"]);
    let run = your_client(&server.port(), "", Duration::from_secs(15));
    printed(
        &run,
        r"received 0 bytes in 0 reads",
        &say!(
            "with no input, send nothing, still half-close: the server's first read returns 0 bytes",
            "没有输入就什么也不发，但仍然要半关闭：服务器的第一次读取返回 0 字节"
        ),
    );
    server.finish();
}

#[test]
fn the_python_server_counts_what_was_sent() {
    let Some(python) = python3() else { return };
    let mut server = python_server(python, "06-half-close/python/server.py");
    let run = your_client(&server.port(), "hello\nworld\n", Duration::from_secs(15));
    printed(
        &run,
        r"received 10 bytes in [12] reads",
        &say!(
            "server.py must count 10 bytes and its reply be printed",
            "server.py 必须数出 10 个字节，并且它的回复要打印出来"
        ),
    );
    server.wait_for("the client's FIN arrived");
    server.stop();
}

#[test]
fn a_reply_in_pieces_is_read_to_its_end() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let mut received = Vec::new();
        stream.read_to_end(&mut received).unwrap(); // waits for the client's FIN
        // Two writes, the second well after the first: one read gets only the first.
        stream.write_all(b"first piece, ").unwrap();
        thread::sleep(Duration::from_millis(300));
        stream.write_all(b"second piece").unwrap();
    });
    let run = your_client(&port, "x\n", Duration::from_secs(15));
    printed(
        &run,
        r"^first piece, second piece$",
        &say!(
            "the reply came in two pieces, 0.3 s apart: read until a read returns 0 bytes (the server's FIN), \
             then print it whole on one line",
            "回复分两段到达，相隔 0.3 秒：一直读到某次读取返回 0 字节（服务器的 FIN），\
             再把它完整地打印在一行上"
        ),
    );
}

#[test]
fn a_server_that_never_answers_does_not_hang_the_client() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    // Accepted by the system (the backlog), never read, never answered, never closed.
    let run = your_client(&port, "hello\n", Duration::from_secs(12));
    let status = run.get_output().status;
    assert!(
        status.code().is_some(),
        "{}",
        say!(
            "your client was still waiting for a reply after 12 s and was killed: give the connection a read \
             timeout (set_read_timeout, 10 s at most)",
            "12 秒后你的客户端还在等回复，被强行结束了：给连接设一个读超时（set_read_timeout，最多 10 秒）"
        )
    );
    assert!(
        !status.success(),
        "{}",
        say!(
            "no reply came, yet your client exited 0: a read that timed out is an error",
            "没有等到回复，你的客户端却以 0 退出：读取超时是一个错误"
        )
    );
    drop(listener);
}
