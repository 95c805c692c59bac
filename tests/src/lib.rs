//! The harness the end-to-end tests share: it runs the lesson programs the way a
//! learner does, and cleans up after itself.
//!
//! - [`program`] builds every lesson binary and every bare twin once per test
//!   run (through `course-runner`, which the tour and the benchmark use too)
//!   and returns the path of one. `assert_cmd`'s `cargo_bin` cannot do this:
//!   after a plain `cargo test` it only sees the binaries of the package under test.
//! - [`Server::start`] starts a server on `--port 0`, waits (with a deadline) for
//!   its `bound to` / `listening on` line and reads the real address from it.
//! - [`client`] gives a client to run as an `assert_cmd` command, with a
//!   deadline; its `assert()` fails the test if the client panicked.
//!
//! Every child is killed when its handle drops, so a failing test leaves no
//! process behind, and nothing here waits without a deadline.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, UdpSocket};
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::OnceLock;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use assert_cmd::assert::{Assert, OutputAssertExt};
// What a learner's failing exercise test shows (a server that never printed
// its ready line, a panic) follows the learner's language, as the exercises'
// own messages do.
use course_check::{Shown, say};
pub use private_wire::{address_in, capture, on_a_private_wire, packets};

mod private_wire;
pub use course_runner::{address_after, course_file, ready_address};

/// How long a server may take to print its ready line.
pub const READY: Duration = Duration::from_secs(10);
/// How long any one program may run in a test before it is killed as hung.
pub const DEADLINE: Duration = Duration::from_secs(15);

/// The path of a lesson program (`lesson1-server`, ...) or of a bare twin
/// (the example `lesson1-server-bare`, ...), built on first use.
pub fn program(name: &str) -> PathBuf {
    course_runner::program(name).unwrap_or_else(|err| panic!("{err}"))
}

/// A client program, to run as an `assert_cmd` command, killed if it outlives
/// [`DEADLINE`]. Its [`Client::assert`] fails the test if the program panicked.
pub fn client(name: &str) -> Client {
    let mut client = Client::new(program(name), name);
    client.env("LC_ALL", ENGLISH);
    client
}

/// A locale that is not Chinese: the lesson programs pick their language
/// from the environment (`LANG=zh_CN.UTF-8` gets Chinese), and the tests
/// check the English text unless they ask for `--lang zh`. Every program a
/// test starts gets it as `LC_ALL` (which outranks `LC_MESSAGES` and `LANG`),
/// so the suite passes in any locale; start programs through [`client`],
/// [`Server`] or [`in_english`].
pub const ENGLISH: &str = "C.UTF-8";

/// `command` (a lesson program, or a shell or `script` that runs one) set to
/// speak English whatever the locale the tests run in.
pub fn in_english(command: &mut Command) -> &mut Command {
    command.env("LC_ALL", ENGLISH)
}
/// A client program about to run: `assert_cmd`'s command, with the few
/// builders the tests use, whose [`Client::assert`] fails the test when the
/// program panicked (a panic in a client thread may not change its exit code,
/// and no test has to remember to look at stderr for it).
pub struct Client {
    command: assert_cmd::Command,
    name: String,
}

impl Client {
    /// `program` (its path), shown in failures as `name`, with the [`DEADLINE`].
    pub fn new(program: impl AsRef<std::ffi::OsStr>, name: &str) -> Client {
        let mut command = assert_cmd::Command::new(program);
        command.timeout(DEADLINE);
        Client { command, name: name.to_owned() }
    }

    /// Adds one argument.
    pub fn arg(&mut self, arg: impl AsRef<std::ffi::OsStr>) -> &mut Self {
        self.command.arg(arg);
        self
    }

    /// Adds arguments.
    pub fn args<I, S>(&mut self, args: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.command.args(args);
        self
    }

    /// Sets an environment variable for the program.
    pub fn env(&mut self, key: impl AsRef<std::ffi::OsStr>, value: impl AsRef<std::ffi::OsStr>) -> &mut Self {
        self.command.env(key, value);
        self
    }

