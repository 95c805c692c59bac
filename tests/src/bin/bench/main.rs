//! The course's benchmark: how close the lesson servers come to the loopback
//! floor, and to the articles' Python servers.
//!
//! Run it (release build, a minute or so):
//!
//! ```sh
//! cargo run --release -p course-tests --bin bench
//! ```
//!
//! For each server it sends N messages in lockstep (send, wait for the reply,
//! send the next) over loopback and reports the round trip per message (median
//! and 99th percentile). The floor is a minimal std echo server of the same
//! protocol, measured in the same run. The lesson 5 server's throughput is
//! measured with 1, 10 and 100 clients at once. Every server runs as a process
//! of its own with its output sent to the null device: the lesson servers still
//! format and write every line, but no terminal or pipe reader slows them down.
//! With `python3` present, the lessons' Python counterparts of the articles'
//! servers (`lessons/*/python/server.py`) are measured too.
//!
//! `--scale` measures something else: lessons 5, 7 and 8 (a thread per
//! client, an event loop, async tasks) with 100, 1,000 and 10,000 clients
//! at once (see `scale.rs`): `--scale --svg FILE` also draws the plot the
//! docs show, `--scale --only lesson5-server,lesson7-server` measures those
//! servers, and `--connections 20,200` those counts instead.
//!
//! On Linux the round-trip rows run with the benchmark and every server pinned
//! to one CPU. On a small virtual machine a wake-up on the other CPU costs about
//! 100 µs, ten times the round trip itself, and the scheduler picks the CPU by
//! luck: pinned, every row pays the same. The throughput rows are not pinned:
//! their point is using both CPUs.

use std::fs::File;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use course_tests::{address_after, course_file, program, python3};

mod scale;

/// Lockstep messages per round trip measurement.
const MESSAGES: usize = 2_000;
/// How many times each row is measured, in turn with the others.
const ROUNDS: usize = 5;
/// The message every client sends.
const MESSAGE: &[u8] = b"ping";

/// Round-trip times of one run, sorted.
struct RoundTrips(Vec<Duration>);

impl RoundTrips {
    fn percentile(&self, p: f64) -> Duration {
        let index = ((self.0.len() as f64 - 1.0) * p).round() as usize;
        self.0[index]
    }
    fn median(&self) -> Duration {
        self.percentile(0.5)
    }
    fn p99(&self) -> Duration {
        self.percentile(0.99)
    }
    fn max(&self) -> Duration {
        *self.0.last().expect("at least one round trip")
    }
}

fn micros(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}

/// UDP lockstep: send, wait for the reply, repeat.
fn udp_round_trips(server: SocketAddr) -> RoundTrips {
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    socket.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut buf = [0; 2048];
    let mut times = Vec::with_capacity(MESSAGES);
    for _ in 0..MESSAGES {
        let started = Instant::now();
        socket.send_to(MESSAGE, server).unwrap();
        socket.recv_from(&mut buf).expect("a UDP reply within 5 s");
        times.push(started.elapsed());
    }
    times.sort();
    RoundTrips(times)
}

/// Connects and reads the greeting, if the server sends one.
fn connect(server: SocketAddr, greeting: bool) -> TcpStream {
    let mut stream = TcpStream::connect(server).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    if greeting {
        let mut buf = [0; 256];
        let n = stream.read(&mut buf).expect("a greeting within 5 s");
        assert!(n > 0, "the server closed instead of greeting");
    }
    stream
}

/// TCP lockstep over one connection: write, read the reply, repeat.
fn tcp_round_trips(stream: &mut TcpStream, messages: usize) -> Vec<Duration> {
    let mut buf = [0; 2048];
    let mut times = Vec::with_capacity(messages);
    for _ in 0..messages {
        let started = Instant::now();
        stream.write_all(MESSAGE).unwrap();
        let n = stream.read(&mut buf).expect("a TCP reply within 5 s");
        assert!(n > 0, "the server closed the connection");
        times.push(started.elapsed());
    }
    times
}

fn tcp_row(server: SocketAddr, greeting: bool) -> RoundTrips {
    let mut stream = connect(server, greeting);
    let mut times = tcp_round_trips(&mut stream, MESSAGES);
    times.sort();
    RoundTrips(times)
}

/// Messages per second with `clients` connections at once, each doing `each` round trips.
fn throughput(server: SocketAddr, greeting: bool, clients: usize, each: usize) -> f64 {
    let started = Instant::now();
    let workers: Vec<_> = (0..clients)
        .map(|_| {
            thread::spawn(move || {
                let mut stream = connect(server, greeting);
                tcp_round_trips(&mut stream, each).len()
            })
        })
        .collect();
    let total: usize = workers.into_iter().map(|w| w.join().expect("a client finished")).sum();
    total as f64 / started.elapsed().as_secs_f64()
}

