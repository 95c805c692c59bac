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
//! reader expects a break (see `wrap`): at spaces, between Chinese characters
//! but never before closing punctuation, never inside a byte's `\xNN` escape;
//! nothing is cut.
//!
//! Run it:   cargo run -p tour              (all six lessons)
//!           cargo run -p tour -- 4         (lesson 4 only)
//!           cargo run -p tour -- --step    (wait for Enter before each step: for a class)
//!           cargo run -p tour -- --list    (the lessons, with their commands)
//!           cargo run -p tour -- --save tour.txt   (also keep the lines, one column, for a handout)
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
use shared::lang::{self, Lang};
use shared::{stamp, tr};
use unicode_width::UnicodeWidthStr;
use wrap::wrap;

mod wrap;

/// How long one lesson may take before the tour calls it hung.
/// What this program says, in English and Chinese (`locales/`).
static TEXTS: lang::Texts = shared::texts!("locales");

const LESSON_DEADLINE: Duration = Duration::from_secs(30);

/// How long a line is held before it is shown. A program writes a line that
/// causes something on the other side before its call, but two pipes and two
/// reading threads may deliver it after a line of the other program stamped
/// later; holding every line this long lets the earlier one arrive and go first.
const HOLD: Duration = Duration::from_millis(300);

/// A terminal at least this wide shows the two programs side by side.
const TWO_COLUMNS: usize = 120;

/// The width of a lesson line's tag and step columns (`[server] 5 accept       `):
/// the hanging indent of its wrapped lines, when it fits.
const STEP_COLUMNS: usize = 24;

