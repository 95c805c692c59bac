//! Lesson 8, async/await: a task per client, every task on one thread (a
//! `current_thread` tokio runtime), with lesson 5's protocol, so lessons 5's
//! and 7's clients (Rust and Python) talk to it unchanged, and its client to
//! their servers; a send that must wait holds its task only.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use course_tests::{
    DEADLINE, POLLS, Server, bare_client, bare_server, client, poll_until, proc_status, python_client,
    python_server, python3, sleeps_in, stdout_of,
};
use predicates::prelude::*;
use predicates::str::{contains, is_match};
use socket2::{Domain, Socket, Type};

/// Connects from a plain socket and returns it with the first thing the server sent.
fn connect(server: SocketAddr) -> (TcpStream, String) {
    let mut stream = TcpStream::connect(server).unwrap();
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    let mut buf = [0; 256];
    let n = course_tests::read_retrying(&mut stream, &mut buf)
        .expect("the server sends something within the deadline");
    (stream, String::from_utf8_lossy(&buf[..n]).into_owned())
}

/// The number in a program's last `threads in this process: N` line.
fn threads_in_summary(out: &str) -> u64 {
    let line = out.lines().rev().find_map(|line| line.split("threads in this process: ").nth(1));
    let number = line.and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next());
    number.and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("no thread count in the summary:\n{out}"))
}

/// The names of a process's threads other than the two that only wait for
/// a signal (kit's `on-signal` and the `ctrlc` crate's `ctrl-c`), where the
/// kernel says (Linux); `None` elsewhere. A new thread names itself when it
/// first runs: until then it bears the process's name, and on a busy machine
/// that can be after the server's ready line. So the names are read again
/// (for at most 2 s) while more than one thread looks like a working one.
fn working_threads(pid: u32) -> Option<Vec<String>> {
    let deadline = Instant::now() + Duration::from_secs(2);
    loop {
        let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).ok()?;
        let names = tasks.flatten().filter_map(|task| std::fs::read_to_string(task.path().join("comm")).ok());
        let working: Vec<String> = names
            .map(|name| name.trim().to_string())
            .filter(|name| name != "on-signal" && name != "ctrl-c")
            .collect();
        if working.len() <= 1 || Instant::now() > deadline {
            return Some(working);
        }
        std::thread::sleep(Duration::from_millis(10)); // polling /proc, with the deadline above
    }
}

#[test]
fn lesson5_lesson7_and_lesson8_clients_are_served_with_the_article_s_lines() {
    let server = Server::start("lesson8-server", &["--serve", "4"]);
    // A plain client that pauses before its message: the server's read
    // surely finds nothing at first, and its task awaits.
    let (mut slow, greeting) = connect(server.addr());
    assert_eq!(greeting, "Hello World!");
    std::thread::sleep(Duration::from_millis(200)); // the pause is the point: the read must wait
    slow.write_all(b"hey").unwrap();
    let mut buf = [0; 64];
    let n = course_tests::read_retrying(&mut slow, &mut buf).unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).ends_with("：ACK!"));
    slow.write_all(b"exit").unwrap();
    drop(slow);
    client("lesson5-client")
        .args(["--port", &server.port(), "--message", "hi", "--message", "exit"])
        .assert()
        .success()
        .stdout(contains("text:  Hello World!"))
        .stdout(is_match(r"text:  \d{1,4}：ACK!").unwrap());
    client("lesson7-client")
        .args(["--port", &server.port(), "--message", "hello", "--message", "exit"])
        .assert()
        .success()
        .stdout(is_match(r"text:  \d{1,4}：ACK!").unwrap());
    client("lesson8-client")
        .args(["--port", &server.port(), "--message", "howdy", "--message", "exit"])
        .assert()
        .success()
        .stdout(contains("2 connect      connected to"))
        .stdout(contains("text:  Hello World!"))
        .stdout(is_match(r"5 recv +reply #1").unwrap())
        .stdout(contains("sent exit"))
        .stdout(contains("threads in this process: 1: one runtime thread ran every connection's task"));
    server
        .finish()
        .success()
        .stdout(contains("[*] Listening on 127.0.0.1:"))
        .stdout(is_match(r"\[\*\] Accept connection from: 127\.0\.0\.1:\d+").unwrap())
        .stdout(is_match(r"\[\*\] Received from 127\.0\.0\.1:\d+ : hey").unwrap())
        .stdout(is_match(r"\[\*\] Received from 127\.0\.0\.1:\d+ : hi").unwrap())
        .stdout(is_match(r"\[\*\] Received from 127\.0\.0\.1:\d+ : hello").unwrap())
        .stdout(is_match(r"\[\*\] Received from 127\.0\.0\.1:\d+ : howdy").unwrap())
        .stdout(contains("accept's WouldBlock parked this task, the runtime polled"))
        .stdout(contains("after awaiting: nothing had come, so the task gave the thread back to the runtime"))
        .stdout(contains("client #4: a new task serves it"))
        .stdout(contains("10 close       closing this connection (FIN); this task ends"))
        .stdout(contains("stopping: clients: 4, turned away: 0"))
        .stdout(contains("One thread, the runtime's, ran every task"))
        .stdout(contains("panicked").not());
}

