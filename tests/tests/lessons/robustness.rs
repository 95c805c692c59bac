//! What the servers survive. Every server of lessons 1 to 6 is attacked with odd
//! payloads and rude clients; a loop server must then still serve a correct
//! client, and no server may panic. Random payloads come from a seed printed at
//! the start (run with `COURSE_SEED=N` to replay a failure).
//!
//! Run alone, with the figures: `cargo test -p course-tests --test lessons robustness -- --nocapture`

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::sync::OnceLock;
use std::time::Duration;

use course_tests::{
    DEADLINE, RECEIVES, Server, client, on_a_private_wire, poll_until, proc_status, skip, sleeps_in,
    state_of, stdout_of,
};
use predicates::prelude::*;
use predicates::str::contains;
use socket2::Socket;

/// The seed of this run's random payloads, printed by every test that uses it
/// (a failing test shows its own output, seed included).
fn seed() -> u64 {
    static SEED: OnceLock<u64> = OnceLock::new();
    let seed = *SEED.get_or_init(|| {
        std::env::var("COURSE_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| fastrand::u64(..))
    });
    eprintln!("robustness seed: {seed} (replay with COURSE_SEED={seed})");
    seed
}

/// The payloads every server gets: (what, bytes). `buffer` is the server's
/// receive buffer; `datagram` adds the largest UDP datagram.
fn payloads(buffer: usize, datagram: bool) -> Vec<(&'static str, Vec<u8>)> {
    let mut rng = fastrand::Rng::with_seed(seed());
    let mut random = |len: usize| (0..len).map(|_| rng.u8(..)).collect::<Vec<u8>>();
    let mut list = vec![
        ("empty", Vec::new()),
        ("one random byte", random(1)),
        ("the buffer size plus one", random(buffer + 1)),
        ("invalid UTF-8", [vec![0xff, 0xfe, 0xc3], random(20), vec![0xe4, 0xbd]].concat()),
        ("GBK text", encoding_rs::GBK.encode("你好，世界").0.into_owned()),
    ];
    if datagram {
        list.push(("a 65,507-byte datagram", random(65_507)));
    }
    list
}

/// Fails if a server's output shows a panic.
fn no_panic() -> impl Predicate<[u8]> {
    contains("panicked").not().and(contains("RUST_BACKTRACE").not()).from_utf8()
}

// ---- UDP ------------------------------------------------------------------

fn send_datagram(server: SocketAddr, payload: &[u8]) -> Vec<u8> {
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    socket.set_read_timeout(Some(DEADLINE)).unwrap();
    socket.send_to(payload, server).expect("the datagram leaves");
    let mut buf = [0; 256];
    let (n, _) = socket.recv_from(&mut buf).expect("the server answers every datagram");
    buf[..n].to_vec()
}

#[test]
fn lesson1_server_survives_every_payload() {
    let attacks = payloads(500, true);
    for (what, payload) in &attacks {
        let server = Server::start("lesson1-server", &[]);
        assert_eq!(send_datagram(server.addr(), payload), b"Ich hab keine Hunge", "after {what}");
        server.finish().success().stdout(no_panic()).stderr(no_panic());
    }
    eprintln!("lesson1-server: {} attacks, one server each, all answered", attacks.len());
}

#[test]
fn lesson2_server_survives_every_payload_and_serves_on() {
    let attacks = payloads(1024, true);
    let server = Server::start("lesson2-server", &[]);
    for (what, payload) in &attacks {
        assert_eq!(send_datagram(server.addr(), payload), b"success", "after {what}");
    }
    client("lesson2-client").args(["--port", &server.port(), "--message", "still there?"]).assert().success();
    server.signal("INT").success().stdout(no_panic()).stderr(no_panic());
    eprintln!("lesson2-server: {} attacks on one server, then a correct client served", attacks.len());
}

// ---- TCP ------------------------------------------------------------------

/// A rude TCP client. Each one connects, misbehaves, and leaves.
#[derive(Clone, Copy, Debug)]
enum Rude {
    /// Sends the payload, then closes without reading.
    Payload(usize),
    /// Sends half a message, then resets (SO_LINGER 0).
    ResetMidMessage,
    /// Connects and closes without sending anything.
    SilentThenGone,
    /// Sends a message one byte per write.
    OneByteAtATime,
    /// Sends a message and closes before the reply.
    CloseBeforeReply,
}

fn rude_clients(payload_count: usize) -> Vec<Rude> {
    let mut list: Vec<Rude> = (0..payload_count).map(Rude::Payload).collect();
    list.extend([Rude::ResetMidMessage, Rude::SilentThenGone, Rude::OneByteAtATime, Rude::CloseBeforeReply]);
    list
}

fn misbehave(server: SocketAddr, rude: Rude, payloads: &[(&str, Vec<u8>)]) {
    let Ok(mut stream) = TcpStream::connect_timeout(&server, DEADLINE) else { return };
    let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
    match rude {
        Rude::Payload(i) => {
            let _ = stream.write_all(&payloads[i].1);
            let _ = stream.shutdown(Shutdown::Write);
            let _ = stream.read(&mut [0; 64]); // whatever comes, or not
        }
        Rude::ResetMidMessage => {
            let _ = stream.write_all(b"I love wang");
            let _ = Socket::from(stream).set_linger(Some(Duration::ZERO));
        }
        Rude::SilentThenGone => drop(stream),
        Rude::OneByteAtATime => {
            for byte in b"hello" {
                let _ = stream.write_all(&[*byte]);
            }
        }
        Rude::CloseBeforeReply => {
            let _ = stream.write_all(b"hello");
        }
    }
}

/// Many connections opened at once (each from its own thread), then all closed;
/// returns how many connected.
/// A full listen queue makes the kernel drop some handshakes: those connects
/// give up after 2 s, which is the server's backpressure, not its failure.
fn flood(server: SocketAddr, connections: usize) -> usize {
    let openers: Vec<_> = (0..connections)
        .map(|_| std::thread::spawn(move || TcpStream::connect_timeout(&server, Duration::from_secs(2)).ok()))
        .collect();
    let streams: Vec<TcpStream> =
        openers.into_iter().filter_map(|opener| opener.join().ok().flatten()).collect();
    streams.len() // dropping them closes them all
}

#[test]
fn lesson3_server_survives_each_rude_client() {
    let payloads = payloads(500, false);
    let attacks = rude_clients(payloads.len());
    for rude in &attacks {
        let server = Server::start("lesson3-server", &[]);
        misbehave(server.addr(), *rude, &payloads);
        // One client, one exchange: the server ends, successfully or with an
        // explained error (a reset), never with a panic.
        let done = server.finish().stdout(no_panic()).stderr(no_panic());
        let code = done.get_output().status.code();
        assert!(matches!(code, Some(0) | Some(1)), "{rude:?}: exit code {code:?}");
        if code == Some(1) {
            done.stderr(contains("error:").and(contains("hint:")));
        }
    }
    eprintln!("lesson3-server: {} attacks, one server each, none panicked", attacks.len());
}

/// Attacks a loop server with every rude client and a flood, then checks that
/// the lesson's client is still served.
fn attack_loop_server(server_name: &str, client_name: &str, buffer: usize, client_args: &[&str]) {
    let payloads = payloads(buffer, false);
    let attacks = rude_clients(payloads.len());
    let server = Server::start(server_name, &[]);
    for rude in &attacks {
        misbehave(server.addr(), *rude, &payloads);
    }
    let connected = flood(server.addr(), 100);
    client(client_name)
        .args(["--port", &server.port(), "--timeout", "10"])
        .args(client_args)
        .assert()
        .success();
    server.signal("TERM").success().stdout(no_panic()).stderr(no_panic());
    eprintln!(
        "{server_name}: {} attacks, a flood of 100 connections ({connected} connected), then a correct client served",
        attacks.len()
    );
}

#[test]
fn lesson4_server_survives_rude_clients_and_serves_on() {
    attack_loop_server("lesson4-server", "lesson4-client", 1024, &["--message", "hi", "--message", "exit"]);
}

#[test]
fn lesson5_server_survives_rude_clients_and_serves_on() {
    attack_loop_server("lesson5-server", "lesson5-client", 1024, &["--message", "hi", "--message", "exit"]);
}

#[test]
fn lesson6_server_survives_rude_clients_and_serves_on() {
    attack_loop_server("lesson6-server", "lesson6-client", 1024, &["--message", "hi"]);
}

#[test]
fn lesson7_server_survives_rude_clients_and_serves_on() {
    attack_loop_server("lesson7-server", "lesson7-client", 1024, &["--message", "hi", "--message", "exit"]);
}

#[test]
fn lesson8_server_survives_rude_clients_and_serves_on() {
    attack_loop_server("lesson8-server", "lesson8-client", 1024, &["--message", "hi", "--message", "exit"]);
}

// ---- Load -------------------------------------------------------------------

#[test]
fn five_hundred_connections_at_once_are_served_or_told_busy() {
    let mut server = Server::start("lesson5-server", &[]);
    let pid = server.pid();
    let idle_threads = proc_status(pid, "Threads");

    let streams: Vec<TcpStream> = (0..500)
        .map(|_| {
            let stream =
                TcpStream::connect_timeout(&server.addr(), DEADLINE).expect("connect within the deadline");
            stream.set_read_timeout(Some(DEADLINE)).unwrap();
            stream
        })
        .collect();
    let (mut greeted, mut busy) = (0, 0);
    for mut stream in &streams {
        let mut buf = [0; 128];
        let n = course_tests::read_retrying(&mut stream, &mut buf)
            .expect("every connection hears something within the deadline");
        match &buf[..n] {
            b"Hello World!" => greeted += 1,
            line if line.starts_with(b"busy:") => busy += 1,
            other => panic!("neither greeting nor busy: {:?}", String::from_utf8_lossy(other)),
        }
    }
    let peak_threads = proc_status(pid, "Threads");
    let peak_memory_kb = proc_status(pid, "VmHWM");
    assert_eq!((greeted, busy), (64, 436), "64 served (the default cap), the rest told busy");

    drop(streams);
    // Every place is free again. A whole number: "10 clients being served now"
    // (an accept line, or places never freed) is not 0.
    server.wait_for_line(r"\b0 clients being served now$");
    if let Some(idle) = idle_threads {
        let back = poll_until(DEADLINE, || proc_status(pid, "Threads") == Some(idle));
        assert!(back, "the thread count did not return to {idle}: {:?}", proc_status(pid, "Threads"));
    }
    eprintln!(
        "lesson5-server, 500 connections at once: {greeted} served, {busy} told busy; threads idle {idle_threads:?}, \
         peak {peak_threads:?}; peak memory (VmHWM) {peak_memory_kb:?} kB"
    );
    server
        .signal("INT")
        .success()
        .stdout(contains("stopped by a signal (Ctrl-C, SIGTERM or SIGHUP): clients: 64, turned away: 436"));
}

/// What a hostile peer sends to take over a terminal: clear the screen, retitle
/// the window, reverse what follows, and forge a line of the server's own log.
const HOSTILE: &str = "\x1b[2J\x1b]0;owned\x07\u{202E}txet\u{2066}\u{2028}[server] 5 accept [*] Accept connection from: 6.6.6.6:666";

/// No escape character, no bidirectional override or isolate and no line
/// separator from the peer reaches the terminal, and no forged line starts one.
fn no_peer_controls(output: &str) {
    for c in ['\x1b', '\x07', '\u{202E}', '\u{2066}', '\u{2028}'] {
        assert!(!output.contains(c), "{c:?} from the peer reached the terminal:\n{output:?}");
    }
    assert!(
        !output.lines().any(|line| line.starts_with("[server] 5 accept [*] Accept connection from: 6.6.6.6")),
        "a peer forged a line of the log:\n{output}"
    );
}

#[test]
fn lesson5_server_log_shows_a_peers_bytes_escaped() {
    let server = Server::start("lesson5-server", &["--serve", "1"]);
    let mut peer = TcpStream::connect(server.addr()).unwrap();
    peer.set_read_timeout(Some(DEADLINE)).unwrap();
    assert!(peer.read(&mut [0; 64]).unwrap() > 0, "greeted");
    peer.write_all(HOSTILE.as_bytes()).unwrap();
    assert!(peer.read(&mut [0; 64]).unwrap() > 0, "answered");
    drop(peer);
    let out = stdout_of(&server.finish().success());
    no_peer_controls(&out);
    assert!(out.contains(r"[*] Received from 127.0.0.1:"), "{out}");
    assert!(out.contains(r"\u{1b}[2J"), "the escape is shown escaped:\n{out}");
}

#[test]
fn lesson6_client_shows_a_servers_reply_escaped() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let hostile = std::thread::spawn(move || {
        let (mut conn, _) = listener.accept().unwrap();
        conn.set_read_timeout(Some(DEADLINE)).unwrap();
        let _ = course_tests::read_to_close(&mut conn); // until the client's FIN
        conn.write_all(HOSTILE.as_bytes()).unwrap();
    });
    let run = client("lesson6-client").args(["--port", &port, "--message", "hi"]).assert().success();
    hostile.join().unwrap();
    let out = stdout_of(&run);
    no_peer_controls(&out);
    assert!(out.contains("the whole reply: "), "{out}");
}

