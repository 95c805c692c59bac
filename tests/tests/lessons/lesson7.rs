//! Lesson 7, an event loop: one thread holds every client, with lesson 5's
//! protocol, so lesson 5's clients (Rust and Python) talk to it unchanged; a
//! send that the kernel takes only in part waits in the server, bounded.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

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

/// The number in the server's last line, `threads in this process: N`.
fn threads_in_summary(out: &str) -> u64 {
    let line = out.lines().rev().find_map(|line| line.split("threads in this process: ").nth(1));
    let number = line.and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next());
    number.and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("no thread count in the summary:\n{out}"))
}

#[test]
fn lesson5_and_lesson7_clients_are_served_with_the_article_s_lines() {
    let server = Server::start("lesson7-server", &["--serve", "3"]);
    // A plain client that pauses before its exit: the server's read after the
    // reply finds nothing (WouldBlock), whatever the machine's speed.
    let (mut slow, greeting) = connect(server.addr());
    assert_eq!(greeting, "Hello World!");
    slow.write_all(b"hey").unwrap();
    let mut buf = [0; 64];
    let n = course_tests::read_retrying(&mut slow, &mut buf).unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).ends_with("：ACK!"));
    std::thread::sleep(Duration::from_millis(200)); // the pause is the point: a read finds nothing
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
        .stdout(contains("text:  Hello World!"))
        .stdout(is_match(r"text:  \d{1,4}：ACK!").unwrap())
        .stdout(contains("sent exit"))
        .stdout(contains("threads in this process: 1: one loop held every connection"));
    server
        .finish()
        .success()
        .stdout(contains("[*] Listening on 127.0.0.1:"))
        .stdout(is_match(r"\[\*\] Accept connection from: 127\.0\.0\.1:\d+").unwrap())
        .stdout(is_match(r"\[\*\] Received from 127\.0\.0\.1:\d+ : hi").unwrap())
        .stdout(is_match(r"\[\*\] Received from 127\.0\.0\.1:\d+ : hello").unwrap())
        .stdout(contains("6 register     the kernel watches the listener for readable"))
        .stdout(contains("7 poll         1 socket ready: the listener (readable)"))
        .stdout(contains("WouldBlock: no connection is queued now"))
        .stdout(contains("WouldBlock: this client has sent nothing more for now"))
        .stdout(contains("14 deregister  the kernel stops watching this client; 0 clients held now"))
        .stdout(contains("stopping: clients: 3, turned away: 0"))
        .stdout(contains("panicked").not());
}

#[test]
fn a_thousand_connections_of_lesson5_client_are_held_by_one_thread() {
    let server = Server::start("lesson7-server", &["--serve", "1000"]);
    let threads_at_start = proc_status(server.pid(), "Threads");
    client("lesson5-client")
        .args(["--port", &server.port(), "--connections", "1000", "--message", "hi", "--message", "exit"])
        .timeout(Duration::from_secs(60))
        .assert()
        .success()
        .stdout(contains("connection #1000: greeted after"))
        // However long the last waited, it was not one client at a time.
        .stdout(contains("one client at a time").not())
        .stdout(contains("side by side"));
    let run = server.finish().success().stdout(contains("stopping: clients: 1000, turned away: 0"));
    let out = stdout_of(&run);
    assert_eq!(out.matches("[*] Received from").count(), 1000, "every connection's hi was answered");
    // Where the kernel says (Linux): as many threads at the end as at the start,
    // before any client: none was started to serve them.
    if let Some(threads) = threads_at_start {
        assert_eq!(threads_in_summary(&out), threads, "the server's threads at the start: {threads}");
    }
    assert!(out.contains("One thread, this loop, served every client"));
}

