//! What narrators write, caught for a test instead of printed: this crate's
//! tests, and (with the `capture` feature, a dev-dependency's) the tests of
//! the crates that print through a [`Narrator`](crate::Narrator), such as
//! `kit`. A program never captures: its narrators write to standard output
//! and standard error.
//!
//! Tests check English words in any locale: once a test has captured (or
//! called [`in_english`]), [`crate::lang::current`] is English for the rest of
//! the test binary, so that `cargo test` passes under `LANG=zh_CN.UTF-8` too.
//! A test of the Chinese texts names the language (`text_in(Lang::Zh, ..)`).

use std::cell::RefCell;
use std::io;
use std::sync::atomic::{AtomicBool, Ordering};

thread_local! {
    /// What this thread's narrators wrote while a test captured it.
    static CAPTURE: RefCell<Option<Captured>> = const { RefCell::new(None) };
}

/// What the narrators of one thread wrote during [`capture`]: each write to
/// standard output on its own, and all of standard error.
#[derive(Debug, Default)]
pub struct Captured {
    /// Each write to standard output, in order: a step and its lines are one.
    pub writes: Vec<String>,
    /// Standard error, as the learner reads it.
    pub stderr: String,
    /// Every write to standard output fails, as into a full disk.
    #[cfg(test)]
    pub(crate) stdout_fails: bool,
}

impl Captured {
    /// Standard output, as the learner reads it.
    pub fn stdout(&self) -> String {
        self.writes.concat()
    }
}

/// Set once a test binary asked for English (see the module docs).
static ENGLISH: AtomicBool = AtomicBool::new(false);

/// From now on this test binary speaks English whatever the locale: for the
/// tests of a crate whose own words are English in its tests (as `kit`'s are)
/// and hold words of this crate.
pub fn in_english() {
    ENGLISH.store(true, Ordering::Relaxed);
}

/// Whether a test asked for English ([`in_english`]).
pub(crate) fn english() -> bool {
    ENGLISH.load(Ordering::Relaxed)
}

/// What `run` has this thread's narrators write, instead of writing it
/// (in English: see the module docs).
pub fn capture(run: impl FnOnce()) -> Captured {
    in_english();
    capture_from(Captured::default(), run)
}

/// [`capture`], starting from `start` (whose writes to stdout may fail).
pub(crate) fn capture_from(start: Captured, run: impl FnOnce()) -> Captured {
    CAPTURE.set(Some(start));
    run();
    CAPTURE.take().expect("still capturing")
}

/// Takes a write to standard output, if this thread is capturing.
pub(crate) fn stdout(text: &str) -> Option<io::Result<()>> {
    CAPTURE.with_borrow_mut(|capture| {
        let capture = capture.as_mut()?;
        #[cfg(test)]
        if capture.stdout_fails {
            return Some(Err(io::Error::other("no space left on device")));
        }
        capture.writes.push(text.to_string());
        Some(Ok(()))
    })
}

/// Takes a write to standard error, if this thread is capturing.
pub(crate) fn stderr(text: &str) -> bool {
    CAPTURE.with_borrow_mut(|capture| capture.as_mut().map(|capture| capture.stderr.push_str(text)).is_some())
}