    /// Removes an environment variable for the program (`LC_ALL`, say, which
    /// [`client`] sets, to let the test's own locale variables speak).
    pub fn env_remove(&mut self, key: impl AsRef<std::ffi::OsStr>) -> &mut Self {
        self.command.env_remove(key);
        self
    }

    /// What the program reads on standard input (which then ends).
    pub fn write_stdin(&mut self, input: impl Into<Vec<u8>>) -> &mut Self {
        self.command.write_stdin(input);
        self
    }

    /// Kills the program if it runs longer than `limit` (instead of [`DEADLINE`]).
    pub fn timeout(&mut self, limit: Duration) -> &mut Self {
        self.command.timeout(limit);
        self
    }

    /// Runs the program to its end and returns what it did, for `assert_cmd`'s
    /// checks; fails the test at once if the program panicked.
    #[track_caller]
    pub fn assert(&mut self) -> Assert {
        let assert = self.command.assert();
        let output = assert.get_output();
        let stderr = String::from_utf8_lossy(&output.stderr);
        let (name, ended) = (&self.name, ended_after_a_panic(output.status));
        let gap = space_after(name);
        let (stderr_shown, stdout) =
            (shown_output(&stderr), shown_output(&String::from_utf8_lossy(&output.stdout)));
        assert!(
            !stderr.contains("panicked at"),
            "{}",
            say!(
                "{name} panicked ({ended}): a program of the course explains an error and exits with code 1, \
                 it never panics. Its stderr says where (a todo!() still in place?):\n{stderr_shown}\n\
                 its stdout:\n{stdout}",
                "{name}{gap}panic 了（{ended}）：课程的程序遇到错误时要解释清楚，以退出码 1 结束，从不 panic。\
                 它的 stderr 说明了是在哪里（是不是还留着 todo!()？）：\n{stderr_shown}\n它的 stdout：\n{stdout}"
            )
        );
        assert
    }
}

/// A running server, with its output read as it comes.
pub struct Server {
    /// The server in failure messages, in the learner's language: "the
    /// server", or "your server (src/udp_server.rs)".
    who: String,
    child: Child,
    lines: Receiver<String>,
    seen: Vec<String>,
    stderr: Option<JoinHandle<String>>,
    addr: SocketAddr,
    /// How long `finish` waits for the server to exit by itself.
    exits_within: Duration,
}

/// How long a learner's server may take to exit once its work is done: a
/// once-server exits milliseconds after its reply, so 5 s is plenty even on a
/// busy machine, and a server that never exits is reported sooner.
pub const LEARNERS_EXIT: Duration = Duration::from_secs(5);

impl Server {
    /// Starts `name` with `--port 0` and `args`, and waits for its ready line.
    #[track_caller]
    pub fn start(name: &str, args: &[&str]) -> Server {
        let mut command = Command::new(program(name));
        command.args(["--port", "0"]).args(args);
        Server::spawn(command)
    }

    /// Starts any server program (a Python one, say) that prints a ready line
    /// with `bound to ADDR` or `listening on ADDR`, and waits for that line.
    /// It runs in the [`ENGLISH`] locale unless `command` sets `LC_ALL` itself.
    #[track_caller]
    pub fn spawn(command: Command) -> Server {
        Server::launch(command, None, say!("the server", "服务器"))
    }

    /// Like [`Server::spawn`], with `input` on the server's standard input,
    /// which then ends: for a server that reads what to answer (Python's `input()`).
    #[track_caller]
    pub fn spawn_with_input(command: Command, input: &str) -> Server {
        Server::launch(command, Some(input.to_owned()), say!("the server", "服务器"))
    }

