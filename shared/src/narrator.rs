//! The voice of every lesson program: role-tagged, numbered, coloured lines.

use std::cell::{Cell, RefCell};
use std::fmt::{Display, Write as _};
use std::io::{self, Write};
use std::net::SocketAddr;
use std::ops::Deref;
use std::process::ExitCode;
use std::sync::OnceLock;
use std::time::Duration;

use colored::{ColoredString, Colorize};

use crate::bytes::{Encoding, python_literal};
use crate::explain::{Call, Context, Failure};
use crate::stamp;
use crate::tr;

/// Which side of the conversation a program is; it tags and colours every line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The program that binds a known port and waits.
    Server,
    /// The program that sends first.
    Client,
}

impl Role {
    fn tag(self) -> &'static str {
        match self {
            Role::Server => "server",
            Role::Client => "client",
        }
    }
}

/// Whether the narrator colours what it writes to standard output and to
/// standard error (a terminal may be one and not the other). The `--color`
/// option decides it: `kit::cli::Look`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Colours {
    /// Colour standard output: the steps, the details, the data.
    pub stdout: bool,
    /// Colour standard error: the `error:` and `hint:` lines.
    pub stderr: bool,
}

/// How many bytes of one message the narrator shows; the rest is counted.
pub(crate) const SHOWN_BYTES: usize = 256;

/// Width of the "N call" column, so the details line up under each other.
const STEP_WIDTH: usize = 14;

/// Prints what a lesson program does, step by step, in the articles' order.
///
/// It keeps no count of steps: each program writes the step number at the call
/// (`say.step(5, Call::Accept, ...)`), the same number as the `// 5.` comment above
/// it and the chapter's table, so a call shows one number on every path.
///
/// Normal output goes to stdout (tests and learners read it there); failures go
/// to stderr as `error:` and `hint:` lines. Writing never panics, even into a
/// closed pipe.
///
/// A step and the lines that belong to it leave in one write: `step` returns a
/// [`Step`] that holds them back until it is dropped, at the end of the
/// statement, so `say.step(7, Call::Recv, ...).received(data, peer)` costs one
/// system call, not five.
#[derive(Clone)]
pub struct Narrator {
    role: Role,
    /// The role tag, painted once: `[server]`, `[client #2]`.
    tag: String,
    context: Context,
    encoding: Encoding,
    colour_out: bool,
    colour_err: bool,
    /// Lines waiting to leave in one write, while a [`Step`] or a group is open.
    pending: RefCell<String>,
    /// How many steps or groups are open; their lines leave when it is back to 0.
    open: Cell<u32>,
    /// Bytes of log the current conversation may still write ([`LOG_BUDGET`]).
    budget: Cell<usize>,
    /// Lines of the current conversation not written, past its budget.
    held_back: Cell<u64>,
    /// The current conversation is ending (its close step has begun, or what
    /// ended it is being said): from here on every line is written, past the
    /// log limit, so the learner always sees how a conversation ended.
    ending: Cell<bool>,
    /// Whether each line starts with a time stamp (the tour asks; see [`stamp`]).
    stamps: bool,
    /// When this narrator last wrote: the stamp of a `connect` line, and (with
    /// the return of the thread's last explained socket call) of a `close`
    /// line, which are written after their call but must sort before its
    /// effects, and after those of the call before.
    last_write: Cell<u64>,
    /// The stamp the lines waiting in `pending` will carry, if not "now".
    early: Cell<Option<u64>>,
}

/// The most log one conversation writes (4 MiB, some thousands of messages):
/// a peer that sends without end must not fill the disk through our output.
/// Past it, lines are counted, not written, until the next conversation.
pub(crate) const LOG_BUDGET: usize = 4 << 20;

/// A step being printed: the lines printed through it (it derefs to the
/// [`Narrator`]) leave together with the step's own line when it is dropped.
pub struct Step<'a> {
    say: &'a Narrator,
}

impl Deref for Step<'_> {
    type Target = Narrator;

    fn deref(&self) -> &Narrator {
        self.say
    }
}

impl Drop for Step<'_> {
    fn drop(&mut self) {
        self.say.close_group();
    }
}

