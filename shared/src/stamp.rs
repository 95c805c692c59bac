//! Time stamps on output lines, for the tour.
//!
//! The tour runs a lesson's server and client at once and reads both through
//! pipes. Lines arrive in the order the pipes are read, which is not always the
//! order things happened: a server's "15 bytes from ..." can be read before the
//! client's "2 sendto" that caused it. When the tour sets [`VARIABLE`], every
//! line a program prints starts with `@STAMP ` (nanoseconds of one clock that
//! all processes on the machine share), and the tour shows the lines of both
//! programs in stamp order. A learner's own run prints no stamps.
//!
//! A line is stamped when it is written. Steps that cause something on the
//! other side are written before their call (`sendto`, `send`, `shutdown`),
//! except `connect`, whose line names the local port the call chose, and
//! `close`, whose line says what the close sent (known only at the call):
//! they carry the latest moment known to be before the call: the program's
//! last write, and for `close` the return of its last socket call that was
//! explained (`shared::explain`), if that came later.

use std::cell::Cell;
use std::sync::OnceLock;

/// The environment variable that turns stamps on (any value).
pub const VARIABLE: &str = "COURSE_STAMPS";

/// Whether this program was asked to stamp its lines (read once).
pub(crate) fn wanted() -> bool {
    static WANTED: OnceLock<bool> = OnceLock::new();
    *WANTED.get_or_init(|| std::env::var_os(VARIABLE).is_some())
}

thread_local! {
    /// When a socket call of this thread last returned (0: none yet).
    static LAST_RETURN: Cell<u64> = const { Cell::new(0) };
}

/// Notes that a socket call of this thread has just returned: a `close`
/// line written later is stamped no earlier than this, so it comes
/// after what the call before it sent (a datagram, a reply). Only when stamps
/// are wanted: a learner's own run reads no clock for it.
pub(crate) fn call_returned() {
    if wanted() {
        LAST_RETURN.with(|last| last.set(now()));
    }
}

/// When a socket call of this thread last returned (see [`call_returned`]).
pub(crate) fn last_return() -> u64 {
    LAST_RETURN.with(Cell::get)
}

/// Now, in nanoseconds of the machine's monotonic clock (the same for every
/// process), or of the wall clock where there is no such clock.
pub fn now() -> u64 {
    #[cfg(any(target_os = "linux", target_os = "android", target_os = "freebsd"))]
    {
        let time = rustix::time::clock_gettime(rustix::time::ClockId::Monotonic);
        (time.tv_sec as u64).saturating_mul(1_000_000_000).saturating_add(time.tv_nsec as u64)
    }
    #[cfg(not(any(target_os = "linux", target_os = "android", target_os = "freebsd")))]
    {
        let since = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
        since.map_or(0, |since| since.as_nanos() as u64)
    }
}

/// `text` (one or more lines) with `stamp` in front of each line.
pub(crate) fn mark(text: &str, stamp: u64) -> String {
    text.split_inclusive('\n').map(|line| format!("@{stamp} {line}")).collect()
}

/// A line's stamp and the line without it, if it has one.
pub fn split(line: &str) -> Option<(u64, &str)> {
    let (stamp, rest) = line.strip_prefix('@')?.split_once(' ')?;
    Some((stamp.parse().ok()?, rest))
}

#[cfg(test)]
pub(crate) mod tests {
    use std::process::Command;
    use std::time::{Duration, Instant};

    use super::*;

    /// Whether this is a run with [`VARIABLE`] set, as the tour runs a
    /// program. If it is not, runs the test `name` again in such a run (this
    /// test program, with the variable set) and checks that it passed; the
    /// caller then has nothing left to do.
    pub(crate) fn in_a_stamped_run(name: &str) -> bool {
        if std::env::var_os(VARIABLE).is_some() {
            return true;
        }
        let program = std::env::current_exe().expect("the test program");
        let run = Command::new(program)
            .args(["--exact", name, "--test-threads=1"])
            .env(VARIABLE, "1")
            .output()
            .expect("the test program runs again");
        let said = String::from_utf8_lossy(&run.stdout);
        assert!(
            run.status.success() && said.contains("1 passed"),
            "{name} with {VARIABLE} set:\n{said}{}",
            String::from_utf8_lossy(&run.stderr)
        );
        false
    }

    #[test]
    fn stamps_and_the_clock_reads_they_need_are_only_for_the_tour() {
        // Fails if a learner's own run stamps its lines or reads the clock at
        // every socket call, or if the tour's run (COURSE_STAMPS set) does not
        // note when a call returned, which a close line's stamp needs.
        if in_a_stamped_run("stamp::tests::stamps_and_the_clock_reads_they_need_are_only_for_the_tour") {
            assert!(wanted(), "{VARIABLE} is set");
            let before = now();
            call_returned();
            assert!(last_return() >= before, "{} < {before}", last_return());
        } else {
            assert!(!wanted(), "{VARIABLE} is not set");
            call_returned();
            assert_eq!(last_return(), 0, "no call's return was noted");
        }
    }

    #[test]
    fn the_clock_counts_nanoseconds() {
        // Fails if stamps stop moving with time, or count in a coarser unit
        // than the tour sorts by.
        let (start, begun) = (now(), Instant::now());
        while begun.elapsed() < Duration::from_millis(1) {}
        let passed = now() - start;
        assert!(passed >= 1_000_000, "1 ms passed, the clock moved by {passed}");
    }

    #[test]
    fn marked_lines_split_back() {
        let marked = mark("[server] 1 socket\n[server]   detail\n", 42);
        assert_eq!(marked, "@42 [server] 1 socket\n@42 [server]   detail\n");
        let lines: Vec<_> = marked.lines().map(|line| split(line).unwrap()).collect();
        assert_eq!(lines, [(42, "[server] 1 socket"), (42, "[server]   detail")]);
        assert_eq!(split("[client] no stamp"), None);
        assert_eq!(split("@x [client] not a stamp"), None);
    }

    #[test]
    fn the_clock_goes_forward() {
        let before = now();
        assert!(now() >= before && before > 0);
    }
}