    #[track_caller]
    fn launch(mut command: Command, input: Option<String>, who: String) -> Server {
        if !command.get_envs().any(|(name, _)| name == "LC_ALL") {
            command.env("LC_ALL", ENGLISH);
        }
        let mut child = command
            .stdin(if input.is_some() { Stdio::piped() } else { Stdio::null() })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|err| panic!("cannot start {command:?}: {err}"));
        if let Some(input) = input {
            let mut stdin = child.stdin.take().expect("stdin is piped");
            // Written from a thread of its own, so a full pipe cannot block the test;
            // dropping the pipe afterwards is the end of input.
            thread::spawn(move || {
                let _ = stdin.write_all(input.as_bytes());
            });
        }
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut stderr = child.stderr.take().expect("stderr is piped");
        let (sender, lines) = mpsc::channel();
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        let stderr = thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            text
        });
        let mut server = Server {
            who,
            child,
            lines,
            seen: Vec::new(),
            stderr: Some(stderr),
            addr: SocketAddr::from(([0, 0, 0, 0], 0)),
            exits_within: DEADLINE,
        };
        let ready_line = say!("its ready line", "就绪行");
        let wanted = say!(
            " The test waits for a line with `bound to ADDR` or `listening on ADDR` in it, ADDR being the address \
             the server bound (such as 127.0.0.1:40321).",
            "测试等的是含有 `bound to ADDR` 或 `listening on ADDR` 的一行，ADDR 是服务器绑定的地址\
             （比如 127.0.0.1:40321）。"
        );
        let ready = server.wait_until(&ready_line, &wanted, READY, |line| {
            course_runner::READY_MARKERS.iter().any(|marker| line.contains(marker))
        });
        let Some(addr) = address_after(&ready) else {
            let who = &server.who;
            panic!(
                "{}",
                say!(
                    "{who} printed a ready line with no address in it: {ready:?}. After `bound to` or \
                     `listening on` comes the address the socket really bound, such as 127.0.0.1:40321 \
                     (with port 0, only the socket knows its port)",
                    "{who}打印的就绪行里没有地址：{ready:?}。`bound to` 或 `listening on` 后面要跟着套接字\
                     真正绑定的地址，比如 127.0.0.1:40321（端口是 0 时，只有套接字知道自己的端口）"
                )
            )
        };
        server.addr = addr;
        server
    }

    /// The address the server really bound (the system chose the port).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The bound port as an argument for a client's `--port`.
    pub fn port(&self) -> String {
        self.addr.port().to_string()
    }

    /// Waits until the server prints a line containing `needle`, and returns it.
    /// A substring: a needle that starts with a number also matches a longer
    /// number ("0 clients" is in "10 clients"); use [`Server::wait_for_line`] then.
    #[track_caller]
    pub fn wait_for(&mut self, needle: &str) -> String {
        let what = say!("a line with `{needle}` in it", "含有 `{needle}` 的一行");
        self.wait_until(&what, "", DEADLINE, |line| line.contains(needle))
    }

    /// Waits until the server prints a line that `pattern` (a regular
    /// expression) matches, and returns it: `\b0 clients being served now$`
    /// waits for 0, where a substring would take "10 clients" for it.
    #[track_caller]
    pub fn wait_for_line(&mut self, pattern: &str) -> String {
        let regex = regex::Regex::new(pattern).unwrap_or_else(|err| panic!("bad pattern {pattern:?}: {err}"));
        let what = say!("a line matching /{pattern}/", "匹配 /{pattern}/ 的一行");
        self.wait_until(&what, "", DEADLINE, |line| regex.is_match(line))
    }

    /// Waits until the server prints a line that `matches`; `what` (in the
    /// learner's language) names that line in the failure, and `wanted`, a
    /// sentence or nothing, says more about it.
    #[track_caller]
    fn wait_until(
        &mut self,
        what: &str,
        wanted: &str,
        limit: Duration,
        matches: impl Fn(&str) -> bool,
    ) -> String {
        let deadline = Instant::now() + limit;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if matches(&line) {
                        return line;
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    let (who, seconds) = (&self.who, limit.as_secs_f64());
                    let seen = shown_output(&self.seen.join("\n"));
                    panic!(
                        "{}",
                        say!(
                            "{who} did not print {what} within {seconds} s.{wanted}\nits stdout so far:\n{seen}",
                            "{who}在 {seconds} 秒内没有打印{what}。{wanted}\n到目前为止它的 stdout：\n{seen}"
                        )
                    )
                }
                Err(RecvTimeoutError::Disconnected) => {
                    let status = self.child.wait().ok();
                    let ended = status.map_or_else(|| "?".to_owned(), course_check::ended);
                    let where_it_panicked = if status.and_then(|status| status.code()) == Some(101) {
                        say!(
                            " Its stderr, below, says where it panicked (a todo!() still in place?).",
                            "它的 stderr（见下）说明了它在哪里 panic（是不是还留着 todo!()？）。"
                        )
                    } else {
                        String::new()
                    };
                    let stderr = self.stderr.take().and_then(|h| h.join().ok()).unwrap_or_default();
                    let (who, seen, stderr) =
                        (&self.who, shown_output(&self.seen.join("\n")), shown_output(&stderr));
                    panic!(
                        "{}",
                        say!(
                            "{who} ended ({ended}) before printing {what}.{wanted}{where_it_panicked}\n\
                             its stdout:\n{seen}\nits stderr:\n{stderr}",
                            "{who}还没有打印{what}就结束了（{ended}）。{wanted}{where_it_panicked}\n\
                             它的 stdout：\n{seen}\n它的 stderr：\n{stderr}"
                        )
                    )
                }
            }
        }
    }

    /// Waits (with a deadline) for the server to exit by itself, and returns
    /// everything it printed, for `assert_cmd`'s checks.
    #[track_caller]
    pub fn finish(mut self) -> Assert {
        // The server's stdout closes when it exits: read to that end, or to the deadline.
        let deadline = Instant::now() + self.exits_within;
        loop {
            match self.lines.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                Ok(line) => self.seen.push(line),
                Err(RecvTimeoutError::Disconnected) => break,
                Err(RecvTimeoutError::Timeout) => {
                    let _ = self.child.kill();
                    let (who, seconds) = (&self.who, self.exits_within.as_secs());
                    let seen = shown_output(&self.seen.join("\n"));
                    panic!(
                        "{}",
                        say!(
                            "{who} did not exit within {seconds} s, and was stopped; its stdout so far:\n{seen}",
                            "{who}没有在 {seconds} 秒内退出，被强行结束了；到目前为止它的 stdout：\n{seen}"
                        )
                    );
                }
            }
        }
        let status = self.child.wait().expect("the server can be waited for");
        self.output(status).assert()
    }

    /// Stops the server (as Ctrl-C would end it) and returns what it printed.
    #[track_caller]
    pub fn stop(mut self) -> Assert {
        let _ = self.child.kill();
        let status = self.child.wait().expect("a killed server can be waited for");
        self.output(status).assert()
    }

    /// The server's process id, to look it up in /proc or signal it.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends a signal (`"INT"` as Ctrl-C does, `"TERM"` as `kill` does) and
    /// returns what the server printed once it has exited.
    #[track_caller]
    pub fn signal(self, signal: &str) -> Assert {
        let sent = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(self.pid().to_string())
            .status()
            .expect("the kill command runs");
        assert!(sent.success(), "kill -{signal} failed");
        self.finish()
    }

    #[track_caller]
    fn output(&mut self, status: ExitStatus) -> Output {
        // The child has exited: its pipes close, so these reads end.
        let deadline = Instant::now() + READY;
        while let Ok(line) = self.lines.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            self.seen.push(line);
        }
        let stderr = self.stderr.take().and_then(|h| h.join().ok()).unwrap_or_default();
        let mut stdout = self.seen.join("\n");
        stdout.push('\n');
        // A panic goes to stderr: no test has to remember to look there.
        if stderr.contains("panicked at") {
            let (who, ended) = (&self.who, ended_after_a_panic(status));
            let gap = space_after(who);
            let (stderr, stdout) = (shown_output(&stderr), shown_output(&stdout));
            panic!(
                "{}",
                say!(
                    "{who} panicked ({ended}): a program of the course explains an error, it never panics. Its \
                     stderr says where:\n{stderr}\nits stdout:\n{stdout}",
                    "{who}{gap}panic 了（{ended}）：课程的程序遇到错误时要解释清楚，从不 panic。它的 stderr \
                     说明了是在哪里：\n{stderr}\n它的 stdout：\n{stdout}"
                )
            );
        }
        Output { status, stdout: stdout.into_bytes(), stderr: stderr.into_bytes() }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A child process that is killed when it goes out of scope, pass or fail:
/// for the tests that start a program by hand (its stdout unread, a signal
/// sent to it), so that a failing test leaves nothing running.
pub struct Killed(pub Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl std::ops::Deref for Killed {
    type Target = Child;

    fn deref(&self) -> &Child {
        &self.0
    }
}

impl std::ops::DerefMut for Killed {
    fn deref_mut(&mut self) -> &mut Child {
        &mut self.0
    }
}

/// A lesson's Python counterpart, by its path under `lessons/`
/// (`01-udp-once/python/server.py`).
pub fn python_file(path: &str) -> PathBuf {
    let file = course_file(&format!("lessons/{path}"));
    assert!(file.is_file(), "{} exists", file.display());
    file
}

/// Starts a Python counterpart's server on port 0 (`-u`: every print reaches
/// the pipe at once) and waits for its ready line.
pub fn python_server(python: &str, path: &str) -> Server {
    let mut command = Command::new(python);
    command.arg("-u").arg(python_file(path)).arg("0");
    Server::spawn(command)
}

/// A Python counterpart's client for the server on `port`, killed if it
/// outlives the deadline.
pub fn python_client(python: &str, path: &str, port: &str) -> Client {
    let mut command = Client::new(python, path);
    command.arg("-u").arg(python_file(path)).arg(port);
    command
}

/// Starts a learner's server (a from-scratch exercise's program, at `path`)
/// with `args`, waits for its ready line, and fails the test, saying why, if
/// it is not on 127.0.0.1: a course server must not be reachable from the
/// network by accident. Failures call it "your server (src/NAME.rs)", NAME
/// taken from the program's (`lesson1-udp_server` is src/udp_server.rs).
#[track_caller]
pub fn learners_server(path: &str, args: &[&str]) -> Server {
    let mut command = Command::new(path);
    command.args(args);
    let program = std::path::Path::new(path).file_stem().map(|stem| stem.to_string_lossy().into_owned());
    let who = match program.as_deref().and_then(|stem| stem.split_once('-')) {
        Some((_, exercise)) => say!("your server (src/{exercise}.rs)", "你的服务器（src/{exercise}.rs）"),
        None => say!("your server", "你的服务器"),
    };
    let mut server = Server::launch(command, None, who);
    server.exits_within = LEARNERS_EXIT;
    let addr = server.addr();
    assert_eq!(
        addr.ip(),
        std::net::Ipv4Addr::LOCALHOST,
        "{}",
        say!(
            "your server is on {addr}: bind 127.0.0.1, so that only this machine can reach it",
            "你的服务器在 {addr} 上：请绑定 127.0.0.1，这样只有本机能连到它"
        )
    );
    server
}

/// Starts a bare twin's server (`lesson4-server-bare`) on port 0 and waits for
/// its ready line.
pub fn bare_server(name: &str) -> Server {
    let mut command = Command::new(program(name));
    command.arg("0");
    Server::spawn(command)
}

/// A bare twin's client (`lesson4-client-bare`) for the server on `port`.
pub fn bare_client(name: &str, port: &str) -> Client {
    let mut command = client(name);
    command.arg(port);
    command
}

/// Sends one datagram from a plain socket, as a stranger would, and returns
/// the reply; checks that it came from `server`.
#[track_caller]
pub fn udp_exchange(server: SocketAddr, data: &[u8]) -> Vec<u8> {
    let socket = UdpSocket::bind("127.0.0.1:0").expect("bind a test socket");
    socket.set_read_timeout(Some(DEADLINE)).expect("set a read timeout");
    socket.send_to(data, server).expect("send a datagram");
    let mut buf = [0; 2048];
    // A signal to the test process (a child's SIGCHLD, say) can interrupt a wait
    // that has a timeout with EINTR: wait again.
    let (n, from) = loop {
        match socket.recv_from(&mut buf) {
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
            received => {
                break received.unwrap_or_else(|err| {
                    let err = err.shown();
                    panic!("{}", say!("no reply from the server ({err})", "服务器没有回复（{err}）"))
                });
            }
        }
    };
    assert_eq!(
        from,
        server,
        "{}",
        say!("the reply must come from the server's address", "回复必须来自服务器的地址")
    );
    buf[..n].to_vec()
}

/// `python3`, for the tests against the Python counterparts. The tests that
/// need it are ignored, with the reason, where it was missing at build time
/// (see `build.rs`); one that runs anyway finds it missing only if it went
/// away since, and then [`skip`]s.
pub fn python3() -> Option<&'static str> {
    static FOUND: OnceLock<bool> = OnceLock::new();
    let found = FOUND.get_or_init(|| {
        Command::new("python3").arg("--version").output().is_ok_and(|out| out.status.success())
    });
    if *found {
        Some("python3")
    } else {
        skip("python3 is not on the PATH: the Python counterparts cannot run");
        None
    }
}

