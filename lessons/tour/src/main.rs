//! The tour: the whole course in one terminal.
//!
//! For each lesson it starts the lesson's real server (on a free port) and its
//! client, and shows what both print as it happens: the server on the left, the
//! client on the right (on a narrow terminal, one column of role-tagged lines).
//! A one-line note before each lesson says what to watch for.
//!
//! Both programs are read through pipes, which may deliver a line late. So the
//! tour asks them to stamp their lines (see `shared::stamp`), holds each line a
//! moment, and shows them in stamp order: a send before the receive it causes,
//! a shutdown before the 0-byte read it causes, a connect before the accept's
//! report. Long lines wrap inside their column with a hanging indent, where a
//! reader expects a break (see `lab::wrap`, the layout the tour shares with
//! the lab): at spaces, between Chinese characters
//! but never before closing punctuation, never inside a byte's `\xNN` escape;
//! nothing is cut.
//!
//! Run it:   cargo run -p tour              (all eight lessons)
//!           cargo run -p tour -- 4         (lesson 4 only)
//!           cargo run -p tour -- --step    (wait for Enter before each step: for a class)
//!           cargo run -p tour -- --list    (the lessons, with their commands)
//!           cargo run -p tour -- --save tour.txt   (also keep the lines, one column, for a handout)
//!           cargo run -p tour -- 6 --wire  (the packets too, drawn between the columns)
//!
//! With --wire the tour runs itself again in a private network of its own
//! (the lab's: `lab::network`), captures each lesson's packets, and shows
//! each lesson when it has ended, its lines and its packets in one order
//! (see `lab::draw`). Where no private network can be made, it says why and
//! what to do, and runs nothing.
//!
//! It never hangs: every program has a deadline, every child is killed at the
//! end or on Ctrl-C, and a lesson that misbehaves ends the tour with exit code 1
//! and that lesson's output, so CI runs the tour as a smoke test too.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use clap::Parser;
use colored::Colorize;
use course_runner::{program, read_lines, ready_address};
use kit::cli::ColorChoice;
use lab::draw::Entry;
use lab::layout::{Columns, Side, is_step};
use lab::network;
use lab::wrap::wrap;
use shared::lang::{self, Lang};
use shared::{stamp, tr};
use unicode_width::UnicodeWidthStr;
use wire::Capture;

/// What this program says, in English and Chinese (`locales/`).
static TEXTS: lang::Texts = shared::texts!("locales");

/// How long one lesson may take before the tour calls it hung.
const LESSON_DEADLINE: Duration = Duration::from_secs(30);

/// How long a line is held before it is shown. A program writes a line that
/// causes something on the other side before its call, but two pipes and two
/// reading threads may deliver it after a line of the other program stamped
/// later; holding every line this long lets the earlier one arrive and go first.
const HOLD: Duration = Duration::from_millis(300);

/// The whole course in one terminal: each lesson's server and client, side by side.
#[derive(Parser)]
#[command(version, about)]
struct Args {
    /// Run only this lesson (1 to 8); without it, all eight in order
    #[arg(value_parser = clap::value_parser!(u8).range(1..=8))]
    lesson: Option<u8>,

    /// Wait for Enter before each step, to talk a class through it
    #[arg(long)]
    step: bool,

    /// List the lessons with the commands to run them and check their exercises
    #[arg(long)]
    list: bool,

    /// Lay the lines out for this many columns (default: the terminal's width;
    /// into a pipe, one line each, unwrapped); 120 or more shows two columns
    #[arg(long, value_name = "COLUMNS", value_parser = clap::value_parser!(u16).range(40..))]
    width: Option<u16>,

    /// Colour the output: auto colours a terminal unless NO_COLOR is set
    #[arg(long, value_enum, default_value_t)]
    color: ColorChoice,

    /// Language of the explanations: en or zh (default: zh if LC_ALL, LC_MESSAGES or LANG starts with zh); --help stays in English
    #[arg(long, value_enum)]
    lang: Option<Lang>,

    /// Also write every line the programs printed, in the order shown, one
    /// column, unwrapped and uncoloured, to FILE (a handout)
    #[arg(long, value_name = "FILE")]
    save: Option<PathBuf>,

    /// Also show the packets, drawn between the columns (each lesson is shown
    /// when it has ended); needs Linux and a private network namespace, as
    /// `cargo run -p lab` does
    #[arg(long)]
    wire: bool,
}

