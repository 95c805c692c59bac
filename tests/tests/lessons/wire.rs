//! What crosses the wire, byte for byte, for every lesson and both ways.
//!
//! The lesson tests check what the programs print; these check what they send.
//! The test plays the other side with plain std sockets: as the client of the
//! real lesson server (`..._server_sends_...`) and as the server of the real
//! lesson client (`..._client_sends_...`), and compares every byte that arrives
//! with the protocol in COURSE.md ("The six lessons and their wire protocols").
//!
//! TCP keeps no message boundaries, so nothing here trusts one read to be one
//! message: a read collects until the expected number of bytes (or the end the
//! protocol promises) has arrived, and the protocols are lockstep, so an extra
//! byte shows up in the next comparison. Every socket of the test has a read
//! timeout, and a failure shows the bytes expected and the bytes that came, as
//! Python writes them (`b'...'`).

use std::fmt;
use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::panic;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use course_tests::{Server, client};

use predicates::str::contains;
use shared::bytes::python_literal as py;
// A signal to the test process (a child's SIGCHLD, say) can cut a wait with a
// read timeout short with EINTR: wait again, as the lesson programs do.
use kit::net::retry;

/// How long the test waits for any one thing from the other side.
const WIRE: Duration = Duration::from_secs(5);
/// How long the test listens for bytes that must not come: a datagram after
/// the client has exited (on loopback it is queued at the receiver before the
/// sender's sendto returns, so this is a margin, not a guess), or a lesson 6
/// reply before our FIN (a server that answered each read would have answered
/// our one write at once).
const QUIET: Duration = Duration::from_millis(200);

/// Bytes for a failure message: the literal, the count, and the text they decode to.
fn show(data: &[u8]) -> String {
    format!("{} ({} bytes, text {:?})", py(data), data.len(), String::from_utf8_lossy(data))
}

/// How a read of the test's stopped.
#[derive(Debug, Clone, PartialEq)]
enum Then {
    /// The bytes asked for had arrived; the connection is still open.
    Enough,
    /// A read returned 0 bytes: the other side's FIN.
    Eof,
    /// Nothing more came within the read timeout (this long).
    Silence(Duration),
    /// A read failed (a reset, say).
    Failed(ErrorKind),
    /// Bytes kept coming past the overall deadline or the most a test keeps:
    /// a peer that never stops sending cannot hold the test.
    Endless,
}

impl fmt::Display for Then {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Then::Enough => write!(f, "the connection still open"),
            Then::Eof => write!(f, "a read of 0 bytes (the peer's FIN)"),
            Then::Silence(limit) => write!(f, "nothing more within {limit:?}"),
            Then::Failed(kind) => write!(f, "a failed read ({kind:?})"),
            Then::Endless => write!(f, "bytes without end (past {WIRE:?} or {MOST_READ} bytes)"),
        }
    }
}

/// The most a read in these tests keeps: far more than any lesson sends.
const MOST_READ: usize = 1 << 20;

/// Reads from `stream` until `enough` says the bytes so far are enough, a read
/// returns 0, nothing comes within the read timeout, a read fails, or the
/// bytes keep coming past `WIRE` in all (or `MOST_READ` bytes).
fn read_until(stream: &mut TcpStream, enough: impl Fn(&[u8]) -> bool) -> (Vec<u8>, Then) {
    let mut got = Vec::new();
    let mut buf = [0; 4096];
    let deadline = Instant::now() + WIRE;
    loop {
        if enough(&got) {
            return (got, Then::Enough);
        }
        if Instant::now() > deadline || got.len() > MOST_READ {
            return (got, Then::Endless);
        }
        match stream.read(&mut buf) {
            Ok(0) => return (got, Then::Eof),
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(err) if err.kind() == ErrorKind::Interrupted => {}
            Err(err) if matches!(err.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return (got, Then::Silence(stream.read_timeout().ok().flatten().unwrap_or_default()));
            }
            Err(err) => return (got, Then::Failed(err.kind())),
        }
    }
}

/// Reads until `expected.len()` bytes have arrived (or a byte differs) and
/// checks they are `expected`. The read may take more if more is waiting: an
/// extra byte fails here or in the next comparison, never goes unseen.
fn expect_message(stream: &mut TcpStream, what: &str, expected: &[u8]) {
    let (got, then) = read_until(stream, |got| got.len() >= expected.len() || !expected.starts_with(got));
    assert!(
        got == expected && then == Then::Enough,
        "{what}:\n  expected {}\n  arrived  {}\n  then     {then}",
        show(expected),
        show(&got)
    );
}

