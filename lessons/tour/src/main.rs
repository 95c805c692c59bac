//! The tour: the whole course in one terminal.
//!
//! For each lesson it starts the lesson's real server (on a free port) and its
//! client, and shows what both print as it happens: the server on the left, the
//! client on the right (on a narrow terminal, one column of role-tagged lines).
//! A one-line note before each lesson says what to watch for.
//!
//! Run it:   cargo run -p tour              (all six lessons)
//!           cargo run -p tour -- 4         (lesson 4 only)
//!           cargo run -p tour -- --step    (wait for Enter before each step: for a class)
//!           cargo run -p tour -- --list    (the lessons, with their commands)
//!
//! It never hangs: every program has a deadline, every child is killed at the
//! end or on Ctrl-C, and a lesson that misbehaves ends the tour with exit code 1
//! and that lesson's output, so CI runs the tour as a smoke test too.

use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use clap::Parser;
use course_tests::{address_after, program};

/// How long one lesson may take before the tour calls it hung.
const LESSON_DEADLINE: Duration = Duration::from_secs(30);

/// The whole course in one terminal: each lesson's server and client, side by side.
#[derive(Parser)]
#[command(version, about)]
struct Args {
    /// Run only this lesson (1 to 6); without it, all six in order
    #[arg(value_parser = clap::value_parser!(u8).range(1..=6))]
    lesson: Option<u8>,

    /// Wait for Enter before each step, to talk a class through it
    #[arg(long)]
    step: bool,

    /// List the lessons with the commands to run them and check their exercises
    #[arg(long)]
    list: bool,
}

/// One program of a lesson: which binary, with which arguments.
struct Run {
    program: &'static str,
    args: &'static [&'static str],
}

/// One lesson of the tour.
struct Lesson {
    number: u8,
    title: &'static str,
    /// What to watch for, in one line.
    note: &'static str,
    server: Run,
    /// Started one after another, each once the previous one has started.
    clients: &'static [Run],
}

const LESSONS: [Lesson; 6] = [
    Lesson {
        number: 1,
        title: "UDP once",
        note: "no listen, no accept: one datagram each way, and the reply goes to the sender's address",
        server: Run { program: "lesson1-server", args: &[] },
        clients: &[Run { program: "lesson1-client", args: &[] }],
    },
    Lesson {
        number: 2,
        title: "UDP in a loop",
        note: "one socket serves two clients: watch the two different ports in the server's 'from' lines",
        server: Run { program: "lesson2-server", args: &["--serve", "3"] },
        clients: &[
            Run { program: "lesson2-client", args: &["--message", "123", "--message", "hello"] },
            Run { program: "lesson2-client", args: &["--message", "hi"] },
        ],
    },
    Lesson {
        number: 3,
        title: "TCP once",
        note: "listen, then accept returns a second socket for the client; the reply quotes the client's port",
        server: Run { program: "lesson3-server", args: &[] },
        clients: &[Run { program: "lesson3-client", args: &[] }],
    },
    Lesson {
        number: 4,
        title: "TCP in a loop",
        note: "one client at a time: both connections connect at once, but the one accepted second is greeted only when the first has left (each side numbers its own connections: match them by port)",
        server: Run { program: "lesson4-server", args: &["--serve", "2"] },
        clients: &[Run {
            program: "lesson5-client",
            args: &["--connections", "2", "--think", "0.3", "--message", "hello", "--message", "exit"],
        }],
    },
    Lesson {
        number: 5,
        title: "a thread per client",
        note: "the same three conversations, all greeted at once: each client has a thread of its own",
        server: Run { program: "lesson5-server", args: &["--serve", "3"] },
        clients: &[Run {
            program: "lesson5-client",
            args: &["--connections", "3", "--think", "0.3", "--message", "hi", "--message", "exit"],
        }],
    },
    Lesson {
        number: 6,
        title: "the half-close",
        note: "shutdown(Write), then the reply still arrives; watch FIN_WAIT2, CLOSE_WAIT and TIME_WAIT",
        server: Run { program: "lesson6-server", args: &["--serve", "1", "--reply-after", "0.3"] },
        clients: &[Run { program: "lesson6-client", args: &["--message", "hello"] }],
    },
];

