//! What the exercises' tests share: their failure messages, in the learner's
//! language, and a deadline on the learner's code.
//!
//! An exercise's tests run under `cargo test -p lessonN-exercises`, which
//! takes no `--lang`: they speak the language of the environment, by the rule
//! every program of the course follows (`shared::lang`: Chinese if the first
//! of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set starts with `zh`). `cargo run
//! -p course -- check --lang zh` sets `LC_ALL` for the test run to match.
//!
//! A message is written once, in both languages, where the test fails:
//!
//! ```text
//! assert_eq!(reply, b"success", "{}", say!("the reply must be `success`", "回复必须是 `success`"));
//! ```

use std::fmt::Debug;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

pub use shared::lang::Lang;

/// Bytes as the course shows them everywhere: Python's `b'…'` literal
/// (`b'hello\x00'`), never a raw `[104, 101, …]` vector.
pub use shared::bytes::python_literal;

/// The language of the failure messages: the environment's.
pub fn lang() -> Lang {
    shared::lang::current()
}

/// A failure message in the learner's language: `say!("English {n}",
/// "中文 {n}")`, each a format string, with the same arguments (named in the
/// strings, or given after them).
#[macro_export]
macro_rules! say {
    ($en:literal, $zh:literal $(, $arg:expr)* $(,)?) => {
        match $crate::lang() {
            $crate::Lang::En => format!($en $(, $arg)*),
            $crate::Lang::Zh => format!($zh $(, $arg)*),
        }
    };
}

/// Runs `work` (the learner's exercise code) on a thread of its own and waits
/// at most `limit` for its result. A hang fails with `hang` (which says, in
/// socket terms, what probably went wrong); a panic (a `todo!()` left in
/// place) fails and points at the message printed above.
#[track_caller]
pub fn within<T: Send + 'static>(
    limit: Duration,
    hang: &str,
    work: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (sender, result) = mpsc::channel();
    thread::spawn(move || {
        let _ = sender.send(work());
    });
    match result.recv_timeout(limit) {
        Ok(value) => value,
        Err(RecvTimeoutError::Timeout) => {
            let seconds = limit.as_secs_f64();
            panic!("{}", say!("no result within {seconds} s: {hang}", "{seconds} 秒内没有结果：{hang}"))
        }
        Err(RecvTimeoutError::Disconnected) => panic!(
            "{}",
            say!(
                "your code panicked: read the message above (a todo!() still in place?)",
                "你的代码 panic 了：看上面的消息（是不是还留着 todo!()？）"
            )
        ),
    }
}

/// `expect`, with a message in the learner's language:
/// `stream.read(&mut buf).or_fail(say!("no reply within 5 s", "5 秒内没有回复"))`.
pub trait OrFail<T> {
    /// The value, or a failure that says `why` (and the error, if any).
    fn or_fail(self, why: String) -> T;
}

impl<T, E: Debug> OrFail<T> for Result<T, E> {
    #[track_caller]
    fn or_fail(self, why: String) -> T {
        match self {
            Ok(value) => value,
            Err(err) => panic!("{why}: {err:?}"),
        }
    }
}

impl<T> OrFail<T> for Option<T> {
    #[track_caller]
    fn or_fail(self, why: String) -> T {
        match self {
            Some(value) => value,
            None => panic!("{why}"),
        }
    }
}

/// Fails unless `got` is `expected`, byte for byte: the failure says `why`
/// (which socket call to look at), then what was expected and what arrived,
/// each as a `b'…'` literal with its length.
#[track_caller]
pub fn assert_bytes(got: &[u8], expected: &[u8], why: &str) {
    if got != expected {
        let (want, have) = (python_literal(expected), python_literal(got));
        let (wanted, arrived) = (expected.len(), got.len());
        panic!(
            "{}",
            say!(
                "{why}\n  expected: {want} ({wanted} bytes)\n  arrived:  {have} ({arrived} bytes)",
                "{why}\n  期望的是：{want}（{wanted} 字节）\n  收到的是：{have}（{arrived} 字节）"
            )
        );
    }
}

#[cfg(test)]
mod tests {
    use std::process::{Command, Output, Stdio};

    use super::*;

    /// Runs `command` to its end with its output captured, or kills it after `limit`.
    fn output_within(mut command: Command, limit: Duration) -> Output {
        let child =
            command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("the command starts");
        let id = child.id();
        let (sender, output) = mpsc::channel();
        thread::spawn(move || {
            let _ = sender.send(child.wait_with_output());
        });
        match output.recv_timeout(limit) {
            Ok(output) => output.expect("the command's output"),
            Err(_) => {
                let _ = Command::new("kill").args(["-KILL", &id.to_string()]).status();
                panic!("{command:?} did not finish within {limit:?}, and was killed");
            }
        }
    }

    #[test]
    fn equal_bytes_pass() {
        assert_bytes(b"hello\0", b"hello\0", "never shown");
    }

    #[test]
    #[should_panic(expected = "b'hello\\x00'")]
    fn different_bytes_are_shown_as_literals() {
        assert_bytes(b"hello", b"hello\0", "send &buf[..n]");
    }

    /// The language follows the environment as the lesson programs' does:
    /// this test runs itself again in each locale (the language is chosen
    /// once per process) and reads which message it printed.
    #[test]
    fn a_message_follows_the_locale_it_runs_in() {
        if std::env::var_os("COURSE_CHECK_SAY").is_some() {
            println!("said: {}", say!("the reply was {} bytes", "回复有 {} 字节", 5));
            return;
        }
        let cases = [
            (vec![("LANG", "zh_CN.UTF-8")], "said: 回复有 5 字节"),
            (vec![("LANG", "zh_TW.UTF-8"), ("LC_MESSAGES", "zh_CN.UTF-8")], "said: 回复有 5 字节"),
            (vec![("LANG", "C")], "said: the reply was 5 bytes"),
            (vec![("LANG", "zh_CN.UTF-8"), ("LC_ALL", "C.UTF-8")], "said: the reply was 5 bytes"),
            (vec![("LC_ALL", "zh_CN.UTF-8"), ("LANG", "en_US.UTF-8")], "said: 回复有 5 字节"),
            (vec![], "said: the reply was 5 bytes"),
        ];
        for (environment, expected) in cases {
            let mut command = Command::new(std::env::current_exe().unwrap());
            command.args(["--exact", "tests::a_message_follows_the_locale_it_runs_in", "--nocapture"]);
            for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
                command.env_remove(name);
            }
            command.envs(environment.iter().copied()).env("COURSE_CHECK_SAY", "1");
            let output = output_within(command, Duration::from_secs(30));
            let text = String::from_utf8_lossy(&output.stdout);
            assert!(text.contains(expected), "{environment:?}: expected {expected:?}:\n{text}");
        }
    }
}
