//! Checks exercise 5.3 (src/threaded_server.rs): your server, started as a
//! program on port 0 for three clients, serves the narrated lesson 5 client
//! and the article's Python client while a plain socket stays connected.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::Duration;

use assert_cmd::assert::Assert;
use course_check::{OrFail, expect_bytes, python_literal, say};
use course_tests::{Server, client, learners_server, python_client, python3, stdout_of};

/// Your program (src/threaded_server.rs), started with port 0 and N = 3
/// clients; waits for its `[*] Listening on ADDR` line.
fn your_server() -> Server {
    learners_server(env!("CARGO_BIN_EXE_lesson5-threaded_server"), &["0", "3"])
}

/// A plain client, greeted, that stays connected while the others are served.
fn first_client(server: &Server) -> TcpStream {
    let mut stream =
        TcpStream::connect(server.addr()).or_fail(say!("cannot connect to your server", "连不上你的服务器"));
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    expect_bytes(
        &mut stream,
        b"Hello World!",
        &say!(
            "as soon as accept returns a client, your server writes it the greeting, the 12 bytes `Hello World!`",
            "accept 一返回客户端，你的服务器就给它写问候：12 个字节的 `Hello World!`"
        ),
    );
    stream
}

/// What a read brought, as the failure messages show it: its first 64
/// bytes as a `b'…'` literal, and how many there were.
fn shown(bytes: &[u8]) -> String {
    let (start, more) = if bytes.len() > 64 { (&bytes[..64], "…") } else { (bytes, "") };
    say!("{}{more} ({} bytes)", "{}{more}（{} 字节）", python_literal(start), bytes.len())
}

/// Sends `message` and checks the reply is `{n}：ACK!` with n from 1 to 1000.
fn ack(stream: &mut TcpStream, message: &str) -> u32 {
    let sent = python_literal(message.as_bytes());
    stream.write_all(message.as_bytes()).or_fail(say!(
        "could not send {sent} to your server: did it close the connection?",
        "没能把 {sent} 发给你的服务器：它是不是关闭了连接？"
    ));
    let mut buf = [0; 1024];
    let n = stream.read(&mut buf).unwrap_or_else(|err| {
        panic!(
            "{}",
            say!(
                "no reply to {sent} within 5 s ({err}): each read of a client's thread gets its reply",
                "5 秒内 {sent} 没有得到回复（{err}）：客户端线程的每次读取都要得到回复"
            )
        )
    });
    let reply = &buf[..n];
    let number = std::str::from_utf8(reply)
        .ok()
        .and_then(|reply| reply.strip_suffix("：ACK!"))
        .and_then(|number| number.parse().ok());
    match number {
        Some(number @ 1..=1000) => number,
        _ => panic!(
            "{}",
            say!(
                "the reply to {sent} must be `{{n}}：ACK!` in one write, n a random number from 1 to 1000 and `：` \
                 the full-width colon (3 bytes in UTF-8: b'\\xef\\xbc\\x9a')\n  expected: \
                 b'{{n}}\\xef\\xbc\\x9aACK!'\n  arrived:  {}",
                "{sent} 的回复必须是一次写出的 `{{n}}：ACK!`，n 是 1 到 1000 之间的随机数，`：` 是全角冒号\
                 （UTF-8 里是 3 个字节：b'\\xef\\xbc\\x9a'）\n  期望的是：b'{{n}}\\xef\\xbc\\x9aACK!'\n  \
                 收到的是：{}",
                shown(reply)
            )
        ),
    }
}

/// Ends the first client with `exit`: the server closes without a reply.
fn leave(mut stream: TcpStream) {
    stream.write_all(b"exit").or_fail(say!(
        "could not send b'exit' to your server: did it close the connection?",
        "没能把 b'exit' 发给你的服务器：它是不是关闭了连接？"
    ));
    let mut buf = [0; 64];
    match stream.read(&mut buf) {
        Ok(0) => {}
        Ok(n) => {
            panic!(
                "{}",
                say!(
                    "b'exit' gets no reply, only the close, yet your server sent {}",
                    "b'exit' 不该有回复，只有关闭，你的服务器却发来了 {}",
                    shown(&buf[..n])
                )
            )
        }
        Err(err) => panic!(
            "{}",
            say!(
                "after `exit` your server did not close the connection within 5 s ({err})",
                "收到 `exit` 之后，你的服务器在 5 秒内没有关闭连接（{err}）"
            )
        ),
    }
}

/// Checks that a client's run succeeded and showed each of `patterns`.
fn showed(run: &Assert, who: &str, patterns: &[&str]) {
    let out = stdout_of(run);
    let all = format!("{out}{}", String::from_utf8_lossy(&run.get_output().stderr));
    assert!(
        run.get_output().status.success(),
        "{}",
        say!(
            "{who} failed while another client was connected: accept in the main thread and serve each \
             client on a thread of its own, so no client waits for another to leave:\n{all}",
            "另一个客户端连着的时候，{who} 失败了：在主线程里 accept，每个客户端用它自己的线程服务，\
             这样没有哪个客户端要等别人离开：\n{all}"
        )
    );
    for pattern in patterns {
        assert!(
            regex::Regex::new(pattern).unwrap().is_match(&out),
            "{}",
            say!(
                "{who} must show /{pattern}/ (the greeting `Hello World!`, then `{{n}}：ACK!` for each \
                 message); it printed:\n{all}",
                "{who} 必须显示 /{pattern}/（先是问候 `Hello World!`，然后每条消息一个 `{{n}}：ACK!`）；\
                 它打印的是：\n{all}"
            )
        );
    }
}

