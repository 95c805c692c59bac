//! The lessons speak the articles' protocols byte for byte: the Python
//! counterparts in each lesson's `python/` folder talk to the narrated Rust
//! programs, both ways, and to each other. Skipped without python3.

use std::io::Read;
use std::net::TcpStream;
use std::process::Command;

use course_tests::{DEADLINE, Server, client, python_client, python_file, python_server, python3, stdout_of};
use predicates::prelude::*;
use predicates::str::{contains, is_match};

// Lesson 1: one datagram each way.

#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
#[test]
fn lesson1_client_talks_to_the_python_server() {
    let Some(python) = python3() else { return };
    let server = python_server(python, "01-udp-once/python/server.py");
    client("lesson1-client")
        .args(["--port", &server.port()])
        .assert()
        .success()
        .stdout(contains("bytes: b'Ich hab keine Hunge'"))
        .stdout(contains("text:  Ich hab keine Hunge"));
    server.finish().success().stdout(contains(
        "b'I love jingjing'\n<class 'bytes'>\n<class 'str'>\nI love jingjing\nEnding server",
    ));
}

#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
#[test]
fn the_python_client_talks_to_lesson1_server() {
    let Some(python) = python3() else { return };
    let server = Server::start("lesson1-server", &[]);
    python_client(python, "01-udp-once/python/client.py", &server.port())
        .assert()
        .success()
        .stdout("Ich hab keine Hunge\n");
    server.finish().success().stdout(contains("bytes: b'I love jingjing'"));
}

#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
#[test]
fn lesson1_python_pair() {
    let Some(python) = python3() else { return };
    let server = python_server(python, "01-udp-once/python/server.py");
    python_client(python, "01-udp-once/python/client.py", &server.port())
        .assert()
        .success()
        .stdout("Ich hab keine Hunge\n");
    server.finish().success().stdout(contains("I love jingjing\nEnding server"));
}

// Lesson 2: a UDP server that runs forever; `exit` is never sent.

#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
#[test]
fn lesson2_client_talks_to_the_python_server() {
    let Some(python) = python3() else { return };
    let server = python_server(python, "02-udp-loop/python/server.py");
    let run = client("lesson2-client")
        .args(["--port", &server.port(), "--message", "123", "--message", "hi"])
        .assert()
        .success();
    assert_eq!(stdout_of(&run).matches("text:  success").count(), 2, "two replies");
    server.stop().stdout(
        is_match(r"b'123' from \('127\.0\.0\.1', (\d+)\)\nb'hi' from \('127\.0\.0\.1', \d+\)\n").unwrap(),
    );
}

#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
#[test]
fn the_python_client_talks_to_lesson2_server() {
    let Some(python) = python3() else { return };
    let server = Server::start("lesson2-server", &["--serve", "1"]);
    let addr = format!("b'success' from ('127.0.0.1', {})\n", server.port());
    python_client(python, "02-udp-loop/python/client.py", &server.port())
        .write_stdin("123\nexit\nnever sent\n")
        .assert()
        .success()
        .stdout(contains(addr));
    server.finish().success().stdout(contains("bytes: b'123'"));
}

#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
#[test]
fn lesson2_python_pair_exit_is_not_sent_and_two_clients_share_the_server() {
    let Some(python) = python3() else { return };
    let server = python_server(python, "02-udp-loop/python/server.py");
    for input in ["one\nexit\n", "two\n"] {
        python_client(python, "02-udp-loop/python/client.py", &server.port())
            .write_stdin(input)
            .assert()
            .success()
            .stdout(contains(format!("b'success' from ('127.0.0.1', {})", server.port())));
    }
    server
        .stop()
        .stdout(contains("b'one' from ('127.0.0.1', "))
        .stdout(contains("b'two' from ('127.0.0.1', "))
        .stdout(contains("exit").not());
}

// Lesson 3: one TCP connection, one message each way; the GBK pair of article 001.

