//! `bench --scale`: many clients at once, the question lessons 5, 7 and 8
//! answer three ways (a thread each, an event loop by hand, async tasks).
//!
//! For 100, 1,000 and 10,000 connections, each server in turn: the time to
//! connect all of them and read every greeting; then every client in
//! lockstep for a few seconds (send `hi`, wait for the reply, send again):
//! messages per second and the round trip's median and 99th percentile;
//! the server's peak resident memory and its most threads (from /proc). The
//! floor is a minimal epoll loop written here, with the lessons' protocol
//! (greeting, short reply, `exit`) and no narration. The load generator is
//! one thread of this program on epoll too (mio), so that 10,000
//! connections cost it no more than one thread.
//!
//! Connections are opened with at most [`IN_FLIGHT`] waiting for their
//! greeting at once, as a careful client does: a burst of 10,000 SYNs would
//! overflow any listen queue, and the handshakes dropped would be resent a
//! second later, which measures the queue, not the server.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{ErrorKind, Read, Write};
use std::net::SocketAddr;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use mio::net::{TcpListener, TcpStream};
use mio::{Events, Interest, Poll, Token};

use crate::{Quiet, python_server, start_quiet};
use course_tests::{course_file, program, python3};

/// The connection counts measured.
pub const SCALES: [usize; 3] = [100, 1_000, 10_000];
/// How long every client talks in lockstep.
const LOCKSTEP: Duration = Duration::from_secs(3);
/// At most this many connections wait for their greeting at once.
const IN_FLIGHT: usize = 256;
/// How long connecting and greeting all may take before the row gives up.
const GREET_LIMIT: Duration = Duration::from_secs(60);
/// The greeting and the reply of the lessons' protocol (article 000's server).
const GREETING: &[u8] = b"Hello World!";
const REPLY: &[u8] = "7：ACK!".as_bytes();

/// What one server did at one scale.
pub struct Measured {
    pub connections: usize,
    /// Connections greeted; the others failed or were told `busy`.
    pub greeted: usize,
    pub turned_away: usize,
    pub failed: usize,
    /// Time to connect and greet every connection that was greeted.
    pub greet_all: Duration,
    pub messages_per_second: f64,
    pub p50: Duration,
    pub p99: Duration,
    /// Peak resident memory of the server, in bytes (VmHWM).
    pub peak_rss: Option<u64>,
    /// The server's threads before the first connection (a lesson server
    /// has a thread or two waiting for Ctrl-C besides the one that serves),
    /// and the most seen while the row ran.
    pub threads_at_start: Option<u64>,
    pub most_threads: Option<u64>,
}

/// One server of the table: its name and how to start it for `connections`.
pub struct Contender {
    pub name: &'static str,
    pub start: Box<dyn Fn(usize) -> Option<Quiet>>,
}

/// The servers measured: the floor, lessons 5, 7 and 8, and the Python
/// counterparts of lessons 7 and 8 (with `python3`). A lesson not built (or
/// a Python file missing) is left out.
pub fn contenders() -> Vec<Contender> {
    let lesson = |name: &'static str| -> Contender {
        Contender {
            name,
            start: Box::new(move |connections| {
                program_exists(name).then(|| {
                    let mut command = Command::new(program(name));
                    command.args(["--max-clients", &connections.min(10_000).to_string(), "--port"]);
                    start_quiet(command, false)
                })
            }),
        }
    };
    let python = |name: &'static str, file: &'static str| -> Contender {
        Contender {
            name,
            start: Box::new(move |_| {
                let python = python3()?;
                course_file(file).is_file().then(|| python_server(python, file))
            }),
        }
    };
    vec![
        Contender {
            name: "floor: minimal epoll loop",
            start: Box::new(|_| {
                let mut command = Command::new(program("bench"));
                command.arg("floor-epoll");
                Some(start_quiet(command, false))
            }),
        },
        lesson("lesson5-server"),
        lesson("lesson7-server"),
        lesson("lesson8-server"),
        python("Python selectors (lesson 7)", "lessons/07-event-loop/python/server.py"),
        python("Python asyncio (lesson 8)", "lessons/08-async/python/server.py"),
    ]
}

/// Whether the workspace has a program named `name` (lesson 8 may not be there yet).
fn program_exists(name: &str) -> bool {
    course_runner::program(name).is_ok()
}

