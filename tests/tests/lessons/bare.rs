//! The bare twins (`cargo run --example lessonN-server-bare`): at most 40 lines
//! of code each, and each speaks its lesson's protocol with the narrated Rust
//! program and with the Python counterpart, both ways. What crosses the wire is
//! checked through what the other side prints.

use std::ffi::OsString;
use std::io::{BufRead, BufReader, ErrorKind, PipeWriter, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::path::Path;
use std::process::{ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use course_tests::{
    DEADLINE, Killed, Server, address_after, bare_client, bare_server, client, course_file, in_english,
    on_a_private_wire, poll_until, proc_status, program, python_client, python_server, python3,
    read_to_close, skip, stdout_of, udp_exchange,
};
use predicates::prelude::*;
use predicates::str::{contains, is_match};
use socket2::Socket;

/// The most lines of code a bare twin may have: what a learner types in one go.
const MOST_LINES: usize = 40;

/// Lines that are neither blank nor only a comment.
fn lines_of_code(file: &Path) -> usize {
    let text = std::fs::read_to_string(file).unwrap_or_else(|err| panic!("{}: {err}", file.display()));
    text.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with("//")).count()
}

#[test]
fn every_bare_twin_is_at_most_40_lines_of_code() {
    let lessons = [
        "01-udp-once",
        "02-udp-loop",
        "03-tcp-once",
        "04-tcp-loop",
        "05-threaded-tcp",
        "06-half-close",
        "07-event-loop",
        "08-async",
    ];
    for lesson in lessons {
        for side in ["server", "client"] {
            let file = course_file(&format!("lessons/{lesson}/{side}/examples/bare.rs"));
            if !file.exists() && (lesson, side) == ("05-threaded-tcp", "client") {
                continue; // lesson 5's client is lesson 4's (article 000 has one client.py)
            }
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
fn lesson5_has_lesson4s_bare_client_and_it_talks_to_the_narrated_server() {
    // Article 000's threaded server talks to the same client.py as lesson 4's.
    let server = Server::start("lesson5-server", &["--serve", "1"]);
    bare_client("lesson4-client-bare", &server.port())
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
fn lesson4s_bare_client_with_lesson5s_python_server() {
    let Some(python) = python3() else { return };
    let server = python_server(python, "05-threaded-tcp/python/server.py");
    bare_client("lesson4-client-bare", &server.port())
        .write_stdin("hi\nexit\n")
        .assert()
        .success()
        .stdout(is_match(r"^Hello World!\n([1-9]\d{0,2}|1000)：ACK!\n$").unwrap());
    server.stop().stdout(contains(" : hi\n"));
}

#[test]
fn lesson4_bare_server_closes_on_exit_while_the_client_still_holds_the_connection() {
    // The client says exit and keeps its end open: only the server's own
    // close can end the conversation, so a server that ignored `exit` (and
    // waited for our FIN instead) would leave this read waiting.
    let server = bare_server("lesson4-server-bare");
    let mut stream = connect(server.addr());
    assert_eq!(read_once(&mut stream), "连接成功！");
    stream.write_all(b"exit").unwrap();
    assert_eq!(read_once(&mut stream), "", "after exit the server closes (a read of 0 bytes here)");
    drop(server);
}

#[test]
fn lesson5_bare_server_greets_a_second_client_while_the_first_is_still_connected() {
    // A thread per client: the second connection is greeted while the first
    // one is open and silent. A server serving one client at a time would
    // not greet it before the first has gone.
    let server = bare_server("lesson5-server-bare");
    let mut first = connect(server.addr());
    assert_eq!(read_once(&mut first), "Hello World!");
    let mut second = connect(server.addr());
    assert_eq!(read_once(&mut second), "Hello World!", "the second client is greeted beside the first");
    second.write_all(b"hi").unwrap();
    assert!(read_once(&mut second).ends_with("：ACK!"), "and answered");
    drop((first, second, server));
}

#[test]
fn lesson4s_bare_client_leaves_after_exit_without_waiting_for_a_reply() {
    // The server reads `exit` and then neither answers nor closes: the
    // client must end by itself (exit gets no reply in article 000).
    let (done, held) = mpsc::channel::<()>();
    let (port, peer) = tcp_peer(move |mut conn| {
        conn.write_all("Hello World!".as_bytes()).unwrap();
        let _ = read_once(&mut conn); // exit
        let _ = held.recv_timeout(DEADLINE); // silent and open until the client has gone
    });
    let started = std::time::Instant::now();
    bare_client("lesson4-client-bare", &port)
        .write_stdin("exit\n")
        .assert()
        .success()
        .stdout("Hello World!\n");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "the client waited {:?} after exit",
        started.elapsed()
    );
    drop(done);
    peer.join().unwrap();
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

// What a peer, an argument or a closed pipe can do to a bare twin (issue 24,
// item 7). Small as they are, the twins print a peer's text escaped, serve
// on after one client's error, read a reply of bounded size, return an error
// for a bad argument or a closed standard output instead of panicking, and
// say so when the system cannot make a thread.

/// Every bare twin, by the name the harness builds it under.
const TWINS: [&str; 15] = [
    "lesson1-server-bare",
    "lesson1-client-bare",
    "lesson2-server-bare",
    "lesson2-client-bare",
    "lesson3-server-bare",
    "lesson3-client-bare",
    "lesson4-server-bare",
    "lesson4-client-bare",
    "lesson5-server-bare",
    "lesson6-server-bare",
    "lesson6-client-bare",
    "lesson7-server-bare",
    "lesson7-client-bare",
    "lesson8-server-bare",
    "lesson8-client-bare",
];

/// What a hostile peer sends to take over a terminal: clear the screen,
/// retitle the window (ended by BEL), a carriage return to write over the
/// line, and the one-character CSI of C1 (U+009B) asking for red.
const ESCAPES: &str = "\x1b[2J\x1b]0;pwned\x07\r\u{9b}31m";

/// Fails unless the peer's text was shown (its letters are there) with no
/// control character a terminal would obey: a twin's own newlines only.
fn shown_harmlessly(stdout: &[u8]) {
    let text = String::from_utf8_lossy(stdout);
    let raw: Vec<char> = text.chars().filter(|c| c.is_control() && *c != '\n').collect();
    assert!(raw.is_empty(), "control characters from the peer reached the terminal raw: {raw:?}\n{text:?}");
    assert!(text.contains("pwned"), "the peer's text is shown (escaped), not dropped:\n{text:?}");
}

/// Builds the programs (once for the test process) before a peer's deadline
/// starts: the first test to ask for a program may wait a minute for cargo,
/// and a peer that started its clock before would give up on the twin.
fn programs_built() {
    program("lesson1-client-bare");
}

/// A stand-in TCP server on 127.0.0.1 (the system picks the port) that runs
/// `script` with its first connection, on a thread of its own. Returns the
/// port for the twin and the thread, to join once the twin has finished.
fn tcp_peer(script: impl FnOnce(TcpStream) + Send + 'static) -> (String, JoinHandle<()>) {
    programs_built();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let peer = thread::spawn(move || {
        // The wait for the twin has a deadline: accept without blocking, polled.
        listener.set_nonblocking(true).unwrap();
        let mut accepted = None;
        let came = poll_until(DEADLINE, || match listener.accept() {
            Ok((conn, _)) => {
                accepted = Some(conn);
                true
            }
            Err(err) if err.kind() == ErrorKind::WouldBlock => false,
            Err(err) => panic!("accept: {err}"),
        });
        assert!(came, "the twin never connected");
        let conn = accepted.unwrap();
        conn.set_nonblocking(false).unwrap();
        conn.set_read_timeout(Some(DEADLINE)).unwrap();
        conn.set_write_timeout(Some(DEADLINE)).unwrap();
        script(conn);
    });
    (port, peer)
}

/// A stand-in UDP server on 127.0.0.1 that answers the first datagram with `reply`.
fn udp_peer(reply: &'static [u8]) -> (String, JoinHandle<()>) {
    programs_built();
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    let port = socket.local_addr().unwrap().port().to_string();
    let peer = thread::spawn(move || {
        socket.set_read_timeout(Some(DEADLINE)).unwrap();
        let mut buf = [0; 2048];
        let from = loop {
            // A signal to the test process (a child's SIGCHLD) can interrupt a wait with a timeout.
            match socket.recv_from(&mut buf) {
                Err(err) if err.kind() == ErrorKind::Interrupted => continue,
                received => break received.expect("the twin sends a datagram").1,
            }
        };
        socket.send_to(reply, from).unwrap();
    });
    (port, peer)
}

/// A TCP connection to `server`, with the deadline on every read.
fn connect(server: SocketAddr) -> TcpStream {
    let stream = TcpStream::connect(server).unwrap();
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    stream
}

/// One read of whatever has arrived, as text.
fn read_once(stream: &mut TcpStream) -> String {
    let mut buf = [0; 1024];
    let n = loop {
        // A signal to the test process (a child's SIGCHLD) can interrupt a wait with a timeout.
        match stream.read(&mut buf) {
            Err(err) if err.kind() == ErrorKind::Interrupted => continue,
            read => break read.unwrap(),
        }
    };
    String::from_utf8_lossy(&buf[..n]).into_owned()
}

// (a) A peer's escape sequences: shown escaped, never obeyed.

#[test]
fn lesson1_bare_server_shows_a_peers_escapes_escaped() {
    let server = bare_server("lesson1-server-bare");
    assert_eq!(udp_exchange(server.addr(), ESCAPES.as_bytes()), b"Ich hab keine Hunge");
    shown_harmlessly(&server.finish().success().get_output().stdout);
}

#[test]
fn lesson1_bare_client_shows_a_peers_escapes_escaped() {
    let (port, peer) = udp_peer(ESCAPES.as_bytes());
    let run = bare_client("lesson1-client-bare", &port).assert().success();
    peer.join().unwrap();
    shown_harmlessly(&run.get_output().stdout);
}

#[test]
fn lesson2_bare_server_shows_a_peers_escapes_escaped() {
    let server = bare_server("lesson2-server-bare");
    assert_eq!(udp_exchange(server.addr(), ESCAPES.as_bytes()), b"success");
    shown_harmlessly(&server.stop().get_output().stdout);
}

#[test]
fn lesson2_bare_client_shows_a_peers_escapes_escaped() {
    let (port, peer) = udp_peer(ESCAPES.as_bytes());
    let run = bare_client("lesson2-client-bare", &port).write_stdin("hi\n").assert().success();
    peer.join().unwrap();
    shown_harmlessly(&run.get_output().stdout);
}

#[test]
fn lesson3_bare_server_shows_a_peers_escapes_escaped() {
    let server = bare_server("lesson3-server-bare");
    let mut peer = connect(server.addr());
    peer.write_all(ESCAPES.as_bytes()).unwrap();
    let reply = read_to_close(&mut peer).unwrap();
    // Only the print is escaped: the reply carries the bytes as they came.
    assert!(String::from_utf8_lossy(&reply).starts_with(&format!("Received msg: {ESCAPES} from ")));
    shown_harmlessly(&server.finish().success().get_output().stdout);
}

#[test]
fn lesson3_bare_client_shows_a_peers_escapes_escaped() {
    let (port, peer) = tcp_peer(|mut conn| {
        let _ = read_once(&mut conn);
        conn.write_all(ESCAPES.as_bytes()).unwrap();
    });
    let run = bare_client("lesson3-client-bare", &port).assert().success();
    peer.join().unwrap();
    shown_harmlessly(&run.get_output().stdout);
}

/// Lessons 4 and 5: a peer greeted by `server` sends the escapes and reads the reply.
fn greeted_peer_sends_escapes(server: Server) {
    let mut peer = connect(server.addr());
    assert!(!read_once(&mut peer).is_empty(), "greeted");
    peer.write_all(ESCAPES.as_bytes()).unwrap();
    assert!(!read_once(&mut peer).is_empty(), "answered, after the server printed the message");
    drop(peer);
    shown_harmlessly(&server.stop().get_output().stdout);
}

#[test]
fn lesson4_bare_server_shows_a_peers_escapes_escaped() {
    greeted_peer_sends_escapes(bare_server("lesson4-server-bare"));
}

#[test]
fn lesson5_bare_server_shows_a_peers_escapes_escaped() {
    greeted_peer_sends_escapes(bare_server("lesson5-server-bare"));
}

/// Lessons 4 and 5: a server whose greeting is the escapes; the client has no line to send.
fn escapes_for_a_greeting(name: &str) {
    let (port, peer) = tcp_peer(|mut conn| conn.write_all(ESCAPES.as_bytes()).unwrap());
    let run = bare_client(name, &port).write_stdin("").assert().success();
    peer.join().unwrap();
    shown_harmlessly(&run.get_output().stdout);
}

#[test]
fn lesson4_bare_client_shows_a_peers_escapes_escaped() {
    escapes_for_a_greeting("lesson4-client-bare");
}

#[test]
fn lesson6_bare_client_shows_a_peers_escapes_escaped() {
    let (port, peer) = tcp_peer(|mut conn| {
        let _ = read_to_close(&mut conn); // until the client's FIN
        conn.write_all(ESCAPES.as_bytes()).unwrap();
    });
    let run = bare_client("lesson6-client-bare", &port).write_stdin("hi\n").assert().success();
    peer.join().unwrap();
    shown_harmlessly(&run.get_output().stdout);
}

// (b) One client's error ends that client, not a loop server.

/// Connects to `server`, lets `before` talk, then closes with SO_LINGER 0: a
/// reset (RST) instead of a FIN. Returns the pattern of the server's report
/// about this client: its address, then `: ` and the error.
fn reset_after(server: SocketAddr, before: impl FnOnce(&mut TcpStream)) -> String {
    let mut stream = connect(server);
    before(&mut stream);
    let port = stream.local_addr().unwrap().port();
    Socket::from(stream).set_linger(Some(Duration::ZERO)).unwrap(); // dropped: RST
    format!(r"127\.0\.0\.1:{port}: ")
}

#[test]
fn lesson4_bare_server_serves_on_after_a_client_resets() {
    let mut server = bare_server("lesson4-server-bare");
    let report = reset_after(server.addr(), |rude| assert_eq!(read_once(rude), "连接成功！"));
    server.wait_for_line(&report);
    client("lesson4-client")
        .args(["--port", &server.port(), "--message", "hello", "--message", "exit"])
        .assert()
        .success()
        .stdout(contains("text:  第1条信息：hello"));
    server.stop();
}

#[test]
fn lesson5_bare_server_serves_on_after_a_client_resets() {
    let mut server = bare_server("lesson5-server-bare");
    let report = reset_after(server.addr(), |rude| assert_eq!(read_once(rude), "Hello World!"));
    server.wait_for_line(&report);
    client("lesson5-client")
        .args(["--port", &server.port(), "--message", "hi", "--message", "exit"])
        .assert()
        .success()
        .stdout(is_match(r"text:  ([1-9]\d{0,2}|1000)：ACK!").unwrap());
    server.stop();
}

#[test]
fn lesson6_bare_server_serves_on_after_a_client_resets() {
    let mut server = bare_server("lesson6-server-bare");
    let report = reset_after(server.addr(), |rude| rude.write_all(b"half a message").unwrap());
    server.wait_for_line(&report);
    bare_client("lesson6-client-bare", &server.port())
        .write_stdin("hello\n")
        .assert()
        .success()
        .stdout("received 5 bytes in 1 reads\n");
    server.stop();
}

/// A UDP datagram from port 0 to `server`, sent from a raw socket (no UDP
/// socket can send from port 0): a sender no reply can reach, as sendto to
/// port 0 fails (EINVAL). Needs CAP_NET_RAW: in a namespace of our own.
fn datagram_from_port_0(server: SocketAddr, payload: &[u8]) {
    let raw = Socket::new(socket2::Domain::IPV4, socket2::Type::RAW, Some(socket2::Protocol::UDP)).unwrap();
    let length = u16::try_from(8 + payload.len()).unwrap();
    // The UDP header: source port 0, destination port, length, checksum 0 ("none" in IPv4).
    let header = [0, 0, server.port().to_be_bytes()[0], server.port().to_be_bytes()[1]]
        .into_iter()
        .chain(length.to_be_bytes())
        .chain([0, 0]);
    let datagram: Vec<u8> = header.chain(payload.iter().copied()).collect();
    raw.send_to(&datagram, &server.into()).unwrap();
}

#[test]
fn lesson2_bare_server_serves_on_after_a_datagram_it_cannot_answer() {
    on_a_private_wire(|| {
        let mut server = bare_server("lesson2-server-bare");
        datagram_from_port_0(server.addr(), b"from nowhere");
        server.wait_for("#1 from nowhere from 127.0.0.1:0");
        server.wait_for("sendto 127.0.0.1:0: ");
        assert_eq!(udp_exchange(server.addr(), b"next"), b"success");
        server.stop().stdout(contains("#2 next from 127.0.0.1:"));
    });
}

// (c) A reply without end: the lesson 6 client reads a bounded amount, then ends.

#[test]
fn lesson6_bare_client_stops_reading_a_reply_without_end() {
    // An endless reply, up to a ceiling that keeps a client that reads it all
    // (as `read_to_end` did) within this test's memory: 64 MiB.
    const CEILING: usize = 64 << 20;
    let (port, peer) = tcp_peer(|mut conn| {
        let chunk = [b'y'; 64 * 1024];
        let mut sent = 0;
        while sent < CEILING && conn.write_all(&chunk).is_ok() {
            sent += chunk.len();
        }
        assert!(sent < CEILING, "the client read all of {CEILING} bytes and waited for more");
        eprintln!("the peer sent {sent} bytes before the client closed");
    });
    let run = bare_client("lesson6-client-bare", &port).write_stdin("").assert().success();
    let shown = run.get_output().stdout.len();
    assert!(shown <= (1 << 20) + 1, "the client printed {shown} bytes of an endless reply");
    peer.join().unwrap();
}

// (d) A bad argument: an error and exit code 1, no panic.

#[test]
fn every_bare_twin_refuses_a_bad_port_without_panicking() {
    #[cfg(unix)]
    let not_utf8 = std::os::unix::ffi::OsStringExt::from_vec(vec![0xff]);
    #[cfg(not(unix))]
    let not_utf8 = OsString::from("\u{fffd}");
    let bad: [OsString; 3] = [not_utf8, "eighty".into(), "65536".into()];
    for name in TWINS {
        for arg in &bad {
            // Client::assert fails the test if the twin panicked.
            client(name)
                .arg(arg)
                .write_stdin("")
                .assert()
                .code(1)
                .stderr(contains("Error: "))
                .stdout(predicates::str::is_empty());
        }
    }
}

// (e) Standard output closed early (`| head -1`): no panic.

/// A bare twin whose standard output is closed after its first lines, as
/// `twin | head -1` does, with its standard input a pipe the test writes.
struct Head {
    child: Killed,
    stdin: Option<ChildStdin>,
    stderr: Option<JoinHandle<String>>,
}

/// Waits (with the deadline) until a pipe has no reader left: until a write
/// to it fails with EPIPE. A process that another test starts at the same
/// moment holds a copy of every descriptor from its fork to its exec; a
/// twin's write in that moment would still find a reader.
fn no_reader_left(probe: &mut PipeWriter) {
    let gone = poll_until(
        DEADLINE,
        || matches!(probe.write(b"\n"), Err(err) if err.kind() == ErrorKind::BrokenPipe),
    );
    assert!(gone, "the pipe still has a reader after {DEADLINE:?}");
}

impl Head {
    /// Starts `name` with `args` and `input` typed in, reads `lines` lines of
    /// its output (0: none, as `| true`), closes the pipe, and returns the
    /// lines read once the pipe has no reader left.
    fn start(name: &str, args: &[&str], input: &str, lines: usize) -> (Head, Vec<String>) {
        let (reader, writer) = std::io::pipe().unwrap();
        let mut probe = writer.try_clone().unwrap();
        let mut reader = Some(reader);
        if lines == 0 {
            drop(reader.take());
            no_reader_left(&mut probe); // before the twin can print anything
        }
        let mut child = Killed(
            in_english(&mut Command::new(program(name)))
                .args(args)
                .stdin(Stdio::piped())
                .stdout(writer)
                .stderr(Stdio::piped())
                .spawn()
                .unwrap(),
        );
        // A twin that has already ended on its closed output reads no input: no matter.
        let _ = child.stdin.as_mut().unwrap().write_all(input.as_bytes());
        let mut stderr = child.stderr.take().unwrap();
        let stderr = thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            text
        });
        let mut read = Vec::new();
        if let Some(reader) = reader {
            // Read on a thread of its own, so that the wait has a deadline.
            let (sender, received) = mpsc::channel();
            thread::spawn(move || {
                let mut reader = BufReader::new(reader);
                for _ in 0..lines {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || sender.send(line).is_err() {
                        break;
                    }
                }
                drop(reader); // our only reader: closed
                drop(sender);
            });
            loop {
                match received.recv_timeout(DEADLINE) {
                    Ok(line) => read.push(line),
                    Err(RecvTimeoutError::Disconnected) => break,
                    Err(RecvTimeoutError::Timeout) => {
                        panic!("{name}: no line within {DEADLINE:?}; read {read:?}")
                    }
                }
            }
            assert_eq!(read.len(), lines, "{name} printed fewer lines than expected: {read:?}");
            no_reader_left(&mut probe);
        }
        let stdin = child.stdin.take();
        (Head { child, stdin, stderr: Some(stderr) }, read)
    }

    /// Writes `text` to the twin's standard input (if it still reads it).
    fn type_in(&mut self, text: &str) {
        let _ = self.stdin.as_mut().unwrap().write_all(text.as_bytes());
    }

    /// Waits (with the deadline) for the twin to end by itself, with its
    /// input ended; fails if it panicked. Exit code 1: the write's error.
    fn ends(mut self, name: &str) {
        drop(self.stdin.take());
        let ended = poll_until(DEADLINE, || self.child.try_wait().is_ok_and(|status| status.is_some()));
        assert!(ended, "{name} did not end within {DEADLINE:?} once its output was closed");
        let status = self.child.wait().unwrap();
        let stderr = self.stderr.take().unwrap().join().unwrap();
        assert!(!stderr.contains("panicked"), "{name} panicked on a closed stdout:\n{stderr}");
        assert_eq!(status.code(), Some(1), "{name}: exit code 1, the error of the write:\n{stderr}");
    }

    /// Stops the twin (a server that serves on) and fails if it panicked.
    fn stopped(mut self, name: &str) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let stderr = self.stderr.take().unwrap().join().unwrap();
        assert!(!stderr.contains("panicked"), "{name} panicked on a closed stdout:\n{stderr}");
    }
}

/// The address in a twin's ready line, among the lines read.
fn ready_in(lines: &[String]) -> SocketAddr {
    lines.iter().find_map(|line| address_after(line)).expect("a ready line with the address")
}

#[test]
fn bare_udp_servers_end_without_panic_when_their_output_is_closed() {
    // Lesson 1 prints "Starting server..." first, then its ready line.
    for (name, lines) in [("lesson1-server-bare", 2), ("lesson2-server-bare", 1)] {
        let (twin, read) = Head::start(name, &["0"], "", lines);
        // The datagram is printed: into the closed pipe.
        let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
        socket.send_to(b"hello", ready_in(&read)).unwrap();
        twin.ends(name);
    }
}

#[test]
fn bare_tcp_servers_end_without_panic_when_their_output_is_closed() {
    for (name, lines) in [("lesson3-server-bare", 2), ("lesson4-server-bare", 1), ("lesson6-server-bare", 1)]
    {
        let (twin, read) = Head::start(name, &["0"], "", lines);
        // A client's message is printed (lesson 4 may already have failed to
        // print its next line and ended: then no one accepts).
        if let Ok(mut peer) = TcpStream::connect(ready_in(&read)) {
            let _ = peer.write_all(b"hello");
            let _ = peer.shutdown(std::net::Shutdown::Write);
        }
        twin.ends(name);
    }
}

#[test]
fn lesson5_bare_server_serves_on_without_panic_when_its_output_is_closed() {
    let name = "lesson5-server-bare";
    let (twin, read) = Head::start(name, &["0"], "", 1);
    // The client's thread cannot print its first line: it ends, and with it
    // the connection, before any greeting.
    let mut peer = connect(ready_in(&read));
    let rest = read_to_close(&mut peer).unwrap_or_default();
    assert!(rest.is_empty(), "no greeting from a thread that could not print: {rest:?}");
    twin.stopped(name);
}

#[test]
fn bare_clients_end_without_panic_when_their_output_is_closed() {
    let servers = [
        ("lesson1-client-bare", "lesson1-server", vec![]),
        ("lesson3-client-bare", "lesson3-server", vec![]),
        ("lesson4-client-bare", "lesson4-server", vec!["--serve", "1"]),
        ("lesson6-client-bare", "lesson6-server", vec!["--serve", "1"]),
    ];
    for (name, server, args) in servers {
        let server = Server::start(server, &args);
        // Closed before the first line, as `| true` does: that line fails.
        let (twin, _) = Head::start(name, &[&server.port()], "hi\n", 0);
        twin.ends(name);
    }
}

#[test]
fn lesson2_bare_client_ends_without_panic_when_its_output_is_closed() {
    let name = "lesson2-client-bare";
    let server = Server::start("lesson2-server", &[]);
    // As `| true`: the first reply cannot be printed.
    let (twin, _) = Head::start(name, &[&server.port()], "one\n", 0);
    twin.ends(name);
    // As `| head -1`: the first reply is read, the second cannot be printed.
    let (mut twin, _) = Head::start(name, &[&server.port()], "one\n", 1);
    twin.type_in("two\n");
    twin.ends(name);
}

// (f) No thread for a client: said, and the lesson 5 server serves on.

#[test]
#[cfg_attr(
    no_prlimit,
    ignore = "prlimit (util-linux) is missing, or this is not Linux: a running server's limits cannot be lowered"
)]
fn lesson5_bare_server_says_when_it_cannot_make_a_thread_and_serves_on() {
    if !cfg!(target_os = "linux") || Command::new("prlimit").arg("--version").output().is_err() {
        return skip("needs Linux and prlimit (util-linux) to lower a running server's address space");
    }
    let mut server = bare_server("lesson5-server-bare");
    let pid = server.pid().to_string();
    let limit = |bytes: &str| {
        Command::new("prlimit")
            .args(["--pid", &pid, &format!("--as={bytes}:")])
            .status()
            .is_ok_and(|s| s.success())
    };
    // Room for 1 MiB more than the server holds: less than a thread's stack (2 MiB).
    let held = proc_status(server.pid(), "VmSize").expect("VmSize in /proc") * 1024;
    if !limit(&(held + (1 << 20)).to_string()) {
        return skip("prlimit cannot lower the server's address space here");
    }
    let mut turned_away = connect(server.addr());
    server.wait_for_line(&format!(r"127\.0\.0\.1:{}: no thread: ", turned_away.local_addr().unwrap().port()));
    let rest = read_to_close(&mut turned_away).unwrap_or_default(); // closed, not left hanging
    assert!(rest.is_empty(), "no greeting without a thread: {rest:?}");
    assert!(limit("unlimited"), "prlimit raises the limit again");
    client("lesson5-client")
        .args(["--port", &server.port(), "--message", "hi", "--message", "exit"])
        .assert()
        .success()
        .stdout(contains("text:  Hello World!"));
    server.stop();
}