#[test]
fn a_thousand_connections_of_lesson5_client_are_served_by_one_thread() {
    let server = Server::start("lesson8-server", &["--serve", "1000"]);
    // Ready, before any client: one thread works (a multi-thread runtime
    // would have started its workers by now), the others wait for a signal.
    let threads_at_start = proc_status(server.pid(), "Threads");
    if let Some(working) = working_threads(server.pid()) {
        assert_eq!(working.len(), 1, "the server's threads, signal handlers aside: {working:?}");
    }
    client("lesson5-client")
        .args(["--port", &server.port(), "--connections", "1000", "--message", "hi", "--message", "exit"])
        .timeout(Duration::from_secs(60))
        .assert()
        .success()
        .stdout(contains("connection #1000: greeted after"));
    let run = server.finish().success().stdout(contains("stopping: clients: 1000, turned away: 0"));
    let out = stdout_of(&run);
    assert_eq!(out.matches("[*] Received from").count(), 1000, "every connection's hi was answered");
    // As many threads at the end as at the start: none was started for a client.
    if let Some(threads) = threads_at_start {
        assert_eq!(threads_in_summary(&out), threads, "the server's threads at the start: {threads}");
    }
    assert!(out.contains("One thread, the runtime's, ran every task"));
}

#[test]
fn lesson8_client_holds_its_connections_in_one_thread_against_lessons_5_7_and_8() {
    for name in ["lesson5-server", "lesson7-server", "lesson8-server"] {
        let server = Server::start(name, &["--serve", "50"]);
        let run = client("lesson8-client")
            .args(["--port", &server.port(), "--connections", "50", "--message", "a", "--message", "exit"])
            .assert()
            .success()
            .stdout(contains("[client #50] 2 connect      connected to"))
            .stdout(contains("connection #50: greeted after"))
            .stdout(contains("50 of 50 connections greeted and done in"));
        assert_eq!(threads_in_summary(&stdout_of(&run)), 1, "the lesson 8 client runs in one thread");
        server.finish().success().stdout(contains("stopping: clients: 50"));
    }
}

/// A client that sends 2,048 messages of 16 bytes in one go and does not
/// read, its receive buffer made small: a server that reads 16 bytes at a
/// time (`--buffer 16`) answers each read with a reply of about 10 bytes,
/// some 20 KB in all, more than the client's receive buffer and the server's
/// send buffer (`--send-buffer 1`: about 4 KB) hold.
fn flood(server: SocketAddr) -> TcpStream {
    let socket = Socket::new(Domain::IPV4, Type::STREAM, None).unwrap();
    socket.set_recv_buffer_size(1).unwrap(); // the kernel's least
    socket.connect(&server.into()).unwrap();
    let mut stream = TcpStream::from(socket);
    stream.set_write_timeout(Some(DEADLINE)).unwrap();
    stream.write_all(&[b'x'; 2048 * 16]).expect("the flood fits in the kernel's buffers");
    stream
}

