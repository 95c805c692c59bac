//! What a hostile system does to the lessons, and what a learner should see
//! then: no thread to be had (lesson 5, issue 24), a signal to a server that
//! serves once while it waits (lessons 1 and 3), a client that connects and
//! says nothing to lesson 3's server.
//!
//! "No thread" is made by capping the address space (RLIMIT_AS, `ulimit -v`):
//! a thread needs its stack mapped (2 MiB, std's default), so a process
//! allowed only about a megabyte more than it holds can start no thread, and
//! one allowed a thread and a megabyte more can start exactly one. The cap is
//! measured, not guessed: the program's own size (`VmSize`) is read first.
//! glibc is told to keep one malloc arena (`MALLOC_ARENA_MAX=1`), so that a new
//! thread's first allocation does not reserve an arena of its own.
//!
//! Run alone: `cargo test -p course-tests --test lessons hostile`

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Command, Stdio};

use course_tests::{
    Client, DEADLINE, ENGLISH, Killed, Server, client, in_english, poll_until, proc_status, program, skip,
    stdout_of,
};
use predicates::str::contains;

/// What one more thread costs in address space, in KiB, with room to spare:
/// its stack (2 MiB), its guard page and its signal stack (std's, some KiB).
const ONE_THREAD_KB: u64 = 2048 + 64;

/// Room left beyond the threads a program is allowed, in KiB: enough for what
/// it allocates as it runs, too little for another thread's stack.
const HEADROOM_KB: u64 = 1024;

/// The line the lesson 5 server sends a client it has no thread for.
const NO_THREAD_LINE: &str = "busy: no thread could be started for this connection; try again later\n";

/// The environment the measured programs run in: one malloc arena, std's
/// default thread stack.
fn measured(command: &mut Command) -> &mut Command {
    in_english(command).env("MALLOC_ARENA_MAX", "1").env_remove("RUST_MIN_STACK")
}

/// The size of process `pid`'s address space in KiB, or why it cannot be read
/// or capped here.
fn address_space(pid: u32) -> Result<u64, &'static str> {
    if !cfg!(target_os = "linux") {
        return Err("capping a process's address space to make thread creation fail needs Linux");
    }
    proc_status(pid, "VmSize")
        .ok_or("no VmSize in /proc/PID/status here: the address space cannot be measured")
}

/// Caps the address space of the running process `pid` at `kb` KiB (the soft
/// limit only: a test may raise it again). `Err` says why it cannot be done.
fn cap_address_space(pid: u32, kb: u64) -> Result<(), &'static str> {
    let set =
        Command::new("prlimit").args(["--pid", &pid.to_string(), &format!("--as={}:", kb * 1024)]).status();
    match set {
        Ok(status) if status.success() => Ok(()),
        Ok(_) => Err("prlimit could not lower the server's address-space limit (RLIMIT_AS)"),
        Err(_) => Err("needs prlimit (util-linux) to cap a running server's address space"),
    }
}

/// Starts the lesson 5 server with `args`, measured, and caps it so that it
/// can start `threads` more threads and no more. `None` (after saying why)
/// where that cannot be done.
fn lesson5_server_with_room_for(threads: u64, args: &[&str]) -> Option<Server> {
    let mut command = Command::new(program("lesson5-server"));
    measured(command.args(["--port", "0"]).args(args));
    let server = Server::spawn(command);
    let capped = address_space(server.pid())
        .and_then(|size| cap_address_space(server.pid(), size + threads * ONE_THREAD_KB + HEADROOM_KB));
    match capped {
        Ok(()) => Some(server),
        Err(why) => {
            skip(why);
            None
        }
    }
}

/// Connects to `server` and reads until it closes, or to the deadline.
fn everything_said_to_a_new_client(server: SocketAddr) -> String {
    let mut stream = TcpStream::connect(server).unwrap();
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    let mut heard = Vec::new();
    stream.read_to_end(&mut heard).expect("the server closes within the deadline");
    String::from_utf8_lossy(&heard).into_owned()
}

/// Connects to `server` and reads the greeting.
fn greeted(server: SocketAddr) -> TcpStream {
    let mut stream = TcpStream::connect(server).unwrap();
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    let mut greeting = [0; 128];
    let n = course_tests::read_retrying(&mut stream, &mut greeting).expect("a greeting within the deadline");
    assert_eq!(String::from_utf8_lossy(&greeting[..n]), "Hello World!", "served by a thread of its own");
    stream
}