/// A test that cannot run here says so where a person sees it: on stderr as
/// `SKIPPED: why`, or, where every test must run (`.ci/run` sets
/// `COURSE_NO_SKIPS`), as a failure.
pub fn skip(why: &str) {
    if std::env::var_os("COURSE_NO_SKIPS").is_some() {
        panic!("this test cannot run here, and COURSE_NO_SKIPS says every test must: {why}");
    }
    eprintln!("SKIPPED: {why}");
}

/// A number from a process's `/proc/PID/status` line (`Threads`, `VmHWM` in kB);
/// `None` off Linux.
pub fn proc_status(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|line| line.starts_with(&format!("{field}:")))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// A process's state letter from `/proc/PID/stat`: `S` asleep in a call, `T`
/// stopped, `R` running.
pub fn state_of(pid: u32) -> Option<char> {
    state_in(&pid.to_string())
}

/// The state letter of `/proc/ENTRY` (a process, or `PID/task/TID`, a thread).
fn state_in(entry: &str) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{entry}/stat")).ok()?;
    stat.rsplit_once(')')?.1.trim_start().chars().next()
}

/// The receives (`read`, `recvfrom`, `recvmsg`), by system call number, for
/// [`sleeps_in`]; none known elsewhere than x86_64 and aarch64.
pub const RECEIVES: &[u64] = if cfg!(target_arch = "x86_64") {
    &[0, 45, 47]
} else if cfg!(target_arch = "aarch64") {
    &[63, 207, 212]
} else {
    &[]
};

