//! Stopping a loop server cleanly: Ctrl-C (SIGINT) or SIGTERM makes it print
//! what it served and exit 0, instead of dying mid-line.
//!
//! A server blocked in `accept` or `recvfrom` cannot look at a flag, so the
//! signal is handled on a thread of its own (the `ctrlc` crate), which prints
//! the tally the server keeps and ends the process. The servers that serve
//! once (lessons 1 and 3) say instead what they were waiting for, and exit 130.

use std::fmt::Display;
use std::sync::{Arc, Mutex, PoisonError, mpsc};
use std::thread;
use std::time::Duration;

use shared::Narrator;

/// What a loop server counts, each printed with its label in the summary
/// ("clients: 2, resets: 1"): a type, so a misspelt counter does not compile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    /// Clients accepted (lessons 4 to 6).
    Clients,
    /// Datagrams received (lesson 2).
    Datagrams,
    /// Clients closed after `--idle-timeout` or `--conversation-limit`.
    IdleClosed,
    /// Messages a lesson 4 server answered.
    MessagesAnswered,
    /// Connections a lesson 5 server could start no thread for.
    NoThread,
    /// Connections that ended with the client's reset.
    Resets,
    /// Different senders a lesson 2 server heard from.
    Senders,
    /// Clients a lesson 5 server told `busy:` at its `--max-clients` cap.
    TurnedAway,
}

impl Count {
    /// "clients: 2", in the chosen language; `n` is the value as shown.
    fn label(self, n: String) -> String {
        match self {
            Count::Clients => tr!("shared-tally-clients", n = n),
            Count::Datagrams => tr!("shared-tally-datagrams", n = n),
            Count::IdleClosed => tr!("shared-tally-idle-closed", n = n),
            Count::MessagesAnswered => tr!("shared-tally-messages-answered", n = n),
            Count::NoThread => tr!("shared-tally-no-thread", n = n),
            Count::Resets => tr!("shared-tally-resets", n = n),
            Count::Senders => tr!("shared-tally-senders", n = n),
            Count::TurnedAway => tr!("shared-tally-turned-away", n = n),
        }
    }
}

/// Counters a server keeps as it serves ("datagrams: 3, senders: 2"), shared
/// with the signal handler and with the threads of lesson 5.
#[derive(Clone, Debug)]
pub struct Tally {
    counts: Arc<Mutex<Vec<Counter>>>,
}

/// One counter: its label, its value, and whether it stopped at a cap with
/// more still coming (then the summary says "more than").
#[derive(Debug)]
struct Counter {
    label: Count,
    n: u64,
    past_cap: bool,
}

impl Tally {
    /// A tally of the given counters, all at 0, printed in this order. A
    /// counter first added later is printed after them.
    pub fn new(labels: &[Count]) -> Tally {
        let counts = labels.iter().map(|&label| Counter { label, n: 0, past_cap: false }).collect();
        Tally { counts: Arc::new(Mutex::new(counts)) }
    }

    /// Adds one to `label`.
    pub fn add(&self, label: Count) {
        self.update(label, |counter| counter.n += 1);
    }

    /// Sets `label` to `value`.
    pub fn set(&self, label: Count, value: u64) {
        self.update(label, |counter| counter.n = value);
    }

    /// Says that `label` stopped counting at its value, its cap, and that
    /// more came: the summary shows "more than N (counted up to N)".
    pub fn passed_cap(&self, label: Count) {
        self.update(label, |counter| counter.past_cap = true);
    }

    /// The current value of `label` (0 if there is no such counter).
    pub fn get(&self, label: Count) -> u64 {
        let counts = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        counts.iter().find(|counter| counter.label == label).map_or(0, |counter| counter.n)
    }

    /// "datagrams: 3, senders: 2", in the chosen language.
    pub fn summary(&self) -> String {
        let counts = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        counts.iter().map(counted).collect::<Vec<_>>().join(&tr!("shared-tally-separator"))
    }

    fn update(&self, label: Count, change: impl Fn(&mut Counter)) {
        let mut counts = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        match counts.iter_mut().find(|counter| counter.label == label) {
            Some(counter) => change(counter),
            None => {
                let mut counter = Counter { label, n: 0, past_cap: false };
                change(&mut counter);
                counts.push(counter);
            }
        }
    }
}