/// One program of a lesson: which binary, with which arguments.
struct Run {
    program: &'static str,
    args: &'static [&'static str],
}

/// One lesson of the tour.
struct Lesson {
    number: u8,
    /// Its title: a message id (`tour-lesson1-title`).
    title: &'static str,
    /// What to watch for, in one line: a message id (`tour-lesson1-note`).
    note: &'static str,
    server: Run,
    /// Started one after another, each once the previous one has printed
    /// its first line. Where there are several, the tour tags each one's
    /// lines `[client #1]`, `[client #2]`, ... (each program, run alone in its
    /// terminal, says `[client]`).
    clients: &'static [Run],
}

const LESSONS: [Lesson; 8] = [
    Lesson {
        number: 1,
        title: "tour-lesson1-title",
        note: "tour-lesson1-note",
        server: Run { program: "lesson1-server", args: &[] },
        clients: &[Run { program: "lesson1-client", args: &[] }],
    },
    Lesson {
        number: 2,
        title: "tour-lesson2-title",
        note: "tour-lesson2-note",
        server: Run { program: "lesson2-server", args: &["--serve", "3"] },
        clients: &[
            Run { program: "lesson2-client", args: &["--message", "123", "--message", "hello"] },
            Run { program: "lesson2-client", args: &["--message", "hi"] },
        ],
    },
    Lesson {
        number: 3,
        title: "tour-lesson3-title",
        note: "tour-lesson3-note",
        server: Run { program: "lesson3-server", args: &[] },
        clients: &[Run { program: "lesson3-client", args: &[] }],
    },
    Lesson {
        number: 4,
        title: "tour-lesson4-title",
        note: "tour-lesson4-note",
        server: Run { program: "lesson4-server", args: &["--serve", "2"] },
        clients: &[Run {
            program: "lesson5-client",
            args: &["--connections", "2", "--think", "0.3", "--message", "hello", "--message", "exit"],
        }],
    },
    Lesson {
        number: 5,
        title: "tour-lesson5-title",
        note: "tour-lesson5-note",
        server: Run { program: "lesson5-server", args: &["--serve", "3"] },
        clients: &[Run {
            program: "lesson5-client",
            args: &["--connections", "3", "--think", "0.3", "--message", "hi", "--message", "exit"],
        }],
    },
    Lesson {
        number: 6,
        title: "tour-lesson6-title",
        note: "tour-lesson6-note",
        server: Run { program: "lesson6-server", args: &["--serve", "1", "--reply-after", "0.3"] },
        clients: &[Run { program: "lesson6-client", args: &["--message", "hello"] }],
    },
    Lesson {
        number: 7,
        title: "tour-lesson7-title",
        note: "tour-lesson7-note",
        server: Run { program: "lesson7-server", args: &["--serve", "3"] },
        clients: &[Run {
            program: "lesson7-client",
            args: &["--connections", "3", "--message", "hi", "--message", "exit"],
        }],
    },
    Lesson {
        number: 8,
        title: "tour-lesson8-title",
        note: "tour-lesson8-note",
        server: Run { program: "lesson8-server", args: &["--serve", "3"] },
        clients: &[Run {
            program: "lesson8-client",
            args: &["--connections", "3", "--message", "hi", "--message", "exit"],
        }],
    },
];

impl Lesson {
    /// Its title, in the chosen language.
    fn title(&self) -> String {
        lang::text(self.title, &[])
    }

    /// What to watch for, in the chosen language.
    fn note(&self) -> String {
        lang::text(self.note, &[])
    }
}

/// Set when standard output is gone (`cargo run -p tour | head` has read
/// enough), or on Ctrl-C: the tour then prints nothing more, stops its
/// programs and ends.
static STDOUT_GONE: AtomicBool = AtomicBool::new(false);

/// Like `println!`, but a closed standard output ends the tour instead of a panic.
macro_rules! say {
    ($($arg:tt)*) => {
        if !STDOUT_GONE.load(Ordering::SeqCst) {
            note_stdout(writeln!(io::stdout().lock(), $($arg)*))
        }
    };
}

/// Remembers a failed write to standard output.
fn note_stdout(written: io::Result<()>) {
    if written.is_err() {
        STDOUT_GONE.store(true, Ordering::SeqCst);
    }
}