#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
#[test]
fn lesson3_client_talks_to_the_python_server() {
    let Some(python) = python3() else { return };
    let server = python_server(python, "03-tcp-once/python/server.py");
    client("lesson3-client")
        .args(["--port", &server.port()])
        .assert()
        .success()
        .stdout(contains("text:  Received msg: I love wangxiaojing from ('127.0.0.1', "));
    server
        .finish()
        .success()
        .stdout(contains("Received msg: I love wangxiaojing from ('127.0.0.1', "))
        .stdout(contains("Ending tcp server"));
}

/// Checks that the reply names the client's own address, as the client printed it.
fn assert_reply_names_the_client(out: &str) {
    let mine = out.lines().next().and_then(|l| l.strip_prefix("my address: ")).expect("the client's address");
    assert!(
        out.contains(&format!("Received msg: I love wangxiaojing from {mine}\n")),
        "the reply names the Python client's address {mine}:\n{out}"
    );
}

#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
#[test]
fn the_python_client_talks_to_lesson3_server() {
    let Some(python) = python3() else { return };
    let server = Server::start("lesson3-server", &[]);
    let run = python_client(python, "03-tcp-once/python/client.py", &server.port()).assert().success();
    assert_reply_names_the_client(&stdout_of(&run));
    server.finish().success().stdout(contains("bytes: b'I love wangxiaojing'"));
}

#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
#[test]
fn lesson3_python_pair() {
    let Some(python) = python3() else { return };
    let server = python_server(python, "03-tcp-once/python/server.py");
    let run = python_client(python, "03-tcp-once/python/client.py", &server.port()).assert().success();
    assert_reply_names_the_client(&stdout_of(&run));
    server.finish().success().stdout(contains("Received msg: I love wangxiaojing from ('127.0.0.1', "));
}

/// The GBK client asks for the server, the port and the data, as article 001's does.
fn gbk_client(python: &str, port: &str, data: &str) -> assert_cmd::Command {
    let mut command = assert_cmd::Command::new(python);
    command
        .arg(python_file("03-tcp-once/python/gbk_client.py"))
        .write_stdin(format!("127.0.0.1\n{port}\n{data}\n"))
        .timeout(DEADLINE);
    command
}

#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
#[test]
fn the_gbk_client_of_article_001_talks_to_lesson3_server() {
    let Some(python) = python3() else { return };
    let server = Server::start("lesson3-server", &["--encoding", "gbk"]);
    gbk_client(python, &server.port(), "你好，服务器").assert().success();
    server
        .finish()
        .success()
        .stdout(contains(r"bytes: b'\xc4\xe3\xba\xc3\xa3\xac\xb7\xfe\xce\xf1\xc6\xf7'"))
        .stdout(contains("text:  你好，服务器"));
}

#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
#[test]
fn lesson3_client_talks_gbk_to_the_server_of_article_001() {
    let Some(python) = python3() else { return };
    let server = python_server(python, "03-tcp-once/python/gbk_server.py");
    client("lesson3-client")
        .args(["--port", &server.port(), "--encoding", "gbk", "--message", "你好"])
        .assert()
        .success()
        .stdout(contains(r"b'\xc4\xe3\xba\xc3'")) // what was sent, in GBK
        .stdout(contains("text:  Thank You!"));
    server.finish().success().stdout(contains("接收到的数据为： 你好\n"));
}

#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
#[test]
fn lesson3_python_gbk_pair() {
    let Some(python) = python3() else { return };
    let server = python_server(python, "03-tcp-once/python/gbk_server.py");
    gbk_client(python, &server.port(), "你好，服务器").assert().success();
    server.finish().success().stdout(contains("接收到的数据为： 你好，服务器\n"));
}

// Lesson 4: one client after another, forever; `exit` or a 0-byte read ends one.

#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
#[test]
fn lesson4_client_talks_to_the_python_server() {
    let Some(python) = python3() else { return };
    let mut server = python_server(python, "04-tcp-loop/python/server.py");
    client("lesson4-client")
        .args(["--port", &server.port(), "--message", "hello", "--message", "exit"])
        .assert()
        .success()
        .stdout(contains("text:  连接成功！"))
        .stdout(contains("text:  第1条信息：hello"));
    // At the end of input, no exit: the server's recv returns 0 bytes, and it
    // goes back to accept; the count starts again for the next client.
    client("lesson4-client").args(["--port", &server.port(), "--message", "bye"]).assert().success();
    client("lesson4-client")
        .args(["--port", &server.port(), "--message", "again", "--message", "exit"])
        .assert()
        .success()
        .stdout(contains("text:  第1条信息：again"));
    server.wait_for("again");
    server.wait_for("等待数据连接中");
    server.stop().stdout(contains(
        "等待数据连接中……\nhello\nexit\n等待数据连接中……\nbye\n等待数据连接中……\nagain\nexit\n",
    ));
}