#[test]
fn lesson7_client_holds_its_connections_in_one_thread_against_lesson5_and_lesson7() {
    for name in ["lesson5-server", "lesson7-server"] {
        let server = Server::start(name, &["--serve", "50"]);
        let run = client("lesson7-client")
            .args(["--port", &server.port(), "--connections", "50", "--message", "a", "--message", "exit"])
            .assert()
            .success()
            .stdout(contains("[client #50]                the handshake is done: connected to"))
            .stdout(contains("50 of 50 connections greeted and done in"));
        assert_eq!(threads_in_summary(&stdout_of(&run)), 1, "the lesson 7 client runs in one thread");
        server.finish().success().stdout(contains("stopping: clients: 50"));
    }
}

/// A client that sends 2,048 messages of 16 bytes in one go and does not
/// read, its receive buffer made small: a server that reads 16 bytes at a
/// time (`--buffer 16`) answers each read with a reply of about 10 bytes,
/// some 20 KB in all, far more than the client's receive buffer and the
/// server's send buffer (`--send-buffer 1`: about 4 KB) hold.
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
fn a_partial_send_waits_for_writable_and_the_rest_arrives_in_order() {
    let mut server =
        Server::start("lesson7-server", &["--serve", "1", "--send-buffer", "1", "--buffer", "16"]);
    let mut stream = flood(server.addr());
    server.wait_for("partial send: the kernel took");
    // A little read: the waiting bytes go out, the loop reads more of the
    // flood, and its replies fill the buffers again: a second watch for
    // writable, said in short (why was said the first time).
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    let mut got = vec![0; 2048];
    stream.read_exact(&mut got).expect("2 KB of replies");
    server.wait_for("13 reregister  bytes wait: watch for writable, read nothing more until they are sent");
    // Now read: the server's waiting bytes go out when the socket is writable
    // again; it reads the rest of the flood and answers it; our FIN ends it.
    stream.shutdown(std::net::Shutdown::Write).unwrap();
    stream.read_to_end(&mut got).expect("everything the server sends, then its FIN");
    let text = String::from_utf8(got).expect("whole UTF-8: no reply was cut or lost in the middle");
    let replies = regex::Regex::new(r"^Hello World!(\d{1,4}：ACK!)+$").unwrap();
    assert!(replies.is_match(&text), "the greeting, then whole replies in order: {text:.200}...");
    server
        .finish()
        .success()
        .stdout(contains("SO_SNDBUF: the kernel holds at most"))
        .stdout(contains("the kernel's send buffer for this client is full"))
        .stdout(contains("13 reregister  bytes wait: watch this client for writable, and read nothing more"))
        .stdout(is_match(r"poll +1 socket ready: #1 writable").unwrap())
        .stdout(contains("0 bytes: the client closed its side"))
        .stdout(contains("stopping: clients: 1"));
}

#[test]
fn a_client_that_never_reads_is_let_go_after_the_write_timeout_and_others_are_served() {
    // --idle-timeout too, shorter: a client whose reply waits is not idle (we
    // read nothing from it meanwhile): --write-timeout alone governs it.
    let args = ["--send-buffer", "1", "--write-timeout", "1", "--buffer", "16", "--idle-timeout", "0.3"];
    let mut server = Server::start("lesson7-server", &args);
    let mut stream = flood(server.addr());
    server.wait_for("partial send: the kernel took");
    // Meanwhile another client is served at once: the loop never waits on one socket.
    client("lesson5-client")
        .args(["--port", &server.port(), "--message", "hi", "--message", "exit"])
        .assert()
        .success()
        .stdout(is_match(r"text:  \d{1,4}：ACK!").unwrap());
    server.wait_for("send failed");
    server.wait_for_line(r"#1\] 15 close");
    let pid = server.pid();
    // What it held for the flood: one reply at most, never the flood's worth.
    if let Some(rss) = proc_status(pid, "VmRSS") {
        assert!(rss < 64 * 1024, "the server's resident memory is {rss} kB");
    }
    let mut rest = Vec::new();
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    let _ = stream.read_to_end(&mut rest); // the replies the kernel held, then the close
    server.stop().stdout(contains("panicked").not()).stdout(contains("nothing received for").not());
}