/// A server process with its output discarded, killed when dropped.
struct Quiet {
    child: Child,
    addr: SocketAddr,
    /// Where a Python server's output goes, removed with the server.
    log: Option<PathBuf>,
}

impl Drop for Quiet {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(log) = &self.log {
            let _ = std::fs::remove_file(log);
        }
    }
}

/// A port that was free a moment ago (a benchmark may take that small risk; the tests never do).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Starts `command` with a free port number appended as its last argument, output discarded,
/// and waits (up to 10 s) until it answers on `port`.
fn start_quiet(mut command: Command, udp: bool) -> Quiet {
    let port = free_port();
    let child = command
        .arg(port.to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|err| panic!("cannot start {command:?}: {err}"));
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let quiet = Quiet { child, addr, log: None };
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let ready = if udp {
            let probe = UdpSocket::bind("127.0.0.1:0").unwrap();
            probe.set_read_timeout(Some(Duration::from_millis(100))).unwrap();
            probe.send_to(b"probe", addr).is_ok() && probe.recv_from(&mut [0; 256]).is_ok()
        } else {
            // A whole conversation, if an empty one: connect, our FIN, and the
            // server's close. A probe that only connected could still hold a
            // place under --max-clients when the measured clients come (one
            // of 20 was told busy), for the server closes it in its own time.
            TcpStream::connect(addr)
                .map(|mut probe| {
                    let _ = probe.shutdown(std::net::Shutdown::Write);
                    let _ = probe.set_read_timeout(Some(Duration::from_secs(1)));
                    while matches!(probe.read(&mut [0; 256]), Ok(1..)) {}
                })
                .is_ok()
        };
        if ready {
            return quiet;
        }
        assert!(Instant::now() < deadline, "{command:?} did not answer within 10 s");
        thread::sleep(Duration::from_millis(20)); // polling a server with a deadline
    }
}

/// A lesson server, on a free port, with `args`.
fn lesson(name: &str, args: &[&str], udp: bool) -> Quiet {
    let mut command = Command::new(program(name));
    command.args(args).arg("--port");
    start_quiet(command, udp)
}

/// A lesson's Python counterpart (`lessons/02-udp-loop/python/server.py`) on
/// port 0. Its output goes to a file of its own rather than a pipe, so nothing
/// in this process reads it while measuring; the address comes from the ready
/// line in that file.
fn python_server(python: &str, path: &str) -> Quiet {
    static STARTED: AtomicUsize = AtomicUsize::new(0);
    let n = STARTED.fetch_add(1, Ordering::Relaxed);
    let log = std::env::temp_dir().join(format!("course-bench-{}-python-{n}.log", std::process::id()));
    let file = File::create(&log).unwrap_or_else(|err| panic!("cannot create {}: {err}", log.display()));
    let errors = file.try_clone().expect("the log file can be shared with stderr");
    let mut command = Command::new(python);
    command.arg(course_file(path)).arg("0");
    let child = command
        .stdin(Stdio::null())
        .stdout(file)
        .stderr(errors)
        .spawn()
        .unwrap_or_else(|err| panic!("cannot start {command:?}: {err}"));
    let mut quiet = Quiet { child, addr: SocketAddr::from(([127, 0, 0, 1], 0)), log: Some(log.clone()) };
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let output = std::fs::read_to_string(&log).unwrap_or_default();
        if let Some(addr) = output.lines().find_map(address_after) {
            quiet.addr = addr;
            return quiet;
        }
        let exited = quiet.child.try_wait().ok().flatten();
        assert!(
            exited.is_none() && Instant::now() < deadline,
            "{command:?} printed no ready line:\n{output}"
        );
        thread::sleep(Duration::from_millis(20)); // polling a file with a deadline
    }
}

/// The floors: minimal std echo servers, run as a process of their own (this
/// program, started again with `floor-udp PORT` or `floor-tcp PORT`).
fn floor(kind: &str) -> Quiet {
    // Not current_exe(): building the lesson programs may have just rebuilt this one.
    let mut command = Command::new(program("bench"));
    command.arg(kind);
    start_quiet(command, kind == "floor-udp")
}