#[test]
fn every_spelling_of_the_wildcard_is_warned_about() {
    let mut spellings = vec!["0.0.0.0"];
    if course_tests::ipv6_loopback() {
        spellings.extend(["::", "::ffff:0.0.0.0"]);
    } else {
        skip("no IPv6 on loopback here; only 0.0.0.0 is tried");
    }
    for host in spellings {
        let mut server = Server::start("lesson1-server", &["--host", host]);
        // The warning follows the ready line; a server that never prints it fails here.
        server.wait_for("means every interface: other machines on your network can reach this server");
        server.stop();
    }
}

/// Sends `signal` (`"STOP"`, `"CONT"`, `"TERM"`) to process `pid`.
fn kill(signal: &str, pid: u32) {
    let sent = std::process::Command::new("kill").arg(format!("-{signal}")).arg(pid.to_string()).status();
    assert!(sent.is_ok_and(|status| status.success()), "kill -{signal} {pid}");
}

/// Ctrl-Z and fg, made certain: waits until `pid` sleeps in a socket call,
/// stops it (SIGSTOP) and waits until it is stopped, then resumes it
/// (SIGCONT). A read with a timeout that is stopped and resumed fails with
/// EINTR on Linux (see signal(7)); sent back to back, the CONT may land first
/// and nothing happens.
fn ctrl_z_and_fg(pid: u32) {
    assert!(poll_until(DEADLINE, || sleeps_in(pid, RECEIVES)), "{pid} never waited in a socket call");
    kill("STOP", pid);
    assert!(poll_until(DEADLINE, || state_of(pid) == Some('T')), "{pid} did not stop");
    kill("CONT", pid);
}