/// Every program the tour started and has not waited for yet, so that Ctrl-C
/// (or a failure) can end them all.
type Children = Arc<Mutex<Vec<(&'static str, Child)>>>;

/// A line one program printed.
enum Said {
    Server(String),
    Client(String),
}

fn main() -> ExitCode {
    let args = Args::parse();
    if args.list {
        list();
        return ExitCode::SUCCESS;
    }

    let children: Children = Arc::default();
    let on_stop = Arc::clone(&children);
    let _ = ctrlc::set_handler(move || {
        kill_all(&on_stop);
        println!("\ntour stopped: every lesson program has been ended");
        std::process::exit(130);
    });

    println!("building the lesson programs (the first time takes a minute)...");
    let layout = Layout::for_stdout();
    for lesson in LESSONS.iter().filter(|l| args.lesson.is_none_or(|n| n == l.number)) {
        if let Err(failure) = run_lesson(lesson, &layout, args.step, &children) {
            kill_all(&children);
            eprintln!("error: lesson {} ({}) misbehaved: {failure}", lesson.number, lesson.title);
            eprintln!("hint:  run it in two terminals to see more: cargo run -p {}", lesson.server.program);
            return ExitCode::FAILURE;
        }
        kill_all(&children);
    }
    println!();
    println!("That was the course. Each lesson's chapter is in docs/; start with docs/README.md.");
    ExitCode::SUCCESS
}

/// Prints the lessons with their commands.
fn list() {
    for lesson in &LESSONS {
        println!("lesson {}: {}", lesson.number, lesson.title);
        println!("  watch for: {}", lesson.note);
        println!("  server:    cargo run -p lesson{}-server", lesson.number);
        println!("  client:    cargo run -p lesson{}-client", lesson.number);
        println!("  exercises: cargo test -p lesson{}-exercises", lesson.number);
        println!("  on its own in the tour: cargo run -p tour -- {}", lesson.number);
    }
}

/// Runs one lesson: its server, then its clients, printing what they say.
fn run_lesson(lesson: &Lesson, layout: &Layout, step: bool, children: &Children) -> Result<(), String> {
    println!();
    println!("=== lesson {}: {} ===", lesson.number, lesson.title);
    println!("watch for: {}", lesson.note);
    layout.header();
    pause(step, "start the server");

    let (said, heard) = mpsc::channel();
    let started = Instant::now();
    spawn(&lesson.server, &["--port", "0"], Said::Server, &said, children)?;

    // Wait for the ready line, as a learner waits before starting the client.
    let port = loop {
        let line = next_line(&heard, started)?;
        let ready = address_after(text_of(&line)).map(|addr| addr.port());
        layout.print(&line);
        if let Some(port) = ready {
            break port.to_string();
        }
    };

    for client in lesson.clients {
        pause(step, "start the client");
        spawn(client, &["--port", &port], Said::Client, &said, children)?;
    }
    drop(said); // the channel closes when every program's output has ended

    loop {
        match heard.recv_timeout(LESSON_DEADLINE.saturating_sub(started.elapsed())) {
            Ok(line) => layout.print(&line),
            Err(RecvTimeoutError::Disconnected) => break,
            Err(RecvTimeoutError::Timeout) => {
                return Err(format!("still running after {LESSON_DEADLINE:?}"));
            }
        }
    }
    // Every output has ended: the programs have exited. Collect how.
    let finished: Vec<_> = children.lock().unwrap_or_else(PoisonError::into_inner).drain(..).collect();
    for (name, mut child) in finished {
        let status = child.wait().map_err(|err| format!("cannot wait for {name}: {err}"))?;
        if !status.success() {
            return Err(format!("{name} exited with {status}"));
        }
    }
    Ok(())
}

/// Starts one program, its output (stdout and stderr) read line by line into `said`.
fn spawn(
    run: &Run,
    extra: &[&str],
    tag: fn(String) -> Said,
    said: &Sender<Said>,
    children: &Children,
) -> Result<(), String> {
    let mut child = Command::new(program(run.program))
        .args(extra)
        .args(run.args)
        .args(["--color", "never"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|err| format!("cannot start {}: {err}", run.program))?;
    let stdout = child.stdout.take().map(|out| Box::new(out) as Box<dyn Read + Send>);
    let stderr = child.stderr.take().map(|err| Box::new(err) as Box<dyn Read + Send>);
    for output in [stdout, stderr].into_iter().flatten() {
        let said = said.clone();
        thread::spawn(move || {
            for line in BufReader::new(output).lines().map_while(Result::ok) {
                if said.send(tag(line)).is_err() {
                    return;
                }
            }
        });
    }
    children.lock().unwrap_or_else(PoisonError::into_inner).push((run.program, child));
    Ok(())
}

fn next_line(heard: &Receiver<Said>, started: Instant) -> Result<Said, String> {
    heard
        .recv_timeout(LESSON_DEADLINE.saturating_sub(started.elapsed()))
        .map_err(|_| "the server never said it was ready".to_string())
}

fn text_of(said: &Said) -> &str {
    match said {
        Said::Server(line) | Said::Client(line) => line,
    }
}

fn kill_all(children: &Children) {
    for (_, child) in children.lock().unwrap_or_else(PoisonError::into_inner).iter_mut() {
        let _ = child.kill();
        let _ = child.wait();
    }
}

/// With --step: waits for Enter (or the end of input).
fn pause(step: bool, what: &str) {
    if step {
        print!("[Enter] to {what} ");
        let _ = io::stdout().flush();
        let _ = io::stdin().lock().read_line(&mut String::new());
    }
}

/// How lines are laid out: two columns on a wide terminal, one otherwise.
struct Layout {
    /// The width of the server's column, when there are two.
    column: Option<usize>,
}

impl Layout {
    fn for_stdout() -> Layout {
        let width = io::stdout()
            .is_terminal()
            .then(|| terminal_size::terminal_size().map(|(w, _)| w.0 as usize))
            .flatten();
        Layout { column: width.filter(|w| *w >= 120).map(|w| (w - 3) / 2) }
    }

    fn header(&self) {
        if let Some(column) = self.column {
            println!("{:<column$} | client", "server");
            println!("{:-<column$}-+-{:-<column$}", "", "");
        }
    }

    fn print(&self, said: &Said) {
        match (self.column, said) {
            (None, Said::Server(line) | Said::Client(line)) => println!("{line}"),
            (Some(column), Said::Server(line)) => println!("{} |", fit(line, column)),
            (Some(column), Said::Client(line)) => println!("{:column$} | {}", "", fit(line, column)),
        }
    }
}

/// `line` cut or padded to `width` terminal columns.
fn fit(line: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in line.chars() {
        let w = columns(c);
        if used + w > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push_str(&" ".repeat(width - used));
    out
}

/// How many terminal columns a character takes: Chinese characters and
/// full-width punctuation take two.
fn columns(c: char) -> usize {
    match c as u32 {
        0x1100..=0x115F
        | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_take_two_columns() {
        assert_eq!(fit("ab", 4), "ab  ");
        assert_eq!(fit("第1条", 6), "第1条 ");
        assert_eq!(fit("第1条信息", 6), "第1条 ");
        assert_eq!(fit("abcdef", 3), "abc");
    }
}