/// One counter of a summary, "clients: 2", in the chosen language.
fn counted(counter: &Counter) -> String {
    let n = match counter.past_cap {
        true => tr!("shared-tally-past-cap", n = counter.n.to_string()),
        false => counter.n.to_string(),
    };
    counter.label.label(n)
}

/// On Ctrl-C, SIGTERM or SIGHUP (a closed terminal): print the tally and exit 0. Call once, before the
/// server says it is ready, so a signal never finds it without a handler.
pub fn print_tally_on_signal(say: &Narrator, tally: &Tally) {
    let (say, tally) = (say.clone(), tally.clone());
    on_signal(0, move || say.notice(tr!("shared-stopped-by-signal", summary = tally.summary())));
}

/// What a server that serves once (lessons 1 and 3) is waiting for, said when
/// a signal stops it: "stopped by a signal ... while waiting in accept for a
/// client". It then exits 130, as a shell reports a program ended by Ctrl-C:
/// it did not do what it was started for.
#[derive(Clone, Debug)]
pub struct Waiting {
    what: Arc<Mutex<String>>,
}

impl Waiting {
    /// Installs the handler, waiting for `what` ("waiting in recvfrom for one
    /// datagram"). Call once, before the server says it is ready.
    pub fn told_on_signal(say: &Narrator, what: impl Display) -> Waiting {
        let waiting = Waiting { what: Arc::new(Mutex::new(what.to_string())) };
        let (say, now) = (say.clone(), waiting.clone());
        on_signal(130, move || {
            let what = now.what.lock().unwrap_or_else(PoisonError::into_inner).clone();
            say.notice(tr!("shared-stopped-while", waiting = what));
        });
        waiting
    }

    /// From now on, a signal finds the server waiting for `what`.
    pub fn now(&self, what: impl Display) {
        *self.what.lock().unwrap_or_else(PoisonError::into_inner) = what.to_string();
    }
}

/// On Ctrl-C, SIGTERM or SIGHUP: `print`, then exit with `code`.
///
/// Every thread this needs is started now, at start-up. At signal time the
/// process may have no thread left to start (lesson 5 with the system's
/// limit reached), and a handler that needed one then would fail, and leave
/// the signals ignored for good. The handler's own thread (the `ctrlc`
/// crate's) hands the printing to a second one and waits for it a second at
/// most: with stdout full (a pipe that nobody reads) printing blocks, and a
/// signal to stop must still stop the server.
fn on_signal(code: i32, print: impl FnOnce() + Send + 'static) {
    // Channels with their one place made now: a send at signal time allocates nothing.
    let (ask, asked) = mpsc::sync_channel::<()>(1);
    let (done, printed) = mpsc::sync_channel::<()>(1);
    let printer = thread::Builder::new().name("on-signal".into()).spawn(move || {
        if asked.recv().is_ok() {
            print();
            let _ = done.send(());
        }
    });
    // Without a printer (no thread to be had even at start-up), the handler's
    // own thread stops the server, without a summary.
    let printer = printer.ok();
    let installed = ctrlc::set_handler(move || {
        if printer.is_some() && ask.try_send(()).is_ok() {
            let _ = printed.recv_timeout(Duration::from_secs(1));
        }
        std::process::exit(code);
    });
    if let Err(err) = installed {
        say_without_handler(&err);
    }
}