#[test]
fn ctrl_z_and_fg_do_not_break_a_waiting_client() {
    use std::io::BufRead;
    // A client waits for a reply that never comes; Ctrl-Z stops it, fg resumes
    // it (SIGSTOP, SIGCONT). On Linux that makes its read fail with EINTR; the
    // client must wait on and end as a timeout, not as "interrupted".
    let silent = UdpSocket::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port().to_string();
    let mut waiting = course_tests::Killed(
        course_tests::in_english(&mut std::process::Command::new(course_tests::program("lesson1-client")))
            .args(["--port", &port, "--timeout", "1"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let mut lines = std::io::BufReader::new(waiting.stdout.take().unwrap()).lines();
    assert!(
        lines.any(|line| line.is_ok_and(|line| line.contains("2 sendto"))),
        "the client sent its datagram"
    );
    // Its datagram reached the silent socket: from here on it waits in recvfrom.
    silent.set_read_timeout(Some(DEADLINE)).unwrap();
    silent.recv_from(&mut [0; 64]).expect("the datagram arrives");
    ctrl_z_and_fg(waiting.id());
    assert!(poll_until(DEADLINE, || waiting.try_wait().is_ok_and(|s| s.is_some())), "the client ends");
    let mut stderr = String::new();
    waiting.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    assert!(stderr.contains("no reply from"), "it waited on and timed out:\n{stderr}");
    assert!(!stderr.contains("interrupted"), "{stderr}");
}

/// Lesson 6's client, stopped and resumed while it waits for a reply after
/// its half-close: it waits on, and ends as a timeout, not as "interrupted".
#[test]
fn ctrl_z_and_fg_do_not_break_lesson6s_client_waiting_for_its_reply() {
    // A server that takes the message and the FIN, then says nothing.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let silent = std::thread::spawn(move || {
        let (mut conn, _) = listener.accept().unwrap();
        conn.set_read_timeout(Some(DEADLINE)).unwrap();
        let _ = course_tests::read_to_close(&mut conn); // up to the client's FIN
        std::thread::sleep(Duration::from_secs(3)); // the point: silent past the client's --timeout
    });
    let mut waiting = course_tests::Killed(
        course_tests::in_english(&mut std::process::Command::new(course_tests::program("lesson6-client")))
            .args(["--port", &port, "--timeout", "1.5", "--message", "hello"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap(),
    );
    ctrl_z_and_fg(waiting.id());
    assert!(poll_until(DEADLINE, || waiting.try_wait().is_ok_and(|s| s.is_some())), "the client ends");
    let mut stderr = String::new();
    waiting.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    assert!(!stderr.contains("interrupted"), "a stop and a resume ended the wait:\n{stderr}");
    assert!(stderr.contains("1.5"), "it waited on and timed out after --timeout:\n{stderr}");
    silent.join().unwrap();
}

/// Lessons 4, 5 and 6's servers, stopped and resumed while they wait in `recv`
/// for a client's next message (with --idle-timeout, so the read has a
/// timeout and the resume makes it fail with EINTR): each reads again, and
/// answers.
#[test]
fn ctrl_z_and_fg_do_not_break_a_server_waiting_for_a_message() {
    for (name, answer) in [("lesson4-server", "第1条信息：hi"), ("lesson5-server", "：ACK!")] {
        let server = Server::start(name, &["--idle-timeout", "30"]);
        let mut conn = TcpStream::connect(server.addr()).unwrap();
        conn.set_read_timeout(Some(DEADLINE)).unwrap();
        let mut buf = [0; 256];
        let n = course_tests::read_retrying(&mut conn, &mut buf).expect("the greeting");
        assert!(n > 0, "{name}: the greeting");
        ctrl_z_and_fg(server.pid());
        conn.write_all(b"hi").unwrap();
        let n = course_tests::read_retrying(&mut conn, &mut buf).unwrap_or(0);
        let reply = String::from_utf8_lossy(&buf[..n]);
        assert!(
            reply.ends_with(answer),
            "{name}: a stop and a resume must not end the conversation; got {reply:?}"
        );
    }
    // Lesson 6's server greets nobody: it waits in recv at once, and answers
    // after the client's FIN.
    let server = Server::start("lesson6-server", &["--idle-timeout", "30"]);
    let mut conn = TcpStream::connect(server.addr()).unwrap();
    conn.set_read_timeout(Some(DEADLINE)).unwrap();
    ctrl_z_and_fg(server.pid());
    conn.write_all(b"hi").unwrap();
    conn.shutdown(std::net::Shutdown::Write).unwrap();
    let reply = course_tests::read_to_close(&mut conn).unwrap_or_default();
    assert_eq!(
        String::from_utf8_lossy(&reply),
        "received 2 bytes in 1 reads",
        "lesson6-server: a stop and a resume must not end the conversation"
    );
}

#[test]
fn sigterm_stops_a_server_whose_output_nobody_reads() {
    use std::io::BufRead;
    let mut server = course_tests::Killed(
        course_tests::in_english(&mut std::process::Command::new(course_tests::program("lesson2-server")))
            .args(["--port", "0"])
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let mut stdout = std::io::BufReader::new(server.stdout.take().unwrap());
    let mut ready = String::new();
    stdout.read_line(&mut ready).unwrap();
    let addr = course_tests::address_after(&ready).expect("the ready line");
    // From now on nobody reads the server's output: it fills the pipe (64 KiB)
    // and the server blocks writing, in the middle of a line.
    let sender = UdpSocket::bind("127.0.0.1:0").unwrap();
    for _ in 0..2_000 {
        let _ = sender.send_to(&[b'x'; 200], addr);
    }
    kill("TERM", server.id());
    let stopped = poll_until(DEADLINE, || server.try_wait().is_ok_and(|s| s.is_some()));
    if !stopped {
        let _ = server.kill();
    }
    assert!(stopped, "SIGTERM did not stop a server blocked writing its output");
    drop(stdout);
}

#[test]
fn a_client_whose_output_is_lost_says_so_and_fails() {
    let server = Server::start("lesson1-server", &[]);
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full");
    let Ok(full) = full else {
        return skip("no /dev/full here");
    };
    let mut run = course_tests::Killed(
        course_tests::in_english(&mut std::process::Command::new(course_tests::program("lesson1-client")))
            .args(["--port", &server.port()])
            .stdout(full)
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap(),
    );
    assert!(poll_until(DEADLINE, || run.try_wait().is_ok_and(|s| s.is_some())), "the client ends");
    assert_eq!(run.wait().unwrap().code(), Some(1), "exit code 1: its output is lost");
    let mut stderr = String::new();
    run.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    assert!(stderr.contains("could not write to standard output"), "{stderr}");
    server.finish().success();
}

/// A listening socket whose connections take little into their receive
/// buffer (SO_RCVBUF, inherited from the listener), so that a peer that
/// sends to them and is never read blocks soon.
fn small_buffer_listener() -> std::net::TcpListener {
    let socket = Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).unwrap();
    socket.set_recv_buffer_size(4096).unwrap();
    socket.bind(&SocketAddr::from(([127, 0, 0, 1], 0)).into()).unwrap();
    socket.listen(8).unwrap();
    socket.into()
}

#[test]
fn a_client_that_never_reads_cannot_hold_the_server_in_send() {
    let mut server = Server::start("lesson4-server", &["--serve", "2", "--write-timeout", "0.5"]);
    // The peer sends and sends, and never reads a reply: the server's replies
    // fill the peer's small receive buffer, then the server's send buffer.
    let peer = Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).unwrap();
    peer.set_recv_buffer_size(4096).unwrap();
    peer.connect(&server.addr().into()).unwrap();
    let mut peer = TcpStream::from(peer);
    peer.set_write_timeout(Some(DEADLINE)).unwrap();
    let flooding = std::thread::spawn(move || {
        let chunk = [b'x'; 1024];
        while peer.write_all(&chunk).is_ok() {} // until the server gives up and closes
    });
    server.wait_for("did not take all we sent");
    flooding.join().unwrap();
    client("lesson4-client").args(["--port", &server.port(), "--message", "hi"]).assert().success();
    server.finish().success().stdout(contains("--write-timeout"));
}

#[test]
fn a_client_that_reads_a_trickle_cannot_stretch_the_servers_write_timeout() {
    // The peer floods messages without reading until the lesson 4 server's
    // replies (each as long as its message) stall, then reads 1000 bytes every
    // 0.1 s: every send of the server makes a little progress, so a timeout
    // per send would never run out. The whole reply must be taken within
    // --write-timeout. (Lessons 5 and 6 write the same way, write_all_within;
    // their replies are too short for a trickle to stall.)
    let mut server = Server::start("lesson4-server", &["--write-timeout", "1"]);
    let peer = Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).unwrap();
    peer.set_recv_buffer_size(4096).unwrap();
    peer.connect(&server.addr().into()).unwrap();
    let peer = TcpStream::from(peer);
    peer.set_write_timeout(Some(DEADLINE)).unwrap();
    peer.set_read_timeout(Some(DEADLINE)).unwrap();
    let (mut flood, mut trickle) = (peer.try_clone().unwrap(), peer);
    let started = std::time::Instant::now();
    let flooding = std::thread::spawn(move || {
        let chunk = [b'x'; 1000];
        while started.elapsed() < DEADLINE && flood.write_all(&chunk).is_ok() {}
    });
    let trickling = std::thread::spawn(move || {
        let mut sip = [0; 1000];
        while started.elapsed() < DEADLINE && matches!(trickle.read(&mut sip), Ok(1..)) {
            std::thread::sleep(Duration::from_millis(100)); // the pace of the attack, not a wait
        }
    });
    server.wait_for("did not take all we sent");
    let held = started.elapsed();
    assert!(held < Duration::from_secs(6), "the server was held {held:?} by a trickling reader");
    eprintln!("lesson4-server gave up on a trickling reader after {held:?}");
    drop(server);
    flooding.join().unwrap();
    trickling.join().unwrap();
}

#[test]
fn a_server_that_drips_its_reply_cannot_hold_the_lesson6_client() {
    // The server reads to our FIN, then sends one byte every 0.2 s and never
    // closes: each read is well within --timeout, but the whole reply is not.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let dripping = std::thread::spawn(move || {
        let (mut conn, _) = listener.accept().unwrap();
        conn.set_read_timeout(Some(DEADLINE)).unwrap();
        let _ = course_tests::read_to_close(&mut conn); // the message, up to the client's FIN
        let started = std::time::Instant::now();
        while started.elapsed() < DEADLINE && conn.write_all(b"x").is_ok() {
            std::thread::sleep(Duration::from_millis(200)); // the drip's pace: the point, not a wait
        }
    });
    let mut program = client("lesson6-client");
    let started = std::time::Instant::now();
    program
        .args(["--port", &port, "--message", "hi", "--timeout", "1"])
        .assert()
        .code(1)
        .stderr(contains("the whole reply did not come within 1 s of our shutdown"));
    assert!(started.elapsed() < Duration::from_secs(4), "the client took {:?}", started.elapsed());
    dripping.join().unwrap();
}