/// Every program the tour started and has not waited for yet, so that Ctrl-C
/// (or a failure) can end them all.
type Children = Arc<Mutex<Vec<(&'static str, Child)>>>;

/// A line one program printed, with its stamp (or, for a line without one,
/// the moment the tour read it) and the order it was read in.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Said {
    stamp: u64,
    read: u64,
    side: Side,
    text: String,
    /// Which client printed it (1, 2, ...); 0 for the server.
    client: usize,
}

fn main() -> ExitCode {
    let args = Args::parse();
    lang::choose(args.lang, &[&TEXTS, &lab::TEXTS]);
    let chosen = || LESSONS.iter().filter(|l| args.lesson.is_none_or(|n| n == l.number));
    if args.list {
        chosen().for_each(list);
        return ExitCode::SUCCESS;
    }
    if args.wire && std::env::var_os(network::INSIDE).is_none() {
        return wire_outside(&args, chosen().collect());
    }
    if args.wire
        && let Err(err) = network::loopback_up()
    {
        eprintln!("{}", tr!("tour-error", err = err));
        return ExitCode::FAILURE;
    }
    let mut view = match View::new(&args) {
        Ok(view) => view,
        Err(err) => {
            eprintln!("{}", tr!("tour-error", err = err));
            return ExitCode::FAILURE;
        }
    };

    let children: Children = Arc::default();
    let on_stop = Arc::clone(&children);
    let _ = ctrlc::set_handler(move || {
        // Nothing more from the lessons: the main thread may be showing a line.
        STDOUT_GONE.store(true, Ordering::SeqCst);
        kill_all(&on_stop);
        let _ = writeln!(io::stdout().lock(), "\n{}", tr!("tour-stopped"));
        std::process::exit(130);
    });

    // Build (or find) every program first: the lessons' deadlines are for running them.
    if std::env::var_os(network::INSIDE).is_none() {
        view.line(&tr!("tour-building")); // with --wire, said once, outside, before the build
    }
    for run in chosen().flat_map(|lesson| std::iter::once(&lesson.server).chain(lesson.clients)) {
        if let Err(err) = program(run.program) {
            eprintln!("{}", tr!("tour-error", err = err));
            return ExitCode::FAILURE;
        }
    }
    for lesson in chosen() {
        let capture = match args.wire.then(Capture::start) {
            Some(Err(err)) => {
                eprintln!("{}", tr!("tour-error", err = format!("cannot capture packets: {err}")));
                return ExitCode::FAILURE;
            }
            Some(Ok(capture)) => Some(capture),
            None => None,
        };
        view.wire = capture.as_ref().map(|_| Wire::default());
        let result = run_lesson(lesson, &mut view, &children);
        if let Some(capture) = capture {
            match capture.stop() {
                Ok(packets) => view.show_with(&packets),
                Err(err) => {
                    eprintln!("{}", tr!("tour-error", err = format!("the capture failed: {err}")));
                    return ExitCode::FAILURE;
                }
            }
        }
        if STDOUT_GONE.load(Ordering::SeqCst) {
            kill_all(&children);
            return ExitCode::SUCCESS; // whoever read the output has read enough
        }
        if let Err(failure) = result {
            kill_all(&children);
            let title = lesson.title();
            eprintln!("{}", tr!("tour-misbehaved", number = lesson.number, title = title, failure = failure));
            eprintln!("{}", tr!("tour-misbehaved-hint", program = lesson.server.program));
            return ExitCode::FAILURE;
        }
        kill_all(&children);
    }
    say!();
    match args.lesson {
        Some(number) => view.line(&tr!("tour-end-lesson", number = number)),
        None => view.line(&tr!("tour-end-course")),
    }
    ExitCode::SUCCESS
}

/// Prints a lesson with the commands that run what the tour runs.
fn list(lesson: &Lesson) {
    let command = |run: &Run| {
        let args = if run.args.is_empty() { String::new() } else { format!(" -- {}", run.args.join(" ")) };
        format!("cargo run -p {}{args}", run.program)
    };
    say!("{}", tr!("tour-list-lesson", number = lesson.number, title = lesson.title()));
    say!("  {}", tr!("tour-list-watch-for", note = lesson.note()));
    say!("  {}", tr!("tour-list-server", command = command(&lesson.server)));
    for (number, client) in (1..).zip(lesson.clients) {
        let command = command(client);
        match lesson.clients.len() {
            1 => say!("  {}", tr!("tour-list-client", command = command)),
            _ => say!("  {}", tr!("tour-list-client-number", number = number, command = command)),
        }
    }
    say!("  {}", tr!("tour-list-exercises", number = lesson.number));
    say!("  {}", tr!("tour-list-alone", number = lesson.number));
}

