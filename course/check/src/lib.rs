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

use std::any::Any;
use std::io::{self, ErrorKind};
use std::process::ExitStatus;
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
    /// The value, or a failure that says `why` (and the error, if any, as
    /// [`Shown`] says it).
    fn or_fail(self, why: String) -> T;
}

impl<T, E: Shown> OrFail<T> for Result<T, E> {
    #[track_caller]
    fn or_fail(self, why: String) -> T {
        match self {
            Ok(value) => value,
            Err(err) => panic!("{why}: {}", err.shown()),
        }
    }
}

/// An error as a learner reads it in a failure: what happened in words,
/// never the error's `Debug` form (`Os { code: 11, kind: WouldBlock, … }`).
pub trait Shown {
    /// The error in the learner's language.
    fn shown(&self) -> String;
}

/// `timed out (WouldBlock): Resource temporarily unavailable (os error 11)`:
/// the kind in words, the `ErrorKind` a program matches on, then the
/// system's own text; only the text where the kind says nothing more.
impl Shown for io::Error {
    fn shown(&self) -> String {
        let kind = self.kind();
        // An error made from a kind alone has no text of its own to add.
        let bare = self.raw_os_error().is_none() && self.get_ref().is_none();
        match kind_in_words(kind) {
            Some(words) if bare => format!("{words} ({kind:?})"),
            Some(words) => format!("{words} ({kind:?}): {self}"),
            None => self.to_string(),
        }
    }
}

/// A thread that panicked (what `join` returns then): its panic message.
impl Shown for Box<dyn Any + Send> {
    fn shown(&self) -> String {
        let message = self
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| self.downcast_ref::<&str>().copied())
            .unwrap_or("?");
        say!("it panicked: {message}", "它 panic 了：{message}")
    }
}

/// What an error kind means, in the learner's language, for the kinds a
/// socket program meets.
fn kind_in_words(kind: ErrorKind) -> Option<String> {
    Some(match kind {
        // A read timeout (SO_RCVTIMEO) that ran out is EAGAIN on Linux: WouldBlock.
        ErrorKind::WouldBlock | ErrorKind::TimedOut => say!("timed out", "超时"),
        ErrorKind::ConnectionReset => say!("connection reset", "连接被重置"),
        ErrorKind::ConnectionRefused => say!("connection refused", "连接被拒绝"),
        ErrorKind::ConnectionAborted => say!("connection aborted", "连接被中止"),
        ErrorKind::BrokenPipe => say!("the peer has closed (broken pipe)", "对方已经关闭（管道断开）"),
        ErrorKind::NotConnected => say!("not connected", "没有连接"),
        ErrorKind::AddrInUse => say!("address in use", "地址已被占用"),
        ErrorKind::AddrNotAvailable => say!("address not available", "地址不可用"),
        ErrorKind::PermissionDenied => say!("permission denied", "权限不够"),
        ErrorKind::UnexpectedEof => say!("the stream ended too early", "字节流提前结束了"),
        ErrorKind::InvalidData => say!("invalid data", "数据无效"),
        ErrorKind::InvalidInput => say!("invalid input", "输入无效"),
        ErrorKind::Interrupted => say!("interrupted by a signal", "被信号打断"),
        _ => return None,
    })
}

/// How a program ended, in words: `exit code 1`, `exit code 101, a panic`,
/// `killed by signal 9 (SIGKILL)`; never `ExitStatus(unix_wait_status(25856))`.
pub fn ended(status: ExitStatus) -> String {
    match status.code() {
        Some(101) => say!("exit code 101, a panic", "退出码 101，即 panic"),
        Some(code) => say!("exit code {code}", "退出码 {code}"),
        None => match signal_of(status) {
            Some(signal) => {
                let name = match signal {
                    2 => " (SIGINT)",
                    6 => " (SIGABRT)",
                    9 => " (SIGKILL)",
                    11 => " (SIGSEGV)",
                    15 => " (SIGTERM)",
                    _ => "",
                };
                say!("killed by signal {signal}{name}", "被信号 {signal}{name} 终止")
            }
            None => say!("ended with no exit code", "结束了，没有退出码"),
        },
    }
}