#[test]
fn a_send_that_must_wait_holds_its_task_and_the_rest_arrives_in_order() {
    let mut server =
        Server::start("lesson8-server", &["--serve", "1", "--send-buffer", "1", "--buffer", "16"]);
    let mut stream = flood(server.addr());
    server.wait_for("the send waits: the kernel took what fits");
    // Now read: the task's write_all goes on once the socket is writable; it
    // reads the rest of the flood and answers it; our FIN ends it.
    stream.shutdown(std::net::Shutdown::Write).unwrap();
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    let mut got = Vec::new();
    stream.read_to_end(&mut got).expect("everything the server sends, then its FIN");
    let text = String::from_utf8(got).expect("whole UTF-8: no reply was cut or lost in the middle");
    let replies = regex::Regex::new(r"^Hello World!(\d{1,4}：ACK!)+$").unwrap();
    assert!(replies.is_match(&text), "the greeting, then whole replies in order: {text:.200}...");
    server
        .finish()
        .success()
        .stdout(contains("SO_SNDBUF: the kernel holds at most"))
        .stdout(contains("the kernel's send buffer for this client is full: the client is not reading"))
        .stdout(contains("0 bytes: the client closed its side"))
        .stdout(contains("stopping: clients: 1"));
}

#[test]
fn a_client_that_never_reads_is_let_go_after_the_write_timeout_and_others_are_served() {
    let mut server =
        Server::start("lesson8-server", &["--send-buffer", "1", "--write-timeout", "1", "--buffer", "16"]);
    let mut stream = flood(server.addr());
    server.wait_for("the send waits: the kernel took what fits");
    // Meanwhile other clients are served at once: the waiting task holds
    // only itself, never the thread.
    client("lesson8-client")
        .args(["--port", &server.port(), "--connections", "3", "--message", "hi", "--message", "exit"])
        .assert()
        .success()
        .stdout(contains("3 of 3 connections greeted and done"));
    // Then --write-timeout ends the one that never reads.
    server.wait_for_line(r"^\[server #1\].*send failed");
    server.wait_for_line(
        r"^\[server #1\] +1 client being served now|^\[server #1\] +0 clients being served now",
    );
    // What it held for the flood: one reply at most, never the flood's worth.
    if let Some(rss) = proc_status(server.pid(), "VmRSS") {
        assert!(rss < 64 * 1024, "the server's resident memory is {rss} kB");
    }
    let mut rest = Vec::new();
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    let _ = stream.read_to_end(&mut rest); // the replies the kernel held, then the close
    server.stop().stdout(contains("panicked").not());
}

#[test]
fn a_client_over_the_cap_is_told_busy_and_a_silent_one_is_let_go() {
    let mut server = Server::start("lesson8-server", &["--max-clients", "1", "--idle-timeout", "1"]);
    let (mut first, greeting) = connect(server.addr());
    assert_eq!(greeting, "Hello World!");
    let (mut second, line) = connect(server.addr());
    assert!(line.starts_with("busy: 1 clients are being served"), "the second client is told: {line:?}");
    assert_eq!(second.read(&mut [0; 16]).unwrap(), 0, "and the connection is closed at once");
    // The first says nothing: after --idle-timeout it is told so and closed.
    let mut notice = String::new();
    first.read_to_string(&mut notice).unwrap();
    assert!(notice.starts_with("idle: nothing received for 1 s"), "the silent client is told: {notice:?}");
    server.wait_for("0 clients being served now");
    // Its place is free again: the next client is served.
    let (_third, greeting) = connect(server.addr());
    assert_eq!(greeting, "Hello World!");
    server
        .stop()
        .stdout(contains("turned away: 1 clients already being served (--max-clients)"))
        .stdout(contains("told the client"));
}