/// Reads to the peer's FIN and checks that exactly `expected` came before it.
fn expect_then_eof(stream: &mut TcpStream, what: &str, expected: &[u8]) {
    let (got, then) = read_until(stream, |_| false);
    assert!(
        got == expected && then == Then::Eof,
        "{what}:\n  expected {} then a read of 0 bytes (the peer's FIN)\n  arrived  {}\n  then     {then}",
        show(expected),
        show(&got)
    );
}

/// Checks that `got` is `expected`, saying what each was.
fn expect_bytes(what: &str, expected: &[u8], got: &[u8]) {
    assert!(got == expected, "{what}:\n  expected {}\n  arrived  {}", show(expected), show(got));
}

/// Connects to a lesson server from a plain socket, with deadlines both ways.
fn connect(server: SocketAddr) -> TcpStream {
    let stream = TcpStream::connect(server).expect("the server takes the connection");
    stream.set_read_timeout(Some(WIRE)).unwrap();
    stream.set_write_timeout(Some(WIRE)).unwrap();
    stream
}

/// A UDP socket of the test's, on 127.0.0.1 with a port the system picks.
fn udp_socket() -> UdpSocket {
    let socket = UdpSocket::bind("127.0.0.1:0").expect("bind a test socket");
    socket.set_read_timeout(Some(WIRE)).unwrap();
    socket
}

/// Receives one datagram within [`WIRE`], or says that none came.
fn recv_datagram(socket: &UdpSocket, what: &str) -> (Vec<u8>, SocketAddr) {
    let mut buf = [0; 65536];
    match retry(|| socket.recv_from(&mut buf)) {
        Ok((n, from)) => (buf[..n].to_vec(), from),
        Err(err) => panic!("{what}: no datagram arrived within {WIRE:?} ({err})"),
    }
}

/// Checks that no datagram is waiting on `socket` (or comes within [`QUIET`]).
fn expect_no_more_datagrams(socket: &UdpSocket, what: &str) {
    socket.set_read_timeout(Some(QUIET)).unwrap();
    let mut buf = [0; 65536];
    match retry(|| socket.recv_from(&mut buf)) {
        Ok((n, from)) => {
            panic!("{what}: expected no more datagrams, but {} arrived from {from}", show(&buf[..n]))
        }
        Err(err) => assert!(
            matches!(err.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut),
            "{what}: the check for a further datagram failed: {err}"
        ),
    }
}

/// A TCP listener of the test's standing in for a lesson server: `script` runs
/// on a thread of its own with the first connection accepted (within [`WIRE`]),
/// while the test runs the real client. Returns the port for the client's
/// `--port` and the thread, to [`join`] after the client has exited.
fn tcp_stand_in<T: Send + 'static>(
    script: impl FnOnce(TcpStream) -> T + Send + 'static,
) -> (String, JoinHandle<T>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a test listener");
    let port = listener.local_addr().unwrap().port().to_string();
    listener.set_nonblocking(true).unwrap(); // accept with a deadline: poll it
    let thread = thread::Builder::new()
        .name("stand-in server".into())
        .spawn(move || {
            let deadline = Instant::now() + WIRE;
            let stream = loop {
                match listener.accept() {
                    Ok((stream, _)) => break stream,
                    Err(err) if err.kind() == ErrorKind::WouldBlock && Instant::now() < deadline => {
                        thread::sleep(Duration::from_millis(5)); // a poll with a deadline
                    }
                    Err(err) => panic!("the client did not connect within {WIRE:?}: {err}"),
                }
            };
            stream.set_nonblocking(false).unwrap(); // some systems pass it on from the listener
            stream.set_read_timeout(Some(WIRE)).unwrap();
            stream.set_write_timeout(Some(WIRE)).unwrap();
            script(stream)
        })
        .expect("start the stand-in server's thread");
    (port, thread)
}

/// The stand-in's result; its failure (a wrong byte, found on its thread) fails
/// the test with that thread's message, printed above. Every wait on that
/// thread has a deadline, so this join ends.
fn join<T>(thread: JoinHandle<T>) -> T {
    thread.join().unwrap_or_else(|failure| panic::resume_unwind(failure))
}