#[test]
fn a_client_gives_up_on_a_server_that_never_reads() {
    let listener = small_buffer_listener();
    let port = listener.local_addr().unwrap().port().to_string();
    let (finished, client_finished) = std::sync::mpsc::channel::<()>();
    let deaf = std::thread::spawn(move || {
        let (_connection, _) = listener.accept().unwrap();
        // Never reads: holds the connection until the client has finished.
        let _ = client_finished.recv_timeout(DEADLINE);
    });
    // Lesson 6's client sends every line before it reads: 8 lines of 1 MiB
    // outgrow what the kernels buffer, and send must wait.
    let line = format!("{}\n", "x".repeat(1 << 20));
    client("lesson6-client")
        .args(["--port", &port, "--timeout", "0.5"])
        .write_stdin(line.repeat(8))
        .assert()
        .code(1)
        .stderr(contains("did not take all we sent within 0.5 s"));
    finished.send(()).unwrap();
    deaf.join().unwrap();
}

/// In a test's own network namespace: every TCP socket's send and receive
/// buffers at 4 KB (the namespace's `tcp_wmem` and `tcp_rmem`), so a peer
/// that does not read stalls the sender after a few kilobytes. On the
/// machine's loopback the kernel grows a send buffer to megabytes, more than
/// a lesson 3 message (at most 128 KB on a command line) fills, and a missing
/// write timeout would go unseen.
fn small_tcp_buffers() {
    for sysctl in ["tcp_wmem", "tcp_rmem"] {
        let path = format!("/proc/sys/net/ipv4/{sysctl}");
        std::fs::write(&path, "4096 4096 4096").unwrap_or_else(|err| panic!("cannot write {path}: {err}"));
    }
}

