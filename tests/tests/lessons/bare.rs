//! The bare twins (`cargo run --example lessonN-server-bare`): at most 40 lines
//! of code each, and each speaks its lesson's protocol with the narrated Rust
//! program and with the Python counterpart, both ways. What crosses the wire is
//! checked through what the other side prints.

use std::path::Path;

use course_tests::{
    Server, bare_client, bare_server, client, course_file, python_client, python_server, python3, stdout_of,
    udp_exchange,
};
use predicates::prelude::*;
use predicates::str::{contains, is_match};

/// The most lines of code a bare twin may have: what a learner types in one go.
const MOST_LINES: usize = 40;

/// Lines that are neither blank nor only a comment.
fn lines_of_code(file: &Path) -> usize {
    let text = std::fs::read_to_string(file).unwrap_or_else(|err| panic!("{}: {err}", file.display()));
    text.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with("//")).count()
}

#[test]
fn every_bare_twin_is_at_most_40_lines_of_code() {
    let lessons =
        ["01-udp-once", "02-udp-loop", "03-tcp-once", "04-tcp-loop", "05-threaded-tcp", "06-half-close"];
    for lesson in lessons {
        for side in ["server", "client"] {
            let file = course_file(&format!("lessons/{lesson}/{side}/examples/bare.rs"));
            let lines = lines_of_code(&file);
            assert!(
                lines <= MOST_LINES,
                "{} has {lines} lines of code; a bare twin has at most {MOST_LINES}: move anything that is not the article's calls and prints into the narrated program",
                file.display()
            );
        }
    }
}

// Lesson 1: one datagram each way.

#[test]
fn lesson1_bare_server_with_the_narrated_client() {
    let server = bare_server("lesson1-server-bare");
    client("lesson1-client")
        .args(["--port", &server.port()])
        .assert()
        .success()
        .stdout(contains("text:  Ich hab keine Hunge"));
    server.finish().success().stdout(contains("\nI love jingjing\nEnding server"));
}

#[test]
fn lesson1_bare_client_with_the_narrated_server() {
    let server = Server::start("lesson1-server", &[]);
    bare_client("lesson1-client-bare", &server.port()).assert().success().stdout("Ich hab keine Hunge\n");
    server.finish().success().stdout(contains("bytes: b'I love jingjing'"));
}

#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
#[test]
fn lesson1_bare_server_with_the_python_client() {
    let Some(python) = python3() else { return };
    let server = bare_server("lesson1-server-bare");
    python_client(python, "01-udp-once/python/client.py", &server.port())
        .assert()
        .success()
        .stdout("Ich hab keine Hunge\n");
    server.finish().success().stdout(contains("\nI love jingjing\n"));
}

#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
#[test]
fn lesson1_bare_client_with_the_python_server() {
    let Some(python) = python3() else { return };
    let server = python_server(python, "01-udp-once/python/server.py");
    bare_client("lesson1-client-bare", &server.port()).assert().success().stdout("Ich hab keine Hunge\n");
    server.finish().success().stdout(contains("b'I love jingjing'"));
}

// Lesson 2: one socket answers every datagram; `exit` is not sent.

#[test]
fn lesson2_bare_server_with_the_narrated_client() {
    let server = bare_server("lesson2-server-bare");
    client("lesson2-client")
        .args(["--port", &server.port(), "--message", "123", "--message", "hello"])
        .assert()
        .success()
        .stdout(contains("2 messages sent, 2 replies received"))
        .stdout(contains("text:  success"));
    server.stop().stdout(is_match(r"#1 123 from 127\.0\.0\.1:\d+\n#2 hello from 127\.0\.0\.1:\d+").unwrap());
}

#[test]
fn lesson2_bare_client_with_the_narrated_server() {
    let server = Server::start("lesson2-server", &["--serve", "3"]);
    bare_client("lesson2-client-bare", &server.port())
        .write_stdin("123\nhello\nexit\nnot sent\n")
        .assert()
        .success()
        .stdout(is_match(r"^success from 127\.0\.0\.1:\d+\nsuccess from 127\.0\.0\.1:\d+\n$").unwrap());
    // `exit` is not sent: the server's third datagram is this probe, not `exit`.
    assert_eq!(udp_exchange(server.addr(), b"probe"), b"success");
    server.finish().success().stdout(contains("bytes: b'probe'")).stdout(contains("b'exit'").not());
}

#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
#[test]
fn lesson2_bare_server_with_the_python_client() {
    let Some(python) = python3() else { return };
    let server = bare_server("lesson2-server-bare");
    python_client(python, "02-udp-loop/python/client.py", &server.port())
        .write_stdin("123\nexit\n")
        .assert()
        .success()
        .stdout(contains("b'success' from ('127.0.0.1', "));
    server.stop().stdout(contains("#1 123 from 127.0.0.1:"));
}