/// Measures `server` (a process) with `connections` clients.
pub fn measure(server: &Quiet, connections: usize) -> Measured {
    let threads_at_start = status_field(server.child.id(), "Threads:");
    let done = Arc::new(AtomicBool::new(false));
    let most_threads = Arc::new(AtomicU64::new(0));
    let watcher = {
        let (done, most_threads, pid) = (Arc::clone(&done), Arc::clone(&most_threads), server.child.id());
        thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                if let Some(threads) = status_field(pid, "Threads:") {
                    most_threads.fetch_max(threads, Ordering::Relaxed);
                }
                thread::sleep(Duration::from_millis(50)); // the sampling pace: /proc read 20 times a second while the row runs
            }
        })
    };
    let mut load = Load::new(server.addr, connections);
    let greet_all = load.connect_all();
    let (messages_per_second, mut trips) = load.lockstep();
    load.say_exit();
    let peak_rss = status_field(server.child.id(), "VmHWM:").map(|kib| kib * 1024);
    done.store(true, Ordering::Relaxed);
    let _ = watcher.join();
    trips.sort();
    let at = |p: f64| {
        trips.get(((trips.len().max(1) - 1) as f64 * p).round() as usize).copied().unwrap_or_default()
    };
    Measured {
        connections,
        greeted: load.greeted,
        turned_away: load.turned_away,
        failed: load.failed,
        greet_all,
        messages_per_second,
        p50: at(0.5),
        p99: at(0.99),
        peak_rss,
        threads_at_start,
        most_threads: Some(most_threads.load(Ordering::Relaxed)).filter(|&n| n > 0),
    }
}

/// A number from one line of /proc/PID/status (`VmHWM:  1234 kB` gives 1234).
fn status_field(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find_map(|line| line.strip_prefix(field))?.split_whitespace().next()?.parse().ok()
}

/// Where one client connection is in its conversation.
#[derive(PartialEq, Eq, Clone, Copy)]
enum Stage {
    /// Connecting, or connected and waiting for the greeting.
    Greeting,
    /// Greeted; no message out.
    Idle,
    /// A message out, its reply awaited, sent at this moment.
    Waiting(Instant),
    /// `exit` sent: waiting for the server's close.
    Leaving,
    Gone,
}

/// The load generator: every client connection, in one thread.
struct Load {
    server: SocketAddr,
    poll: Poll,
    clients: Vec<(TcpStream, Stage)>,
    wanted: usize,
    greeted: usize,
    turned_away: usize,
    failed: usize,
}

impl Load {
    fn new(server: SocketAddr, wanted: usize) -> Load {
        let poll = Poll::new().expect("epoll");
        Load {
            server,
            poll,
            clients: Vec::with_capacity(wanted),
            wanted,
            greeted: 0,
            turned_away: 0,
            failed: 0,
        }
    }

    /// Opens every connection (at most IN_FLIGHT waiting at once) and reads
    /// each greeting; returns how long that took.
    fn connect_all(&mut self) -> Duration {
        let started = Instant::now();
        let mut events = Events::with_capacity(1024);
        let mut waiting = 0;
        while self.greeted + self.turned_away + self.failed < self.wanted && started.elapsed() < GREET_LIMIT {
            while waiting < IN_FLIGHT && self.clients.len() < self.wanted {
                let token = Token(self.clients.len());
                match TcpStream::connect(self.server) {
                    Ok(mut stream) => {
                        self.poll
                            .registry()
                            .register(&mut stream, token, Interest::READABLE)
                            .expect("register");
                        self.clients.push((stream, Stage::Greeting));
                        waiting += 1;
                    }
                    Err(err) => panic!("cannot open connection #{}: {err}", token.0 + 1),
                }
            }
            let _ = self.poll.poll(&mut events, Some(Duration::from_millis(100)));
            for event in &events {
                let (stream, stage) = &mut self.clients[event.token().0];
                if *stage != Stage::Greeting {
                    continue;
                }
                let mut buf = [0; 256];
                match stream.read(&mut buf) {
                    Ok(n) if n > 0 && buf[..n].starts_with(b"busy") => {
                        (*stage, self.turned_away, waiting) = (Stage::Gone, self.turned_away + 1, waiting - 1)
                    }
                    Ok(n) if n > 0 => {
                        (*stage, self.greeted, waiting) = (Stage::Idle, self.greeted + 1, waiting - 1)
                    }
                    Err(err) if err.kind() == ErrorKind::WouldBlock => {}
                    _ => (*stage, self.failed, waiting) = (Stage::Gone, self.failed + 1, waiting - 1),
                }
            }
        }
        started.elapsed()
    }