// --- Lesson 1: one datagram each way --------------------------------------------

#[test]
fn lesson1_server_sends_exactly_ich_hab_keine_hunge() {
    let server = Server::start("lesson1-server", &[]);
    let socket = udp_socket();
    socket.send_to(b"I love jingjing", server.addr()).unwrap();
    let (reply, from) = recv_datagram(&socket, "the lesson 1 server's reply");
    assert_eq!(from, server.addr(), "the reply comes from the address the server bound");
    expect_bytes("the lesson 1 server's reply, one datagram", b"Ich hab keine Hunge", &reply);
    server.finish().success();
    expect_no_more_datagrams(&socket, "after its one reply, the lesson 1 server");
}

#[test]
fn lesson1_client_sends_exactly_i_love_jingjing() {
    let mut program = client("lesson1-client"); // built now: the stand-in's deadlines must not count the build
    let socket = udp_socket();
    let port = socket.local_addr().unwrap().port().to_string();
    let stand_in = thread::spawn(move || {
        let (datagram, from) = recv_datagram(&socket, "the lesson 1 client's message");
        socket.send_to(b"Ich hab keine Hunge", from).unwrap();
        (socket, datagram)
    });
    let run = program.args(["--port", &port]).assert();
    let (socket, datagram) = join(stand_in);
    expect_bytes("the lesson 1 client's one datagram", b"I love jingjing", &datagram);
    expect_no_more_datagrams(&socket, "after its one datagram, the lesson 1 client");
    run.success().stdout(contains("b'Ich hab keine Hunge'"));
}

// --- Lesson 2: a datagram per message, `success` for each -------------------------

#[test]
fn lesson2_server_sends_exactly_success_to_each_datagram() {
    let server = Server::start("lesson2-server", &["--serve", "4"]);
    let socket = udp_socket();
    let other = udp_socket();
    let sent: [(&UdpSocket, &[u8]); 4] = [
        (&socket, b"123"),
        (&other, b"hello"),
        (&socket, "你好".as_bytes()),
        (&socket, b"\xff\xfe not UTF-8"),
    ];
    for (from, data) in sent {
        from.send_to(data, server.addr()).unwrap();
        let (reply, replier) = recv_datagram(from, &format!("the reply to {}", py(data)));
        assert_eq!(replier, server.addr(), "the reply comes from the address the server bound");
        expect_bytes(&format!("the lesson 2 server's reply to {}", py(data)), b"success", &reply);
    }
    server.finish().success();
    expect_no_more_datagrams(&socket, "after one reply per datagram, the lesson 2 server");
    expect_no_more_datagrams(&other, "after one reply per datagram, the lesson 2 server");
}

/// Receives `count` datagrams on `socket`, answering each with `success`, and
/// returns them (fewer if the client stopped sending).
fn answer_datagrams(socket: UdpSocket, count: usize) -> JoinHandle<(UdpSocket, Vec<Vec<u8>>)> {
    thread::spawn(move || {
        let mut datagrams = Vec::new();
        let mut buf = [0; 65536];
        while datagrams.len() < count {
            let Ok((n, from)) = retry(|| socket.recv_from(&mut buf)) else { break };
            datagrams.push(buf[..n].to_vec());
            socket.send_to(b"success", from).unwrap();
        }
        (socket, datagrams)
    })
}

/// Checks the datagrams that arrived, one by one, then that no other comes.
fn expect_datagrams(socket: &UdpSocket, what: &str, expected: &[&[u8]], got: &[Vec<u8>]) {
    for (i, want) in expected.iter().enumerate() {
        match got.get(i) {
            Some(datagram) => expect_bytes(&format!("{what}: datagram #{}", i + 1), want, datagram),
            None => panic!("{what}: datagram #{} ({}) never arrived", i + 1, show(want)),
        }
    }
    expect_no_more_datagrams(socket, what);
}

