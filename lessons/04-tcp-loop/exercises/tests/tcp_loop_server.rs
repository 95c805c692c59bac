//! Checks exercise 4.3 (src/tcp_loop_server.rs): your server, started as a
//! program on port 0 for three clients, serves the narrated lesson 4 client,
//! the article's Python client, and plain sockets, one after another.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::Duration;

use assert_cmd::assert::Assert;
use course_check::{OrFail, expect_bytes, python_literal, say};
use course_tests::{Server, client, learners_server, python_client, python3, stdout_of};

/// Your program (src/tcp_loop_server.rs), started with port 0 and N = 3
/// clients; waits for its `listening on ADDR` line.
fn your_server() -> Server {
    learners_server(env!("CARGO_BIN_EXE_lesson4-tcp_loop_server"), &["0", "3"])
}

/// Checks that your server, told to serve 3 clients, exited 0 after the third.
fn finished_after_three_clients(server: Server) {
    let run = server.finish();
    assert!(
        run.get_output().status.success(),
        "{}",
        say!(
            "given the second argument 3, your server must exit 0 after its third client (it ended with {}); \
             stderr:\n{}",
            "第二个参数是 3 时，你的服务器必须在第三个客户端之后以 0 退出（结束时是{}）；\
             stderr：\n{}",
            course_check::ended(run.get_output().status),
            String::from_utf8_lossy(&run.get_output().stderr)
        )
    );
}

/// Checks that a client's run succeeded and showed each of `lines`.
fn showed(run: &Assert, who: &str, lines: &[&str]) {
    let out = stdout_of(run);
    let all = format!("{out}{}", String::from_utf8_lossy(&run.get_output().stderr));
    assert!(
        run.get_output().status.success(),
        "{}",
        say!("{who} failed against your server:\n{all}", "{who} 连你的服务器失败了：\n{all}")
    );
    for line in lines {
        assert!(
            out.contains(line),
            "{}",
            say!(
                "{who} must read {line:?} (the greeting on accept, then `第{{n}}条信息：{{text}}`, n counting \
                 this client's messages from 1); it printed:\n{all}",
                "{who} 必须读到 {line:?}（accept 之后的问候，然后是 `第{{n}}条信息：{{text}}`，n 从 1 开始\
                 数这个客户端的消息）；它打印的是：\n{all}"
            )
        );
    }
}

#[test]
fn narrated_clients_one_after_another() {
    let server = your_server();
    let port = server.port();
    let run = client("lesson4-client")
        .args(["--port", &port, "--message", "hello", "--message", "world", "--message", "exit"])
        .assert();
    showed(
        &run,
        "lesson4-client",
        &["text:  连接成功！", "text:  第1条信息：hello", "text:  第2条信息：world"],
    );
    // No `exit`: at the end of its messages the client just closes; the count starts again.
    let run = client("lesson4-client").args(["--port", &port, "--message", "bye"]).assert();
    let second = say!(
        "the second lesson4-client (it closes without `exit`)",
        "第二个 lesson4-client（它不发 `exit` 就关闭）"
    );
    showed(&run, &second, &["text:  第1条信息：bye"]);
    let run =
        client("lesson4-client").args(["--port", &port, "--message", "again", "--message", "exit"]).assert();
    let third = say!("the third lesson4-client", "第三个 lesson4-client");
    showed(&run, &third, &["text:  连接成功！", "text:  第1条信息：again"]);
    finished_after_three_clients(server);
}

#[test]
#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
fn python_clients_one_after_another() {
    let Some(python) = python3() else { return };
    let server = your_server();
    let port = server.port();
    let script = "04-tcp-loop/python/client.py";
    let run = python_client(python, script, &port).write_stdin("hello\nworld\nexit\nunsent\n").assert();
    showed(&run, "client.py", &["连接成功！\n", "第1条信息：hello\n", "第2条信息：world\n"]);
    let run = python_client(python, script, &port).write_stdin("bye\n").assert();
    let second = say!(
        "the second client.py (its input ends without `exit`)",
        "第二个 client.py（它的输入不以 `exit` 结束）"
    );
    showed(&run, &second, &["第1条信息：bye\n"]);
    let run = python_client(python, script, &port).write_stdin("again\nexit\n").assert();
    showed(&run, &say!("the third client.py", "第三个 client.py"), &["连接成功！\n", "第1条信息：again\n"]);
    finished_after_three_clients(server);
}

/// A plain client of your server, with a deadline on every read.
fn connect(server: &Server) -> TcpStream {
    let stream = TcpStream::connect(server.addr()).or_fail(say!(
        "cannot connect to your server: is it still listening? Told to serve 3 clients, it goes back to \
         accept after each one leaves",
        "连不上你的服务器：它还在监听吗？让它服务 3 个客户端时，每个客户端离开之后它都要回到 accept"
    ));
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    stream
}