/// Runs one lesson: its server, then its clients, showing what they print.
fn run_lesson(lesson: &Lesson, view: &mut View, children: &Children) -> Result<(), String> {
    view.title(lesson);
    view.pause(&tr!("tour-enter-server"));

    let (said, heard) = mpsc::channel();
    // The deadline does not count the time a class spends at an [Enter] prompt.
    let started = Instant::now() - view.paused;
    let left =
        |paused: Duration| (started + LESSON_DEADLINE + paused).saturating_duration_since(Instant::now());
    let mut held = Held::default();
    spawn(&lesson.server, &["--port", "0"], Side::Server, 0, &said, children)?;

    // Wait for the ready line, as a learner waits before starting the client.
    let port = loop {
        let line = heard.recv_timeout(left(view.paused)).map_err(|_| tr!("tour-never-ready"))?;
        let ready = ready_address(&line.text).filter(|_| line.side == Side::Server);
        held.push(line);
        if let Some(addr) = ready {
            if let Some(wire) = &mut view.wire {
                wire.server_port = addr.port();
            }
            break addr.port().to_string();
        }
    };

    let several = lesson.clients.len() > 1;
    for (number, client) in (1..).zip(lesson.clients) {
        if number == 1 {
            held.show_all(view); // all of it happened before the first client starts
        } else {
            held.show_ripe(view); // the client before may still have lines on their way
        }
        view.pause(&tr!("tour-enter-client"));
        spawn(client, &["--port", &port], Side::Client, if several { number } else { 0 }, &said, children)?;
        if several && number < lesson.clients.len() {
            // The next client starts once this one is up: #1 is shown first.
            loop {
                let line = heard
                    .recv_timeout(left(view.paused))
                    .map_err(|_| tr!("tour-client-silent", number = number))?;
                let up = line.client == number;
                held.push(line);
                if up {
                    break;
                }
            }
        }
    }
    drop(said); // the channel closes when every program's output has ended

    loop {
        held.show_ripe(view);
        if STDOUT_GONE.load(Ordering::SeqCst) {
            return Ok(()); // nobody reads any more: main stops the programs
        }
        let wait = held.until_ripe().unwrap_or(HOLD).min(left(view.paused));
        match heard.recv_timeout(wait) {
            Ok(line) => held.push(line),
            Err(RecvTimeoutError::Disconnected) => break,
            Err(RecvTimeoutError::Timeout) if left(view.paused).is_zero() => {
                held.show_all(view);
                return Err(tr!("tour-still-running", seconds = LESSON_DEADLINE.as_secs()));
            }
            Err(RecvTimeoutError::Timeout) => {}
        }
    }
    held.show_all(view);

    // Every output has ended: the programs have exited. Collect how.
    let finished: Vec<_> = children.lock().unwrap_or_else(PoisonError::into_inner).drain(..).collect();
    for (name, mut child) in finished {
        let status =
            child.wait().map_err(|err| tr!("tour-cannot-wait", program = name, err = err.to_string()))?;
        if !status.success() {
            return Err(tr!("tour-exited-with", program = name, status = status.to_string()));
        }
    }
    Ok(())
}

/// Starts one program with stamps on, in the tour's language, its output
/// (stdout and stderr) read line by line into `said`. A client with a
/// `number` (one of several) has its `[client]` tag shown as `[client #N]`.
fn spawn(
    run: &Run,
    extra: &[&str],
    side: Side,
    number: usize,
    said: &Sender<Said>,
    children: &Children,
) -> Result<(), String> {
    let path = program(run.program)?;
    let mut child = Command::new(path)
        .args(extra)
        .args(run.args)
        .args(["--color", "never"]) // the tour colours (and wraps) the lines itself
        .args(["--lang", lang_code(lang::current())]) // a Chinese tour shows Chinese lessons
        .env(stamp::VARIABLE, "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|err| tr!("tour-cannot-start", program = run.program, err = err.to_string()))?;
    let stdout = child.stdout.take().map(|out| Box::new(out) as Box<dyn io::Read + Send>);
    let stderr = child.stderr.take().map(|err| Box::new(err) as Box<dyn io::Read + Send>);
    for output in [stdout, stderr].into_iter().flatten() {
        let said = said.clone();
        read_lines(output, move |line| {
            let (stamp, text) = match stamp::split(&line) {
                Some((stamp, text)) => (stamp, text.to_string()),
                None => (stamp::now(), line), // a line not from the narrator: stamped on arrival
            };
            let text = number_client(text, number);
            said.send(Said { stamp, read: 0, side, text, client: number }).is_ok()
        });
    }
    children.lock().unwrap_or_else(PoisonError::into_inner).push((run.program, child));
    Ok(())
}

/// A client's line with its tag numbered: `[client] 2 sendto ...` of client
/// 2 becomes `[client #2] 2 sendto ...`, as a program that opens several
/// connections tags them itself (lesson 5). Number 0: the line as it is.
fn number_client(text: String, number: usize) -> String {
    match text.strip_prefix("[client]") {
        Some(rest) if number > 0 => format!("[client #{number}]{rest}"),
        _ => text,
    }
}

/// How `--lang` names a language.
fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Zh => "zh",
    }
}