#[test]
fn lesson2_client_sends_each_message_as_one_datagram_and_never_exit() {
    let mut program = client("lesson2-client"); // built now: the stand-in's deadlines must not count the build
    let socket = udp_socket();
    let port = socket.local_addr().unwrap().port().to_string();
    let stand_in = answer_datagrams(socket, 2);
    let run = program
        .args(["--port", &port, "--message", "123", "--message", "你好 world"])
        .args(["--message", "exit", "--message", "after exit"])
        .assert();
    let (socket, datagrams) = join(stand_in);
    expect_datagrams(
        &socket,
        "the lesson 2 client, --message 123, 你好 world, exit, after exit",
        &[b"123", "你好 world".as_bytes()],
        &datagrams,
    );
    run.success();
}

#[test]
fn lesson2_client_sends_lines_without_their_newline() {
    let mut program = client("lesson2-client"); // built now: the stand-in's deadlines must not count the build
    let socket = udp_socket();
    let port = socket.local_addr().unwrap().port().to_string();
    let stand_in = answer_datagrams(socket, 3);
    let run = program.args(["--port", &port]).write_stdin("first line\nsecond\r\n3\n").assert();
    let (socket, datagrams) = join(stand_in);
    expect_datagrams(
        &socket,
        "the lesson 2 client, lines on stdin",
        &[b"first line", b"second", b"3"],
        &datagrams,
    );
    run.success();
}

// --- Lesson 3: one message, one reply, the server closes -------------------------

/// The reply of a lesson 3 server: the article's format, the peer as Python prints it.
fn lesson3_reply(text: &[u8], peer: SocketAddr) -> Vec<u8> {
    let mut reply = b"Received msg: ".to_vec();
    reply.extend_from_slice(text);
    reply.extend_from_slice(format!(" from ('{}', {})", peer.ip(), peer.port()).as_bytes());
    reply
}

#[test]
fn lesson3_server_sends_exactly_received_msg_from_our_address_then_closes() {
    let server = Server::start("lesson3-server", &[]);
    let mut stream = connect(server.addr());
    stream.write_all(b"I love wangxiaojing").unwrap(); // one write: the server reads once
    let expected = lesson3_reply(b"I love wangxiaojing", stream.local_addr().unwrap());
    expect_then_eof(&mut stream, "the lesson 3 server's reply, then its close", &expected);
    server.finish().success();
}

/// "你好" in GBK: two bytes a character (in UTF-8 it is E4 BD A0 E5 A5 BD).
const NIHAO_GBK: &[u8] = b"\xc4\xe3\xba\xc3";

#[test]
fn lesson3_server_with_gbk_sends_the_reply_in_gbk() {
    let server = Server::start("lesson3-server", &["--encoding", "gbk"]);
    let mut stream = connect(server.addr());
    stream.write_all(NIHAO_GBK).unwrap();
    let expected = lesson3_reply(NIHAO_GBK, stream.local_addr().unwrap());
    expect_then_eof(&mut stream, "the lesson 3 server's GBK reply, then its close", &expected);
    server.finish().success();
}

/// A stand-in lesson 3 server: reads `expected.len()` bytes, answers as the
/// lesson does, and checks the client then closes with nothing more sent.
fn lesson3_stand_in(expected: &'static [u8]) -> (String, JoinHandle<()>) {
    tcp_stand_in(move |mut stream| {
        expect_message(&mut stream, "the lesson 3 client's message", expected);
        let peer = stream.peer_addr().unwrap();
        stream.write_all(&lesson3_reply(expected, peer)).unwrap();
        expect_then_eof(&mut stream, "after the reply, the lesson 3 client sends nothing and closes", b"");
    })
}

#[test]
fn lesson3_client_sends_exactly_i_love_wangxiaojing() {
    let mut program = client("lesson3-client"); // built now: the stand-in's deadlines must not count the build
    let (port, stand_in) = lesson3_stand_in(b"I love wangxiaojing");
    let run = program.args(["--port", &port]).assert();
    join(stand_in);
    run.success().stdout(contains("Received msg: I love wangxiaojing from ('127.0.0.1', "));
}

#[test]
fn lesson3_client_with_gbk_sends_gbk_bytes() {
    let mut program = client("lesson3-client"); // built now: the stand-in's deadlines must not count the build
    let (port, stand_in) = lesson3_stand_in(NIHAO_GBK);
    let run = program.args(["--port", &port, "--encoding", "gbk", "--message", "你好"]).assert();
    join(stand_in);
    run.success();
}

// --- Lesson 4: a greeting, numbered replies, exit or a close ----------------------

const GREETING4: &str = "连接成功！";