#[test]
#[cfg_attr(no_private_network, ignore = "needs a private network namespace: Linux, unshare -rn and ip")]
fn lesson5_server_gives_up_on_a_client_that_never_reads() {
    on_a_private_wire(|| {
        // Only the send buffers are small here (tcp_wmem): the server's
        // receive side stays as usual, so it goes on reading our messages.
        std::fs::write("/proc/sys/net/ipv4/tcp_wmem", "4096 4096 4096").expect("tcp_wmem can be written");
        let mut server = Server::start("lesson5-server", &["--write-timeout", "0.5"]);
        // A message a millisecond, never a read: each 10-byte reply waits in
        // our 4 KB receive buffer, then in the server's send buffer, and then
        // the server's send must wait; --write-timeout must end that wait.
        let peer = Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).unwrap();
        peer.set_recv_buffer_size(4096).unwrap();
        peer.connect(&server.addr().into()).unwrap();
        let mut peer = TcpStream::from(peer);
        peer.set_write_timeout(Some(DEADLINE)).unwrap();
        let started = std::time::Instant::now();
        let sending = std::thread::spawn(move || {
            while started.elapsed() < DEADLINE && peer.write_all(b"hi").is_ok() {
                std::thread::sleep(Duration::from_millis(1)); // the client's pace, not a wait for the server
            }
        });
        server.wait_for("did not take all we sent");
        let held = started.elapsed();
        sending.join().unwrap();
        assert!(held < Duration::from_secs(8), "the server was held {held:?} by a client that never reads");
        eprintln!("lesson5-server gave up on a client that never reads after {held:?}");
        client("lesson5-client").args(["--port", &server.port(), "--message", "hi"]).assert().success();
        server.stop();
    });
}

#[test]
#[cfg_attr(no_private_network, ignore = "needs a private network namespace: Linux, unshare -rn and ip")]
fn lesson3_client_gives_up_on_a_server_that_never_reads() {
    on_a_private_wire(|| {
        small_tcp_buffers();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port().to_string();
        let (done, held) = std::sync::mpsc::channel::<()>();
        let deaf = std::thread::spawn(move || {
            let (_connection, _) = listener.accept().unwrap();
            let _ = held.recv_timeout(DEADLINE); // never reads; holds the connection open
        });
        // 100,000 bytes: far more than the two 4 KB buffers take.
        let mut lesson3 = client("lesson3-client"); // built before the clock starts
        let started = std::time::Instant::now();
        lesson3
            .args(["--port", &port, "--timeout", "0.5", "--message", &"x".repeat(100_000)])
            .assert()
            .code(1)
            .stderr(contains("did not take all we sent within 0.5 s"));
        let took = started.elapsed();
        drop(done);
        deaf.join().unwrap();
        assert!(took < Duration::from_secs(5), "the client waited {took:?} for a server that never reads");
    });
}

#[test]
fn a_line_without_end_is_refused_not_kept() {
    let server = Server::start("lesson4-server", &["--serve", "1"]);
    client("lesson4-client")
        .args(["--port", &server.port()])
        .write_stdin(vec![b'0'; (1 << 20) + 10]) // like /dev/zero: no newline in sight
        .assert()
        .code(1)
        .stderr(contains("a line of standard input is longer than 1048576 bytes"));
    server.finish().success();
}

#[test]
fn lesson6_client_stops_reading_a_reply_without_end() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let endless = std::thread::spawn(move || {
        let (mut conn, _) = listener.accept().unwrap();
        conn.set_write_timeout(Some(DEADLINE)).unwrap();
        let chunk = [b'y'; 16 * 1024];
        while conn.write_all(&chunk).is_ok() {} // until the client has gone
    });
    client("lesson6-client")
        .args(["--port", &port, "--message", "hi"])
        .assert()
        .code(1)
        .stderr(contains("the reply passed 1048576 bytes"));
    endless.join().unwrap();
}

/// CPU time a process has used, in clock ticks (utime + stime of /proc/PID/stat).
fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

/// Out of file descriptors, twice: every accept fails with EMFILE until the
/// limit comes back. The server must wait between tries (not spin a core),
/// report each run of failures once, say when accept works again, and then
/// serve; and a second run of failures is reported afresh (the backoff starts
/// over after a success). Lowers the running server's limit with prlimit.
fn out_of_file_descriptors_waits_instead_of_spinning(name: &str, args: &[&str]) {
    let out =
        out_of_file_descriptors(name, args, None, "waiting before each next accept", "accept works again");
    assert_eq!(
        out.matches("accept works again").count(),
        2,
        "{name}: said once a run, when accept worked again:\n{out}"
    );
}

/// The same for any server: it prints `ready` (if given) once it has every
/// file it needs, `failing` while its accepts fail (once a run), and `again`
/// when an accept works again. Returns what the server printed.
fn out_of_file_descriptors(
    name: &str,
    args: &[&str],
    ready: Option<&str>,
    failing: &str,
    again: &str,
) -> String {
    let mut server = Server::start(name, args);
    if let Some(ready) = ready {
        server.wait_for(ready);
    }
    let pid = server.pid();
    let limit = |nofile: &str| {
        let set = std::process::Command::new("prlimit")
            .args(["--pid", &pid.to_string(), &format!("--nofile={nofile}")])
            .status();
        assert!(set.is_ok_and(|status| status.success()), "prlimit --nofile {nofile}");
    };
    let open_files = || -> std::collections::BTreeSet<u64> {
        std::fs::read_dir(format!("/proc/{pid}/fd"))
            .unwrap()
            .flatten()
            .filter_map(|entry| entry.file_name().to_str()?.parse().ok())
            .collect()
    };
    // What the server holds with no client: the listener and its own.
    let idle = open_files();
    for run in 1..=2 {
        // Every client of the run before has been served and closed.
        let settled = poll_until(DEADLINE, || open_files() == idle);
        assert!(
            settled,
            "{name} still holds a client's socket: it holds {:?}, and held {idle:?} idle",
            open_files()
        );
        // Lower the limit to the lowest descriptor number the server does not
        // hold: every new accept now fails with EMFILE ("too many open
        // files") until the limit is raised again. (Not the count of open
        // ones: a closed descriptor below the highest leaves a gap.)
        let lowest_free = (0..).find(|fd| !idle.contains(fd)).unwrap();
        limit(&format!("{lowest_free}:")); // the soft limit only: it can be raised again
        let waiting: Vec<TcpStream> = (0..3).map(|_| TcpStream::connect(server.addr()).unwrap()).collect();
        // An accept that is already waiting took its descriptor before the
        // limit came down, so the first connection is served; it leaves at
        // once (our FIN), so that a one-at-a-time server comes back to accept.
        waiting[0].shutdown(Shutdown::Write).unwrap();
        server.wait_for(failing);
        let before = cpu_ticks(pid).unwrap();
        let started = std::time::Instant::now();
        assert!(!poll_until(Duration::from_secs(1), || false), "a second of failing accepts");
        let spent = cpu_ticks(pid).unwrap() - before;
        eprintln!(
            "{name}, run {run} out of file descriptors: {spent} ticks of CPU in {:?}",
            started.elapsed()
        );
        assert!(spent < 20, "{name} spun: {spent} clock ticks of CPU in a second of failing accepts");
        // The limit comes back: the server accepts again, and says so.
        limit("1024:");
        server.wait_for(again);
        drop(waiting);
    }
    let client_name = name.replace("server", "client");
    client(&client_name).args(["--port", &server.port(), "--message", "hi"]).assert().success();
    let out = stdout_of(&server.stop());
    assert_eq!(
        out.matches("no file descriptor left").count(),
        2,
        "{name}: one report for each run of failures, and a second run reported afresh:\n{out}"
    );
    assert!(out.matches(again).count() >= 2, "{name}: said when accept worked again:\n{out}");
    out
}

