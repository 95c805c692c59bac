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

#[cfg(test)]
mod tests {
    use std::process::{Command, Stdio};

    use shared::explain::Explanation;
    use shared::{Colours, Role};

    use super::*;

    /// Set in a run of this test program whose standard input a test pipes in.
    const PIPED: &str = "KIT_TEST_PIPED_STDIN";

    /// Whether this is the run with `input` piped into standard input, as
    /// `printf ... | cargo run -p lesson3-client` does. If it is not, runs the
    /// test `name` again so, and checks that it passed; the caller then has
    /// nothing left to do.
    fn with_stdin(name: &str, input: Vec<u8>) -> bool {
        if std::env::var_os(PIPED).is_some() {
            return true;
        }
        let mut run = Command::new(std::env::current_exe().expect("the test program"))
            .args(["--exact", name, "--test-threads=1"])
            .env(PIPED, "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the test program runs again");
        let mut stdin = run.stdin.take().expect("its standard input");
        // The writer may find the pipe closed once the reader stopped: that is no failure.
        let writer = std::thread::spawn(move || drop(stdin.write_all(&input)));
        let output = run.wait_with_output().expect("the test program ends");
        writer.join().expect("the writer ends");
        let said = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success() && said.contains("1 passed"),
            "{name} with input piped in:\n{said}{}",
            String::from_utf8_lossy(&output.stderr)
        );
        false
    }

    fn narrator() -> Narrator {
        Narrator::new(Role::Client, 3, Colours::default())
    }

    #[test]
    fn given_messages_are_sent_in_order_and_nobody_is_typing() {
        // Fails if a --message value is lost, reordered, or if a client with
        // --message given waits as long as a person would.
        let say = narrator();
        let mut messages = Messages::new(vec!["one".into(), "two".into()], &say, "> ");
        assert!(!messages.typing());
        let sent: Vec<_> = messages.by_ref().map(|message| message.ok()).collect();
        assert_eq!(sent, [Some(b"one".to_vec()), Some(b"two".to_vec())]);
    }

    #[test]
    fn piped_lines_are_messages_without_their_line_endings_up_to_1_mib_each() {
        // Fails if a line's \r\n (or \n) is sent, if a line of exactly 1 MiB
        // is refused or split, if the last line without a newline is lost,
        // or if piped input is taken for a person typing.
        let mut input = b"first\r\nsecond\n".to_vec();
        input.extend(std::iter::repeat_n(b'x', MAX_LINE));
        input.push(b'\n');
        input.extend(std::iter::repeat_n(b'z', MAX_LINE));
        if !with_stdin(
            "input::tests::piped_lines_are_messages_without_their_line_endings_up_to_1_mib_each",
            input,
        ) {
            return;
        }
        let say = narrator();
        let mut messages = Messages::new(Vec::new(), &say, "> ");
        assert!(!messages.typing(), "standard input is a pipe");
        let lines: Vec<Vec<u8>> =
            messages.by_ref().map(|line| line.map_err(|failure| format!("{failure:?}")).unwrap()).collect();
        let lengths: Vec<usize> = lines.iter().map(Vec::len).collect();
        assert_eq!(lengths, [5, 6, MAX_LINE, MAX_LINE]);
        assert_eq!((&lines[0][..], &lines[1][..]), (&b"first"[..], &b"second"[..]));
        assert!(lines[2].iter().all(|&b| b == b'x') && lines[3].iter().all(|&b| b == b'z'));
    }

    #[test]
    fn a_piped_line_longer_than_1_mib_is_refused_not_held_in_memory() {
        // Fails if a line from /dev/zero could fill the memory, or is sent cut.
        let mut input = b"short\n".to_vec();
        input.extend(std::iter::repeat_n(b'y', MAX_LINE + 1));
        input.push(b'\n');
        if !with_stdin("input::tests::a_piped_line_longer_than_1_mib_is_refused_not_held_in_memory", input) {
            return;
        }
        let say = narrator();
        let mut messages = Messages::new(Vec::new(), &say, "> ");
        assert_eq!(messages.next().map(Result::ok), Some(Some(b"short".to_vec())));
        match messages.next() {
            Some(Err(Failure::Other(Explanation { cause, hint, .. }))) => {
                assert_eq!(cause, "a line of standard input is longer than 1048576 bytes");
                assert!(hint.contains("send it with --message"), "{hint}");
            }
            other => panic!("a line past 1 MiB is a failure: {:?}", other.map(|line| line.map(|l| l.len()))),
        }
    }
}