/// Says `exit` and reads until the server has closed.
fn leave(mut stream: TcpStream) {
    stream.write_all(b"exit").unwrap();
    stream.read_to_end(&mut Vec::new()).expect("the server closes within the deadline");
}

// ---- Lesson 5: no thread to be had ---------------------------------------------

#[test]
#[cfg_attr(
    no_prlimit,
    ignore = "prlimit (util-linux) is missing, or this is not Linux: a running server's limits cannot be lowered"
)]
fn lesson5_server_without_a_thread_tells_the_client_counts_it_apart_and_serves_on() {
    let Some(mut server) = lesson5_server_with_room_for(1, &[]) else { return };
    let pid = server.pid();
    let idle_threads = proc_status(pid, "Threads");

    // The first client gets the one thread there is room for, and keeps it.
    let first = greeted(server.addr());
    // The next ones are told, in a line of their own, and closed.
    assert_eq!(everything_said_to_a_new_client(server.addr()), NO_THREAD_LINE);
    let said = server.wait_for("could not start a thread for 127.0.0.1:");
    assert!(said.contains("told it so (a busy: line) and closed the connection"), "{said}");
    // The lesson's client says why it was not served, and fails.
    client("lesson5-client")
        .args(["--port", &server.port(), "--message", "hi"])
        .assert()
        .code(1)
        .stdout(contains(NO_THREAD_LINE.trim_end()))
        .stderr(contains("error: the server could not start a thread for this connection, and closed it"));

    // The first client leaves; once its thread has ended, its stack serves the
    // next client, under the same cap.
    leave(first);
    if let Some(idle) = idle_threads {
        let back = poll_until(DEADLINE, || proc_status(pid, "Threads") == Some(idle));
        assert!(back, "the first client's thread did not end: {:?} threads", proc_status(pid, "Threads"));
    }
    leave(greeted(server.addr()));
    server.signal("INT").success().stdout(contains(
        "stopped by a signal (Ctrl-C, SIGTERM or SIGHUP): clients: 2, turned away: 0, idle closed: 0, no thread: 2",
    ));
}

#[test]
#[cfg_attr(
    no_prlimit,
    ignore = "prlimit (util-linux) is missing, or this is not Linux: a running server's limits cannot be lowered"
)]
fn lesson5_server_without_a_thread_still_stops_on_sigint_and_sigterm() {
    // No thread to be had at signal time: the handler must not need one.
    for signal in ["INT", "TERM"] {
        let Some(server) = lesson5_server_with_room_for(0, &[]) else { return };
        assert_eq!(everything_said_to_a_new_client(server.addr()), NO_THREAD_LINE, "SIG{signal}");
        server.signal(signal).success().stdout(contains(
            "stopped by a signal (Ctrl-C, SIGTERM or SIGHUP): clients: 0, turned away: 0, idle closed: 0, no thread: 1",
        ));
    }
}

