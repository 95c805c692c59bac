//! Checks exercise 3.3 (src/tcp_server.rs): your server, started as a program
//! on port 0, answers the narrated lesson 3 client, the article's Python
//! client, and a plain socket, byte for byte.

use std::io::Write;
use std::net::TcpStream;
use std::time::Duration;

use assert_cmd::assert::Assert;
use course_check::{OrFail, Shown, assert_bytes, say};
use course_tests::{Server, client, learners_server, python_client, python3, stdout_of};

/// Your program (src/tcp_server.rs), started with port 0; waits for its
/// `listening on ADDR` line.
fn your_server() -> Server {
    learners_server(env!("CARGO_BIN_EXE_lesson3-tcp_server"), &["0"])
}

/// The reply the protocol asks for, to a client at 127.0.0.1:`port`.
fn expected_reply(text: &str, port: u16) -> String {
    format!("Received msg: {text} from ('127.0.0.1', {port})")
}

/// Checks that your server exited 0 by itself, after its one client.
fn finished_after_one_client(server: Server) {
    let run = server.finish();
    assert!(
        run.get_output().status.success(),
        "{}",
        say!(
            "your server must exit 0 after its one client (it ended with {}); stderr:\n{}",
            "你的服务器服务完它唯一的客户端之后必须以 0 退出（结束时是{}）；stderr：\n{}",
            course_check::ended(run.get_output().status),
            String::from_utf8_lossy(&run.get_output().stderr)
        )
    );
}

/// A client's run, for the failure messages.
fn shown(run: &Assert) -> String {
    format!("{}{}", stdout_of(run), String::from_utf8_lossy(&run.get_output().stderr))
}

#[test]
fn the_narrated_client_gets_its_own_address_back() {
    let server = your_server();
    let run = client("lesson3-client").args(["--port", &server.port()]).assert();
    let out = stdout_of(&run);
    assert!(
        run.get_output().status.success(),
        "{}",
        say!(
            "lesson3-client failed against your server:\n{}",
            "lesson3-client 连你的服务器失败了：\n{}",
            shown(&run)
        )
    );
    // The client prints `connected to SERVER from 127.0.0.1:PORT`, PORT being its own.
    let port: u16 = out
        .split_once(" from 127.0.0.1:")
        .and_then(|(_, rest)| rest.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok())
        .or_fail(say!("lesson3-client printed no address of its own", "lesson3-client 没有打印它自己的地址"));
    let expected = expected_reply("I love wangxiaojing", port);
    assert!(
        out.contains(&format!("text:  {expected}\n")),
        "{}",
        say!(
            "lesson3-client must read {expected:?}: the text as your read got it (only the bytes it counted) \
             and the address accept gave you, written as Python writes it; the client printed:\n{out}",
            "lesson3-client 必须读到 {expected:?}：你的 read 读到的文本（只是它数出的那些字节）和 accept \
             给你的地址，按 Python 的写法写出；客户端打印的是：\n{out}"
        )
    );
    finished_after_one_client(server);
}

#[test]
#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
fn the_python_client_gets_its_own_address_back() {
    let Some(python) = python3() else { return };
    let server = your_server();
    let run = python_client(python, "03-tcp-once/python/client.py", &server.port()).assert();
    assert!(
        run.get_output().status.success(),
        "{}",
        say!(
            "the article's client.py failed against your server:\n{}",
            "文章的 client.py 连你的服务器失败了：\n{}",
            shown(&run)
        )
    );
    let out = stdout_of(&run);
    // client.py prints `my address: ('127.0.0.1', PORT)`, then the reply.
    let mine = out
        .lines()
        .next()
        .and_then(|line| line.strip_prefix("my address: "))
        .or_fail(say!("client.py printed no address of its own", "client.py 没有打印它自己的地址"));
    let expected = format!("Received msg: I love wangxiaojing from {mine}");
    assert!(
        out.lines().any(|line| line == expected),
        "{}",
        say!(
            "client.py must read {expected:?}, naming its own address; it printed:\n{out}",
            "client.py 必须读到 {expected:?}，里面是它自己的地址；它打印的是：\n{out}"
        )
    );
    finished_after_one_client(server);
}

#[test]
fn the_reply_is_exact_and_the_server_closes() {
    let server = your_server();
    let mut stream = TcpStream::connect(server.addr()).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let port = stream.local_addr().unwrap().port();
    stream.write_all(b"hello").unwrap();
    let reply = course_tests::read_to_close(&mut stream).unwrap_or_else(|err| {
        panic!(
            "{}",
            say!(
                "the reply did not end within 5 s ({}): the client reads until your server closes the \
                 connection (its FIN), and it did not (look at your write, and at when the socket accept \
                 returned is closed)",
                "5 秒内回复没有结束（{}）：客户端会一直读到你的服务器关闭连接（它的 FIN），而它没有关闭\
                 （看看你的写，以及 accept 返回的套接字什么时候关闭）",
                err.shown()
            )
        )
    });
    let expected = expected_reply("hello", port);
    assert_bytes(
        &reply,
        expected.as_bytes(),
        &say!(
            "the reply to the 5 bytes b'hello' quotes those 5 bytes and nothing else: only the bytes your read \
             counted are the message, not the rest of the buffer",
            "对 5 个字节的 b'hello'，回复引用的就是这 5 个字节，别的都不要：只有你的 read 数出的那些字节\
             才是消息，缓冲区的其余部分不是"
        ),
    );
    finished_after_one_client(server);
}