#[test]
fn a_client_over_the_cap_is_told_busy_and_a_silent_one_is_let_go() {
    let mut server = Server::start("lesson7-server", &["--max-clients", "1", "--idle-timeout", "1"]);
    let (mut first, greeting) = connect(server.addr());
    assert_eq!(greeting, "Hello World!");
    let (mut second, line) = connect(server.addr());
    assert!(line.starts_with("busy: 1 clients are being served"), "the second client is told: {line:?}");
    assert_eq!(second.read(&mut [0; 16]).unwrap(), 0, "and the connection is closed at once");
    // The first says nothing: after --idle-timeout it is told so and closed.
    let mut notice = String::new();
    first.read_to_string(&mut notice).unwrap();
    assert!(notice.starts_with("idle: nothing received for 1 s"), "the silent client is told: {notice:?}");
    server.wait_for("0 clients held now");
    server.stop().stdout(contains("turned away: 1 clients already held (--max-clients)"));
}

#[test]
fn the_bare_twins_talk_to_the_narrated_programs() {
    let server = bare_server("lesson7-server-bare");
    client("lesson5-client")
        .args(["--port", &server.port(), "--connections", "3", "--message", "hi", "--message", "exit"])
        .assert()
        .success()
        .stdout(contains("every connection was greeted at once"));
    let run =
        bare_client("lesson7-client-bare", &server.port()).arg("3").write_stdin("hello\nexit\n").assert();
    // Three greetings and three replies, in whatever order the three connections' bytes came.
    let out = stdout_of(&run.success());
    let ack = regex::Regex::new(r"^\d{1,4}：ACK!$").unwrap();
    assert_eq!(out.lines().filter(|line| *line == "Hello World!").count(), 3, "three greetings:\n{out}");
    assert_eq!(out.lines().filter(|line| ack.is_match(line)).count(), 3, "three replies:\n{out}");
    assert_eq!(out.lines().count(), 6, "nothing else:\n{out}");
    server
        .stop()
        .stdout(is_match(r"(?m)^\[\*\] Received from 127\.0\.0\.1:\d+ : hello$").unwrap())
        .stdout(contains("[*] Accept connection from: 127.0.0.1:"));

    let server = Server::start("lesson7-server", &["--serve", "1"]);
    bare_client("lesson7-client-bare", &server.port())
        .write_stdin("hi\n")
        .assert()
        .success()
        .stdout(is_match(r"^Hello World!\n\d{1,4}：ACK!\n$").unwrap());
    // The bare client's input ended without exit: it closed, and the server read 0 bytes.
    server.finish().success().stdout(contains("0 bytes"));
}

#[cfg_attr(no_python3, ignore = "python3 is not on the PATH: the Python counterparts cannot run")]
#[test]
fn the_python_selectors_server_serves_both_clients_and_the_python_client_lesson7() {
    let Some(python) = python3() else { return };
    let server = python_server(python, "07-event-loop/python/server.py");
    client("lesson7-client")
        .args(["--port", &server.port(), "--connections", "5", "--message", "hi", "--message", "exit"])
        .assert()
        .success()
        .stdout(contains("5 of 5 connections greeted and done"));
    client("lesson5-client")
        .args(["--port", &server.port(), "--connections", "5", "--message", "hi", "--message", "exit"])
        .assert()
        .success();
    server.stop().stdout(is_match(r"\[\*\] Received from 127\.0\.0\.1:\d+ : hi").unwrap());

    let server = Server::start("lesson7-server", &["--serve", "1"]);
    python_client(python, "05-threaded-tcp/python/client.py", &server.port())
        .write_stdin("hello\nexit\n")
        .assert()
        .success()
        .stdout(is_match(r"^Hello World!\n.*\d{1,4}：ACK!\n[^\n]*$").unwrap());
    server.finish().success().stdout(is_match(r"\[\*\] Received from 127\.0\.0\.1:\d+ : hello").unwrap());

    // The selectors client: three connections in one thread, each greeted,
    // each answered once, each saying exit; against lesson 7 and lesson 5.
    for lesson in ["lesson7-server", "lesson5-server"] {
        let server = Server::start(lesson, &["--serve", "3"]);
        let run = python_client(python, "07-event-loop/python/client.py", &server.port())
            .arg("3")
            .write_stdin("hi\nexit\n")
            .assert()
            .success();
        let out = stdout_of(&run);
        let greetings = out.lines().filter(|line| *line == "Hello World!").count();
        let replies = out.lines().filter(|line| is_match(r"^\d{1,4}：ACK!$").unwrap().eval(line)).count();
        assert_eq!(
            (greetings, replies),
            (3, 3),
            "{lesson}: three greetings and three replies expected:\n{out}"
        );
        let log = stdout_of(&server.finish().success());
        let exits = log.matches("exit: the client is leaving").count();
        assert_eq!(exits, 3, "{lesson} should have read exit from each of the three connections:\n{log}");
    }
}