    /// Every greeted client in lockstep for LOCKSTEP: returns the messages per
    /// second and every round trip.
    fn lockstep(&mut self) -> (f64, Vec<Duration>) {
        let mut trips = Vec::new();
        let started = Instant::now();
        for (stream, stage) in &mut self.clients {
            if *stage == Stage::Idle {
                *stage = send(stream, b"hi");
            }
        }
        let mut events = Events::with_capacity(1024);
        let mut out = self.clients.iter().filter(|(_, stage)| matches!(stage, Stage::Waiting(_))).count();
        let mut last_reply = Duration::ZERO;
        while out > 0 && started.elapsed() < LOCKSTEP + Duration::from_secs(10) {
            let _ = self.poll.poll(&mut events, Some(Duration::from_millis(100)));
            for event in &events {
                let (stream, stage) = &mut self.clients[event.token().0];
                let Stage::Waiting(sent) = *stage else { continue };
                // One message out, so one reply to read: a few bytes, one segment.
                let mut buf = [0; 256];
                match stream.read(&mut buf) {
                    Err(err) if err.kind() == ErrorKind::WouldBlock => continue,
                    Ok(n) if n > 0 => {
                        trips.push(sent.elapsed());
                        last_reply = started.elapsed();
                        *stage = if last_reply < LOCKSTEP { send(stream, b"hi") } else { Stage::Idle };
                    }
                    _ => *stage = Stage::Gone,
                }
                match *stage {
                    Stage::Waiting(_) => {}
                    Stage::Gone => (self.failed, out) = (self.failed + 1, out - 1),
                    _ => out -= 1,
                }
            }
        }
        (trips.len() as f64 / last_reply.as_secs_f64().max(1e-3), trips)
    }

    /// Sends `exit` on every connection and waits (a little) for the
    /// server's close, so that its end of each conversation is the one left
    /// in TIME_WAIT, as in the lessons.
    fn say_exit(&mut self) {
        for (stream, stage) in &mut self.clients {
            if *stage == Stage::Idle {
                let _ = stream.write_all(b"exit");
                *stage = Stage::Leaving;
            }
        }
        let mut events = Events::with_capacity(1024);
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut leaving = self.clients.iter().filter(|(_, stage)| *stage == Stage::Leaving).count();
        while leaving > 0 && Instant::now() < deadline {
            let _ = self.poll.poll(&mut events, Some(Duration::from_millis(100)));
            for event in &events {
                let (stream, stage) = &mut self.clients[event.token().0];
                if *stage != Stage::Leaving {
                    continue;
                }
                let mut buf = [0; 256];
                match stream.read(&mut buf) {
                    Err(err) if err.kind() == ErrorKind::WouldBlock => {}
                    Ok(n) if n > 0 => {}
                    _ => (*stage, leaving) = (Stage::Gone, leaving - 1),
                }
            }
        }
    }
}

/// Sends `message` in one write (a few bytes always fit in the send buffer).
fn send(stream: &mut TcpStream, message: &[u8]) -> Stage {
    match stream.write(message) {
        Ok(n) if n == message.len() => Stage::Waiting(Instant::now()),
        _ => Stage::Gone,
    }
}

/// The floor: a minimal epoll loop (mio) with the lessons' protocol: the
/// greeting on accept, a short reply to each message, close on `exit` or
/// the client's FIN. No narration, no timeouts, no cap: what a lesson
/// server would cost without what it teaches.
pub fn serve_floor(port: u16) {
    const LISTENER: Token = Token(usize::MAX);
    let mut poll = Poll::new().expect("epoll");
    let mut listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port))).expect("bind");
    poll.registry().register(&mut listener, LISTENER, Interest::READABLE).expect("register");
    let mut clients: HashMap<usize, TcpStream> = HashMap::new();
    let mut next = 0;
    let mut events = Events::with_capacity(1024);
    let mut buf = [0; 2048];
    loop {
        let _ = poll.poll(&mut events, None);
        for event in &events {
            if event.token() == LISTENER {
                while let Ok((mut stream, _)) = listener.accept() {
                    // A few bytes always fit in a new socket's send buffer.
                    if stream.write_all(GREETING).is_ok()
                        && poll.registry().register(&mut stream, Token(next), Interest::READABLE).is_ok()
                    {
                        clients.insert(next, stream);
                        next += 1;
                    }
                }
                continue;
            }
            let token = event.token().0;
            let Some(stream) = clients.get_mut(&token) else { continue };
            let keep = loop {
                match stream.read(&mut buf) {
                    Ok(n) if n > 0 && &buf[..n] != b"exit" => {
                        if stream.write_all(REPLY).is_err() {
                            break false;
                        }
                    }
                    Err(err) if err.kind() == ErrorKind::WouldBlock => break true,
                    _ => break false, // exit, the client's FIN, or an error
                }
            };
            if !keep {
                clients.remove(&token); // dropped: closed
            }
        }
    }
}