#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
#[test]
fn lesson2_bare_client_with_the_python_server() {
    let Some(python) = python3() else { return };
    let server = python_server(python, "02-udp-loop/python/server.py");
    bare_client("lesson2-client-bare", &server.port())
        .write_stdin("123\nexit\n")
        .assert()
        .success()
        .stdout(is_match(r"^success from 127\.0\.0\.1:\d+\n$").unwrap());
    server.stop().stdout(contains("b'123'"));
}

// Lesson 3: one connection, one read, the reply that quotes the client's address.

/// The reply of lesson 3's server to a client at `127.0.0.1:port`, byte for byte.
fn lesson3_reply(port: &str) -> String {
    format!("Received msg: I love wangxiaojing from ('127.0.0.1', {port})")
}

/// The port after "my address: 127.0.0.1:" in a bare client's output.
fn own_port(output: &str) -> String {
    let line = output.lines().find_map(|line| line.strip_prefix("my address: 127.0.0.1:"));
    line.expect("the bare client prints its own address").to_string()
}

#[test]
fn lesson3_bare_server_with_the_narrated_client() {
    let server = bare_server("lesson3-server-bare");
    let run = client("lesson3-client").args(["--port", &server.port()]).assert().success();
    let output = stdout_of(&run);
    let connect = output.lines().find(|line| line.contains("2 connect")).expect("a connect step");
    let port = connect.rsplit(':').next().and_then(|rest| rest.split_whitespace().next()).expect("our port");
    assert!(
        output.contains(&format!("text:  {}\n", lesson3_reply(port))),
        "the reply quotes our address:\n{output}"
    );
    server.finish().success().stdout(contains("Received msg: I love wangxiaojing from ('127.0.0.1', "));
}

#[test]
fn lesson3_bare_client_with_the_narrated_server() {
    let server = Server::start("lesson3-server", &[]);
    let run = bare_client("lesson3-client-bare", &server.port()).assert().success();
    let output = stdout_of(&run);
    assert!(
        output.ends_with(&format!("{}\n", lesson3_reply(&own_port(&output)))),
        "the reply quotes our address:\n{output}"
    );
    server.finish().success().stdout(contains("bytes: b'I love wangxiaojing'"));
}

#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
#[test]
fn lesson3_bare_server_with_the_python_client() {
    let Some(python) = python3() else { return };
    let server = bare_server("lesson3-server-bare");
    python_client(python, "03-tcp-once/python/client.py", &server.port())
        .assert()
        .success()
        .stdout(is_match(r"my address: \('127\.0\.0\.1', (\d+)\)\nReceived msg: I love wangxiaojing from \('127\.0\.0\.1', \d+\)\n").unwrap());
    server.finish().success().stdout(contains("Ending tcp server"));
}

#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
#[test]
fn lesson3_bare_client_with_the_python_server() {
    let Some(python) = python3() else { return };
    let server = python_server(python, "03-tcp-once/python/server.py");
    let run = bare_client("lesson3-client-bare", &server.port()).assert().success();
    let output = stdout_of(&run);
    assert!(
        output.ends_with(&format!("{}\n", lesson3_reply(&own_port(&output)))),
        "the reply quotes our address:\n{output}"
    );
    server.finish().success();
}

// Lesson 4: a greeting, numbered replies, `exit` or the end of input.

#[test]
fn lesson4_bare_server_with_the_narrated_client() {
    let mut server = bare_server("lesson4-server-bare");
    client("lesson4-client")
        .args(["--port", &server.port(), "--message", "hello", "--message", "exit"])
        .assert()
        .success()
        .stdout(contains("text:  连接成功！"))
        .stdout(contains("text:  第1条信息：hello"));
    // The server prints `exit` after the client has left, then goes back to
    // accept: wait for both.
    server.wait_for("exit");
    server.wait_for("等待数据连接中");
    server.stop().stdout(contains("hello\nexit\n等待数据连接中……"));
}

#[test]
fn lesson4_bare_client_with_the_narrated_server() {
    let server = Server::start("lesson4-server", &["--serve", "1"]);
    // An empty line is not sent; the end of input closes without `exit`.
    bare_client("lesson4-client-bare", &server.port())
        .write_stdin("hello\n\nworld\n")
        .assert()
        .success()
        .stdout("连接成功！\n第1条信息：hello\n第2条信息：world\n");
    server.finish().success().stdout(contains("0 bytes from")).stdout(contains("messages answered: 2"));
}

#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
#[test]
fn lesson4_bare_server_with_the_python_client() {
    let Some(python) = python3() else { return };
    let mut server = bare_server("lesson4-server-bare");
    python_client(python, "04-tcp-loop/python/client.py", &server.port())
        .write_stdin("hello\nexit\n")
        .assert()
        .success()
        .stdout(contains("连接成功！\n"))
        .stdout(contains("第1条信息：hello\n"));
    // The server prints `exit` after the client has left: wait for it.
    server.wait_for("exit");
    server.stop().stdout(contains("hello\nexit\n"));
}