/// Sends `message` in one write and checks the reply is `第{n}条信息：{message}`.
fn lesson4_ask(stream: &mut TcpStream, n: u32, message: &str) {
    stream.write_all(message.as_bytes()).unwrap();
    let expected = format!("第{n}条信息：{message}");
    expect_message(stream, &format!("the lesson 4 server's reply to {message:?}"), expected.as_bytes());
}

#[test]
fn lesson4_server_sends_the_greeting_numbered_replies_and_closes_after_exit_or_our_close() {
    let server = Server::start("lesson4-server", &["--serve", "3"]);

    // The greeting comes first, before we send anything.
    let mut first = connect(server.addr());
    expect_message(&mut first, "the lesson 4 greeting, before we send anything", GREETING4.as_bytes());
    lesson4_ask(&mut first, 1, "hi");
    lesson4_ask(&mut first, 2, "second message");
    lesson4_ask(&mut first, 3, "你好");
    first.write_all(b"exit").unwrap();
    expect_then_eof(&mut first, "after exit, the lesson 4 server sends nothing and closes", b"");

    // A client that just closes (no exit): the server's read of 0 bytes ends it.
    let mut second = connect(server.addr());
    expect_message(&mut second, "the second connection's greeting", GREETING4.as_bytes());
    lesson4_ask(&mut second, 1, "again"); // the numbering starts again
    second.shutdown(Shutdown::Write).unwrap(); // our FIN, no exit
    expect_then_eof(&mut second, "after our FIN, the lesson 4 server sends nothing and closes", b"");

    let mut third = connect(server.addr());
    expect_message(
        &mut third,
        "the third connection's greeting, after a client that closed",
        GREETING4.as_bytes(),
    );
    lesson4_ask(&mut third, 1, "third");
    third.write_all(b"exit").unwrap();
    expect_then_eof(&mut third, "after exit, the lesson 4 server sends nothing and closes", b"");
    server.finish().success();
}

/// A stand-in lesson 4 or 5 server: sends `greeting`, then reads each of
/// `expected` in turn and answers it with `reply(n, message)` (none after
/// `exit`), and checks that the client then closes, sending nothing more.
fn lockstep_stand_in(
    lesson: &'static str,
    greeting: &'static str,
    expected: &'static [&'static str],
    reply: fn(usize, &str) -> String,
) -> (String, JoinHandle<()>) {
    tcp_stand_in(move |mut stream| {
        stream.write_all(greeting.as_bytes()).unwrap();
        for (i, message) in expected.iter().enumerate() {
            expect_message(
                &mut stream,
                &format!("the {lesson} client's message #{}", i + 1),
                message.as_bytes(),
            );
            if *message != "exit" {
                stream.write_all(reply(i + 1, message).as_bytes()).unwrap();
            }
        }
        if expected.last() == Some(&"exit") {
            // A server ends the conversation after exit: our FIN (the lesson 4
            // client reads until it comes, to see every reply on its way).
            stream.shutdown(Shutdown::Write).unwrap();
        }
        let what = format!("after its last message, the {lesson} client sends nothing more and closes");
        expect_then_eof(&mut stream, &what, b"");
    })
}

fn lesson4_reply(n: usize, message: &str) -> String {
    format!("第{n}条信息：{message}")
}

#[test]
fn lesson4_client_sends_lines_without_newline_and_closes_without_exit() {
    let mut program = client("lesson4-client"); // built now: the stand-in's deadlines must not count the build
    let (port, stand_in) =
        lockstep_stand_in("lesson 4", GREETING4, &["hello", "你好 world", "3"], lesson4_reply);
    let run = program.args(["--port", &port]).write_stdin("hello\n你好 world\n3\n").assert();
    join(stand_in);
    run.success().stdout(contains("第3条信息：3"));
}

#[test]
fn lesson4_client_sends_exit_and_nothing_after_it() {
    let mut program = client("lesson4-client"); // built now: the stand-in's deadlines must not count the build
    let (port, stand_in) = lockstep_stand_in("lesson 4", GREETING4, &["a", "exit"], lesson4_reply);
    let run = program
        .args(["--port", &port, "--message", "a", "--message", "exit", "--message", "unsent"])
        .assert();
    join(stand_in);
    run.success();
}

// --- Lesson 5: Hello World!, then {1..=1000}：ACK! --------------------------------