#[test]
fn with_no_server_the_lesson7_client_explains_the_refusal() {
    let holder = Socket::new(Domain::IPV4, Type::STREAM, None).unwrap();
    holder.bind(&SocketAddr::from(([127, 0, 0, 1], 0)).into()).unwrap();
    let port = holder.local_addr().unwrap().as_socket().unwrap().port().to_string();
    client("lesson7-client")
        .args(["--port", &port, "--message", "hi"])
        .assert()
        .code(1)
        .stderr(contains("connection refused"))
        .stderr(contains("cargo run -p lesson7-server"));
    client("lesson7-client")
        .args(["--port", &port, "--connections", "2", "--message", "hi"])
        .assert()
        .code(1)
        .stderr(contains("2 of 2 connections failed"));
}

#[test]
fn with_lang_zh_the_explanations_are_chinese_and_the_wire_is_unchanged() {
    let server = Server::start("lesson7-server", &["--serve", "1", "--lang", "zh"]);
    client("lesson7-client")
        .args(["--port", &server.port(), "--lang", "zh", "--message", "hi", "--message", "exit"])
        .assert()
        .success()
        // What crossed the wire, byte for byte as in English.
        .stdout(contains("bytes: b'Hello World!'"))
        .stdout(is_match(r"text:  \d{1,4}：ACK!").unwrap())
        // The explanations, in Chinese.
        .stdout(contains("的握手已经开始（EINPROGRESS）：完成时 poll 会告诉我们"))
        .stdout(contains("已发送 exit：服务器会结束对话，所以不会有回复"))
        .stdout(contains("这个进程的线程数：1：一个循环持有所有连接"))
        .stdout(contains("the greeting").not());
    server
        .finish()
        .success()
        // The article's log lines stay as they are.
        .stdout(contains("[*] Listening on 127.0.0.1:"))
        .stdout(is_match(r"\[\*\] Received from 127\.0\.0\.1:\d+ : hi").unwrap())
        .stdout(contains("7 poll         1 个套接字就绪：监听套接字（可读）"))
        .stdout(contains("14 deregister  内核不再看着这个客户端；现在持有 0 个客户端"))
        .stdout(contains("只有一个线程，也就是这个循环，服务了所有客户端"))
        .stdout(contains("held now").not());
}

/// What a WouldBlock means is explained once, not at every one: three
/// clients one after another make the loop's accept find the queue empty
/// after each of them, and its recv find nothing left after each message;
/// each explanation is said once.
#[test]
fn each_would_block_is_explained_once_however_often_it_comes() {
    let server = Server::start("lesson7-server", &["--serve", "3"]);
    for _ in 0..3 {
        let (mut conn, greeting) = connect(server.addr());
        assert!(greeting.starts_with("Hello World!"), "{greeting:?}");
        // Each message once the loop sleeps in poll again: it has read all
        // there was, to WouldBlock.
        let until_the_loop_polls =
            || assert!(poll_until(DEADLINE, || sleeps_in(server.pid(), POLLS)), "the loop never polled");
        until_the_loop_polls();
        conn.write_all(b"hi").unwrap();
        let mut buf = [0; 64];
        let n = course_tests::read_retrying(&mut conn, &mut buf).expect("the reply");
        assert!(String::from_utf8_lossy(&buf[..n]).ends_with("ACK!"), "the reply to hi");
        until_the_loop_polls();
        conn.write_all(b"exit").unwrap();
        let _ = course_tests::read_to_close(&mut conn);
    }
    let out = stdout_of(&server.finish().success());
    for (what, said) in [
        ("accept's", "no connection is queued now. A blocking accept would wait here"),
        ("recv's", "this client has sent nothing more for now"),
    ] {
        assert_eq!(out.matches(said).count(), 1, "{what} WouldBlock is explained once:\n{out}");
        let (first, _) = out.split_once("[server #2]").expect("a second client");
        assert!(
            first.contains(said),
            "{what} WouldBlock is explained the first time, with the first client:\n{out}"
        );
    }
}