/// The waits of an event loop (`epoll_wait`, `epoll_pwait`, `epoll_pwait2`):
/// where mio's and tokio's thread sleeps when no task can go on.
pub const POLLS: &[u64] = if cfg!(target_arch = "x86_64") {
    &[232, 281, 441]
} else if cfg!(target_arch = "aarch64") {
    &[22, 441]
} else {
    &[]
};

/// Whether a thread of `pid` is asleep in one of `calls` (not in a timer's
/// sleep or a lock): its state is `S` and the call it is in
/// (`/proc/PID/task/TID/syscall`, its first number) is one of them. Lesson
/// 5's server waits in `accept` on its main thread and in `read` on a
/// client's. With `calls` empty (an unknown architecture), any sleep counts.
pub fn sleeps_in(pid: u32, calls: &[u64]) -> bool {
    let threads = std::fs::read_dir(format!("/proc/{pid}/task")).into_iter().flatten().flatten();
    threads.filter_map(|thread| thread.file_name().to_str()?.parse::<u32>().ok()).any(|tid| {
        let task = format!("{pid}/task/{tid}");
        let call = std::fs::read_to_string(format!("/proc/{task}/syscall")).unwrap_or_default();
        let call: Option<u64> = call.split_whitespace().next().and_then(|n| n.parse().ok());
        state_in(&task) == Some('S') && (calls.is_empty() || call.is_some_and(|n| calls.contains(&n)))
    })
}