// One test a lesson, not one loop: each name gives its lesson, as
// `.ci/mutants` finds a server's tests by name, and a failure names its server.
#[test]
#[cfg_attr(
    no_prlimit,
    ignore = "prlimit (util-linux) is missing, or this is not Linux: a running server's limits cannot be lowered"
)]
fn lesson4_server_out_of_file_descriptors_waits_instead_of_spinning() {
    out_of_file_descriptors_waits_instead_of_spinning("lesson4-server", &[]);
}

#[test]
#[cfg_attr(
    no_prlimit,
    ignore = "prlimit (util-linux) is missing, or this is not Linux: a running server's limits cannot be lowered"
)]
fn lesson5_server_out_of_file_descriptors_waits_instead_of_spinning() {
    out_of_file_descriptors_waits_instead_of_spinning("lesson5-server", &["--max-clients", "4"]);
}

#[test]
#[cfg_attr(
    no_prlimit,
    ignore = "prlimit (util-linux) is missing, or this is not Linux: a running server's limits cannot be lowered"
)]
fn lesson6_server_out_of_file_descriptors_waits_instead_of_spinning() {
    out_of_file_descriptors_waits_instead_of_spinning("lesson6-server", &[]);
}

#[test]
#[cfg_attr(
    no_prlimit,
    ignore = "prlimit (util-linux) is missing, or this is not Linux: a running server's limits cannot be lowered"
)]
fn lesson8_server_out_of_file_descriptors_waits_instead_of_spinning() {
    out_of_file_descriptors_waits_instead_of_spinning("lesson8-server", &[]);
}

/// Lesson 7's loop has no backoff of its own: a failing accept is said once,
/// and tried again at the loop's next tick (50 ms), not at once; what tells
/// that accept works again is a waiting client accepted. Its poll (an epoll
/// file) is made after the listen line: the limit comes down once the
/// listener is registered with it.
#[test]
#[cfg_attr(
    no_prlimit,
    ignore = "prlimit (util-linux) is missing, or this is not Linux: a running server's limits cannot be lowered"
)]
fn lesson7_server_out_of_file_descriptors_waits_instead_of_spinning() {
    let ready = Some("6 register");
    out_of_file_descriptors(
        "lesson7-server",
        &[],
        ready,
        "no file descriptor left",
        "[*] Accept connection from",
    );
}

/// Connects and sends one byte every 0.3 s (the pace is the attack: each byte
/// comes well inside any idle timeout), until the server closes on it.
/// Returns how long the server kept it, and the end of what it said.
fn trickle(server: SocketAddr) -> (Duration, String) {
    keep_sending(server, b".", Duration::from_millis(300))
}

/// Connects and sends `message` every `pace` (zero: as fast as the kernel
/// takes it), reading whatever comes back in between, until the server
/// closes on it (or DEADLINE). Returns how long the
/// server kept it, and the last 150 characters of what it said.
fn keep_sending(server: SocketAddr, message: &[u8], pace: Duration) -> (Duration, String) {
    let started = std::time::Instant::now();
    let mut stream = TcpStream::connect(server).unwrap();
    stream.set_nonblocking(true).unwrap();
    let mut heard = Vec::new();
    'trickling: while started.elapsed() < DEADLINE {
        match stream.write(message) {
            Err(err) if err.kind() == std::io::ErrorKind::WouldBlock => {} // full: read, then again
            Err(_) => break,
            Ok(_) => {}
        }
        if !pace.is_zero() {
            std::thread::sleep(pace); // the sender's pace, not a wait for the server
        }
        let mut buf = [0; 1024];
        loop {
            match stream.read(&mut buf) {
                Ok(0) => break 'trickling,
                Ok(n) => heard.extend_from_slice(&buf[..n]),
                Err(_) => break, // nothing more for now
            }
        }
    }
    let heard = String::from_utf8_lossy(&heard).into_owned();
    let end = heard.char_indices().rev().nth(150).map_or(0, |(at, _)| at);
    (started.elapsed(), heard[end..].to_string())
}

#[test]
fn a_trickle_of_bytes_cannot_hold_a_server_past_its_conversation_limit() {
    for name in ["lesson4-server", "lesson5-server", "lesson6-server"] {
        let server = Server::start(name, &["--idle-timeout", "1", "--conversation-limit", "1.5"]);
        let (kept, heard) = trickle(server.addr());
        assert!(
            heard.ends_with("idle: this conversation reached its limit of 1.5 s (--conversation-limit); closing the connection\n"),
            "{name} told the trickling client: {heard:?}"
        );
        assert!(kept < Duration::from_secs(4), "{name} kept a trickling client for {kept:?}");
        eprintln!("{name}: a client trickling a byte every 0.3 s was closed after {kept:?}");
        server.signal("INT").success().stdout(contains("reached its limit"));
    }
}