/// The lines read and not yet shown, earliest stamp first.
#[derive(Default)]
struct Held {
    lines: BinaryHeap<Reverse<Said>>,
    read: u64,
}

impl Held {
    fn push(&mut self, mut line: Said) {
        self.read += 1;
        line.read = self.read; // lines of one write share a stamp: keep their order
        self.lines.push(Reverse(line));
    }

    /// How long until the earliest line has been held for [`HOLD`].
    fn until_ripe(&self) -> Option<Duration> {
        let Reverse(first) = self.lines.peek()?;
        let ripe = first.stamp.saturating_add(HOLD.as_nanos() as u64);
        Some(Duration::from_nanos(ripe.saturating_sub(stamp::now())))
    }

    /// Shows every line held for [`HOLD`] already, in stamp order.
    fn show_ripe(&mut self, view: &mut View) {
        while self.until_ripe().is_some_and(|wait| wait.is_zero()) {
            let Some(Reverse(line)) = self.lines.pop() else { break };
            view.show(&line);
        }
    }

    /// Shows every line held, in stamp order.
    fn show_all(&mut self, view: &mut View) {
        while let Some(Reverse(line)) = self.lines.pop() {
            view.show(&line);
        }
    }
}

fn kill_all(children: &Children) {
    for (_, child) in children.lock().unwrap_or_else(PoisonError::into_inner).iter_mut() {
        let _ = child.kill();
        let _ = child.wait();
    }
}

/// How the lines are shown: side by side, or one column; wrapped to fit or
/// not at all; coloured or not (the lab's layout, which the tour shares);
/// and, with --save, kept in a file.
struct View {
    columns: Columns,
    /// With --wire: the lesson's lines, kept to be shown with its packets.
    wire: Option<Wire>,
    save: Option<File>,
    /// With --step: wait for Enter before each step.
    step: bool,
    /// How long the tour has waited at [Enter] prompts.
    paused: Duration,
}

impl View {
    fn new(args: &Args) -> Result<View, String> {
        let terminal = io::stdout().is_terminal();
        let width = args.width.map(usize::from).or_else(|| {
            // A terminal that reports no width (or a silly one) gets whole lines.
            let reported = terminal_size::terminal_size().map(|(w, _)| w.0 as usize);
            terminal.then_some(reported).flatten().filter(|w| *w >= 40)
        });
        let save = match &args.save {
            Some(path) => {
                let file = File::create(path);
                Some(file.map_err(|err| {
                    tr!("tour-cannot-write", file = path.display().to_string(), err = err.to_string())
                })?)
            }
            None => None,
        };
        // `colored` would make its own choice; this view makes it.
        colored::control::set_override(true);
        Ok(View {
            columns: Columns::new(width, args.color.enabled(terminal)),
            wire: None,
            save,
            step: args.step,
            paused: Duration::ZERO,
        })
    }

    /// With --step: shows `prompt` (`[Enter] to ...`) and waits for Enter (or
    /// the end of input).
    fn pause(&mut self, prompt: &str) {
        if !self.step || STDOUT_GONE.load(Ordering::SeqCst) {
            return;
        }
        let started = Instant::now();
        note_stdout(write!(io::stdout().lock(), "{prompt} ").and_then(|()| io::stdout().flush()));
        let _ = io::stdin().lock().read_line(&mut String::new());
        if !io::stdin().is_terminal() {
            say!(); // a typed Enter ends the prompt's line; one from a pipe does not
        }
        self.paused += started.elapsed();
    }