#[test]
fn the_bare_twins_talk_to_the_narrated_programs() {
    let server = bare_server("lesson8-server-bare");
    client("lesson5-client")
        .args(["--port", &server.port(), "--connections", "3", "--message", "hi", "--message", "exit"])
        .assert()
        .success()
        .stdout(contains("every connection was greeted at once"));
    client("lesson8-client")
        .args(["--port", &server.port(), "--connections", "3", "--message", "hey", "--message", "exit"])
        .assert()
        .success()
        .stdout(contains("3 of 3 connections greeted and done"));
    let run =
        bare_client("lesson8-client-bare", &server.port()).arg("3").write_stdin("hello\nexit\n").assert();
    // Three greetings and three replies, in whatever order the connections' bytes came.
    let out = stdout_of(&run.success());
    let ack = regex::Regex::new(r"^\d{1,4}：ACK!$").unwrap();
    assert_eq!(out.lines().filter(|line| *line == "Hello World!").count(), 3, "three greetings:\n{out}");
    assert_eq!(out.lines().filter(|line| ack.is_match(line)).count(), 3, "three replies:\n{out}");
    assert_eq!(out.lines().count(), 6, "nothing else:\n{out}");
    server
        .stop()
        .stdout(is_match(r"(?m)^\[\*\] Received from 127\.0\.0\.1:\d+ : hello$").unwrap())
        .stdout(is_match(r"(?m)^\[\*\] Received from 127\.0\.0\.1:\d+ : hey$").unwrap())
        .stdout(contains("[*] Accept connection from: 127.0.0.1:"));

    let server = Server::start("lesson8-server", &["--serve", "1"]);
    bare_client("lesson8-client-bare", &server.port())
        .write_stdin("hi\n")
        .assert()
        .success()
        .stdout(is_match(r"^Hello World!\n\d{1,4}：ACK!\n$").unwrap());
    // The bare client's input ended without exit: it closed, and the server read 0 bytes.
    server.finish().success().stdout(contains("0 bytes"));
}

#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
#[test]
fn the_python_clients_talk_to_lesson8_and_the_asyncio_server_to_the_rust_clients() {
    let Some(python) = python3() else { return };
    // Lesson 5's client.py (article 000's) against the lesson 8 server, then
    // this lesson's asyncio client.py with three connections.
    let server = Server::start("lesson8-server", &["--serve", "4"]);
    python_client(python, "05-threaded-tcp/python/client.py", &server.port())
        .write_stdin("hello\nexit\n")
        .assert()
        .success()
        .stdout(is_match(r"^Hello World!\n.*\d{1,4}：ACK!\n[^\n]*$").unwrap());
    let run = python_client(python, "08-async/python/client.py", &server.port())
        .arg("3")
        .write_stdin("hi\nexit\n")
        .assert()
        .success();
    let out = stdout_of(&run);
    assert_eq!(out.lines().filter(|line| *line == "Hello World!").count(), 3, "three greetings:\n{out}");
    assert_eq!(out.lines().filter(|line| line.ends_with("：ACK!")).count(), 3, "three replies:\n{out}");
    server
        .finish()
        .success()
        .stdout(is_match(r"\[\*\] Received from 127\.0\.0\.1:\d+ : hello").unwrap())
        .stdout(contains("stopping: clients: 4"));

    // The asyncio server serves lesson 5's, 7's and 8's clients.
    let server = python_server(python, "08-async/python/server.py");
    for name in ["lesson5-client", "lesson7-client", "lesson8-client"] {
        client(name)
            .args(["--port", &server.port(), "--connections", "5", "--message", "hi", "--message", "exit"])
            .assert()
            .success();
    }
    let out = stdout_of(&server.stop());
    assert_eq!(out.matches("[*] Received from 127.0.0.1:").count(), 15, "every hi was answered:\n{out}");
}