#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
#[test]
fn the_python_client_talks_to_lesson4_server() {
    let Some(python) = python3() else { return };
    let server = Server::start("lesson4-server", &["--serve", "1"]);
    python_client(python, "04-tcp-loop/python/client.py", &server.port())
        .write_stdin("hello\nworld\nexit\nunsent\n")
        .assert()
        .success()
        .stdout(is_match("^连接成功！\n.*第1条信息：hello\n.*第2条信息：world\n[^\n]*$").unwrap());
    server
        .finish()
        .success()
        .stdout(contains("text:  hello"))
        .stdout(contains("text:  world"))
        .stdout(contains("bytes: b'exit'"))
        .stdout(contains("unsent").not());
}

#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
#[test]
fn the_python_client_at_the_end_of_input_makes_lesson4_server_read_zero_bytes() {
    let Some(python) = python3() else { return };
    let server = Server::start("lesson4-server", &["--serve", "1"]);
    python_client(python, "04-tcp-loop/python/client.py", &server.port())
        .write_stdin("hello\n")
        .assert()
        .success()
        .stdout(contains("第1条信息：hello\n"));
    server.finish().success().stdout(contains("bytes: b''")).stdout(contains("bytes: b'exit'").not());
}

#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
#[test]
fn lesson4_python_pair() {
    let Some(python) = python3() else { return };
    let mut server = python_server(python, "04-tcp-loop/python/server.py");
    for _ in 0..2 {
        python_client(python, "04-tcp-loop/python/client.py", &server.port())
            .write_stdin("hello\n\nworld\nexit\n")
            .assert()
            .success()
            .stdout(is_match("^连接成功！\n.*第1条信息：hello\n.*第2条信息：world\n[^\n]*$").unwrap());
        server.wait_for("exit");
    }
    server.stop().stdout(contains("hello\nworld\nexit\n等待数据连接中……\nhello\nworld\nexit\n"));
}

// Lesson 4's two-way chat of article 003: each side types its lines.

#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
#[test]
fn the_chat_pair_takes_turns_until_the_client_runs_out_of_input() {
    let Some(python) = python3() else { return };
    let mut command = Command::new(python);
    command.arg("-u").arg(python_file("04-tcp-loop/python/chat_server.py")).arg("0");
    let server = Server::spawn_with_input(command, "Hello,客户端\n好的\n");
    python_client(python, "04-tcp-loop/python/chat_client.py", &server.port())
        .write_stdin("你好，服务器\n\n一起来聊天吧\n")
        .assert()
        .success()
        .stdout(is_match("^客户端:服务端: Hello,客户端\n客户端:客户端:服务端: 好的\n客户端:$").unwrap());
    // The client's FIN: the server's recv returns 0 bytes and it ends too.
    server.finish().success().stdout(contains("客户端: 你好，服务器\n服务器:客户端: 一起来聊天吧\n服务器:"));
}

#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
#[test]
fn the_chat_client_stops_when_the_chat_server_runs_out_of_input() {
    let Some(python) = python3() else { return };
    let mut command = Command::new(python);
    command.arg("-u").arg(python_file("04-tcp-loop/python/chat_server.py")).arg("0");
    let server = Server::spawn_with_input(command, "only one\n");
    // The server's input ends at the second message: it closes, and the client's
    // recv returns 0 bytes.
    python_client(python, "04-tcp-loop/python/chat_client.py", &server.port())
        .write_stdin("a\nb\nnever sent\n")
        .assert()
        .success()
        .stdout("客户端:服务端: only one\n客户端:");
    server.finish().success().stdout(contains("客户端: a\n服务器:客户端: b\n服务器:"));
}

// Lesson 5: a thread per client.