#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
#[test]
fn lesson4_bare_client_with_the_python_server() {
    let Some(python) = python3() else { return };
    let mut server = python_server(python, "04-tcp-loop/python/server.py");
    bare_client("lesson4-client-bare", &server.port())
        .write_stdin("hello\nexit\n")
        .assert()
        .success()
        .stdout("连接成功！\n第1条信息：hello\n");
    // The server prints `exit` after the client has left: wait for it.
    server.wait_for("exit");
    server.stop().stdout(contains("hello\nexit\n"));
}

// Lesson 5: the threaded server's greeting and `{n}：ACK!`.

#[test]
fn lesson5_bare_server_with_the_narrated_client() {
    let server = bare_server("lesson5-server-bare");
    client("lesson5-client")
        .args(["--port", &server.port(), "--connections", "2", "--message", "hi", "--message", "exit"])
        .assert()
        .success()
        .stdout(contains("[client #2]"))
        .stdout(contains("text:  Hello World!"))
        .stdout(is_match(r"text:  ([1-9]\d{0,2}|1000)：ACK!").unwrap());
    server
        .stop()
        .stdout(is_match(r"\[\*\] Accept connection from: 127\.0\.0\.1:\d+").unwrap())
        .stdout(is_match(r"\[\*\] Received from 127\.0\.0\.1:\d+ : hi").unwrap());
}

#[test]
fn lesson5_bare_client_with_the_narrated_server() {
    let server = Server::start("lesson5-server", &["--serve", "1"]);
    bare_client("lesson5-client-bare", &server.port())
        .write_stdin("hi\nexit\n")
        .assert()
        .success()
        .stdout(is_match(r"^Hello World!\n([1-9]\d{0,2}|1000)：ACK!\n$").unwrap());
    server.finish().success().stdout(contains("[*] Received from 127.0.0.1:"));
}

#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
#[test]
fn lesson5_bare_server_with_the_python_client() {
    let Some(python) = python3() else { return };
    let server = bare_server("lesson5-server-bare");
    python_client(python, "05-threaded-tcp/python/client.py", &server.port())
        .write_stdin("hi\nexit\n")
        .assert()
        .success()
        .stdout(contains("Hello World!\n"))
        // After the input() prompt, which ends in a full-width colon too.
        .stdout(is_match(r"(?m)(^|：)([1-9]\d{0,2}|1000)：ACK!$").unwrap());
    server.stop().stdout(contains(" : hi\n"));
}

#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
#[test]
fn lesson5_bare_client_with_the_python_server() {
    let Some(python) = python3() else { return };
    let server = python_server(python, "05-threaded-tcp/python/server.py");
    bare_client("lesson5-client-bare", &server.port())
        .write_stdin("hi\nexit\n")
        .assert()
        .success()
        .stdout(is_match(r"^Hello World!\n([1-9]\d{0,2}|1000)：ACK!\n$").unwrap());
    server.stop().stdout(contains(" : hi\n"));
}

// Lesson 6: send, half-close, read the reply to the server's FIN.

#[test]
fn lesson6_bare_server_with_the_narrated_client() {
    let server = bare_server("lesson6-server-bare");
    client("lesson6-client")
        .args(["--port", &server.port(), "--message", "hello", "--message", "world"])
        .assert()
        .success()
        .stdout(is_match(r"the whole reply: received 10 bytes in [12] reads").unwrap());
    server.stop().stdout(contains("recv returned 0 bytes: the client's FIN arrived"));
}

#[test]
fn lesson6_bare_client_with_the_narrated_server() {
    let server = Server::start("lesson6-server", &["--serve", "1"]);
    bare_client("lesson6-client-bare", &server.port())
        .write_stdin("hello\nworld\n")
        .assert()
        .success()
        .stdout(is_match(r"^received 10 bytes in [12] reads\n$").unwrap());
    server.finish().success().stdout(contains("0 bytes: the client's FIN arrived"));
}

#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
#[test]
fn lesson6_bare_server_with_the_python_client() {
    let Some(python) = python3() else { return };
    let server = bare_server("lesson6-server-bare");
    python_client(python, "06-half-close/python/client.py", &server.port())
        .write_stdin("hello\n")
        .assert()
        .success()
        .stdout(contains("received 5 bytes in 1 reads\n"));
    server.stop().stdout(contains("the client's FIN arrived"));
}

#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
#[test]
fn lesson6_bare_client_with_the_python_server() {
    let Some(python) = python3() else { return };
    let server = python_server(python, "06-half-close/python/server.py");
    bare_client("lesson6-client-bare", &server.port())
        .write_stdin("hello\n")
        .assert()
        .success()
        .stdout("received 5 bytes in 1 reads\n");
    server.stop().stdout(contains("FIN arrived"));
}