/// Runs a floor server (in the process `floor` started) until killed.
fn serve_floor(kind: &str, port: u16) {
    if kind == "floor-udp" {
        let socket = UdpSocket::bind(("127.0.0.1", port)).unwrap();
        let mut buf = [0; 2048];
        while let Ok((n, from)) = socket.recv_from(&mut buf) {
            let _ = socket.send_to(&buf[..n], from);
        }
    } else {
        let listener = TcpListener::bind(("127.0.0.1", port)).unwrap();
        for stream in listener.incoming().flatten() {
            let echo = move || {
                let mut stream = stream;
                let mut buf = [0; 2048];
                while let Ok(n) = stream.read(&mut buf) {
                    if n == 0 || stream.write_all(&buf[..n]).is_err() {
                        return;
                    }
                }
            };
            // Like lesson 4 (one client at a time), or like lesson 5 (a thread each).
            if kind == "floor-tcp-threads" {
                thread::spawn(echo);
            } else {
                echo();
            }
        }
    }
}

/// The lessons' Python counterparts of the articles' servers, run as a learner
/// runs them (`python3 FILE PORT`), here with port 0.
const PY_UDP_LOOP: &str = "lessons/02-udp-loop/python/server.py";
const PY_TCP_LOOP: &str = "lessons/04-tcp-loop/python/server.py";
const PY_THREADED: &str = "lessons/05-threaded-tcp/python/server.py";

