//! Every line true, every failure explained by its real cause: what the
//! programs print in the cases where they used to say something untrue, or
//! explained a failure by the wrong cause. Some cases need a terminal (a person
//! typing, colours): they run the program under `script`, which gives it one.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

use course_tests::{DEADLINE, Server, client, program, skip, stdout_of};
use predicates::prelude::*;
use predicates::str::contains;
use socket2::Socket;

/// A lesson 4 server played by the test, to send exactly the bytes a case
/// needs: the greeting, then `reply` (in one write) to the first message.
fn scripted_lesson4_server(reply: &'static [u8]) -> (SocketAddr, thread::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let serving = thread::spawn(move || {
        let (mut conn, _) = listener.accept().unwrap();
        conn.set_read_timeout(Some(DEADLINE)).unwrap();
        conn.write_all("连接成功！".as_bytes()).unwrap();
        let mut buf = [0; 64];
        let _ = course_tests::read_retrying(&mut conn, &mut buf).unwrap();
        conn.write_all(reply).unwrap();
        let _ = conn.read(&mut buf); // until the client closes
    });
    (addr, serving)
}

// 1. A FIN is a FIN: the lesson 6 server cannot tell a half-close from a full
//    close, and says so; a reply that meets a reset is reported.

#[test]
fn lesson6_server_does_not_call_every_fin_a_half_close() {
    let server = Server::start("lesson6-server", &["--serve", "2"]);
    client("lesson6-client")
        .args(["--port", &server.port(), "--message", "bye", "--close", "full"])
        .assert()
        .success();
    client("lesson6-client").args(["--port", &server.port(), "--message", "hi"]).assert().success();
    let out = stdout_of(&server.finish().success());
    let (full, half) = out.split_once("client #2").expect("two clients");
    for side in [full, half] {
        assert!(
            side.contains("a FIN cannot tell"),
            "the server says a FIN cannot tell the two apart:\n{side}"
        );
        assert!(
            !side.contains("(a half-close): we can still send"),
            "no FIN is called a half-close:\n{side}"
        );
    }
    assert!(full.contains("the reply met a reset"), "the full close is found out by the reply:\n{full}");
    assert!(!full.contains("our FIN goes out"), "after a reset no FIN goes out:\n{full}");
    assert!(half.contains("no reset so far"), "the half-closed client still reads:\n{half}");
    assert!(out.contains("resets: 1"), "{out}");
}

// 2. Closing with unread bytes sends RST, not FIN.

#[test]
fn lesson3_server_says_that_closing_with_unread_bytes_sends_a_reset() {
    let server = Server::start("lesson3-server", &["--buffer", "10"]);
    client("lesson3-client").args(["--port", &server.port()]).assert().success();
    server
        .finish()
        .success()
        .stdout(contains("9 bytes still waiting, unread"))
        .stdout(contains("closing with unread bytes sends RST, not FIN"))
        .stdout(contains("(FIN sent)").not());
}

// 3. The reply is built from the received bytes, as the article's format does.