// (g) What the twins do with `exit` and with two clients, by behaviour: a
// twin that ignored `exit`, served one client at a time, or waited after
// `exit` would pass a test that only compares its quoted code.

/// The lesson 4 twin closes a client's connection after `exit` (the client
/// reads 0 bytes, no reply) and greets the next client.
#[test]
fn lesson4_bare_server_closes_on_exit_and_greets_the_next_client() {
    let server = bare_server("lesson4-server-bare");
    let mut first = connect(server.addr());
    assert_eq!(read_once(&mut first), "连接成功！", "the greeting");
    first.write_all(b"exit").unwrap();
    let rest = read_to_close(&mut first).expect("after exit, the server closes the connection");
    assert!(rest.is_empty(), "after exit, nothing but the close: {:?}", String::from_utf8_lossy(&rest));
    let mut second = connect(server.addr());
    assert_eq!(read_once(&mut second), "连接成功！", "the next client is greeted");
}

/// The lesson 5 twin serves clients side by side: a second client is greeted
/// and answered while the first is still connected and silent.
#[test]
fn lesson5_bare_server_greets_a_second_client_while_the_first_stays() {
    let server = bare_server("lesson5-server-bare");
    let mut first = connect(server.addr());
    assert_eq!(read_once(&mut first), "Hello World!", "the first greeting");
    let mut second = connect(server.addr());
    assert_eq!(read_once(&mut second), "Hello World!", "greeted while the first is still there");
    second.write_all(b"hi").unwrap();
    let reply = read_once(&mut second);
    assert!(reply.ends_with("：ACK!"), "answered while the first is still there: {reply:?}");
}

/// The lesson 4 client twin (lesson 5's too) ends after sending `exit`: it
/// does not wait for a server that stays open, and says nothing more.
#[test]
fn lesson4_bare_client_ends_after_exit_even_if_the_server_stays_open() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let (done, held) = std::sync::mpsc::channel::<()>();
    let server = std::thread::spawn(move || {
        let (mut conn, _) = listener.accept().unwrap();
        conn.write_all("连接成功！".as_bytes()).unwrap();
        conn.set_read_timeout(Some(DEADLINE)).unwrap();
        let mut buf = [0; 64];
        let n = conn.read(&mut buf).unwrap_or(0);
        assert_eq!(&buf[..n], b"exit", "the client sends exit, as typed");
        let _ = held.recv_timeout(DEADLINE); // open, silent, until the test ends
    });
    let mut twin = bare_client("lesson4-client-bare", &port); // built before the clock starts
    let started = std::time::Instant::now();
    twin.write_stdin("exit\n").assert().success();
    let took = started.elapsed();
    drop(done);
    server.join().unwrap();
    assert!(
        took < Duration::from_secs(5),
        "the client waited {took:?} after exit for a server that stays open"
    );
}