/// Reads one lesson 5 reply (until `ACK!` has arrived) and checks it is exactly
/// a number in 1..=1000, the full-width colon U+FF1A, and `ACK!`.
fn expect_ack(stream: &mut TcpStream, what: &str) {
    let (got, then) = read_until(stream, |got| got.windows(4).any(|w| w == b"ACK!"));
    let text = String::from_utf8_lossy(&got);
    let number = text.strip_suffix("：ACK!").and_then(|number| {
        let digits =
            !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) && !number.starts_with('0');
        digits.then(|| number.parse::<u32>().ok()).flatten()
    });
    assert!(
        number.is_some_and(|n| (1..=1000).contains(&n)) && then == Then::Enough,
        "{what}:\n  expected {{1..=1000}}：ACK! (full-width colon, b'\\xef\\xbc\\x9a'), nothing else\n  arrived  {}\n  then     {then}",
        show(&got)
    );
}

#[test]
fn lesson5_server_sends_hello_world_then_only_acks() {
    let server = Server::start("lesson5-server", &["--serve", "2"]);
    let mut first = connect(server.addr());
    expect_message(&mut first, "the lesson 5 greeting, before we send anything", b"Hello World!");
    for message in ["hi", "你好", "a longer message, with spaces"] {
        first.write_all(message.as_bytes()).unwrap();
        expect_ack(&mut first, &format!("the lesson 5 server's reply to {message:?}"));
    }
    first.write_all(b"exit").unwrap();
    expect_then_eof(&mut first, "after exit, the lesson 5 server sends nothing and closes", b"");

    let mut second = connect(server.addr());
    expect_message(&mut second, "the second connection's greeting", b"Hello World!");
    second.write_all(b"x").unwrap();
    expect_ack(&mut second, "the lesson 5 server's reply to \"x\"");
    second.shutdown(Shutdown::Write).unwrap(); // our FIN, no exit
    expect_then_eof(&mut second, "after our FIN, the lesson 5 server sends nothing and closes", b"");
    server.finish().success();
}

fn lesson5_reply(n: usize, _message: &str) -> String {
    format!("{}：ACK!", 100 + n)
}

#[test]
fn lesson5_client_sends_lines_without_newline_and_closes_without_exit() {
    let mut program = client("lesson5-client"); // built now: the stand-in's deadlines must not count the build
    let (port, stand_in) =
        lockstep_stand_in("lesson 5", "Hello World!", &["hi", "你好", "third"], lesson5_reply);
    let run = program.args(["--port", &port]).write_stdin("hi\n你好\nthird\n").assert();
    join(stand_in);
    run.success().stdout(contains("103：ACK!"));
}

#[test]
fn lesson5_client_sends_exit_and_nothing_after_it() {
    let mut program = client("lesson5-client"); // built now: the stand-in's deadlines must not count the build
    let (port, stand_in) = lockstep_stand_in("lesson 5", "Hello World!", &["hi", "exit"], lesson5_reply);
    let run = program
        .args(["--port", &port, "--message", "hi", "--message", "exit", "--message", "unsent"])
        .assert();
    join(stand_in);
    run.success();
}

// --- Lesson 6: everything, our FIN, then the reply and the server's FIN ------------

#[test]
fn lesson6_server_replies_only_after_our_fin_with_the_exact_count() {
    let server = Server::start("lesson6-server", &["--serve", "2"]);

    // One write arrives as one piece: one read takes it all.
    let mut stream = connect(server.addr());
    stream.write_all(b"hello world").unwrap();
    // Nothing comes back while our side is open: the server waits for our FIN.
    stream.set_read_timeout(Some(QUIET)).unwrap();
    let (early, then) = read_until(&mut stream, |_| false);
    assert!(
        early.is_empty() && then == Then::Silence(QUIET),
        "before our FIN the lesson 6 server must send nothing; arrived {}, then {then}",
        show(&early)
    );
    stream.set_read_timeout(Some(WIRE)).unwrap();
    stream.shutdown(Shutdown::Write).unwrap(); // the half-close
    expect_then_eof(
        &mut stream,
        "the lesson 6 server's reply, then its FIN",
        b"received 11 bytes in 1 reads",
    );

    // Nothing sent: no reads with data, only the 0-byte one.
    let mut empty = connect(server.addr());
    empty.shutdown(Shutdown::Write).unwrap();
    expect_then_eof(&mut empty, "the lesson 6 server's reply to nothing", b"received 0 bytes in 0 reads");

    server.finish().success();

    // The server's buffer decides the reads: 10 bytes through 4 take 4 + 4 + 2.
    let server = Server::start("lesson6-server", &["--serve", "1", "--buffer", "4"]);
    let mut small = connect(server.addr());
    small.write_all(b"0123456789").unwrap();
    small.shutdown(Shutdown::Write).unwrap();
    expect_then_eof(&mut small, "the lesson 6 server's reply, buffer 4", b"received 10 bytes in 3 reads");
    server.finish().success();
}