/// A client whose bytes outlast its fair share of reads in one turn
/// (READS_PER_TURN) is remembered and served again, even in a round where
/// the poll names other clients: mio says "readable" once for bytes already
/// there, so a client forgotten then would wait for ever. One client sends
/// 100 KiB and its FIN at once (a hundred reads or so); another talks without
/// a pause all the while. The first must get every reply and the server's FIN.
#[test]
fn lesson7_a_burst_longer_than_a_turn_is_finished_while_another_client_talks() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let server = Server::start("lesson7-server", &[]);
    let stop = std::sync::Arc::new(AtomicBool::new(false));
    let (talking, talks) = std::sync::mpsc::channel();
    let talker = {
        let (stop, addr) = (stop.clone(), server.addr());
        std::thread::spawn(move || {
            let (mut conn, _greeting) = connect(addr);
            let mut buf = [0; 64];
            while !stop.load(Ordering::Relaxed) && conn.write_all(b"hi").is_ok() {
                if !matches!(course_tests::read_retrying(&mut conn, &mut buf), Ok(1..)) {
                    break;
                }
                let _ = talking.send(());
            }
        })
    };
    talks.recv_timeout(DEADLINE).expect("the talking client is answered");
    let (mut burst, _greeting) = connect(server.addr());
    burst.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    burst.write_all(&[b'x'; 100 * 1024]).unwrap();
    burst.shutdown(std::net::Shutdown::Write).unwrap();
    let (mut replies, mut buf) = (Vec::new(), [0; 4096]);
    let ended = loop {
        match burst.read(&mut buf) {
            Ok(0) => break true,
            Ok(n) => replies.extend_from_slice(&buf[..n]),
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => break false,
        }
    };
    stop.store(true, Ordering::Relaxed);
    talker.join().unwrap();
    let answered = String::from_utf8_lossy(&replies).matches("ACK!").count();
    assert!(
        ended,
        "the burst's client waited 5 s for the rest after {answered} replies: the server forgot it"
    );
    assert!(answered >= 100, "100 KiB read 1 KiB at a time makes 100 replies or more; {answered} came");
    // Six turns or so cut short, and why, said once, the first time.
    let out = stdout_of(&server.stop());
    let why = "reads in one turn and still no WouldBlock";
    assert_eq!(out.matches(why).count(), 1, "a turn cut short is explained once:\n{out}");
}

/// The poll line says what each socket is ready for: a client's FIN makes
/// it readable (a read of 0 bytes) and closed for reading, and the line says
/// both.
#[test]
fn a_client_s_fin_shows_in_the_poll_line_as_readable_and_closed() {
    let mut server = Server::start("lesson7-server", &["--serve", "1"]);
    let (conn, _greeting) = connect(server.addr());
    assert!(poll_until(DEADLINE, || sleeps_in(server.pid(), POLLS)), "the loop never polled");
    conn.shutdown(std::net::Shutdown::Write).unwrap();
    let line = server.wait_for("ready: #1");
    assert!(
        line.ends_with("1 socket ready: #1 readable, closed by the peer"),
        "the poll line after the FIN: {line:?}"
    );
    drop(conn);
    server.finish().success();
}