/// A server without a handler still works; Ctrl-C then ends it without a summary.
fn say_without_handler(err: &ctrlc::Error) {
    eprintln!("{}", tr!("shared-no-signal-handler", err = err.to_string()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::{Colours, Role};

    #[test]
    fn a_tally_counts_and_summarises_in_order() {
        let tally = Tally::new(&[Count::Clients, Count::MessagesAnswered]);
        tally.add(Count::Clients);
        tally.add(Count::MessagesAnswered);
        tally.add(Count::MessagesAnswered);
        let shared = tally.clone();
        shared.add(Count::Clients);
        assert_eq!(tally.summary(), "clients: 2, messages answered: 2");
        tally.set(Count::Senders, 5);
        assert_eq!(tally.get(Count::Senders), 5);
        assert_eq!(tally.summary(), "clients: 2, messages answered: 2, senders: 5");
        tally.passed_cap(Count::Senders);
        assert_eq!(tally.get(Count::Senders), 5);
        assert_eq!(
            tally.summary(),
            "clients: 2, messages answered: 2, senders: more than 5 (counted up to 5)"
        );
    }

    /// The signal handler, tried in a child process (the test binary run
    /// again, with one test and `KIT_SIGNAL_CASE` naming what to install): a
    /// process can install it only once, and the signal ends the process.
    /// Returns the child's exit code and its stdout and stderr together.
    #[cfg(unix)]
    fn signalled(case: &str) -> (Option<i32>, String) {
        let test = "stop::tests::a_signal_child";
        let child = std::process::Command::new(std::env::current_exe().unwrap())
            .args(["--exact", test, "--nocapture", "--test-threads=1"])
            .env("KIT_SIGNAL_CASE", case)
            .env("LC_ALL", "C.UTF-8")
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        let said = [child.stdout, child.stderr].concat();
        (child.status.code(), String::from_utf8_lossy(&said).into_owned())
    }

    /// Not a test of its own: what [`signalled`] runs in its child. It
    /// installs a handler as `KIT_SIGNAL_CASE` says, sends itself SIGTERM
    /// and waits to be ended by it.
    #[cfg(unix)]
    #[test]
    fn a_signal_child() {
        let Ok(case) = std::env::var("KIT_SIGNAL_CASE") else { return };
        let say = Narrator::new(Role::Server, 4, Colours::default());
        let tally = Tally::new(&[Count::Clients]);
        tally.add(Count::Clients);
        match case.as_str() {
            "tally" => print_tally_on_signal(&say, &tally),
            "twice" => {
                print_tally_on_signal(&say, &tally);
                print_tally_on_signal(&say, &tally); // a second handler: refused, and said so
            }
            _ => Waiting::told_on_signal(&say, "waiting in accept").now("waiting in recv"),
        }
        // SAFETY: raise only sends this process a signal.
        unsafe { libc::raise(libc::SIGTERM) };
        thread::sleep(Duration::from_secs(10)); // the handler ends the process first
        panic!("SIGTERM did not end the process");
    }

    #[cfg(unix)]
    #[test]
    fn sigterm_prints_the_tally_and_exits_0() {
        let (code, said) = signalled("tally");
        assert_eq!(code, Some(0), "the handler exits 0 after the summary:\n{said}");
        assert!(said.contains("clients: 1"), "the summary is printed before the exit:\n{said}");
    }

    #[cfg(unix)]
    #[test]
    fn a_second_handler_is_refused_and_said_so_and_the_first_still_works() {
        let (code, said) = signalled("twice");
        assert!(said.contains("cannot handle Ctrl-C"), "the refused handler is reported:\n{said}");
        assert_eq!(code, Some(0), "the first handler still stops the server:\n{said}");
    }

    #[cfg(unix)]
    #[test]
    fn sigterm_says_what_a_server_was_waiting_for_then_and_exits_130() {
        let (code, said) = signalled("waiting");
        assert_eq!(code, Some(130), "{said}");
        assert!(said.contains("waiting in recv"), "the latest wait is named:\n{said}");
        assert!(!said.contains("waiting in accept"), "an earlier wait is not:\n{said}");
    }

    #[test]
    fn a_chinese_summary_names_each_counter_in_chinese() {
        use shared::lang::{IntoValue, Lang};
        let text_in = |lang, id, args: &[(&str, _)]| crate::TEXTS.get(lang, id, args).unwrap();
        let item = |id, n: &str| text_in(Lang::Zh, id, &[("n", IntoValue::into_value(n))]);
        let summary = [item("shared-tally-clients", "2"), item("shared-tally-messages-answered", "5")]
            .join(&text_in(Lang::Zh, "shared-tally-separator", &[]));
        assert_eq!(summary, "客户端：2，已回复的消息：5");
        let capped = text_in(Lang::Zh, "shared-tally-past-cap", &[("n", IntoValue::into_value("10000"))]);
        assert_eq!(item("shared-tally-senders", &capped), "发送方：超过 10000（只数到 10000）");
        assert_eq!(text_in(Lang::En, "shared-tally-separator", &[]), ", ");
    }
}