#[test]
fn a_fast_talker_cannot_hold_a_server_past_its_conversation_limit() {
    // 64 KiB at a time without a pause: the server's receive queue is never
    // empty, so every read returns at once and no read ever times out; the
    // limit must be looked at before each read, not only when one waits too
    // long (the trickle above cannot tell the two apart). What the server
    // says before it closes may be lost to the reset its close sends (our
    // bytes are still unread there): its own log is asked instead.
    let flood = b"hi".repeat(32 * 1024);
    for name in ["lesson4-server", "lesson5-server", "lesson6-server", "lesson7-server", "lesson8-server"] {
        let server = Server::start(name, &["--conversation-limit", "1"]);
        let (kept, _) = keep_sending(server.addr(), &flood, Duration::ZERO);
        assert!(kept < Duration::from_secs(4), "{name} kept a client that never stops sending for {kept:?}");
        eprintln!("{name}: a client sending without a pause was closed after {kept:?}");
        server.signal("INT").success().stdout(contains("reached its limit of 1 s (--conversation-limit)"));
    }
}

#[test]
fn a_client_that_never_stops_sending_cannot_starve_the_others_of_one_thread() {
    // Lessons 7 and 8 serve everyone from one thread. A client that sends
    // 64 KiB at a time without a pause never leaves its socket empty: a loop
    // that reads each client until WouldBlock would never come back from it.
    // Another client must still be greeted and answered meanwhile.
    let flood = b"hi".repeat(32 * 1024);
    for name in ["lesson7-server", "lesson8-server"] {
        let server = Server::start(name, &[]);
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (under_way, flood_answered) = std::sync::mpsc::channel();
        let flooding = {
            let (stop, flood, addr) = (stop.clone(), flood.clone(), server.addr());
            std::thread::spawn(move || {
                let mut stream = TcpStream::connect(addr).unwrap();
                stream.set_nonblocking(true).unwrap();
                let (started, mut sink, mut received) = (std::time::Instant::now(), vec![0; 64 * 1024], 0);
                while !stop.load(std::sync::atomic::Ordering::Relaxed) && started.elapsed() < DEADLINE {
                    let _ = stream.write(&flood); // as much as the kernel takes
                    // Its replies, so the server's sends go on; past the
                    // greeting, they say the server is busy with the flood.
                    while let Ok(n @ 1..) = stream.read(&mut sink) {
                        received += n;
                        if received > "Hello World!".len() {
                            let _ = under_way.send(());
                        }
                    }
                }
            })
        };
        // The flood under way (the server answering it) before the other client comes.
        flood_answered.recv_timeout(DEADLINE).expect("the server answers the flooding client");
        let started = std::time::Instant::now();
        client("lesson5-client")
            .args(["--port", &server.port(), "--message", "hi", "--message", "exit", "--timeout", "3"])
            .assert()
            .success()
            .stdout(contains("Hello World!"));
        let took = started.elapsed();
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        flooding.join().unwrap();
        eprintln!("{name}: another client was served in {took:?} beside a client that never stops sending");
        assert!(took < Duration::from_secs(3), "{name} took {took:?} to serve a client beside a flood");
        drop(server);
    }
}

#[test]
fn a_conversation_cannot_fill_the_disk_through_the_servers_log() {
    // 6 MiB of data, whose log (bytes literal, text and the reply of every
    // read) would be about twice as much; replies are read so nothing stalls.
    let server = Server::start("lesson4-server", &["--serve", "2"]);
    let mut sender = TcpStream::connect(server.addr()).unwrap();
    sender.set_read_timeout(Some(DEADLINE)).unwrap();
    let mut reader = sender.try_clone().unwrap();
    let draining = std::thread::spawn(move || {
        // To the server's close, or 30 s in all: a server that answered
        // without end must not hold the test.
        let (mut sink, started) = ([0; 64 * 1024], std::time::Instant::now());
        while started.elapsed() < Duration::from_secs(30) && matches!(reader.read(&mut sink), Ok(1..)) {}
    });
    let chunk = vec![b'z'; 1024];
    for _ in 0..6 * 1024 {
        sender.write_all(&chunk).unwrap();
    }
    sender.shutdown(Shutdown::Write).unwrap();
    draining.join().unwrap();
    drop(sender);
    // The next client has a log budget of its own, and is shown.
    client("lesson4-client").args(["--port", &server.port(), "--message", "hi"]).assert().success();
    let out = stdout_of(&server.finish().success());
    let limit = shared_log_budget();
    eprintln!("lesson4-server's log for 6 MiB received: {} KiB", out.len() / 1024);
    assert!(
        out.len() < limit + 64 * 1024,
        "the log grew to {} bytes, past the {limit}-byte budget",
        out.len()
    );
    assert!(
        out.contains("(log limit: this conversation has written 4096 KiB of log"),
        "the limit is announced"
    );
    // How the conversation ended is shown whatever the log limit: first how
    // much was not shown, then the 0-byte read and the close step.
    let first = out.split_once("client #2").map_or(out.as_str(), |(first, _)| first);
    let held = first.find("of this conversation were not shown above: the log limit").expect("counted");
    let fin = first.rfind("0 bytes: the client closed its side of the connection").expect("the FIN is shown");
    let close =
        first.rfind("9 close        closing client #1's connection (FIN)").expect("the close is shown");
    assert!(held < fin && fin < close, "the count, then the FIN, then the close:\n{}", &first[held..]);
    assert!(out.contains("bytes: b'hi'"), "the next client is shown in full");
    assert!(out.contains("stopping: clients: 2"), "and the summary");
}

#[test]
fn past_its_log_limit_a_client_still_shows_how_its_conversation_ended() {
    // A server that answers one message with 6 MiB, then closes after the
    // client's FIN: the lesson 4 client shows every reply until its log limit,
    // then, whatever the limit, the server's FIN, its close and its summary.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let serving = std::thread::spawn(move || {
        let (mut conn, _) = listener.accept().unwrap();
        conn.set_read_timeout(Some(DEADLINE)).unwrap();
        conn.write_all("连接成功！".as_bytes()).unwrap();
        let mut buf = [0; 64];
        let _ = course_tests::read_retrying(&mut conn, &mut buf).unwrap();
        let chunk = "第1条信息：".repeat(64);
        for _ in 0..6 * 1024 * 1024 / chunk.len() {
            if conn.write_all(chunk.as_bytes()).is_err() {
                return;
            }
        }
        let _ = course_tests::read_to_close(&mut conn); // until the client's FIN
    });
    let run = client("lesson4-client")
        .args(["--port", &port, "--message", "hi", "--timeout", "10"])
        .assert()
        .success();
    serving.join().unwrap();
    let out = stdout_of(&run);
    assert!(out.len() < shared_log_budget() + 64 * 1024, "the client's log grew to {} bytes", out.len());
    assert!(
        out.contains("(log limit: this conversation has written 4096 KiB of log"),
        "the limit is announced"
    );
    let tail =
        &out[out.find("of this conversation were not shown above: the log limit").expect("the count")..];
    assert!(tail.contains("0 bytes: the server closed its side of the connection"), "{tail}");
    assert!(tail.contains("7 close        closing: both FINs have crossed"), "{tail}");
    assert!(tail.contains("received in"), "the summary: {tail}");
}