/// What a read brought, as the failure messages show it: its first 64
/// bytes as a `b'…'` literal, and how many there were.
fn shown(bytes: &[u8]) -> String {
    let (start, more) = if bytes.len() > 64 { (&bytes[..64], "…") } else { (bytes, "") };
    say!("{}{more} ({} bytes)", "{}{more}（{} 字节）", python_literal(start), bytes.len())
}

/// Reads until the server closes; it must send nothing more first. Any byte
/// fails at once: a server that answers every read of 0 bytes never stops
/// sending, so reading "to the end" would never end.
fn expect_close(stream: &mut TcpStream, why: &str) {
    let mut buf = [0; 1024];
    match stream.read(&mut buf) {
        Ok(0) => {}
        Ok(n) => panic!("{}", say!("{why}; instead it sent {}", "{why}；它却发来了 {}", shown(&buf[..n]))),
        Err(err) => panic!(
            "{}",
            say!(
                "your server did not close the connection within 5 s ({err}): {why}",
                "你的服务器在 5 秒内没有关闭连接（{err}）：{why}"
            )
        ),
    }
}

#[test]
fn exit_and_a_read_of_zero_bytes_end_a_client() {
    let server = your_server();

    let mut first = connect(&server);
    expect_bytes(
        &mut first,
        "连接成功！",
        &say!("accept, then send the greeting `连接成功！` at once", "accept 之后立刻发送问候 `连接成功！`"),
    );
    first.write_all(b"ping").or_fail(say!(
        "could not send b'ping' to your server: did it close the connection after the greeting?",
        "没能把 b'ping' 发给你的服务器：它是不是在问候之后就关闭了连接？"
    ));
    expect_bytes(
        &mut first,
        "第1条信息：ping",
        &say!(
            "b'ping' is this client's first message: after the read that brings it, write_all the reply \
             `第1条信息：ping`",
            "b'ping' 是这个客户端的第一条消息：读到它之后，用 write_all 写回回复 `第1条信息：ping`"
        ),
    );
    first.write_all(b"exit").or_fail(say!(
        "could not send b'exit' to your server: did it close the connection after its first reply?",
        "没能把 b'exit' 发给你的服务器：它是不是在第一次回复之后就关闭了连接？"
    ));
    expect_close(
        &mut first,
        &say!(
            "`exit` ends the client: close its connection without a reply",
            "`exit` 结束这个客户端：不回复，直接关闭它的连接"
        ),
    );

    let mut second = connect(&server);
    expect_bytes(
        &mut second,
        "连接成功！",
        &say!(
            "after a client leaves, accept the next one and greet it",
            "一个客户端离开之后，accept 下一个并问候它"
        ),
    );
    second.shutdown(Shutdown::Write).unwrap(); // our FIN: your read returns 0 bytes
    expect_close(
        &mut second,
        &say!(
            "a read of 0 bytes is the client's FIN, not an empty message: stop reading and close the connection",
            "读到 0 字节是客户端的 FIN，不是一条空消息：停止读取，关闭连接"
        ),
    );

    let mut third = connect(&server);
    expect_bytes(
        &mut third,
        "连接成功！",
        &say!(
            "after a client's FIN, go back to accept and greet the next client",
            "收到客户端的 FIN 之后，回到 accept，问候下一个客户端"
        ),
    );
    drop(third);
    finished_after_three_clients(server);
}

/// A client that resets (an abort: RST, not FIN) makes that client's read
/// fail; your server must say so and go on to the next client, not stop.
#[test]
fn a_client_that_resets_does_not_stop_your_server() {
    let server = your_server();
    let mut first = connect(&server);
    expect_bytes(
        &mut first,
        "连接成功！",
        &say!("accept, then send the greeting `连接成功！` at once", "accept 之后立刻发送问候 `连接成功！`"),
    );
    // SO_LINGER 0, then close: an RST, as a client that crashed sends.
    socket2::SockRef::from(&first).set_linger(Some(Duration::ZERO)).unwrap();
    drop(first);
    for (who, number) in [("second", 2), ("third", 3)] {
        let mut next = connect(&server);
        expect_bytes(
            &mut next,
            "连接成功！",
            &say!(
                "the client before reset its connection (RST): your read on it failed with \
                 ConnectionReset. That error ends that client only: the {who} client (#{number}) must be \
                 accepted and greeted. Look at what your loop does when serving one client fails",
                "前一个客户端重置了它的连接（RST）：你在它上面的读取以 ConnectionReset 失败了。\
                 这个错误只结束那一个客户端：第 {number} 个客户端必须被 accept 并收到问候。\
                 看看服务一个客户端失败时你的循环做了什么"
            ),
        );
        next.write_all(b"exit").unwrap();
        expect_close(&mut next, &say!("after exit, close the connection", "收到 exit 后关闭连接"));
    }
    finished_after_three_clients(server);
}