#[test]
fn lesson3_reply_carries_the_received_bytes_not_their_display() {
    let server = Server::start("lesson3-server", &[]);
    let run =
        client("lesson3-client").args(["--port", &server.port(), "--message", "a\nb\tc"]).assert().success();
    let out = stdout_of(&run);
    // In the bytes literal a real newline is \n; the two characters \ and n would be \\n.
    assert!(
        out.contains(r#"bytes: b"Received msg: a\nb\tc from"#),
        "the newline and tab travel as themselves:\n{out}"
    );
    assert!(!out.contains(r"a\\nb"), "no escaped display text in the reply:\n{out}");
    server.finish().success();
}

// 4. Every byte a client reads is shown, and merged replies are said to be merged.

#[test]
fn lesson4_client_says_when_one_read_holds_two_replies() {
    let (addr, serving) = scripted_lesson4_server("第1条信息：hello第2条信息：world".as_bytes());
    client("lesson4-client")
        .args(["--port", &addr.port().to_string(), "--message", "hello"])
        .assert()
        .success()
        .stdout(contains("this read holds 2 replies"))
        .stdout(contains("2 replies received in 1 read"));
    serving.join().unwrap();
}

#[test]
fn lesson4_client_shows_a_reply_left_over_before_closing() {
    // A 21-byte buffer takes exactly the first reply; the second waits in the
    // socket (it came in the same write) until the client reads to the end.
    let (addr, serving) = scripted_lesson4_server("第1条信息：hello第2条信息：world".as_bytes());
    client("lesson4-client")
        .args(["--port", &addr.port().to_string(), "--message", "hello", "--buffer", "21"])
        .assert()
        .success()
        .stdout(contains("text:  第1条信息：hello"))
        .stdout(contains("still on its way after our last read"))
        .stdout(contains("text:  第2条信息：world"))
        .stdout(contains("2 replies received in 2 reads"));
    serving.join().unwrap();
}

#[test]
fn lesson4_client_is_not_held_by_a_server_that_never_closes() {
    // Article 000's server takes each read of 0 bytes for a message and answers
    // it: after the client's half-close it sends `第N条信息：` without end. The
    // client reads every reply before closing, but within --timeout in all.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let serving = thread::spawn(move || {
        let (mut conn, _) = listener.accept().unwrap();
        conn.set_read_timeout(Some(DEADLINE)).unwrap();
        conn.write_all("连接成功！".as_bytes()).unwrap();
        let (mut buf, mut count, started) = ([0; 1024], 0, Instant::now());
        while started.elapsed() < DEADLINE {
            let Ok(n) = conn.read(&mut buf) else { break };
            count += 1;
            let reply = format!("第{count}条信息：{}", String::from_utf8_lossy(&buf[..n]));
            if conn.write_all(reply.as_bytes()).is_err() {
                break; // the client has gone
            }
        }
    });
    let mut program = client("lesson4-client"); // built now: the build is not the client's time
    let started = Instant::now();
    let run = program
        .args(["--port", &addr.port().to_string(), "--message", "hello", "--timeout", "0.5"])
        .assert()
        .code(1)
        .stderr(contains("the server did not close the connection within 0.5 s of our last message"))
        .stderr(contains("article 000's server.py never does"));
    assert!(started.elapsed() < Duration::from_secs(5), "the client took {:?}", started.elapsed());
    assert!(
        stdout_of(&run).contains("text:  第2条信息："),
        "it showed the replies that came:\n{}",
        stdout_of(&run)
    );
    serving.join().unwrap();
}

// 5. The idle notice is recognised as what it is, not taken for a reply.

#[test]
fn lesson4_client_recognises_the_idle_notice() {
    let mut server = Server::start("lesson4-server", &["--serve", "1", "--idle-timeout", "0.3"]);
    let mut typing = course_tests::Killed(
        course_tests::in_english(&mut Command::new(program("lesson4-client")))
            .args(["--port", &server.port()])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    // The client is silent until the server has given up on it.
    server.wait_for("--idle-timeout");
    let mut stdin = typing.stdin.take().unwrap();
    stdin.write_all(b"hi\n").unwrap();
    drop(stdin);
    let out = wait_with_deadline(typing);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the server closed the connection, saying: idle: nothing received for 0.3 s"),
        "{stderr}"
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("reply #1"), "the notice is no reply");
    server.finish().success();
}

#[test]
fn lesson5_client_recognises_the_idle_notice() {
    let server = Server::start("lesson5-server", &["--serve", "1", "--idle-timeout", "0.2"]);
    client("lesson5-client")
        .args(["--port", &server.port(), "--think", "0.6", "--message", "hi"])
        .assert()
        .code(1)
        .stderr(contains("the server closed the connection, saying: idle: nothing received for 0.2 s"));
    server.finish().success();
}

// 6 and 7. Lesson 5's closing report: true about --think, about busy
// connections, and about whose numbers are whose.

#[test]
fn lesson5_client_report_counts_the_busy_and_knows_its_options() {
    let server = Server::start("lesson5-server", &["--max-clients", "1", "--serve", "1"]);
    let run = client("lesson5-client")
        .args(["--port", &server.port(), "--connections", "3", "--think", "0.4", "--message", "hi"])
        .assert()
        .code(1);
    let out = stdout_of(&run);
    assert!(!out.contains("every connection was greeted"), "two of three were turned away:\n{out}");
    assert!(out.contains("1 of 3 connections were greeted at once"), "{out}");
    assert!(!out.contains("try --think 0.5"), "--think was given:\n{out}");
    assert!(out.contains("each side numbers the connections it sees: match them by port"), "{out}");
    server.finish().success();
}