impl Narrator {
    /// A narrator for one program of `lesson`, colouring as `colours` says.
    pub fn new(role: Role, lesson: u8, colours: Colours) -> Self {
        // `colored` would make its own choice; this type makes it (see `paint`).
        colored::control::set_override(true);
        let colour_out = colours.stdout;
        Narrator {
            role,
            tag: paint_tag(role, format!("[{}]", role.tag()), colour_out),
            context: Context { lesson, timeout: None },
            encoding: Encoding::Utf8,
            colour_out,
            colour_err: colours.stderr,
            pending: RefCell::new(String::new()),
            open: Cell::new(0),
            budget: Cell::new(LOG_BUDGET),
            held_back: Cell::new(0),
            ending: Cell::new(false),
            stamps: stamp::wanted(),
            last_write: Cell::new(stamp::now()),
            early: Cell::new(None),
        }
    }

    /// A narrator for one connection of a program that serves or opens several
    /// at once (lesson 5): its lines are tagged `[server #3]`, and it can move to
    /// the connection's thread.
    pub fn for_connection(&self, number: u64) -> Narrator {
        Narrator {
            role: self.role,
            tag: paint_tag(self.role, format!("[{} #{number}]", self.role.tag()), self.colour_out),
            context: self.context,
            encoding: self.encoding,
            colour_out: self.colour_out,
            colour_err: self.colour_err,
            pending: RefCell::new(String::new()),
            open: Cell::new(0),
            budget: Cell::new(LOG_BUDGET),
            held_back: Cell::new(0),
            ending: Cell::new(false),
            stamps: self.stamps,
            last_write: Cell::new(stamp::now()),
            early: Cell::new(None),
        }
    }