#[test]
fn with_no_server_the_lesson8_client_explains_the_refusal() {
    let holder = Socket::new(Domain::IPV4, Type::STREAM, None).unwrap();
    holder.bind(&SocketAddr::from(([127, 0, 0, 1], 0)).into()).unwrap();
    let port = holder.local_addr().unwrap().as_socket().unwrap().port().to_string();
    client("lesson8-client")
        .args(["--port", &port, "--message", "hi"])
        .assert()
        .code(1)
        .stderr(contains("connection refused"))
        .stderr(contains("cargo run -p lesson8-server"));
    client("lesson8-client")
        .args(["--port", &port, "--connections", "2", "--message", "hi"])
        .assert()
        .code(1)
        .stderr(contains("2 of 2 connections failed"));
}

#[test]
fn a_silent_server_makes_the_lesson8_client_give_up_after_its_timeout() {
    // A listener that never accepts: the handshake completes (the kernel's
    // queue takes it), but no greeting ever comes.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port().to_string();
    client("lesson8-client")
        .args(["--port", &port, "--timeout", "0.5", "--message", "hi"])
        .assert()
        .code(1)
        .stderr(contains("error: no data from 127.0.0.1:"))
        .stderr(contains("within 0.5 s"));
}

#[test]
fn with_lang_zh_the_explanations_are_chinese_and_the_wire_is_unchanged() {
    let server = Server::start("lesson8-server", &["--serve", "1", "--lang", "zh"]);
    client("lesson8-client")
        .args(["--port", &server.port(), "--lang", "zh", "--message", "hi", "--message", "exit"])
        .assert()
        .success()
        // What crossed the wire, byte for byte as in English.
        .stdout(contains("bytes: b'Hello World!'"))
        .stdout(is_match(r"text:  \d{1,4}：ACK!").unwrap())
        // The explanations, in Chinese.
        .stdout(contains("（任务等待了握手）"))
        .stdout(contains("已发送 exit：服务器会结束对话，所以不会有回复"))
        .stdout(contains("这个进程的线程数：1：一个运行时线程运行了所有连接的任务"))
        .stdout(contains("the greeting").not());
    server
        .finish()
        .success()
        // The article's log lines stay as they are.
        .stdout(contains("[*] Listening on 127.0.0.1:"))
        .stdout(is_match(r"\[\*\] Received from 127\.0\.0\.1:\d+ : hi").unwrap())
        .stdout(contains("客户端 #1：由一个新任务服务"))
        .stdout(contains("10 close       关闭这条连接（FIN）；这个任务结束"))
        .stdout(contains("只有一个线程，也就是运行时的线程，运行了所有任务"))
        .stdout(contains("being served now").not());
}

/// What an await does is explained once, not at every await: three clients
/// one after another make at least two accepts that waited (the second and
/// the third) and three reads that waited, and each explanation is said once.
#[test]
fn each_await_is_explained_once_however_often_it_waits() {
    let server = Server::start("lesson8-server", &["--serve", "3"]);
    for _ in 0..3 {
        // Each comes once the one before has gone: the server's accept has
        // been waiting for it (it awaits the next accept as soon as it spawns).
        let (mut conn, greeting) = connect(server.addr());
        assert!(greeting.starts_with("Hello World!"), "{greeting:?}");
        // The task read right after the greeting, found nothing and parked:
        // the runtime's thread sleeps in its poll. Only then the message.
        let parked = poll_until(DEADLINE, || sleeps_in(server.pid(), POLLS));
        assert!(parked, "the server's runtime never waited in its poll");
        conn.write_all(b"exit").unwrap();
        let _ = course_tests::read_to_close(&mut conn);
    }
    let out = stdout_of(&server.finish().success());
    let accept = "accept's WouldBlock parked this task";
    let read = "nothing had come, so the task gave the thread back to the runtime";
    assert_eq!(out.matches(accept).count(), 1, "the waiting accept is explained once:\n{out}");
    assert_eq!(out.matches(read).count(), 1, "the waiting read is explained once:\n{out}");
    assert_eq!(out.matches("after awaiting").count(), 3, "every read awaited:\n{out}");
}