// 8 and 9. A person at the keyboard: the client waits for the greeting as a
// person would, and Ctrl-D at a prompt ends the line and is explained.

/// A program on a terminal of its own (`script`), as a person runs it: what it
/// prints is read as it comes, and what the test types reaches its stdin.
struct Terminal {
    child: Child,
    typed: ChildStdin,
    output: Receiver<Vec<u8>>,
    seen: String,
}

impl Terminal {
    /// Runs `name` with `args` on a terminal, or returns `None` (and says so)
    /// where `script` is missing.
    fn run(name: &str, args: &[&str], env: &[(&str, &str)]) -> Option<Terminal> {
        Terminal::shell(name, &command_line(name, args), env)
    }

    /// Runs the shell command `line` (a program of the course, `name`, with
    /// redirections) on a terminal, or returns `None` where `script` is missing.
    fn shell(name: &str, line: &str, env: &[(&str, &str)]) -> Option<Terminal> {
        if Command::new("script").arg("--version").output().is_err() {
            skip(&format!("`script` (util-linux) is missing, so no terminal can be given to {name}"));
            return None;
        }
        let mut child = Command::new("script")
            .args(["-qfec", line, "/dev/null"])
            .env("LC_ALL", course_tests::ENGLISH)
            .envs(env.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("script runs");
        let typed = child.stdin.take().unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let (sender, output) = mpsc::channel();
        thread::spawn(move || {
            let mut buf = [0; 4096];
            while let Ok(n @ 1..) = stdout.read(&mut buf) {
                if sender.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Some(Terminal { child, typed, output, seen: String::new() })
    }

    /// Waits (with a deadline) until the terminal shows `needle`.
    fn wait_for(&mut self, needle: &str) {
        let deadline = Instant::now() + DEADLINE;
        while !self.seen.contains(needle) {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.output.recv_timeout(left) {
                Ok(chunk) => self.seen.push_str(&String::from_utf8_lossy(&chunk)),
                Err(_) => panic!("the terminal never showed {needle:?}; it shows:\n{}", self.seen),
            }
        }
    }

    /// Types `keys` (a newline is Enter, \x04 is Ctrl-D).
    fn type_keys(&mut self, keys: &str) {
        self.typed.write_all(keys.as_bytes()).unwrap();
        self.typed.flush().unwrap();
    }

    /// Waits (with a deadline) for the program to end, and returns everything it showed.
    fn finish(mut self) -> String {
        let deadline = Instant::now() + DEADLINE;
        while let Ok(chunk) = self.output.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            self.seen.push_str(&String::from_utf8_lossy(&chunk));
        }
        assert!(Instant::now() < deadline, "the program did not end; it shows:\n{}", self.seen);
        std::mem::take(&mut self.seen)
    }
}

/// The shell command line that runs `name` with `args`, each argument quoted.
fn command_line(name: &str, args: &[&str]) -> String {
    std::iter::once(format!("'{}'", program(name).display()))
        .chain(args.iter().map(|arg| format!("'{arg}'")))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Drop for Terminal {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
#[cfg_attr(no_script, ignore = "`script` (util-linux) is missing: no terminal can be given to the programs")]
fn a_person_waits_for_the_greeting_of_a_busy_lesson4_server() {
    let server = Server::start("lesson4-server", &["--serve", "2"]);
    // The first client holds the server: it is greeted and says nothing.
    let mut first = TcpStream::connect(server.addr()).unwrap();
    first.set_read_timeout(Some(DEADLINE)).unwrap();
    assert!(first.read(&mut [0; 64]).unwrap() > 0, "the first client is greeted");
    let port = server.port();
    let args = ["--port", &port, "--timeout", "0.3"];
    let Some(mut person) = Terminal::run("lesson4-client", &args, &[("NO_COLOR", "1")]) else { return };
    person.wait_for("waiting on (Ctrl-C to give up)");
    drop(first); // the first client leaves: the server accepts the person's connection
    person.wait_for("message (exit to leave): ");
    person.type_keys("exit\n");
    let shown = person.finish();
    assert!(shown.contains("text:  连接成功！"), "{shown}");
    assert!(shown.contains("one client at a time"), "{shown}");
    server.finish().success();
}

#[test]
#[cfg_attr(no_script, ignore = "`script` (util-linux) is missing: no terminal can be given to the programs")]
fn ctrl_d_at_a_prompt_ends_the_line_and_is_explained() {
    let server = Server::start("lesson4-server", &["--serve", "1"]);
    let args = ["--port", &server.port()];
    let Some(mut person) = Terminal::run("lesson4-client", &args, &[("NO_COLOR", "1")]) else { return };
    person.wait_for("message (exit to leave): ");
    person.type_keys("\x04");
    let shown = person.finish();
    assert!(
        !shown.contains("message (exit to leave): [client]"),
        "the next line starts on its own:\n{shown}"
    );
    assert!(shown.contains("end of input (Ctrl-D)"), "{shown}");
    server.finish().success().stdout(contains("0 bytes from"));
}

// 10 and 11. Explanations follow the call, and show the system's own words.

#[test]
fn a_broadcast_address_is_not_blamed_on_low_ports() {
    client("lesson1-client")
        .args(["--host", "255.255.255.255", "--port", "9", "--timeout", "0.3"])
        .assert()
        .code(1)
        .stderr(contains("SO_BROADCAST"))
        .stderr(contains("below 1024").not())
        .stderr(contains("[Errno 13]"));
}

#[test]
fn a_refused_connection_shows_the_system_words_and_number() {
    let holder = Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).unwrap();
    holder.bind(&SocketAddr::from(([127, 0, 0, 1], 0)).into()).unwrap();
    let port = holder.local_addr().unwrap().as_socket().unwrap().port().to_string();
    client("lesson3-client")
        .args(["--port", &port])
        .assert()
        .code(1)
        .stderr(contains("system: Connection refused (os error 111); Python: [Errno 111]"));
}

// 12 and 13. Refused up front, with the reason; every signal named.

#[test]
fn values_that_cannot_work_are_refused_up_front() {
    let too_long = "x".repeat(65_508);
    let cases: [(&str, Vec<&str>, &str); 5] = [
        ("lesson1-server", vec!["--reply", &too_long], "at most 65507 bytes"),
        ("lesson2-client", vec!["--message", &too_long], "at most 65507 bytes"),
        ("lesson3-client", vec!["--message", ""], "puts nothing on the wire"),
        ("lesson4-server", vec!["--port", "-1"], "'-1' is not a port"),
        ("lesson1-client", vec!["--timeout", "1e-10"], "rounds to 0"),
    ];
    for (name, args, reason) in cases {
        client(name).args(&args).assert().code(2).stderr(contains(reason));
    }
}

#[test]
fn a_datagram_too_long_for_udp_is_explained_as_such() {
    // From standard input nothing checks the length first: sendto refuses it.
    let silent = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port().to_string();
    client("lesson2-client")
        .args(["--port", &port, "--timeout", "0.3"])
        .write_stdin(format!("{}\n", "x".repeat(70_000)))
        .assert()
        .code(1)
        .stderr(contains("65,507 bytes"))
        .stderr(contains("check --host").not());
}

#[test]
fn sighup_is_named_in_the_summary() {
    let server = Server::start("lesson2-server", &[]);
    server.signal("HUP").success().stdout(contains("stopped by a signal (Ctrl-C, SIGTERM or SIGHUP)"));
}

#[test]
#[cfg_attr(no_script, ignore = "`script` (util-linux) is missing: no terminal can be given to the programs")]
fn a_dumb_terminal_gets_no_colour() {
    let with = |term: &str| {
        let server = Server::start("lesson1-server", &[]);
        let args = ["--port", &server.port()];
        let person = Terminal::run("lesson1-client", &args, &[("TERM", term), ("NO_COLOR", "")])?;
        let shown = person.finish();
        server.finish().success();
        Some(shown.contains('\x1b'))
    };
    let (Some(xterm), Some(dumb)) = (with("xterm"), with("dumb")) else { return };
    assert!(xterm, "a terminal gets colour (this case checks the check)");
    assert!(!dumb, "TERM=dumb means no escape sequences");
}

#[test]
#[cfg_attr(no_script, ignore = "`script` (util-linux) is missing: no terminal can be given to the programs")]
fn no_color_turns_colour_off_on_a_terminal() {
    // Colour on a terminal, unless NO_COLOR is set: both streams, output and errors.
    let with = |no_color: &str| {
        let server = Server::start("lesson1-server", &[]);
        let args = ["--port", &server.port()];
        let env = [("TERM", "xterm"), ("NO_COLOR", no_color)];
        let shown = Terminal::run("lesson1-client", &args, &env)?.finish();
        server.finish().success();
        let refused = Terminal::run("lesson3-client", &["--port", &unused_tcp_port().1], &env)?.finish();
        assert!(refused.contains("connection refused"), "the error is shown:\n{refused}");
        Some((shown, refused))
    };
    let (Some(plain), Some(coloured)) = (with("1"), with("")) else { return };
    assert!(
        coloured.0.contains('\x1b') && coloured.1.contains('\x1b'),
        "a terminal without NO_COLOR gets colour (this case checks the check):\n{coloured:?}"
    );
    assert!(
        !plain.0.contains('\x1b'),
        "NO_COLOR=1 on a terminal: no escape sequence in the output:\n{:?}",
        plain.0
    );
    assert!(
        !plain.1.contains('\x1b'),
        "NO_COLOR=1 on a terminal: no escape sequence in the error:\n{:?}",
        plain.1
    );
}

#[test]
#[cfg_attr(no_script, ignore = "`script` (util-linux) is missing: no terminal can be given to the programs")]
fn the_tour_colours_a_terminal_unless_no_color() {
    let with = |no_color: &str| {
        let env = [("TERM", "xterm"), ("NO_COLOR", no_color)];
        Some(Terminal::run("tour", &["1"], &env)?.finish())
    };
    let (Some(plain), Some(coloured)) = (with("1"), with("")) else { return };
    assert!(
        coloured.contains("\x1b[1;36m[server]"),
        "the tour on a terminal colours the tags:\n{coloured:?}"
    );
    assert!(plain.contains("bytes: b'I love jingjing'"), "the lesson ran:\n{plain}");
    assert!(
        !plain.contains('\x1b'),
        "NO_COLOR=1 on a terminal: the tour shows no escape sequence:\n{plain:?}"
    );
}

#[test]
#[cfg_attr(no_script, ignore = "`script` (util-linux) is missing: no terminal can be given to the programs")]
fn the_error_is_coloured_when_stderr_is_a_terminal_whatever_stdout_is() {
    let (_holder, port) = unused_tcp_port();
    let env = [("TERM", "xterm"), ("NO_COLOR", "")];
    let client = command_line("lesson3-client", &["--port", &port]);

    // stdout into a file, stderr on the terminal: the terminal shows the error alone, coloured.
    let Some(terminal) = Terminal::shell("lesson3-client", &format!("{client} >/dev/null"), &env) else {
        return;
    };
    let shown = terminal.finish();
    assert!(shown.contains("connection refused"), "the terminal shows the error:\n{shown}");
    assert!(
        shown.contains("\x1b[1;31merror:"),
        "stderr is a terminal (stdout is not): its error: is red:\n{shown:?}"
    );

    // stdout on the terminal, stderr into a file: the file gets no escape sequence.
    let file = std::env::temp_dir().join(format!("course-stderr-{}", std::process::id()));
    let line = format!("{client} 2>'{}'", file.display());
    let Some(terminal) = Terminal::shell("lesson3-client", &line, &env) else { return };
    let shown = terminal.finish();
    let errors = std::fs::read_to_string(&file).unwrap_or_default();
    let _ = std::fs::remove_file(&file);
    assert!(
        shown.contains('\x1b'),
        "stdout is a terminal: coloured (this case checks the check):\n{shown:?}"
    );
    assert!(
        !errors.contains('\x1b'),
        "stderr is a file (stdout is a terminal): no escape sequence in it:\n{errors:?}"
    );
    assert!(errors.contains("error: connection refused"), "the error went to the file:\n{errors}");
}

/// A TCP port on 127.0.0.1 with nothing listening (bound, so nobody else
/// takes it while the socket lives), and the port as an argument.
fn unused_tcp_port() -> (Socket, String) {
    let holder = Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).unwrap();
    holder.bind(&SocketAddr::from(([127, 0, 0, 1], 0)).into()).unwrap();
    let port = holder.local_addr().unwrap().as_socket().unwrap().port().to_string();
    (holder, port)
}

#[test]
fn a_handshake_nobody_answers_is_explained_by_the_listen_queue() {
    // A listener that never accepts, with the smallest queue: once the queue
    // is full, Linux drops every new SYN, and a connect waits in vain.
    let listener = Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).unwrap();
    listener.bind(&SocketAddr::from(([127, 0, 0, 1], 0)).into()).unwrap();
    listener.listen(0).unwrap();
    let addr = listener.local_addr().unwrap().as_socket().unwrap();
    let mut queued = Vec::new();
    let full = (0..16).any(|_| match TcpStream::connect_timeout(&addr, Duration::from_millis(300)) {
        Ok(stream) => {
            queued.push(stream);
            false
        }
        Err(_) => true, // this handshake went unanswered: the queue is full
    });
    if !full {
        return skip("this system answered 16 handshakes on a listen(0) queue nobody accepts from");
    }
    client("lesson3-client")
        .args(["--port", &addr.port().to_string(), "--timeout", "0.5"])
        .assert()
        .code(1)
        .stderr(contains(format!("no answer from {addr} within 0.5 s: the handshake did not complete")))
        .stderr(contains("listen queue is full"));
}

// 14. A failed read shows its real cause, and nothing before it claims a timeout.

#[test]
fn lesson5_client_shows_a_reset_as_a_reset() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let resetting = thread::spawn(move || {
        let (conn, _) = listener.accept().unwrap();
        Socket::from(conn).set_linger(Some(Duration::ZERO)).unwrap(); // dropped: RST
    });
    client("lesson5-client")
        .args(["--port", &port, "--message", "hi"])
        .assert()
        .code(1)
        .stdout(contains("no greeting within").not())
        .stderr(contains("connection reset"));
    resetting.join().unwrap();
}

/// Waits for a child with a deadline (it is killed when the deadline passes,
/// or when the test fails), and returns what it printed.
fn wait_with_deadline(mut child: course_tests::Killed) -> std::process::Output {
    let ended = course_tests::poll_until(DEADLINE, || child.try_wait().is_ok_and(|status| status.is_some()));
    assert!(ended, "the program did not end within {DEADLINE:?}");
    let status = child.wait().unwrap();
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    if let Some(mut out) = child.stdout.take() {
        out.read_to_end(&mut stdout).unwrap();
    }
    if let Some(mut err) = child.stderr.take() {
        err.read_to_end(&mut stderr).unwrap();
    }
    std::process::Output { status, stdout, stderr }
}

/// The listen queue's length as the kernel holds it: for a listening socket,
/// `ss` shows it as the Send-Q column (the backlog passed to listen, capped
/// at net.core.somaxconn).
fn kernel_backlog(port: &str) -> Option<u32> {
    let out = Command::new("ss").args(["-ltnH", &format!("sport = :{port}")]).output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines().next()?.split_whitespace().nth(2)?.parse().ok()
}

#[test]
#[cfg_attr(no_ss, ignore = "ss (iproute2) is missing: a listener's queue cannot be read from the kernel")]
fn the_backlog_each_server_prints_is_the_one_its_listener_has() {
    for name in [
        "lesson3-server",
        "lesson4-server",
        "lesson5-server",
        "lesson6-server",
        "lesson7-server",
        "lesson8-server",
    ] {
        let server = Server::start(name, &[]);
        let held = kernel_backlog(&server.port()).unwrap_or_else(|| panic!("{name}: ss shows no listener"));
        let out = stdout_of(&server.stop());
        let printed: u32 = out
            .split("backlog ")
            .nth(1)
            .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok())
            .unwrap_or_else(|| panic!("{name}: no number after `backlog` in its output:\n{out}"));
        assert_eq!(
            held, printed,
            "{name} prints backlog {printed}, and its listener holds a queue of {held}"
        );
    }
}