#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
#[test]
fn the_python_client_talks_to_lesson5_server() {
    let Some(python) = python3() else { return };
    let server = Server::start("lesson5-server", &["--serve", "1"]);
    python_client(python, "05-threaded-tcp/python/client.py", &server.port())
        .write_stdin("hello\nexit\n")
        .assert()
        .success()
        .stdout(is_match(r"^Hello World!\n.*\d{1,4}：ACK!\n[^\n]*$").unwrap());
    server.finish().success().stdout(is_match(r"\[\*\] Received from 127\.0\.0\.1:\d+ : hello").unwrap());
}

#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
#[test]
fn lesson5_client_talks_to_the_python_threaded_server() {
    let Some(python) = python3() else { return };
    let server = python_server(python, "05-threaded-tcp/python/server.py");
    client("lesson5-client")
        .args(["--port", &server.port(), "--connections", "2", "--message", "hi", "--message", "exit"])
        .assert()
        .success()
        .stdout(contains("[client #2]"))
        .stdout(contains("text:  Hello World!"))
        .stdout(is_match(r"text:  \d{1,4}：ACK!").unwrap());
    let out = stdout_of(&server.stop());
    assert_eq!(out.matches("[*] Accept connection from: 127.0.0.1:").count(), 2, "{out}");
    assert_eq!(out.matches("[*] Received from 127.0.0.1:").count(), 2, "{out}");
}

#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
#[test]
fn the_python_threaded_server_greets_a_second_client_while_the_first_stays() {
    let Some(python) = python3() else { return };
    let server = python_server(python, "05-threaded-tcp/python/server.py");
    let mut first = TcpStream::connect(server.addr()).unwrap();
    first.set_read_timeout(Some(DEADLINE)).unwrap();
    let mut greeting = [0; 12];
    first.read_exact(&mut greeting).expect("the first client is greeted");
    assert_eq!(&greeting, b"Hello World!");
    // The first client still holds its connection; the second is served anyway.
    python_client(python, "05-threaded-tcp/python/client.py", &server.port())
        .write_stdin("hi\nexit\n")
        .assert()
        .success()
        .stdout(is_match(r"^Hello World!\n.*\d{1,4}：ACK!\n").unwrap());
    drop(first);
    server.stop().stdout(is_match(r"\[\*\] Received from 127\.0\.0\.1:\d+ : hi\n").unwrap());
}

// Lesson 6: the half-close; the reply comes after the client's FIN.

#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
#[test]
fn the_python_half_closing_client_talks_to_lesson6_server() {
    let Some(python) = python3() else { return };
    let server = Server::start("lesson6-server", &["--serve", "1"]);
    python_client(python, "06-half-close/python/client.py", &server.port())
        .write_stdin("hello \nworld\n")
        .assert()
        .success()
        .stdout(is_match(r"received 11 bytes in [12] reads\n$").unwrap());
    server.finish().success().stdout(contains("received 11 bytes in"));
}

#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
#[test]
fn lesson6_client_talks_to_the_python_server_that_reads_to_the_end() {
    let Some(python) = python3() else { return };
    let mut server = python_server(python, "06-half-close/python/server.py");
    client("lesson6-client")
        .args(["--port", &server.port(), "--message", "hello", "--message", "world"])
        .assert()
        .success()
        .stdout(is_match(r"received 10 bytes in [12] reads").unwrap());
    server.wait_for("the client's FIN arrived");
    server.stop().stdout(is_match(r"read 1 : b'hello(world)?'\n").unwrap());
}

#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
#[test]
fn lesson6_python_pair() {
    let Some(python) = python3() else { return };
    let server = python_server(python, "06-half-close/python/server.py");
    for (input, reply) in
        [("hello \nworld\n", "received 11 bytes in [12] reads"), ("", "received 0 bytes in 0 reads")]
    {
        python_client(python, "06-half-close/python/client.py", &server.port())
            .write_stdin(input)
            .assert()
            .success()
            .stdout(is_match(format!("{reply}\n$")).unwrap());
    }
    let out = stdout_of(&server.stop());
    assert_eq!(out.matches("recv returned 0 bytes: the client's FIN arrived").count(), 2, "{out}");
}