/// Checks that your server, told to take 3 clients, exited 0 after them, and
/// logged them as the article does.
fn finished_after_three_clients(server: Server, received: &str) {
    let run = server.finish();
    let out = stdout_of(&run);
    assert!(
        run.get_output().status.success(),
        "{}",
        say!(
            "given the second argument 3, your server must exit 0 once its 3 clients are done (it ended with {}); \
             stderr:\n{}",
            "第二个参数是 3 时，你的服务器必须在 3 个客户端都结束后以 0 退出（结束时是{}）；\
             stderr：\n{}",
            course_check::ended(run.get_output().status),
            String::from_utf8_lossy(&run.get_output().stderr)
        )
    );
    assert_eq!(
        out.matches("[*] Accept connection from: 127.0.0.1:").count(),
        3,
        "{}",
        say!(
            "print `[*] Accept connection from: IP:PORT` for each client accepted; your server printed:\n{out}",
            "每 accept 一个客户端就打印 `[*] Accept connection from: IP:PORT`；你的服务器打印的是：\n{out}"
        )
    );
    let line = "[*] Received from 127.0.0.1:";
    assert!(
        out.lines().any(|l| l.starts_with(line) && l.ends_with(&format!(" : {received}"))),
        "{}",
        say!(
            "print `[*] Received from IP:PORT : text` for each message (here {received:?}); your server \
             printed:\n{out}",
            "每条消息打印 `[*] Received from IP:PORT : text`（这里是 {received:?}）；\
             你的服务器打印的是：\n{out}"
        )
    );
}

#[test]
fn narrated_clients_are_served_while_another_stays() {
    let server = your_server();
    let mut first = first_client(&server);
    let run = client("lesson5-client")
        .args(["--port", &server.port(), "--connections", "2", "--message", "hi", "--message", "exit"])
        .assert();
    let who = say!("lesson5-client (two connections)", "lesson5-client（两个连接）");
    showed(&run, &who, &["text:  Hello World!", r"text:  \d{1,4}：ACK!"]);
    ack(&mut first, "still here");
    leave(first);
    finished_after_three_clients(server, "hi");
}

#[test]
#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
fn python_clients_are_served_while_another_stays() {
    let Some(python) = python3() else { return };
    let server = your_server();
    let mut first = first_client(&server);
    let script = "05-threaded-tcp/python/client.py";
    let run = python_client(python, script, &server.port()).write_stdin("hello\nexit\nunsent\n").assert();
    showed(&run, "client.py", &[r"^Hello World!\n", r"\d{1,4}：ACK!\n"]);
    // Its input ends without `exit`: the client just closes, and your read returns 0 bytes.
    let run = python_client(python, script, &server.port()).write_stdin("bye\n").assert();
    let second = say!(
        "the second client.py (its input ends without `exit`)",
        "第二个 client.py（它的输入不以 `exit` 结束）"
    );
    showed(&run, &second, &[r"\d{1,4}：ACK!\n"]);
    ack(&mut first, "still here");
    leave(first);
    finished_after_three_clients(server, "hello");
}

#[test]
fn replies_are_random_and_a_read_of_zero_bytes_ends_a_client() {
    let server = your_server();
    let mut first = first_client(&server);
    let numbers: Vec<u32> = (0..40).map(|i| ack(&mut first, &format!("message {i}"))).collect();
    assert!(
        numbers.iter().any(|&n| n != numbers[0]),
        "{}",
        say!(
            "40 replies all carried {}: each reply's number must be drawn afresh, at random from 1 to 1000",
            "40 个回复带的都是 {}：每个回复的数字都要重新抽取，从 1 到 1000 随机",
            numbers[0]
        )
    );
    leave(first);

    let mut second = first_client(&server);
    second.shutdown(Shutdown::Write).unwrap(); // our FIN: your read returns 0 bytes
    let mut buf = [0; 1024];
    match second.read(&mut buf) {
        Ok(0) => {}
        Ok(n) => panic!(
            "{}",
            say!(
                "a read of 0 bytes is the client's FIN, not an empty message: end that client's thread and close \
                 its connection; instead your server sent {}",
                "读到 0 字节是客户端的 FIN，不是一条空消息：结束那个客户端的线程，关闭它的连接；\
                 你的服务器却发来了 {}",
                shown(&buf[..n])
            )
        ),
        Err(err) => panic!(
            "{}",
            say!(
                "after the client's FIN your server did not close the connection within 5 s ({err})",
                "收到客户端的 FIN 之后，你的服务器在 5 秒内没有关闭连接（{err}）"
            )
        ),
    }

    let mut third = first_client(&server);
    ack(&mut third, "last");
    leave(third);
    finished_after_three_clients(server, "last");
}