    /// The tour's own words, wrapped to the whole width.
    fn line(&self, text: &str) {
        for row in self.columns.line(text) {
            say!("{row}");
        }
    }

    fn title(&mut self, lesson: &Lesson) {
        say!();
        let title = tr!("tour-heading", number = lesson.number, title = lesson.title());
        let colour = self.columns.colour;
        say!("{}", if colour { title.bold().to_string() } else { title.clone() });
        let note = tr!("tour-watch-for", note = lesson.note());
        // Wrapped rows start under the note, past `watch for: `.
        let indent = tr!("tour-watch-for", note = "").width();
        for row in wrap(&note, self.columns.width(), indent) {
            say!("{}", if colour { row.yellow().to_string() } else { row });
        }
        for row in self.columns.heading(&tr!("tour-column-server"), &tr!("tour-column-client")) {
            say!("{row}");
        }
        if let Some(file) = &mut self.save {
            let _ = writeln!(file, "\n{title}");
            let _ = writeln!(file, "{note}");
        }
    }

    fn show(&mut self, said: &Said) {
        if let Some(wire) = &mut self.wire {
            let read = wire.lines.len() as u64;
            let line = lab::run::Said { stamp: said.stamp, read, side: said.side, text: said.text.clone() };
            wire.lines.push(line);
            return;
        }
        if is_step(&said.text) {
            self.pause(&tr!("tour-enter-step"));
        }
        if let Some(file) = &mut self.save {
            let _ = writeln!(file, "{}", said.text);
        }
        for row in self.columns.rows(&said.text, said.side) {
            say!("{row}");
        }
    }

    /// With --wire, at a lesson's end: its lines and its packets, in one order.
    fn show_with(&mut self, packets: &[wire::Packet]) {
        let Some(wire) = self.wire.take() else { return };
        let entries = lab::draw::merge(&wire.lines, packets, &Default::default(), wire.server_port);
        for entry in entries {
            match entry {
                Entry::Line { side, text } => {
                    let said = Said { stamp: 0, read: 0, side, text, client: 0 };
                    self.show(&said);
                }
                Entry::Packet { from, label, lost } => {
                    let arrow = match from {
                        Side::Server => tr!("lab-server-to-client"),
                        Side::Client => tr!("lab-client-to-server"),
                    };
                    if let Some(file) = &mut self.save {
                        let _ = writeln!(file, "{}   {arrow}  {label}", wire::WIRE_TAG);
                    }
                    for row in self.columns.packet(&label, &arrow, from, lost) {
                        say!("{row}");
                    }
                }
            }
        }
    }
}

/// With --wire: a lesson's lines, held until its packets are known.
#[derive(Default)]
struct Wire {
    lines: Vec<lab::run::Said>,
    /// The server's port, which tells its packets from the clients'.
    server_port: u16,
}

/// `--wire`, outside the private network: say why it cannot be made, or
/// build the programs and run the tour again inside it.
fn wire_outside(args: &Args, lessons: Vec<&Lesson>) -> ExitCode {
    if let Some(why) = network::cannot_run(false) {
        eprintln!("{}", tr!("lab-cannot-run", why = why));
        eprintln!("{}", tr!("tour-wire-without"));
        return ExitCode::FAILURE;
    }
    let me = network::me();
    eprintln!("{}", tr!("tour-building"));
    for run in lessons.iter().flat_map(|lesson| std::iter::once(&lesson.server).chain(lesson.clients)) {
        if let Err(err) = program(run.program) {
            eprintln!("{}", tr!("tour-error", err = err));
            return ExitCode::FAILURE;
        }
    }
    let limit = LESSON_DEADLINE * lessons.len() as u32 + Duration::from_secs(30);
    let limit = if args.step { Duration::from_secs(24 * 3600) } else { limit };
    let status = network::run_inside(me, std::env::args().skip(1), &[], limit);
    match status.code() {
        Some(0) => ExitCode::SUCCESS,
        Some(code) => ExitCode::from(code.clamp(1, 255) as u8),
        None => ExitCode::FAILURE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lesson_has_its_title_and_note_in_both_languages() {
        for lesson in &LESSONS {
            for id in [lesson.title, lesson.note] {
                for language in [Lang::En, Lang::Zh] {
                    assert!(TEXTS.get(language, id, &[]).is_some(), "no {id} in {language:?}");
                }
            }
        }
        assert_eq!(TEXTS.get(Lang::En, LESSONS[0].title, &[]).unwrap(), "UDP once");
    }
}