/// The narrator's budget per conversation, as the shared crate sets it.
fn shared_log_budget() -> usize {
    4 << 20
}

#[test]
fn a_place_is_free_as_soon_as_its_conversation_has_closed() {
    // One place (--max-clients 1). Each conversation ends with `exit`; the next
    // client connects only once the last has seen the server's FIN, so the place
    // must be free: the server frees it before it closes the connection.
    let server = Server::start("lesson5-server", &["--max-clients", "1"]);
    for round in 0..10 {
        let mut stream = TcpStream::connect(server.addr()).unwrap();
        stream.set_read_timeout(Some(DEADLINE)).unwrap();
        let mut greeting = [0; 128];
        let n = stream.read(&mut greeting).unwrap_or_else(|err| panic!("round {round}: no greeting: {err}"));
        assert_eq!(&greeting[..n], b"Hello World!", "round {round}: the one place was still taken");
        stream.write_all(b"exit").unwrap();
        course_tests::read_to_close(&mut stream).unwrap(); // the server's FIN
    }
    server.signal("INT").success().stdout(contains("turned away: 0"));
}

#[test]
fn max_clients_above_the_file_limit_is_refused_at_start() {
    let program = course_tests::program("lesson5-server");
    let run = assert_cmd::Command::new("sh")
        .args(["-c", r#"ulimit -n 64 && exec "$0" --port 0 --max-clients 60"#])
        .arg(program)
        .env("LC_ALL", course_tests::ENGLISH)
        .timeout(DEADLINE)
        .assert();
    run.code(2)
        .stderr(contains("this process may have 64 files open (ulimit -n)"))
        .stderr(contains("at most 48"));
}

#[test]
fn lesson2_server_counts_at_most_10000_senders_and_says_so() {
    // 10,050 datagrams from 10,050 senders: each from an address of its own in
    // 127.0.0.0/8 (all of it is this machine), each waiting for its reply so
    // that none is dropped from a full receive queue. The count stops at
    // 10,000, and the server says it did: once, at the first sender past it,
    // and in its summary.
    let server = Server::start("lesson2-server", &["--serve", "10050"]);
    for i in 0..10_050u32 {
        let ip = std::net::Ipv4Addr::new(127, 1, (i / 250) as u8, (i % 250 + 1) as u8);
        let sender = UdpSocket::bind((ip, 0)).unwrap();
        sender.set_read_timeout(Some(DEADLINE)).unwrap();
        sender.send_to(b"x", server.addr()).unwrap();
        sender.recv_from(&mut [0; 16]).expect("the reply");
    }
    let out =
        stdout_of(&server.finish().success().stdout(contains(
            "stopping: datagrams: 10050, senders: more than 10000 (counted up to 10000)\n",
        )));
    let past = "127.1.40.1:"; // sender number 10,001
    let said: Vec<&str> = out.lines().filter(|line| line.contains("this server counts")).collect();
    assert_eq!(said.len(), 1, "the cap is said once:\n{}", said.join("\n"));
    assert!(
        said[0].contains(past)
            && said[0].contains(
                "is one sender more than the 10000 this server counts (a set of every sender's address would grow \
                 without end): from here on the count is \"more than 10000\""
            ),
        "{}",
        said[0]
    );
}

#[test]
fn lesson6_server_pays_little_for_each_conversation() {
    // With the kernel's table full of this test's TIME_WAIT connections, the
    // server's look at each closed connection must still cost little.
    let server = Server::start("lesson6-server", &[]);
    let pid = server.pid();
    let Some(before) = cpu_ticks(pid) else {
        return skip("no /proc here to read the server's CPU time");
    };
    for _ in 0..300 {
        let mut stream = TcpStream::connect(server.addr()).unwrap();
        stream.set_read_timeout(Some(DEADLINE)).unwrap();
        stream.write_all(b"ping").unwrap();
        stream.shutdown(Shutdown::Write).unwrap();
        course_tests::read_to_close(&mut stream).unwrap();
    }
    let spent = cpu_ticks(pid).unwrap() - before;
    eprintln!("lesson6-server: {spent} clock ticks of CPU for 300 conversations");
    assert!(spent < 60, "300 conversations cost the server {spent} clock ticks (0.6 s or more) of CPU");
}

/// A TCP server restarted on its port at once binds, though its last run's
/// connection waits out TIME_WAIT there (the server closed first):
/// `SO_REUSEADDR` (step 2 of each TCP server), which `--port 0` never needs.
#[test]
fn each_tcp_server_restarted_on_its_port_binds_despite_time_wait() {
    // (server, its arguments, what a client sends so that the server closes first)
    let servers: [(&str, &[&str], &[u8]); 4] = [
        ("lesson3-server", &[], b"hi"),
        ("lesson4-server", &["--serve", "1"], b"exit"),
        ("lesson5-server", &["--serve", "1"], b"exit"),
        // Lesson 6 reads to the client's FIN, which would make the client close
        // first: a silent client, let go after --idle-timeout, has the server close first.
        ("lesson6-server", &["--serve", "1", "--idle-timeout", "0.2"], b""),
    ];
    for (name, args, last) in servers {
        let first = Server::start(name, args);
        let port = first.port();
        let mut conn = TcpStream::connect(first.addr()).unwrap();
        conn.set_read_timeout(Some(DEADLINE)).unwrap();
        conn.write_all(last).unwrap();
        // To the server's FIN: the server closed first, its side waits in TIME_WAIT.
        let _ = course_tests::read_to_close(&mut conn);
        first.finish().success();
        let again: Vec<&str> = ["--port", port.as_str()].into_iter().chain(args.iter().copied()).collect();
        let mut command = std::process::Command::new(course_tests::program(name));
        command.args(&again);
        let second = Server::spawn(command); // waits for its ready line, or fails saying why
        drop(conn);
        drop(second);
    }
}

/// The lesson 3 client's read timeout, tried against a server that takes the
/// message and never answers: the client gives up after --timeout and says so.
#[test]
fn lesson3_client_gives_up_on_a_silent_server_after_its_timeout() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let (done, held) = std::sync::mpsc::channel::<()>();
    let silent = std::thread::spawn(move || {
        let (mut conn, _) = listener.accept().unwrap();
        let _ = conn.read(&mut [0; 64]); // the message, then silence, the connection open
        let _ = held.recv_timeout(DEADLINE);
    });
    let mut lesson3 = client("lesson3-client"); // built before the clock starts
    let started = std::time::Instant::now();
    lesson3
        .args(["--port", &port, "--timeout", "0.5"])
        .assert()
        .code(1)
        .stderr(contains("no data from").and(contains("within 0.5 s")));
    let took = started.elapsed();
    drop(done);
    silent.join().unwrap();
    assert!(took < Duration::from_secs(5), "the client waited {took:?} for a silent server");
}