/// One row of the round-trip table.
struct Row<'a> {
    name: &'a str,
    trips: RoundTrips,
    floor: Duration,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, kind, port] = args.as_slice()
        && kind.starts_with("floor")
    {
        let port = port.parse().expect("a port");
        return if kind == "floor-epoll" { scale::serve_floor(port) } else { serve_floor(kind, port) };
    }
    if cfg!(debug_assertions) {
        eprintln!("note: this is a debug build; run with --release for the figures the docs show");
    }
    if args.iter().any(|arg| arg == "--scale") {
        let value = |name: &str| args.iter().position(|arg| arg == name).and_then(|at| args.get(at + 1));
        let list =
            |name: &str| value(name).map(|list| list.split(',').map(str::to_string).collect::<Vec<_>>());
        let connections = list("--connections").map(|counts| {
            counts
                .iter()
                .map(|n| n.parse().unwrap_or_else(|_| panic!("--connections: {n:?} is not a count")))
                .collect()
        });
        return scale_mode(value("--svg").map(PathBuf::from), list("--only"), connections);
    }
    println!("building and starting the servers...");
    // Throughput servers first, free to use every CPU.
    let tput_floor = floor("floor-tcp-threads");
    let tput_lesson5 = lesson("lesson5-server", &["--max-clients", "200"], false);
    let tput_python = python3().map(|python| python_server(python, PY_THREADED));
    // Then this program and the round-trip servers, which inherit it, on one CPU.
    let everywhere = cpu::pin_to_first();
    let floor_udp = floor("floor-udp");
    let floor_tcp = floor("floor-tcp");
    let floor_threads = floor("floor-tcp-threads");
    let lesson2 = lesson("lesson2-server", &[], true);
    let lesson4 = lesson("lesson4-server", &[], false);
    let lesson5 = lesson("lesson5-server", &["--max-clients", "200"], false);
    let python = python3();
    let py = python.map(|python| {
        (
            python_server(python, PY_UDP_LOOP),
            python_server(python, PY_TCP_LOOP),
            python_server(python, PY_THREADED),
        )
    });

    // Every row is measured in ROUNDS rounds, taken in turn, and its figures
    // come from all its samples: on a small virtual machine a round can land on
    // a slow scheduling pattern, and taking turns spreads that over every row.
    type Measure<'a> = Box<dyn Fn() -> Vec<Duration> + 'a>;
    let udp = |addr: SocketAddr| -> Measure { Box::new(move || udp_round_trips(addr).0) };
    let tcp = |addr: SocketAddr, greeting: bool| -> Measure { Box::new(move || tcp_row(addr, greeting).0) };
    let mut plan: Vec<(&str, Measure, &str)> = vec![
        ("floor: std UDP echo", udp(floor_udp.addr), "udp"),
        ("lesson2-server (UDP)", udp(lesson2.addr), "udp"),
        ("floor: std TCP echo, one client at a time", tcp(floor_tcp.addr, false), "tcp"),
        ("lesson4-server (TCP)", tcp(lesson4.addr, true), "tcp"),
        ("floor: std TCP echo, a thread per client", tcp(floor_threads.addr, false), "threads"),
        ("lesson5-server (TCP, a thread per client)", tcp(lesson5.addr, true), "threads"),
    ];
    if let Some((py_udp, py_tcp, py_threaded)) = &py {
        plan.push(("Python, lesson 2 server.py (article 002)", udp(py_udp.addr), "udp"));
        plan.push(("Python, lesson 4 server.py (article 000)", tcp(py_tcp.addr, true), "tcp"));
        plan.push((
            "Python, lesson 5 server.py (article 000, threaded)",
            tcp(py_threaded.addr, true),
            "threads",
        ));
    }
    let mut samples: Vec<Vec<Duration>> = vec![Vec::new(); plan.len()];
    for _ in 0..ROUNDS {
        for (i, (_, measure, _)) in plan.iter().enumerate() {
            samples[i].extend(measure());
        }
    }
    let trips: Vec<RoundTrips> = samples
        .into_iter()
        .map(|mut s| {
            s.sort();
            RoundTrips(s)
        })
        .collect();
    let floors: Vec<(&str, Duration)> = plan
        .iter()
        .zip(&trips)
        .filter(|((name, _, _), _)| name.starts_with("floor"))
        .map(|((_, _, kind), trips)| (*kind, trips.median()))
        .collect();
    let floor_of = |kind: &str| floors.iter().find(|(k, _)| *k == kind).map(|(_, median)| *median);
    let rows: Vec<Row> = plan
        .iter()
        .zip(trips)
        .map(|((name, _, kind), trips)| Row { name, floor: floor_of(kind).expect("a floor"), trips })
        .collect();

    println!();
    println!(
        "Round trip per message: {} lockstep messages of {} bytes per row ({ROUNDS} rounds of {MESSAGES}) on loopback:",
        ROUNDS * MESSAGES,
        MESSAGE.len()
    );
    println!();
    println!("| server | median | p99 | max | median / floor |");
    println!("|---|---|---|---|---|");
    for row in &rows {
        println!(
            "| {} | {} | {} | {} | {:.2} |",
            row.name,
            micros(row.trips.median()),
            micros(row.trips.p99()),
            micros(row.trips.max()),
            row.trips.median().as_secs_f64() / row.floor.as_secs_f64()
        );
    }

    cpu::unpin(everywhere);
    println!();
    println!("Throughput, 20,000 lockstep round trips shared by 1, 10 or 100 clients at once:");
    println!();
    println!("| server | 1 client | 10 clients | 100 clients |");
    println!("|---|---|---|---|");
    let throughput_row = |name: &str, server: SocketAddr, greeting: bool| {
        let figures: Vec<String> = [1, 10, 100]
            .iter()
            .map(|&clients| format!("{:.0} msg/s", throughput(server, greeting, clients, 20_000 / clients)))
            .collect();
        println!("| {name} | {} |", figures.join(" | "));
    };
    throughput_row("floor: std TCP echo, a thread per client", tput_floor.addr, false);
    throughput_row("lesson5-server", tput_lesson5.addr, true);
    if let Some(threaded) = &tput_python {
        throughput_row("Python, lesson 5 server.py (article 000, threaded)", threaded.addr, true);
    }

    // Lesson 6: whole conversations (connect, send, half-close, read the reply
    // to its end, close), one after another, and the server's CPU for each,
    // TCP states and the kernel table's TIME_WAIT lookup included.
    println!();
    println!(
        "Lesson 6, {TEARDOWNS} whole conversations one after another (each: connect, send, shutdown, read to the end):"
    );
    println!();
    println!("| server | conversations/s | server CPU per conversation |");
    println!("|---|---|---|");
    let lesson6 = lesson("lesson6-server", &[], false);
    let (rate, cpu) = teardowns(&lesson6);
    let cpu = cpu.map_or("not measured (no /proc)".to_string(), |ms| format!("{ms:.2} ms"));
    println!("| lesson6-server | {rate:.0} | {cpu} |");
    drop(lesson6);

    println!();
    let stalls = rows.iter().filter(|r| r.trips.p99() >= Duration::from_millis(40)).count();
    println!("rows with a p99 of 40 ms or more (a Nagle/delayed-ACK stall): {stalls}");
    if python.is_none() {
        println!("python3 not found: the articles' servers were not measured");
    }
}

