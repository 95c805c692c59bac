//! The voice of every lesson program: role-tagged, numbered, coloured lines.

use std::cell::Cell;
use std::fmt::Display;
use std::io::{self, IsTerminal, Write};
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use colored::{ColoredString, Colorize};

use crate::bytes::{decode_utf8, python_literal};
use crate::explain::{Call, Context, explain};

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

/// The `--color` option every lesson program takes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when printing to a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    /// Always colour, even into a pipe or a file.
    Always,
    /// Never colour.
    Never,
}

impl ColorChoice {
    /// Whether to colour a stream that is (or is not) a terminal.
    pub fn enabled(self, is_terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                is_terminal && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
            }
        }
    }
}

/// Width of the "N call" column, so the details line up under each other.
const STEP_WIDTH: usize = 14;

/// Prints what a lesson program does, step by step, in the articles' order.
///
/// Normal output goes to stdout (tests and learners read it there); failures go
/// to stderr as `error:` and `hint:` lines. Writing never panics, even into a
/// closed pipe.
pub struct Narrator {
    role: Role,
    tag: String,
    context: Context,
    colour_out: bool,
    colour_err: bool,
    step: Cell<u32>,
}

impl Narrator {
    /// A narrator for one program of `lesson`, colouring as `color` says.
    pub fn new(role: Role, lesson: u8, color: ColorChoice) -> Self {
        Narrator {
            role,
            tag: format!("[{}]", role.tag()),
            context: Context { lesson, timeout: None },
            colour_out: color.enabled(io::stdout().is_terminal()),
            colour_err: color.enabled(io::stderr().is_terminal()),
            step: Cell::new(0),
        }
    }

    /// Tells the narrator how long the program waits for replies, for its hints.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.context.timeout = Some(timeout);
        self
    }

    /// A new numbered step, named after the socket call it makes.
    pub fn step(&self, call: &str, text: impl Display) {
        let number = self.step.get() + 1;
        self.step.set(number);
        let label = format!("{number} {call}");
        let label = self.paint(format!("{label:<STEP_WIDTH$}"), |s| s.bold());
        self.line(format_args!("{label} {text}"));
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
    pub fn data(&self, data: &[u8]) {
        let decoded = decode_utf8(data);
        self.detail(format_args!("bytes: {}", self.paint(python_literal(data), |s| s.green())));
        self.detail(format_args!("text:  {}", self.paint(decoded.text, |s| s.green())));
        if let Some(problem) = decoded.problem {
            self.notice(problem);
        }
    }

    /// Shows data that arrived: how much, from whom, and what it was.
    pub fn received(&self, data: &[u8], from: SocketAddr) {
        self.detail(format_args!("{} from {from}", byte_count(data.len())));
        self.data(data);
    }

    /// A datagram was longer than the receive buffer: say what was lost.
    pub fn truncated(&self, buffer: usize, full_length: Option<usize>) {
        let lost = match full_length {
            Some(full) => format!(
                "the datagram was {full} bytes; only the first {buffer} fitted the buffer and the other {} were discarded",
                full.saturating_sub(buffer)
            ),
            None => format!("the datagram was longer than the {buffer}-byte buffer: the rest was discarded"),
        };
        self.notice(lost);
        self.notice("UDP keeps no rest for a next recvfrom: pass a bigger --buffer to see it all");
    }

    /// Reports a failed socket call on stderr (cause, then hint) and returns exit code 1.
    pub fn fail(&self, call: Call, addr: impl Display, err: &io::Error) -> ExitCode {
        let explanation = explain(call, addr, err, &self.context);
        self.error(&explanation.cause, &explanation.hint)
    }

    /// Reports a failure that is not a socket error, with a hint, and returns exit code 1.
    pub fn error(&self, cause: &str, hint: &str) -> ExitCode {
        let error = self.paint_err("error:".to_string(), |s| s.red().bold());
        let hint_label = self.paint_err("hint: ".to_string(), |s| s.yellow().bold());
        let hint = hint.replace('\n', "\n       ");
        let mut stderr = io::stderr().lock();
        let _ = writeln!(stderr, "{} {error} {cause}", self.tag_painted(self.colour_err));
        let _ = writeln!(stderr, "{} {hint_label} {hint}", self.tag_painted(self.colour_err));
        ExitCode::FAILURE
    }

    fn line(&self, text: impl Display) {
        let _ = writeln!(io::stdout().lock(), "{} {text}", self.tag_painted(self.colour_out));
    }

    fn tag_painted(&self, colour: bool) -> String {
        if !colour {
            return self.tag.clone();
        }
        match self.role {
            Role::Server => self.tag.cyan().bold().to_string(),
            Role::Client => self.tag.magenta().bold().to_string(),
        }
    }

    fn paint(&self, text: String, style: impl Fn(&str) -> ColoredString) -> String {
        if self.colour_out { style(&text).to_string() } else { text }
    }

    fn paint_err(&self, text: String, style: impl Fn(&str) -> ColoredString) -> String {
        if self.colour_err { style(&text).to_string() } else { text }
    }
}

/// "1 byte", "15 bytes".
pub fn byte_count(n: usize) -> String {
    if n == 1 { "1 byte".to_string() } else { format!("{n} bytes") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_and_always_ignore_the_terminal() {
        assert!(!ColorChoice::Never.enabled(true));
        assert!(ColorChoice::Always.enabled(false));
    }

    #[test]
    fn auto_is_off_into_a_pipe() {
        assert!(!ColorChoice::Auto.enabled(false));
    }

    #[test]
    fn byte_counts_are_singular_for_one() {
        assert_eq!(byte_count(1), "1 byte");
        assert_eq!(byte_count(0), "0 bytes");
        assert_eq!(byte_count(15), "15 bytes");
    }
}