    /// Tells the narrator how long the program waits for replies, for its hints.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.context.timeout = Some(timeout);
        self
    }

    /// Tells the narrator how to decode the data it shows (UTF-8 unless told).
    pub fn with_encoding(mut self, encoding: Encoding) -> Self {
        self.encoding = encoding;
        self
    }

    /// A numbered step, named after the socket call it makes: `number` is the
    /// step number written at the call in the lesson's code. The lines printed
    /// through the returned [`Step`] leave in the same write.
    pub fn step(&self, number: u8, call: Call, text: impl Display) -> Step<'_> {
        self.open.set(self.open.get() + 1);
        if call == Call::Close {
            self.ending.set(true);
        }
        if matches!(call, Call::Connect | Call::Close) && self.open.get() == 1 {
            // Printed after the call (it names the port the call chose, or what
            // the close sent): for the tour, stamped with the last moment known
            // to be before it. For a close, that includes the return of the
            // call before it (the reply sent), which may come after our last
            // line; connect's own return is after its handshake, so not for it.
            let before = match call {
                Call::Close => self.last_write.get().max(stamp::last_return()),
                _ => self.last_write.get(),
            };
            self.early.set(Some(before));
        }
        let label = format!("{number} {}", call.name());
        let padding = STEP_WIDTH.saturating_sub(label.len());
        let label = if self.colour_out { label.bold().to_string() } else { label };
        self.line(format_args!("{label}{:padding$} {text}", ""));
        Step { say: self }
    }

    /// `name` as a word to spot in a line, such as lesson 6's TCP states: in
    /// bold blue when this narrator colours, as it is otherwise. Only the
    /// narrator knows whether it colours (`--color`, the terminal, `NO_COLOR`).
    pub fn highlight(&self, name: &str) -> String {
        self.paint(name.to_string(), |s| s.blue().bold())
    }

    /// A further line of the current step.
    pub fn detail(&self, text: impl Display) {
        self.line(format_args!("{:STEP_WIDTH$} {text}", ""));
    }

    /// A line that points at something to notice (in the hint colour).
    pub fn notice(&self, text: impl Display) {
        let text = self.paint(text.to_string(), |s| s.yellow());
        self.detail(text);
    }

    /// Shows data that crossed the wire: its Python bytes literal and its text.
    /// Long data is shown up to [`SHOWN_BYTES`], with a note of how much is left out.
    fn data_lines(&self, data: &[u8]) {
        let shown = &data[..data.len().min(SHOWN_BYTES)];
        let decoded = self.encoding.decode(shown);
        self.detail(format_args!("bytes: {}", self.paint(python_literal(shown), |s| s.green())));
        let text = self.paint(decoded.text, |s| s.green());
        match self.encoding {
            Encoding::Utf8 => self.detail(format_args!("text:  {text}")),
            other => {
                self.detail(format_args!("text:  {text} {}", tr!("decoded-as", encoding = other.name())))
            }
        }
        if shown.len() < data.len() {
            self.notice(tr!("data-shown-part", shown = SHOWN_BYTES, total = data.len()));
        } else if let Some(problem) = decoded.problem {
            self.notice(problem);
        }
    }

    /// A step that sends `data` to `to`: the byte count and the bytes literal.
    /// Printed just before the call, so the line comes before its effect.
    pub fn sent(&self, number: u8, call: Call, data: &[u8], to: SocketAddr) -> Step<'_> {
        let shown = &data[..data.len().min(SHOWN_BYTES)];
        let more = if shown.len() < data.len() { "..." } else { "" };
        let literal = self.paint(python_literal(shown), |s| s.green());
        let literal = format!("{literal}{more}");
        self.step(number, call, tr!("sent-to", bytes = count(data.len(), "byte"), to = to, literal = literal))
    }

    /// Asks for the next line of input, without a newline, as Python's `input()` does.
    pub fn prompt(&self, text: &str) {
        note_stdout(to_stdout(&format!("{} {text}", self.tag)));
    }

    /// Shows data that arrived: how much, from whom, and what it was.
    pub fn received(&self, data: &[u8], from: SocketAddr) {
        self.together(|| {
            self.detail(tr!("bytes-from", bytes = count(data.len(), "byte"), from = from));
            self.data_lines(data);
        });
    }

    /// Runs `print`, gathering the lines it prints into one write (or into
    /// the write of the step that is open): a lesson's story prints its
    /// explanation of one event in several lines, which must not be split by
    /// another thread's output or by the log limit.
    pub fn together(&self, print: impl FnOnce()) {
        self.open.set(self.open.get() + 1);
        print();
        self.close_group();
    }

    /// Ends a step or a group; when none is left open, its lines leave in one write.
    fn close_group(&self) {
        let open = self.open.get().saturating_sub(1);
        self.open.set(open);
        if open > 0 {
            return;
        }
        let mut pending = self.pending.borrow_mut();
        let budget = self.budget.get();
        let early = self.early.take();
        if pending.len() <= budget || self.ending.get() {
            self.budget.set(budget.saturating_sub(pending.len()));
            let held_back = self.held_back.replace(0);
            if held_back > 0 {
                // How the conversation ended is shown; first, how much was not.
                let lines = count(held_back, "line");
                let notice =
                    format!("{} {:STEP_WIDTH$} {}\n", self.tag, "", tr!("log-held-back-here", lines = lines));
                pending.insert_str(0, &notice);
            }
            if self.stamps {
                let stamped = stamp::mark(&pending, early.unwrap_or_else(stamp::now));
                note_stdout(to_stdout(&stamped));
                self.last_write.set(stamp::now());
            } else {
                note_stdout(to_stdout(&pending));
            }
        } else {
            if budget > 0 {
                // The first lines past the budget: say so once, then count.
                let limit = tr!("log-limit", kib = LOG_BUDGET / 1024);
                let notice = format!("{} {:STEP_WIDTH$} {limit}\n", self.tag, "");
                let notice = if self.stamps { stamp::mark(&notice, stamp::now()) } else { notice };
                note_stdout(to_stdout(&notice));
                self.budget.set(0);
            }
            self.held_back.set(self.held_back.get() + pending.lines().count() as u64);
        }
        pending.clear();
    }

    /// The current conversation is ending (the peer's FIN came, or the server
    /// gave up on a client): from here on every line is written, past the log
    /// limit, so the learner always sees how a conversation ended.
    pub fn conversation_ends(&self) {
        self.ending.set(true);
    }

    /// A new conversation begins (a loop server accepted a client): its log
    /// budget starts again, and lines the last one held back are counted.
    pub fn new_conversation(&self) {
        let held_back = self.held_back.replace(0);
        self.budget.set(LOG_BUDGET);
        self.ending.set(false);
        if held_back > 0 {
            self.notice(tr!("log-held-back", lines = count(held_back, "line")));
        }
    }

    /// Ends the program: `Ok` exits 0; a [`Failure`] is explained on stderr
    /// (`error:` the cause, `hint:` what to do) and exits 1.
    pub fn exit_with(&self, result: Result<(), Failure>) -> ExitCode {
        match result {
            Ok(()) if let Some(err) = STDOUT_FAILED.get() => {
                self.print_error(&Failure::other(tr!("stdout-lost", err = err), tr!("stdout-lost-hint")));
                ExitCode::FAILURE
            }
            Ok(()) => ExitCode::SUCCESS,
            Err(failure) => {
                self.print_error(&failure);
                ExitCode::FAILURE
            }
        }
    }

    /// Explains a failure on stderr (`error:` the cause, `hint:` what to do),
    /// for one of several conversations that failed (lesson 5's connections).
    pub fn print_error(&self, failure: &Failure) {
        let explanation = failure.explanation(&self.context);
        // "error: ...", but "错误：..." (a full-width colon brings its own space).
        let gap = |label: &str| if label.ends_with('：') { "" } else { " " };
        let (error, hint_label, system_label) = (tr!("label-error"), tr!("label-hint"), tr!("label-system"));
        // The hint's further lines start under its first: as many columns as
        // its label and two spaces take (a Chinese character takes two).
        let columns: usize = hint_label.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
        let hint = explanation.hint.replace('\n', &format!("\n{:width$}", "", width = columns + 2));
        let mut text = String::new();
        let _ = writeln!(
            text,
            "{}{}{}",
            self.paint_err(error.clone(), |s| s.red().bold()),
            gap(&error),
            explanation.cause
        );
        if let Some(system) = &explanation.system {
            let _ = writeln!(
                text,
                "{}{}{system}",
                self.paint_err(system_label.clone(), |s| s.dimmed()),
                gap(&system_label)
            );
        }
        let _ = writeln!(text, "{}  {hint}", self.paint_err(hint_label, |s| s.yellow().bold()));
        if self.stamps {
            text = stamp::mark(&text, stamp::now());
        }
        to_stderr(&text);
    }

    /// Reports a failure that ends one client's conversation but not the
    /// program (a loop server goes on): the cause and the hint as notices.
    pub fn report(&self, failure: &Failure) {
        self.ending.set(true); // why a conversation ended: always shown
        let explanation = failure.explanation(&self.context);
        self.together(|| {
            match failure.call() {
                // "accept failed: ...", unless the cause names the call already.
                Some(call) if !crate::explain::names_call(&explanation.cause, call) => {
                    self.notice(tr!("call-failed", call = call.name(), cause = &explanation.cause))
                }
                Some(_) => self.notice(&explanation.cause),
                None => self.notice(&explanation.cause),
            }
            if let Some(system) = &explanation.system {
                self.notice(tr!("system-said", system = system));
            }
            for line in explanation.hint.lines() {
                self.notice(line);
            }
        });
    }

    fn line(&self, text: impl Display) {
        self.together(|| {
            let mut pending = self.pending.borrow_mut();
            let _ = writeln!(pending, "{} {text}", self.tag);
        });
    }

    fn paint(&self, text: String, style: impl Fn(&str) -> ColoredString) -> String {
        if self.colour_out { style(&text).to_string() } else { text }
    }

    fn paint_err(&self, text: String, style: impl Fn(&str) -> ColoredString) -> String {
        if self.colour_err { style(&text).to_string() } else { text }
    }
}

