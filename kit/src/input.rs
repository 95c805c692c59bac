//! Where a client's messages come from: `--message` options, or lines typed on
//! standard input (as the articles' clients read them with `input()`).

use std::collections::VecDeque;
use std::io::{self, BufRead, IsTerminal, Read, StdinLock, Write};

/// The longest line of standard input a client sends as one message (1 MiB).
pub const MAX_LINE: usize = 1 << 20;

use shared::{Failure, Narrator};

/// The messages a client sends, one per item, as bytes.
///
/// With `--message` given, those values in order. Otherwise each line of
/// standard input, without its line ending (like Python's `input()`), with a
/// prompt when a person is typing. Lines are kept as bytes, so input that is not
/// UTF-8 is sent as it is. A failed read of standard input is a [`Failure`].
pub struct Messages<'a> {
    given: Option<VecDeque<String>>,
    stdin: StdinLock<'static>,
    prompt: Option<(&'a Narrator, &'a str)>,
}

impl<'a> Messages<'a> {
    /// Messages from `given` (the `--message` values) or, if none, from stdin.
    /// `prompt` is shown before each line when stdin is a terminal.
    pub fn new(given: Vec<String>, say: &'a Narrator, prompt: &'a str) -> Self {
        let stdin = io::stdin();
        let typing = given.is_empty() && stdin.is_terminal();
        Messages {
            given: (!given.is_empty()).then(|| given.into()),
            stdin: stdin.lock(),
            prompt: typing.then_some((say, prompt)),
        }
    }
}

impl Messages<'_> {
    /// Whether a person is typing the messages (standard input is a terminal
    /// and no `--message` was given): then a client waits as long as a person would.
    pub fn typing(&self) -> bool {
        self.prompt.is_some()
    }
}

impl Iterator for Messages<'_> {
    type Item = Result<Vec<u8>, Failure>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(given) = &mut self.given {
            return given.pop_front().map(|message| Ok(message.into_bytes()));
        }
        if let Some((say, prompt)) = self.prompt {
            say.prompt(prompt);
        }
        let mut line = Vec::new();
        // At most MAX_LINE bytes and the newline: a line from /dev/zero must not
        // fill the memory.
        match self.stdin.by_ref().take(MAX_LINE as u64 + 1).read_until(b'\n', &mut line) {
            Ok(n) if n > MAX_LINE && line.last() != Some(&b'\n') => Some(Err(Failure::other(
                tr!("shared-line-too-long", max = MAX_LINE.to_string()),
                tr!("shared-line-too-long-hint"),
            ))),
            Ok(0) => {
                // End of input: Ctrl-D, or the end of a piped file. A person's
                // Ctrl-D leaves the cursor after the prompt: end that line.
                if let Some((say, _)) = self.prompt {
                    let _ = writeln!(io::stdout().lock()); // the narrator's next write says if stdout is lost
                    say.notice(tr!("end-of-typing"));
                }
                None
            }
            Ok(_) => {
                while line.last().is_some_and(|&b| b == b'\n' || b == b'\r') {
                    line.pop();
                }
                Some(Ok(line))
            }
            Err(err) => Some(Err(Failure::other(
                tr!("shared-stdin-unreadable", err = err.to_string()),
                tr!("shared-stdin-unreadable-hint"),
            ))),
        }
    }
}