/// `--scale`: each server (or only the one named `only`) with 100, 1,000
/// and 10,000 clients at once, the table and the design's targets printed,
/// the plot written to `svg`.
fn scale_mode(svg: Option<PathBuf>, only: Option<Vec<String>>, connections: Option<Vec<usize>>) {
    // Each side holds every connection: this program, and each server,
    // which inherits the limit raised here.
    let wanted = connections.unwrap_or(scale::SCALES.to_vec());
    let most = wanted.iter().copied().max().unwrap_or_default();
    let limit = kernel::limits::raise_open_files(most as u64 + 100);
    let scales: Vec<usize> =
        wanted.iter().copied().filter(|&n| limit.is_none_or(|limit| limit >= n as u64 + 100)).collect();
    if scales.len() < wanted.len() {
        println!(
            "this process may open only {} files (ulimit -n, and its hard limit): {} connections need {}; \
             raise the hard limit (ulimit -Hn, or /etc/security/limits.conf) to measure them",
            limit.unwrap_or_default(),
            most,
            most + 100
        );
    }
    println!("building and starting the servers...");
    let mut rows: Vec<(&str, Vec<scale::Measured>)> = Vec::new();
    for contender in scale::contenders()
        .into_iter()
        .filter(|c| only.as_ref().is_none_or(|only| only.iter().any(|o| o == c.name)))
    {
        let mut measured = Vec::new();
        for &connections in &scales {
            // A fresh server for each count: its peak memory is this count's.
            let Some(server) = (contender.start)(connections) else { break };
            println!("{}: {connections} connections...", contender.name);
            measured.push(scale::measure(&server, connections));
        }
        if !measured.is_empty() {
            rows.push((contender.name, measured));
        }
    }
    println!();
    println!("Many clients at once: connect and greet all, then every client in lockstep for 3 s:");
    println!();
    print!("{}", scale::table(&rows));
    println!();
    for line in scale::targets(&rows) {
        println!("- {line}");
    }
    if let Some(path) = svg {
        match scale::svg(&rows, &path) {
            Ok(()) => println!("\nthe plot: {}", path.display()),
            Err(err) => eprintln!("cannot write {}: {err}", path.display()),
        }
    }
}

/// How many lesson 6 conversations the teardown row runs.
const TEARDOWNS: usize = 500;

/// Runs [`TEARDOWNS`] lesson 6 conversations against `server`, one after
/// another; returns conversations per second and, where /proc says, the
/// server's CPU time per conversation in milliseconds.
fn teardowns(server: &Quiet) -> (f64, Option<f64>) {
    let ticks = || {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", server.child.id())).ok()?;
        let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
        Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
    };
    let before = ticks();
    let started = Instant::now();
    for _ in 0..TEARDOWNS {
        let mut stream = TcpStream::connect(server.addr).expect("the lesson 6 server accepts");
        stream.set_read_timeout(Some(Duration::from_secs(5))).expect("a read timeout");
        stream.write_all(MESSAGE).expect("send");
        stream.shutdown(std::net::Shutdown::Write).expect("shutdown");
        let mut reply = Vec::new();
        stream.read_to_end(&mut reply).expect("the reply, to the server's FIN");
    }
    let took = started.elapsed();
    // Clock ticks are hundredths of a second on Linux (sysconf(_SC_CLK_TCK) = 100).
    let cpu = before.zip(ticks()).map(|(before, after)| (after - before) as f64 * 10.0 / TEARDOWNS as f64);
    (TEARDOWNS as f64 / took.as_secs_f64(), cpu)
}

/// Pinning this process to one CPU (Linux only; elsewhere nothing happens).
mod cpu {
    /// The CPUs the process was allowed before, to give them back.
    pub struct Allowed(#[cfg(target_os = "linux")] Option<libc::cpu_set_t>);

    #[cfg(target_os = "linux")]
    #[allow(unsafe_code)]
    pub fn pin_to_first() -> Allowed {
        // SAFETY: cpu_set_t is plain bits; the calls get its exact size.
        unsafe {
            let mut before: libc::cpu_set_t = std::mem::zeroed();
            let size = std::mem::size_of::<libc::cpu_set_t>();
            if libc::sched_getaffinity(0, size, &mut before) != 0 {
                return Allowed(None);
            }
            let first =
                (0..libc::CPU_SETSIZE as usize).find(|&cpu| libc::CPU_ISSET(cpu, &before)).unwrap_or(0);
            let mut one: libc::cpu_set_t = std::mem::zeroed();
            libc::CPU_SET(first, &mut one);
            libc::sched_setaffinity(0, size, &one);
            Allowed(Some(before))
        }
    }

    #[cfg(target_os = "linux")]
    #[allow(unsafe_code)]
    pub fn unpin(allowed: Allowed) {
        if let Some(before) = allowed.0 {
            // SAFETY: `before` came from sched_getaffinity with this size.
            unsafe { libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &before) };
        }
    }

    #[cfg(not(target_os = "linux"))]
    pub fn pin_to_first() -> Allowed {
        Allowed()
    }

    #[cfg(not(target_os = "linux"))]
    pub fn unpin(_allowed: Allowed) {}
}