/// A stand-in lesson 6 server: reads everything up to the client's FIN before
/// it writes a byte, then replies as the lesson does and closes. Returns what arrived.
fn lesson6_stand_in() -> (String, JoinHandle<(Vec<u8>, Then)>) {
    tcp_stand_in(|mut stream| {
        let (got, then) = read_until(&mut stream, |_| false);
        if then == Then::Eof {
            let reply = format!("received {} bytes in 1 reads", got.len());
            stream.write_all(reply.as_bytes()).unwrap();
        }
        (got, then)
    })
}

/// The lesson 6 client's `--timeout`: longer than [`WIRE`], so that a client
/// that never sends its FIN is caught by the stand-in (which then shows what
/// arrived) before the client gives up and its exit closes the connection.
const PATIENT: &str = "10";

fn expect_fin_after(what: &str, expected: &[u8], (got, then): (Vec<u8>, Then)) {
    assert!(
        got == expected && then == Then::Eof,
        "{what}:\n  expected {} then the client's FIN, before we send anything\n  arrived  {}\n  then     {then}",
        show(expected),
        show(&got)
    );
}

#[test]
fn lesson6_client_sends_its_messages_then_its_fin_before_any_reply() {
    let mut program = client("lesson6-client"); // built now: the stand-in's deadlines must not count the build
    let (port, stand_in) = lesson6_stand_in();
    let run = program
        .args(["--port", &port, "--timeout", PATIENT, "--message", "hello", "--message", "world"])
        .assert();
    expect_fin_after("the lesson 6 client, --message hello --message world", b"helloworld", join(stand_in));
    run.success().stdout(contains("the whole reply: received 10 bytes in 1 reads"));
}

#[test]
fn lesson6_client_sends_lines_without_newline_then_its_fin() {
    let mut program = client("lesson6-client"); // built now: the stand-in's deadlines must not count the build
    let (port, stand_in) = lesson6_stand_in();
    let run = program.args(["--port", &port, "--timeout", PATIENT]).write_stdin("one\ntwo\nthree\n").assert();
    expect_fin_after("the lesson 6 client, lines on stdin", b"onetwothree", join(stand_in));
    run.success().stdout(contains("the whole reply: received 11 bytes in 1 reads"));
}

#[test]
fn lesson6_client_full_close_sends_its_message_and_fin_and_wants_no_reply() {
    let mut program = client("lesson6-client"); // built now: the stand-in's deadlines must not count the build
    // The stand-in replies after the FIN; the client has closed and reads nothing.
    let (port, stand_in) = lesson6_stand_in();
    let run = program.args(["--port", &port, "--message", "bye", "--close", "full"]).assert();
    expect_fin_after("the lesson 6 client, --close full", b"bye", join(stand_in));
    run.success();
}

#[test]
fn lesson6_client_abort_ends_with_a_reset_not_a_fin() {
    let mut program = client("lesson6-client"); // built now: the stand-in's deadlines must not count the build
    let (port, stand_in) = tcp_stand_in(|mut stream| read_until(&mut stream, |_| false));
    let run = program.args(["--port", &port, "--message", "abc", "--close", "abort"]).assert();
    let (got, then) = join(stand_in);
    // A reset may take with it what was still unread: whatever came is a prefix of abc.
    assert!(
        b"abc".starts_with(&got) && then == Then::Failed(ErrorKind::ConnectionReset),
        "the lesson 6 client, --close abort:\n  expected (part of) b'abc' then a reset (RST, not FIN)\n  arrived  {}\n  then     {then}",
        show(&got)
    );
    run.success();
}

// --- The failure messages' bytes literal ----------------------------------------
