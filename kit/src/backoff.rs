//! Waiting before a failed `accept` is tried again.
//!
//! When the system runs out of something (`EMFILE`: no file descriptor left
//! for the new connection's socket), `accept` fails at once, every time, until
//! a connection closes. Retrying at once would spin a core and flood the log,
//! so a loop server waits, 10 ms after the first failure, twice as long after
//! each next one, at most a second, and says so once per run of failures, as
//! tokio's mini-redis does.

use std::thread;
use std::time::Duration;

use shared::{Failure, Narrator};

/// The first wait after a failed accept, and the longest.
const FIRST: Duration = Duration::from_millis(10);
const LONGEST: Duration = Duration::from_secs(1);

/// How long to wait before the next `accept`, and how many failed in a row.
#[derive(Debug, Default)]
pub struct Backoff {
    failures: u32,
}

impl Backoff {
    /// A backoff with no failure yet.
    pub fn new() -> Backoff {
        Backoff::default()
    }

    /// After a failed accept: reports the first failure of a run (the next
    /// ones would say the same), then waits before the next try.
    pub fn wait_after(&mut self, say: &Narrator, failure: &Failure) {
        thread::sleep(self.after(say, failure));
    }

    /// The same, for a server that must not block its thread (lesson 8's
    /// tasks share one): reports as [`Backoff::wait_after`] does and returns
    /// how long to wait, for the caller to wait without blocking
    /// (`tokio::time::sleep(delay).await`).
    pub fn after(&mut self, say: &Narrator, failure: &Failure) -> Duration {
        if self.failures == 0 {
            say.report(failure);
            say.notice(tr!("shared-accept-backoff"));
        }
        self.failures += 1;
        self.delay()
    }

    /// After an accept that worked: says so if failures came before it.
    pub fn reset(&mut self, say: &Narrator) {
        if self.failures > 0 {
            say.notice(tr!("shared-accept-works-again", failures = self.failures.to_string()));
        }
        self.failures = 0;
    }

    /// The wait after the failures so far.
    fn delay(&self) -> Duration {
        FIRST.saturating_mul(1 << self.failures.saturating_sub(1).min(7)).min(LONGEST)
    }
}

#[cfg(test)]
mod tests {
    use std::io;
    use std::time::Instant;

    use shared::capture::capture;
    use shared::{Call, Colours, Role};

    use super::*;

    /// An accept that failed for want of a file descriptor (EMFILE).
    fn no_files() -> Failure {
        let err = io::Error::from_raw_os_error(24);
        Failure::Call { call: Call::Accept, addr: "127.0.0.1:8888".to_string(), err, hint: None }
    }

    #[test]
    fn a_run_of_failed_accepts_is_reported_once_and_waits_longer_each_time() {
        // Fails if every failed accept floods the log, if the server retries
        // at once (a spinning core), or if the waits do not grow.
        let say = Narrator::new(Role::Server, 4, Colours::default());
        let mut backoff = Backoff::new();
        let mut delays = Vec::new();
        let out = capture(|| {
            for _ in 0..3 {
                delays.push(backoff.after(&say, &no_files()));
            }
        })
        .stdout();
        assert_eq!(delays, [10, 20, 40].map(Duration::from_millis));
        assert_eq!(out.matches("accept on 127.0.0.1:8888 failed").count(), 1, "{out}");
        assert_eq!(out.matches("waiting before each next accept").count(), 1, "{out}");
        let out = capture(|| backoff.reset(&say)).stdout();
        assert!(out.ends_with(" accept works again, after 3 failed in a row\n"), "{out}");
        // A new run starts from 10 ms and is reported again; an accept that
        // worked with no failure before it says nothing.
        let out = capture(|| {
            backoff.reset(&say);
            delays = vec![backoff.after(&say, &no_files())];
        })
        .stdout();
        assert_eq!(delays, [Duration::from_millis(10)]);
        assert!(out.contains("accept on 127.0.0.1:8888 failed"), "{out}");
        assert!(!out.contains("accept works again"), "{out}");
    }

    #[test]
    fn a_blocking_server_reports_and_waits_before_the_next_accept() {
        // Fails if `wait_after` returns at once (the server would spin) or
        // says nothing. The wait is at least 10 ms, however slow the machine.
        let say = Narrator::new(Role::Server, 4, Colours::default());
        let mut backoff = Backoff::new();
        let started = Instant::now();
        let out = capture(|| backoff.wait_after(&say, &no_files())).stdout();
        assert!(started.elapsed() >= Duration::from_millis(10), "{:?}", started.elapsed());
        assert!(out.contains("accept on 127.0.0.1:8888 failed"), "{out}");
    }

    #[test]
    fn waits_double_up_to_a_second() {
        let delays: Vec<_> = (1..=9).map(|failures| Backoff { failures }.delay().as_millis()).collect();
        assert_eq!(delays, [10, 20, 40, 80, 160, 320, 640, 1000, 1000]);
    }
}