/// Writes `text` to standard output in one write, and flushes it (a prompt
/// has no newline to flush it). In this crate's tests, a test that captures
/// the output gets it instead (`tests::Captured`).
fn to_stdout(text: &str) -> io::Result<()> {
    #[cfg(any(test, feature = "capture"))]
    if let Some(written) = crate::capture::stdout(text) {
        return written;
    }
    let mut stdout = io::stdout().lock();
    stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush())
}

/// Writes `text` to standard error in one write (or to a test's capture).
fn to_stderr(text: &str) {
    #[cfg(any(test, feature = "capture"))]
    if crate::capture::stderr(text) {
        return;
    }
    let _ = io::stderr().lock().write_all(text.as_bytes());
}

/// The first failed write to standard output, if any: a program whose output
/// was lost (a full disk, `> /dev/full`) must not end as if all went well.
static STDOUT_FAILED: OnceLock<String> = OnceLock::new();

/// Remembers a failed write to standard output, for [`Narrator::exit_with`].
fn note_stdout(written: io::Result<()>) {
    if let Err(err) = written {
        let _ = STDOUT_FAILED.set(err.to_string());
    }
}

/// The role tag in the role's colour (server cyan, client magenta), or plain.
fn paint_tag(role: Role, tag: String, colour: bool) -> String {
    match (colour, role) {
        (false, _) => tag,
        (true, Role::Server) => tag.cyan().bold().to_string(),
        (true, Role::Client) => tag.magenta().bold().to_string(),
    }
}