/// The table of one run, in Markdown.
pub fn table(rows: &[(&str, Vec<Measured>)]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "| server | connections | greeted | connect and greet all | messages/s | round trip p50 | p99 | peak RSS | threads (idle → most) |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (name, measured) in rows {
        for m in measured {
            let refused = match (m.turned_away, m.failed) {
                (0, 0) => String::new(),
                (busy, 0) => format!(" ({busy} busy)"),
                (0, failed) => format!(" ({failed} failed)"),
                (busy, failed) => format!(" ({busy} busy, {failed} failed)"),
            };
            let _ = writeln!(
                out,
                "| {name} | {} | {}{refused} | {} | {:.0} | {} | {} | {} | {} |",
                thousands(m.connections as u64),
                thousands(m.greeted as u64),
                format_args!("{:.2} s", m.greet_all.as_secs_f64()),
                m.messages_per_second,
                millis(m.p50),
                millis(m.p99),
                m.peak_rss.map_or("?".to_string(), |bytes| format!("{:.1} MB", bytes as f64 / 1e6)),
                match (m.threads_at_start, m.most_threads) {
                    (Some(start), Some(most)) if start != most => format!("{start} → {most}"),
                    (_, Some(most)) => most.to_string(),
                    _ => "?".to_string(),
                },
            );
        }
    }
    out
}