/// The most a test reads from one peer before it calls the bytes endless.
pub const MOST_READ: usize = 1 << 20;

/// `read_to_end` with an end whatever the peer does: reads until the peer's
/// close, a failed read (a read timeout, say), `DEADLINE` in all, or
/// `MOST_READ` bytes. A peer that sends without end (a program that answers
/// every read of 0 bytes) fails the test instead of holding it for ever.
pub fn read_to_close(stream: &mut impl std::io::Read) -> std::io::Result<Vec<u8>> {
    let deadline = Instant::now() + DEADLINE;
    let (mut got, mut buf) = (Vec::new(), [0; 16 * 1024]);
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return Ok(got),
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
        }
        if Instant::now() > deadline || got.len() > MOST_READ {
            let kept = got.len();
            return Err(std::io::Error::other(format!(
                "the peer was still sending after {} s and {kept} bytes: it never closed",
                DEADLINE.as_secs()
            )));
        }
    }
}

/// One read, made again when a signal cut it short (EINTR). A read with a
/// timeout is not restarted by the system: a signal to the test process, or
/// its being stopped and continued, ends it with `Interrupted`, which says
/// nothing about the peer.
pub fn read_retrying(stream: &mut impl std::io::Read, buf: &mut [u8]) -> std::io::Result<usize> {
    loop {
        match stream.read(buf) {
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
            read => return read,
        }
    }
}

/// Checks `condition` every few milliseconds until it holds or `limit` passes;
/// returns whether it held. For states with no line to wait for (a thread count).
pub fn poll_until(limit: Duration, mut condition: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if condition() {
            return true;
        }
        thread::sleep(Duration::from_millis(5)); // a poll with a deadline, not a guess
    }
    condition()
}

/// Whether this machine has IPv6 on loopback (`::1`).
pub fn ipv6_loopback() -> bool {
    UdpSocket::bind("[::1]:0").is_ok()
}

/// How a program that panicked ended, for a message that has already said
/// it panicked: `exit code 101`, or what else it ended with (a client whose
/// thread panicked may still exit 0).
fn ended_after_a_panic(status: ExitStatus) -> String {
    match status.code() {
        Some(101) => say!("exit code 101", "退出码 101"),
        _ => course_check::ended(status),
    }
}

/// The space between a name and the Latin word after it in Chinese text:
/// none after a full-width bracket (`你的客户端（src/udp_client.rs）panic 了`).
fn space_after(name: &str) -> &'static str {
    if name.ends_with('）') { "" } else { " " }
}

/// What a program printed, as a failure shows it: `(nothing)` for nothing.
fn shown_output(text: &str) -> String {
    let text = text.trim_start_matches(['\n', '\r']).trim_end();
    if text.trim().is_empty() { say!("(nothing)", "（什么也没有）") } else { text.to_owned() }
}

/// The text a program printed on stdout, for searching.
pub fn stdout_of(assert: &Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stdout).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_that_panicked_fails_the_test_whatever_its_exit_code() {
        // Exit code 0, a panic on stderr: as a thread of a client that panicked and was joined.
        let failed = std::panic::catch_unwind(|| {
            Client::new("sh", "sh")
                .args(["-c", "echo \"thread '<unnamed>' panicked at src/main.rs:1:1:\" >&2"])
                .assert()
                .success();
        });
        let message = failed.expect_err("the test fails").downcast::<String>().expect("a message");
        // In the language of the test run's locale.
        assert!(
            message.contains("sh panicked (exit code 0)") || message.contains("sh panic 了（退出码 0）"),
            "{message}"
        );
    }
}