#[test]
#[cfg_attr(
    no_prlimit,
    ignore = "prlimit (util-linux) is missing, or this is not Linux: a running server's limits cannot be lowered"
)]
fn lesson5_client_without_threads_reports_the_connections_it_could_not_open() {
    if let Err(why) = address_space(std::process::id()) {
        return skip(why);
    }
    let server = Server::start("lesson5-server", &[]);
    // The client's size before it starts a thread: one connection is held in
    // its main thread, waiting (up to 10 s) for a greeting that a listener of
    // this test withholds.
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    silent.set_nonblocking(true).unwrap();
    let mut waiting = Killed(
        measured(&mut Command::new(program("lesson5-client")))
            .args(["--port", &silent.local_addr().unwrap().port().to_string(), "--timeout", "10"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let mut held = None;
    assert!(
        poll_until(DEADLINE, || {
            held = silent.accept().ok();
            held.is_some()
        }),
        "the measured client connects"
    );
    let size = proc_status(waiting.id(), "VmSize").expect("the client's VmSize");
    let _ = waiting.kill();
    drop(held);

    // Room for two threads: the first two connections are opened and served
    // (each thinks half a second, so both still run when the others are
    // tried), the last three never.
    let cap = size + 2 * ONE_THREAD_KB + HEADROOM_KB;
    let done = Client::new("sh", "lesson5-client under ulimit -v")
        .args(["-c", r#"ulimit -v "$1" || exit 99; shift; exec "$@""#, "sh", &cap.to_string()])
        .arg(program("lesson5-client"))
        .args(["--port", &server.port(), "--connections", "5", "--think", "0.5"])
        .args(["--message", "hi", "--message", "exit"])
        .env("LC_ALL", ENGLISH)
        .env("MALLOC_ARENA_MAX", "1")
        .env_remove("RUST_MIN_STACK")
        .assert();
    if done.get_output().status.code() == Some(99) {
        return skip("the shell here cannot lower its address-space limit (ulimit -v)");
    }
    let out = stdout_of(&done);
    let done = done.code(1).stderr(contains(
        "error: 3 of 5 connections were never opened: the system would start no thread for them\n",
    ));
    assert_eq!(
        out.matches("could not start a thread for this connection: ").count(),
        3,
        "each connection not opened is said:\n{out}"
    );
    for number in [1, 2] {
        assert!(
            out.contains(&format!("connection #{number}: greeted after ")),
            "#{number} was served:\n{out}"
        );
    }
    for number in [3, 4, 5] {
        assert!(
            out.contains(&format!("[client #{number}]                could not start a thread")),
            "{out}"
        );
        // The closing report: never opened, not "failed (see above)": there
        // is no error above for a connection that never went out.
        assert!(
            out.contains(&format!("[client]                connection #{number}: not opened\n")),
            "the report says #{number} was not opened:\n{out}"
        );
    }
    assert!(!out.contains("failed (see above)"), "no connection failed:\n{out}");
    drop(done);
    server.signal("TERM").success().stdout(contains("clients: 2, turned away: 0"));
}

// ---- Lessons 1 and 3: a signal while the server waits ----------------------------

#[test]
fn lesson1_server_stopped_while_waiting_says_for_what_and_exits_130() {
    Server::start("lesson1-server", &[]).signal("INT").code(130).stdout(contains(
        "stopped by a signal (Ctrl-C, SIGTERM or SIGHUP) while waiting in recvfrom for one datagram: none came, so none was answered",
    ));
    // In Chinese too.
    let mut chinese = Command::new(program("lesson1-server"));
    chinese.args(["--port", "0", "--lang", "zh"]);
    Server::spawn(chinese).signal("TERM").code(130).stdout(contains(
        "被信号停止（Ctrl-C、SIGTERM 或 SIGHUP），当时正在 recvfrom 中等待一个数据报：一个也没有来，也就没有回复",
    ));
}

#[test]
fn lesson3_server_stopped_while_waiting_says_for_what_and_exits_130() {
    // In accept: nobody has connected.
    Server::start("lesson3-server", &[]).signal("INT").code(130).stdout(contains(
        "stopped by a signal (Ctrl-C, SIGTERM or SIGHUP) while waiting in accept for a client: none connected",
    ));
    // In recv: a client connected and says nothing.
    let mut server = Server::start("lesson3-server", &[]);
    let silent = TcpStream::connect(server.addr()).unwrap();
    let local = silent.local_addr().unwrap();
    server.wait_for("5 accept");
    server.signal("INT").code(130).stdout(contains(format!(
        "stopped by a signal (Ctrl-C, SIGTERM or SIGHUP) while waiting in recv for the message of {local}: it connected and has sent nothing"
    )));
}

// ---- Lesson 3: a client that says nothing ------------------------------------------

#[test]
fn lesson3_server_with_idle_timeout_gives_up_on_a_silent_client_and_says_so() {
    let server = Server::start("lesson3-server", &["--idle-timeout", "0.2"]);
    let mut silent = TcpStream::connect(server.addr()).unwrap();
    let local = silent.local_addr().unwrap();
    silent.set_read_timeout(Some(DEADLINE)).unwrap();
    let mut heard = Vec::new();
    silent.read_to_end(&mut heard).expect("the server closes within the deadline");
    assert_eq!(
        String::from_utf8_lossy(&heard),
        "idle: nothing received for 0.2 s (--idle-timeout); closing the connection\n",
        "the client is told why"
    );
    server
        .finish()
        .code(1)
        .stdout(contains(
            "told the client b'idle: nothing received for 0.2 s (--idle-timeout); closing the connection', and closing",
        ))
        .stdout(contains("8 close        closing the connection and the listening socket: no message, no reply"))
        .stderr(contains(format!("error: {local} connected but sent nothing within 0.2 s (--idle-timeout)")));
}