fn millis(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

/// 10000 as 10,000.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The targets of the course's design, checked against this run: one line
/// each, met or missed, with the figures.
pub fn targets(rows: &[(&str, Vec<Measured>)]) -> Vec<String> {
    let at = |name: &str, connections: usize| {
        rows.iter().find(|(n, _)| *n == name)?.1.iter().find(|m| m.connections == connections)
    };
    let mut lines = Vec::new();
    let verdict = |met: bool| if met { "met" } else { "MISSED" };
    if let Some(m) = at("lesson7-server", 10_000) {
        let rss = m.peak_rss.unwrap_or(u64::MAX);
        // Its Ctrl-C waiters are there before any client; serving adds none.
        let one_thread = m.most_threads.is_some() && m.most_threads == m.threads_at_start;
        lines.push(format!(
            "lesson 7 holds 10,000 connections in one thread, peak RSS under 64 MB, all greeted within 2 s: {} \
             ({} greeted, no thread added: {}, {:.1} MB, {:.2} s)",
            verdict(
                m.greeted == 10_000
                    && one_thread
                    && rss < 64_000_000
                    && m.greet_all < Duration::from_secs(2)
            ),
            m.greeted,
            one_thread,
            rss as f64 / 1e6,
            m.greet_all.as_secs_f64()
        ));
    }
    if let (Some(lesson7), Some(floor)) =
        (at("lesson7-server", 1_000), at("floor: minimal epoll loop", 1_000))
    {
        let ratio = lesson7.messages_per_second / floor.messages_per_second;
        lines.push(format!(
            "lesson 7 at 1,000 lockstep clients reaches at least 0.8x the floor's messages per second: {} ({ratio:.2}x)",
            verdict(ratio >= 0.8)
        ));
    }
    for connections in SCALES {
        if let (Some(lesson8), Some(lesson7)) =
            (at("lesson8-server", connections), at("lesson7-server", connections))
        {
            let ratio = lesson7.messages_per_second / lesson8.messages_per_second;
            lines.push(format!(
                "lesson 8 within 1.3x of lesson 7 at {} connections (lesson 7's messages per second over lesson 8's): {} ({ratio:.2}x)",
                thousands(connections as u64),
                verdict(ratio <= 1.3)
            ));
        }
    }
    if let Some(m) = rows.iter().find(|(n, _)| *n == "lesson5-server").and_then(|(_, ms)| ms.last()) {
        let added = m.most_threads.zip(m.threads_at_start).map(|(most, start)| most.saturating_sub(start));
        lines.push(format!(
            "lesson 5 at {} connections (started with --max-clients {0}; 64 by default): {} threads added, \
             {:.1} MB peak RSS ({:.0} KB a connection), {:.2} s to greet all",
            thousands(m.connections as u64),
            added.map_or("?".to_string(), thousands),
            m.peak_rss.unwrap_or_default() as f64 / 1e6,
            m.peak_rss.unwrap_or_default() as f64 / 1e3 / m.connections.max(1) as f64,
            m.greet_all.as_secs_f64()
        ));
    }
    lines
}

/// The plot: messages per second and peak RSS against connections (log
/// scale), one line per server, as an SVG drawn here (no plotting crate).
pub fn svg(rows: &[(&str, Vec<Measured>)], path: &Path) -> std::io::Result<()> {
    const W: f64 = 900.0;
    const H: f64 = 360.0;
    const COLOURS: [&str; 6] = ["#444444", "#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd"];
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {H}\" font-family=\"sans-serif\" font-size=\"12\">\n\
         <rect width=\"{W}\" height=\"{H}\" fill=\"white\"/>\n"
    );
    // Each panel: its title, the figure it plots, its left edge.
    type Panel = (&'static str, fn(&Measured) -> Option<f64>, f64);
    let panels: [Panel; 2] = [
        ("messages per second (lockstep)", |m| Some(m.messages_per_second), 30.0),
        ("peak RSS of the server (MB)", |m| m.peak_rss.map(|b| b as f64 / 1e6), 480.0),
    ];
    let (top, bottom, width) = (40.0, H - 90.0, 380.0);
    let x = |left: f64, connections: usize| {
        let (lo, hi) = ((SCALES[0] as f64).log10(), (SCALES[SCALES.len() - 1] as f64).log10());
        left + 40.0 + ((connections as f64).log10() - lo) / (hi - lo) * (width - 60.0)
    };
    for (title, value, left) in panels {
        // The axis ends at a round number: four equal steps, each a round number (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 7.5 times a power of ten).
        let highest = rows.iter().flat_map(|(_, ms)| ms.iter().filter_map(value)).fold(1.0_f64, f64::max);
        let power = 10_f64.powf((highest / 4.0).log10().floor());
        let step = [1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 7.5, 10.0]
            .iter()
            .map(|k| k * power)
            .find(|step| step * 4.0 >= highest);
        let most = step.unwrap_or(highest / 4.0) * 4.0;
        let y = |v: f64| bottom - v / most * (bottom - top);
        let _ = writeln!(out, "<text x=\"{}\" y=\"24\" font-weight=\"bold\">{title}</text>", left + 40.0);
        let _ = writeln!(
            out,
            "<line x1=\"{0}\" y1=\"{top}\" x2=\"{0}\" y2=\"{bottom}\" stroke=\"black\"/>\
             <line x1=\"{0}\" y1=\"{bottom}\" x2=\"{1}\" y2=\"{bottom}\" stroke=\"black\"/>",
            left + 40.0,
            left + width
        );
        for step in 0..=4 {
            let v = most / 4.0 * f64::from(step);
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
                left + 36.0,
                y(v) + 4.0,
                thousands(v.round() as u64)
            );
        }
        for connections in SCALES {
            let _ = writeln!(
                out,
                "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                x(left, connections),
                bottom + 16.0,
                thousands(connections as u64)
            );
        }
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\">connections (log scale)</text>",
            left + 150.0,
            bottom + 32.0
        );
        for (i, (_, measured)) in rows.iter().enumerate() {
            let points: Vec<String> = measured
                .iter()
                .filter_map(|m| Some(format!("{:.1},{:.1}", x(left, m.connections), y(value(m)?))))
                .collect();
            let colour = COLOURS[i % COLOURS.len()];
            let _ = writeln!(
                out,
                "<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{}\"/>",
                points.join(" ")
            );
            for point in &points {
                let (px, py) = point.split_once(',').unwrap_or_default();
                let _ = writeln!(out, "<circle cx=\"{px}\" cy=\"{py}\" r=\"3\" fill=\"{colour}\"/>");
            }
        }
    }
    for (i, (name, _)) in rows.iter().enumerate() {
        let (column, line) = (i % 3, i / 3);
        let (lx, ly) = (70.0 + column as f64 * 280.0, H - 36.0 + line as f64 * 18.0);
        let colour = COLOURS[i % COLOURS.len()];
        let _ = writeln!(
            out,
            "<line x1=\"{lx}\" y1=\"{0}\" x2=\"{1}\" y2=\"{0}\" stroke=\"{colour}\" stroke-width=\"3\"/>\
             <text x=\"{2}\" y=\"{3}\">{name}</text>",
            ly - 4.0,
            lx + 20.0,
            lx + 26.0,
            ly
        );
    }
    out.push_str("</svg>\n");
    std::fs::write(path, out)
}