/// The whole course in one terminal: each lesson's server and client, side by side.
#[derive(Parser)]
#[command(version, about)]
struct Args {
    /// Run only this lesson (1 to 6); without it, all six in order
    #[arg(value_parser = clap::value_parser!(u8).range(1..=7))]
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

const LESSONS: [Lesson; 7] = [
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

/// Which program printed a line.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Side {
    Server,
    Client,
}

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
    lang::choose(args.lang, &[&TEXTS]);
    let chosen = || LESSONS.iter().filter(|l| args.lesson.is_none_or(|n| n == l.number));
    if args.list {
        chosen().for_each(list);
        return ExitCode::SUCCESS;
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
    view.line(&tr!("tour-building"));
    for run in chosen().flat_map(|lesson| std::iter::once(&lesson.server).chain(lesson.clients)) {
        if let Err(err) = program(run.program) {
            eprintln!("{}", tr!("tour-error", err = err));
            return ExitCode::FAILURE;
        }
    }
    for lesson in chosen() {
        let result = run_lesson(lesson, &mut view, &children);
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
/// not at all; coloured or not; and, with --save, kept in a file.
struct View {
    /// The width of each column, when there are two.
    column: Option<usize>,
    /// The width to wrap a single column at, if any.
    wrap: Option<usize>,
    colour: bool,
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
            column: width.filter(|w| *w >= TWO_COLUMNS).map(|w| (w - 3) / 2),
            wrap: width.filter(|w| *w < TWO_COLUMNS),
            colour: args.color.enabled(terminal),
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
        for row in wrap(text, self.column.map(|c| 2 * c + 3).or(self.wrap), 4) {
            say!("{row}");
        }
    }

    fn title(&mut self, lesson: &Lesson) {
        say!();
        let title = tr!("tour-heading", number = lesson.number, title = lesson.title());
        say!("{}", if self.colour { title.bold().to_string() } else { title.clone() });
        let note = tr!("tour-watch-for", note = lesson.note());
        // Wrapped rows start under the note, past `watch for: `.
        let indent = tr!("tour-watch-for", note = "").width();
        for row in wrap(&note, self.column.map(|c| 2 * c + 3).or(self.wrap), indent) {
            say!("{}", if self.colour { row.yellow().to_string() } else { row });
        }
        if let Some(column) = self.column {
            let server = tr!("tour-column-server");
            let padding = column.saturating_sub(server.width());
            say!("{server}{:padding$} | {}", "", tr!("tour-column-client"));
            say!("{:-<column$}-+-{:-<column$}", "", "");
        }
        if let Some(file) = &mut self.save {
            let _ = writeln!(file, "\n{title}");
            let _ = writeln!(file, "{note}");
        }
    }

    fn show(&mut self, said: &Said) {
        if is_step(&said.text) {
            self.pause(&tr!("tour-enter-step"));
        }
        if let Some(file) = &mut self.save {
            let _ = writeln!(file, "{}", said.text);
        }
        let width = self.column.or(self.wrap);
        let rows = wrap(&said.text, width, hanging_indent(&said.text, width));
        let data = is_data(&said.text);
        for (number, row) in rows.iter().enumerate() {
            let painted = self.paint(row, said.side, number == 0, data);
            match (self.column, said.side) {
                (None, _) => say!("{painted}"),
                (Some(column), Side::Server) => {
                    let padding = column.saturating_sub(row.width());
                    say!("{painted}{:padding$} |", "")
                }
                (Some(column), Side::Client) => say!("{:column$} | {painted}", ""),
            }
        }
    }

    /// Colours one row: the role tag in its program's colour, the step's name
    /// in bold, the data (`bytes:` and `text:` lines) in green.
    fn paint(&self, row: &str, side: Side, first: bool, data: bool) -> String {
        if !self.colour {
            return row.to_string();
        }
        if !first {
            let text = row.trim_start();
            let indent = &row[..row.len() - text.len()];
            return if data { format!("{indent}{}", text.green()) } else { row.to_string() };
        }
        let Some(end) = row.starts_with('[').then(|| row.find("] ")).flatten() else {
            return row.to_string(); // not a lesson line (an error on stderr, say)
        };
        let (tag, rest) = row.split_at(end + 1);
        let tag = match side {
            Side::Server => tag.cyan().bold(),
            Side::Client => tag.magenta().bold(),
        };
        let body = rest.trim_start();
        let gap = &rest[..rest.len() - body.len()];
        let body = if let Some(value) = body.strip_prefix("bytes: ").or_else(|| body.strip_prefix("text:  "))
        {
            format!("{}{}", &body[..body.len() - value.len()], value.green())
        } else if gap == " " && body.starts_with(|c: char| c.is_ascii_digit()) {
            // A step's number and call follow the tag directly; details are indented.
            let name_end = body.find("  ").unwrap_or(body.len());
            let rest = &body[name_end..];
            // A send's line ends with the bytes it sends: data, in green (after
            // an English colon and space, or a Chinese full-width colon).
            let literal = [": b'", ": b\"", "：b'", "：b\""]
                .iter()
                .find_map(|before| rest.find(before).map(|at| at + before.len() - "b'".len()));
            let rest = match literal {
                Some(at) => format!("{}{}", &rest[..at], rest[at..].green()),
                None => rest.to_string(),
            };
            format!("{}{rest}", body[..name_end].bold())
        } else {
            body.to_string()
        };
        format!("{tag}{gap}{body}")
    }
}

/// Whether a lesson line begins a step: `[server] 5 accept ...` (the tag, one
/// space, the step's number).
fn is_step(line: &str) -> bool {
    line.split_once("] ")
        .is_some_and(|(tag, rest)| tag.starts_with('[') && rest.starts_with(|c: char| c.is_ascii_digit()))
}

/// Whether a lesson line shows data that crossed the wire.
fn is_data(line: &str) -> bool {
    line.split_once("] ").is_some_and(|(_, rest)| {
        let rest = rest.trim_start();
        rest.starts_with("bytes: ") || rest.starts_with("text:  ")
    })
}

/// How far a line's wrapped rows are indented: under its text, past the tag
/// and the step (`[server] 5 accept       `), or 4 columns on a narrow view.
fn hanging_indent(line: &str, width: Option<usize>) -> usize {
    // `[server #2]` is three columns wider than `[server]`.
    let tag = line.starts_with('[').then(|| line.find("] ")).flatten();
    let under_text = tag.map_or(4, |end| STEP_COLUMNS + end + 1 - "[server]".len());
    match width {
        Some(width) if under_text * 2 > width => 4,
        _ => under_text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_wrap_under_their_text_and_lose_no_word() {
        let line = "[server]                TCP state: CLOSE_WAIT: the peer's FIN arrived: it sends no more; we can still send";
        let rows = wrap(line, Some(60), hanging_indent(line, Some(60)));
        assert!(rows.len() > 1, "{rows:?}");
        assert!(rows.iter().all(|row| row.width() <= 60), "{rows:?}");
        assert!(rows[1..].iter().all(|row| row.starts_with(&" ".repeat(STEP_COLUMNS))), "{rows:?}");
        let words = |text: &str| text.split_whitespace().map(str::to_string).collect::<Vec<_>>();
        assert_eq!(words(&rows.join(" ")), words(line));
    }

    #[test]
    fn chinese_text_takes_two_columns_a_character() {
        let line = "[client]                text:  第1条信息：你好，服务器，你好，服务器，你好，服务器";
        let rows = wrap(line, Some(50), hanging_indent(line, Some(50)));
        assert!(rows.iter().all(|row| row.width() <= 50), "{rows:?}");
        assert_eq!(
            rows.concat().chars().filter(|c| !c.is_whitespace()).count(),
            line.chars().filter(|c| !c.is_whitespace()).count()
        );
    }

    #[test]
    fn wrapped_rows_start_under_the_text_whatever_the_tag() {
        assert_eq!(hanging_indent("[server] 5 accept       x", Some(200)), STEP_COLUMNS);
        assert_eq!(hanging_indent("[client #2] 2 connect      x", Some(200)), STEP_COLUMNS + 3);
        assert_eq!(hanging_indent("error: not a lesson line", Some(200)), 4);
        assert!(
            is_step("[server #3] 6 send         12 bytes") && !is_step("[server]                bytes: b''")
        );
    }

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

    #[test]
    fn a_pipe_gets_whole_lines() {
        assert_eq!(wrap("a long line that stays whole", None, 4), ["a long line that stays whole"]);
    }
}
