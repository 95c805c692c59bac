//! Checks exercise 6.3 (src/shutdown_client.rs): your client, run as a
//! program, against the narrated lesson 6 server, the Python server, and
//! plain listeners that reply in pieces or not at all.

use std::io::Write;
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
            "your client failed (it ended with {}). The server replies only after your FIN: after the last \
             write_all, does your client half-close (shutdown, its sending direction only), then read until \
             a read returns 0 bytes? It printed:\n{all}",
            "你的客户端失败了（结束时是{}）。服务器收到你的 FIN 才会回复：最后一次 write_all 之后，\
             你的客户端有没有半关闭（shutdown，只关发送的方向），然后一直读到某次读取返回 0 字节？\
             它打印的是：\n{all}",
            course_check::ended(run.get_output().status)
        )
    );
    let regex = regex::Regex::new(pattern).unwrap();
    assert!(
        out.lines().any(|line| regex.is_match(line)),
        "{}",
        say!(
            "{why}\n  expected: a line matching /{pattern}/\n  your client printed:\n{all}",
            "{why}\n  期望的是：一行匹配 /{pattern}/ 的输出\n  你的客户端打印的是：\n{all}"
        )
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
            "for the input lines `hello ` and `world` your client sends b'hello ' and b'world', each line \
             without its newline: lesson6-server counts 11 bytes and replies, and your client prints the reply",
            "对输入的两行 `hello ` 和 `world`，你的客户端发送 b'hello ' 和 b'world'，每行都不带换行符：\
             lesson6-server 数出 11 个字节并回复，你的客户端把回复打印出来"
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
            "with no input your client sends nothing, and still half-closes (shutdown): the server's first \
             read returns 0 bytes, and your client prints its reply",
            "没有输入时你的客户端什么也不发，但仍然要半关闭（shutdown）：服务器的第一次读取返回 0 字节，\
             你的客户端把它的回复打印出来"
        ),
    );
    server.finish();
}

#[test]
#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
fn the_python_server_counts_what_was_sent() {
    let Some(python) = python3() else { return };
    let mut server = python_server(python, "06-half-close/python/server.py");
    let run = your_client(&server.port(), "hello\nworld\n", Duration::from_secs(15));
    printed(
        &run,
        r"received 10 bytes in [12] reads",
        &say!(
            "for the input lines `hello` and `world` your client sends b'hello' and b'world', each line \
             without its newline: server.py counts 10 bytes and replies, and your client prints the reply",
            "对输入的两行 `hello` 和 `world`，你的客户端发送 b'hello' 和 b'world'，每行都不带换行符：\
             server.py 数出 10 个字节并回复，你的客户端把回复打印出来"
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
        // Waits for the client's FIN. A client that never sends it, that has
        // gone, or that sends without end, gets no reply: the test reports
        // that, not this thread.
        if course_tests::read_to_close(&mut stream).is_err() {
            return;
        }
        // Two writes, the second well after the first: one read gets only the first.
        if stream.write_all(b"first piece, ").is_err() {
            return;
        }
        thread::sleep(Duration::from_millis(300));
        let _ = stream.write_all(b"second piece");
    });
    let run = your_client(&port, "x\n", Duration::from_secs(15));
    printed(
        &run,
        r"^first piece, second piece$",
        &say!(
            "the reply came in two writes, b'first piece, ' then b'second piece' 0.3 s later, then the \
             server's FIN: read until a read returns 0 bytes, then print the whole reply on one line",
            "回复分两次写来，先是 b'first piece, '，0.3 秒后是 b'second piece'，然后是服务器的 FIN：\
             一直读到某次读取返回 0 字节，再把整个回复打印在一行上"
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
            "the server never answers, and after 12 s your client was still in its read and was killed: \
             a read without a timeout waits for ever. Look at set_read_timeout (10 s at most)",
            "服务器永远不回答，12 秒后你的客户端还卡在读取里，被强行结束了：没有超时的读取会一直等下去。\
             看看 set_read_timeout（最多 10 秒）"
        )
    );
    assert!(
        !status.success(),
        "{}",
        say!(
            "no reply came, yet your client exited 0: a read that timed out is an error, and the program \
             must end with one (exit code 1)",
            "没有等到回复，你的客户端却以 0 退出：读取超时是一个错误，程序必须以错误结束（退出码 1）"
        )
    );
    drop(listener);
}