#[cfg(unix)]
fn signal_of(status: ExitStatus) -> Option<i32> {
    std::os::unix::process::ExitStatusExt::signal(&status)
}

#[cfg(not(unix))]
fn signal_of(_: ExitStatus) -> Option<i32> {
    None
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

/// Reads as many bytes as `expected` has from `stream` (each read waits as
/// long as the stream's read timeout), failing with `why` unless they are
/// `expected`, byte for byte; the failure says how far it got and why it
/// stopped (the peer's close, or nothing more in time).
#[track_caller]
pub fn expect_bytes(stream: &mut std::net::TcpStream, expected: impl AsRef<[u8]>, why: &str) {
    use std::io::Read;
    let expected = expected.as_ref();
    let (mut got, wanted) = (Vec::new(), expected.len());
    let mut buf = vec![0; wanted];
    let mut ended = None;
    while got.len() < wanted {
        match stream.read(&mut buf[..wanted - got.len()]) {
            Ok(0) => {
                ended = Some(say!("your server closed the connection", "你的服务器关闭了连接"));
                break;
            }
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(err) if err.kind() == ErrorKind::Interrupted => {}
            Err(err) => {
                let seconds = stream.read_timeout().ok().flatten().unwrap_or_default().as_secs_f64();
                ended = Some(say!(
                    "nothing more came within {seconds} s ({err})",
                    "{seconds} 秒内没有再来任何东西（{err}）"
                ));
                break;
            }
        }
    }
    let why = match ended {
        Some(ended) => say!(
            "{why}; after {} of its {wanted} bytes, {ended}",
            "{why}；它的 {wanted} 个字节只到了 {} 个，{ended}",
            got.len()
        ),
        None => why.to_string(),
    };
    assert_bytes(&got, expected, &why);
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

    /// An error is shown in words and in the system's text, never as its
    /// `Debug` form; the words follow the locale (this process's, so either).
    #[test]
    fn an_error_is_shown_in_words_not_debug() {
        let timeout = io::Error::from_raw_os_error(11); // EAGAIN: a read timeout on Linux
        let shown = timeout.shown();
        assert!(!shown.contains("Os {") && !shown.contains("code:"), "{shown}");
        assert!(shown.contains("(WouldBlock): ") && shown.contains(&timeout.to_string()), "{shown}");
        assert!(shown.starts_with("timed out") || shown.starts_with("超时"), "{shown}");
        let reset = io::Error::from(ErrorKind::ConnectionReset).shown();
        assert!(reset.starts_with("connection reset") || reset.starts_with("连接被重置"), "{reset}");
        assert_eq!(io::Error::other("no such thing").shown(), "no such thing");
        let panicked = std::thread::spawn(|| panic!("boom")).join().unwrap_err().shown();
        assert!(panicked.ends_with("boom"), "{panicked}");
    }

    #[test]
    #[should_panic(expected = "no reply: ")]
    fn or_fail_says_why_then_the_error() {
        let failed: io::Result<()> = Err(io::Error::from(ErrorKind::TimedOut));
        failed.or_fail("no reply".to_string());
    }

    #[cfg(unix)]
    #[test]
    fn an_ending_is_said_plainly() {
        use std::os::unix::process::ExitStatusExt;
        let said = |raw| ended(ExitStatus::from_raw(raw));
        assert!(said(101 << 8).contains("101"), "{}", said(101 << 8));
        assert!(!said(101 << 8).contains("wait_status"));
        assert!(said(1 << 8).ends_with(" 1"), "{}", said(1 << 8));
        assert!(said(9).contains("9 (SIGKILL)"), "{}", said(9));
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