/// A number with its noun, singular for one: "1 byte", "3 datagrams", "2 replies".
pub fn count(n: impl TryInto<u64>, noun: &str) -> String {
    let n: u64 = n.try_into().unwrap_or(u64::MAX);
    crate::lang::text(&format!("noun-{noun}"), &[("n", crate::lang::IntoValue::into_value(n))])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Explain;
    use crate::capture::{Captured, capture, capture_from};

    /// A narrator of lesson 1 without colours or stamps, whatever runs the tests.
    fn narrator(role: Role) -> Narrator {
        let mut say = Narrator::new(role, 1, Colours::default());
        say.stamps = false;
        say
    }

    fn peer() -> SocketAddr {
        "127.0.0.1:7852".parse().unwrap()
    }

    /// The tag and the step column: a detail line starts with these.
    const DETAIL: &str = "[client]                ";

    #[test]
    fn every_line_is_tagged_with_its_role_and_connection() {
        // Fails if a line loses its `[server]`, `[client #2]` tag, or the
        // step column stops lining up.
        let out = capture(|| {
            narrator(Role::Server).step(1, Call::Bind, "127.0.0.1:7852");
            narrator(Role::Client).step(2, Call::SendTo, "hello");
            narrator(Role::Client).for_connection(2).detail("a detail");
        });
        assert_eq!(
            out.stdout(),
            "[server] 1 bind         127.0.0.1:7852\n\
             [client] 2 sendto       hello\n\
             [client #2]                a detail\n"
        );
    }

    #[test]
    fn a_step_and_what_it_received_leave_in_one_write() {
        // Fails if a step's lines are written one by one (another thread's
        // output could come between them) or never written at all.
        let say = narrator(Role::Client);
        let out = capture(|| say.step(4, Call::Recv, "read once").received(b"hi", peer()));
        assert_eq!(
            out.writes,
            [format!(
                "[client] 4 recv         read once\n\
                 {DETAIL}2 bytes from 127.0.0.1:7852\n\
                 {DETAIL}bytes: b'hi'\n\
                 {DETAIL}text:  hi\n"
            )]
        );
    }

    #[test]
    fn groups_inside_groups_leave_when_the_outermost_ends() {
        // Fails if an inner group writes its lines before the outer one ends,
        // or if nothing is written once all have ended.
        let say = narrator(Role::Client);
        let out = capture(|| {
            say.together(|| {
                say.detail("first");
                say.together(|| say.detail("second"));
                say.notice("third");
            });
        });
        assert_eq!(out.writes, [format!("{DETAIL}first\n{DETAIL}second\n{DETAIL}third\n")]);
    }

    #[test]
    fn long_data_is_shown_up_to_256_bytes_and_the_rest_counted() {
        // Fails if a peer's long message floods the terminal, or if a message
        // of exactly 256 bytes is said to be cut.
        let say = narrator(Role::Client);
        let long = capture(|| say.received(&[b'a'; 300], peer())).stdout();
        assert!(long.contains(&format!("bytes: b'{}'\n", "a".repeat(256))), "{long}");
        assert!(long.contains("(only the first 256 of 300 bytes shown)"), "{long}");
        let whole = capture(|| say.received(&[b'a'; 256], peer())).stdout();
        assert!(!whole.contains("only the first"), "{whole}");
        let sent = capture(|| {
            say.sent(3, Call::Send, &[b'a'; 300], peer());
        })
        .stdout();
        assert!(
            sent.ends_with(&format!("300 bytes to 127.0.0.1:7852: b'{}'...\n", "a".repeat(256))),
            "{sent}"
        );
        let sent_whole = capture(|| {
            say.sent(3, Call::Send, &[b'a'; 256], peer());
        })
        .stdout();
        assert!(sent_whole.ends_with(&format!("256 bytes to 127.0.0.1:7852: b'{}'\n", "a".repeat(256))));
    }

    #[test]
    fn data_that_does_not_decode_says_why() {
        // Fails if garbage from a peer is shown without the note on where it
        // stops being UTF-8.
        let out = capture(|| narrator(Role::Server).received(&[b'o', b'k', 0xff], peer())).stdout();
        assert!(out.contains("bytes: b'ok\\xff'"), "{out}");
        assert!(out.contains("text:  ok\u{fffd}\n"), "{out}");
        assert!(out.contains("not valid UTF-8 from byte 2 on"), "{out}");
    }

    #[test]
    fn gbk_text_says_it_was_decoded_as_gbk() {
        // Fails if lesson 3's `--encoding gbk` run stops naming the encoding
        // as Python does (docs/lesson3-tcp-once.md).
        let say = narrator(Role::Client).with_encoding(Encoding::Gbk);
        let out = capture(|| say.received(&[0xc4, 0xe3, 0xba, 0xc3], peer())).stdout();
        assert!(out.contains(&format!("{DETAIL}text:  你好 (decoded as gbk)\n")), "{out}");
    }

    #[test]
    fn a_prompt_waits_on_the_same_line() {
        // Fails if the prompt is lost, or ends its line before the learner types.
        let out = capture(|| narrator(Role::Client).prompt("message: "));
        assert_eq!(out.writes, ["[client] message: "]);
    }

    #[test]
    fn colours_only_where_asked() {
        // Fails if the role tags, a highlighted word or a notice lose their
        // colour in a terminal, or if colour escapes leak into a pipe.
        let colours = Colours { stdout: true, stderr: false };
        let server = Narrator::new(Role::Server, 6, colours);
        let client = Narrator::new(Role::Client, 6, colours);
        assert_eq!(server.tag, "\x1b[1;36m[server]\x1b[0m", "server in bold cyan");
        assert_eq!(client.tag, "\x1b[1;35m[client]\x1b[0m", "client in bold magenta");
        assert_eq!(server.for_connection(3).tag, "\x1b[1;36m[server #3]\x1b[0m");
        assert_eq!(server.highlight("ESTABLISHED"), "\x1b[1;34mESTABLISHED\x1b[0m");
        let notice = capture(|| client.notice("look")).stdout();
        assert!(notice.ends_with(" \x1b[33mlook\x1b[0m\n"), "{notice:?}");
        let plain = narrator(Role::Server);
        assert_eq!(plain.highlight("ESTABLISHED"), "ESTABLISHED");
        let notice = capture(|| plain.notice("look")).stdout();
        assert_eq!(notice, "[server]                look\n");
        // Standard error is coloured on its own: here only it.
        let err_only = Narrator::new(Role::Client, 1, Colours { stdout: false, stderr: true });
        let failure = Failure::other("it broke", "fix it");
        let err = capture(|| err_only.print_error(&failure)).stderr;
        assert_eq!(err, "\x1b[1;31merror:\x1b[0m it broke\n\x1b[1;33mhint:\x1b[0m  fix it\n");
        assert_eq!(err_only.tag, "[client]");
    }

    #[test]
    fn a_failure_is_explained_on_stderr_and_exits_1() {
        // Fails if a program that fails exits 0, or stops saying why on stderr.
        let say = narrator(Role::Client);
        let mut code = ExitCode::SUCCESS;
        let refused = Call::Connect.failed("127.0.0.1:8998", io::Error::from_raw_os_error(111));
        let out = capture(|| code = say.exit_with(Err(refused)));
        assert_eq!(code, ExitCode::FAILURE);
        assert_eq!(out.stdout(), "", "an error goes to stderr");
        assert_eq!(
            out.stderr,
            "error: connection refused by 127.0.0.1:8998: nothing is listening there\n\
             system: Connection refused (os error 111); Python: [Errno 111]\n\
             hint:  start the server first: cargo run -p lesson1-server (and check that --host and --port match)\n"
        );
    }

    #[test]
    fn a_lost_standard_output_turns_success_into_failure() {
        // Fails if a program whose output went nowhere (a full disk) exits 0.
        // (This marks standard output lost for the rest of this test process:
        // no other test here expects `exit_with(Ok(()))` to succeed.)
        let say = narrator(Role::Server);
        let full_disk = Captured { stdout_fails: true, ..Captured::default() };
        let mut code = ExitCode::SUCCESS;
        let out = capture_from(full_disk, || {
            say.detail("lost");
            code = say.exit_with(Ok(()));
        });
        assert_eq!(code, ExitCode::FAILURE);
        assert!(
            out.stderr.starts_with("error: could not write to standard output: no space left on device\n"),
            "{}",
            out.stderr
        );
    }

    #[test]
    fn a_report_names_the_failed_call_once_and_gives_the_hint() {
        // Fails if a loop server's report of one client's failure loses the
        // call's name, says it twice ("accept failed: accept on ..."), or
        // drops the system's words or the hint.
        let say = narrator(Role::Server);
        let silent = Call::Recv.failed("127.0.0.1:8888", io::Error::from(io::ErrorKind::WouldBlock));
        let out = capture(|| say.report(&silent)).stdout();
        assert_eq!(
            out,
            "[server]                recv failed: no data from 127.0.0.1:8888 in time\n\
             [server]                (system: operation would block)\n\
             [server]                the connection is open but the peer sent nothing: it may be waiting for us, or stuck; wait longer with --timeout\n"
        );
        let no_files = Call::Accept.failed("127.0.0.1:8888", io::Error::from_raw_os_error(24));
        let out = capture(|| say.report(&no_files)).stdout();
        assert!(
            out.starts_with(
                "[server]                accept on 127.0.0.1:8888 failed: no file descriptor left"
            ),
            "{out}"
        );
        let other = Failure::other("the client sent too much", "send less");
        let out = capture(|| say.report(&other)).stdout();
        assert_eq!(
            out,
            "[server]                the client sent too much\n[server]                send less\n"
        );
    }

    /// One line of 64 KiB, the tag and the step column aside.
    fn big_line(say: &Narrator) {
        say.detail("x".repeat(64 * 1024));
    }

    #[test]
    fn a_conversation_past_4_mib_is_counted_not_shown_and_its_end_still_shows() {
        // Fails if a peer that sends without end can fill the disk through
        // our log, if the limit is not 4 MiB, if it is announced more than
        // once, or if how the conversation ended is hidden by it.
        let say = narrator(Role::Server);
        let out = capture(|| {
            for _ in 0..70 {
                big_line(&say);
            }
            say.step(9, Call::Send, "held back too");
            say.step(10, Call::Close, "closing the connection (FIN): done");
        })
        .stdout();
        let shown = out.lines().filter(|line| line.ends_with("xxxx")).count();
        let written: usize =
            out.lines().filter(|line| line.ends_with("xxxx")).map(|line| line.len() + 1).sum();
        assert!(written <= LOG_BUDGET && written + 64 * 1024 > LOG_BUDGET, "{written} bytes of log shown");
        let limit = "(log limit: this conversation has written 4096 KiB of log; its next lines are counted, not shown)";
        assert_eq!(out.matches(limit).count(), 1, "the limit is said once");
        assert!(!out.contains("held back too"), "a step past the limit is counted");
        let held_back = 70 - shown + 1;
        assert!(
            out.ends_with(&format!(
                "[server]                ({held_back} lines of this conversation were not shown above: the log limit)\n\
                 [server] 10 close       closing the connection (FIN): done\n"
            )),
            "{}",
            &out[out.len() - 300..]
        );
    }

    #[test]
    fn the_end_a_program_reports_shows_past_the_limit() {
        // Fails if a server that gave up on a client (`conversation_ends`)
        // hides why, past the log limit.
        let say = narrator(Role::Server);
        let out = capture(|| {
            for _ in 0..66 {
                big_line(&say);
            }
            say.detail("hidden");
            say.conversation_ends();
            say.detail("the client was idle too long");
        })
        .stdout();
        assert!(!out.contains("hidden"));
        assert!(
            out.ends_with("[server]                the client was idle too long\n"),
            "{}",
            &out[out.len() - 300..]
        );
    }

    #[test]
    fn the_next_conversation_is_shown_again_and_hears_what_was_held_back() {
        // Fails if the log limit of one client silences the next, or if the
        // count of the lines it held back is lost.
        let say = narrator(Role::Server);
        let out = capture(|| {
            for _ in 0..66 {
                big_line(&say);
            }
            say.new_conversation();
            say.step(4, Call::Accept, "the next client");
        })
        .stdout();
        let shown = out.lines().filter(|line| line.ends_with("xxxx")).count();
        assert!(
            out.ends_with(&format!(
                "[server]                ({} lines about the last client were not shown: the log limit)\n\
                 [server] 4 accept       the next client\n",
                66 - shown
            )),
            "{}",
            &out[out.len() - 300..]
        );
        // A conversation that held nothing back begins with no such line.
        let quiet = capture(|| {
            say.new_conversation();
            say.step(4, Call::Accept, "a third client");
        });
        assert_eq!(quiet.stdout(), "[server] 4 accept       a third client\n");
    }

    #[test]
    fn stamped_lines_carry_when_they_were_written_but_connect_carries_the_moment_before() {
        // Fails if the tour's stamps are lost, if a step that causes something
        // is stamped before its line was written, or if a connect line (written
        // after its handshake) sorts after what the server printed about it.
        let mut say = narrator(Role::Client);
        say.stamps = true;
        say.last_write.set(42);
        let before = stamp::now();
        let out = capture(|| {
            say.step(2, Call::Send, "hello");
        })
        .stdout();
        let (at, line) = stamp::split(out.trim_end()).expect("a stamped line");
        assert!(at >= before, "stamped when written: {at} < {before}");
        assert_eq!(line, "[client] 2 send         hello");
        say.last_write.set(42);
        let out = capture(|| {
            say.step(1, Call::Connect, "connected").detail("from our port");
        })
        .stdout();
        assert_eq!(out, "@42 [client] 1 connect      connected\n@42 [client]                from our port\n");
    }

    #[test]
    fn a_close_line_sorts_after_what_the_call_before_it_sent() {
        // Fails if a close line is stamped before the return of the call
        // before it (the reply sent): the tour would show the close before the
        // other side received the reply. Run where the tour's variable is set.
        if !stamp::tests::in_a_stamped_run(
            "narrator::tests::a_close_line_sorts_after_what_the_call_before_it_sent",
        ) {
            return;
        }
        let say = Narrator::new(Role::Server, 3, Colours::default());
        let mut returned = 0;
        let out = capture(|| {
            say.step(7, Call::Send, "the reply");
            let written = say.last_write.get();
            while stamp::now() <= written {} // the reply's call returns after its line
            Ok::<(), io::Error>(()).explain(Call::Send, "127.0.0.1:8888").unwrap();
            returned = stamp::last_return();
            say.step(8, Call::Close, "closing the connection (FIN): done");
        })
        .stdout();
        let close = out.lines().last().expect("the close line");
        assert!(returned > 0);
        assert_eq!(
            stamp::split(close),
            Some((returned, "[server] 8 close        closing the connection (FIN): done"))
        );
    }

    #[test]
    fn counts_are_singular_for_one() {
        assert_eq!(count(1usize, "byte"), "1 byte");
        assert_eq!(count(0usize, "byte"), "0 bytes");
        assert_eq!(count(15u64, "byte"), "15 bytes");
        assert_eq!(count(1, "sender"), "1 sender");
        assert_eq!(count(2, "sender"), "2 senders");
        assert_eq!(count(2, "reply"), "2 replies");
    }
}
