//! What only lesson 6's client says, beside the socket calls of `main.rs`: the
//! TCP states of the teardown (ESTABLISHED, FIN_WAIT1 and FIN_WAIT2 after our
//! shutdown, TIME_WAIT once our socket is closed), what each way of closing
//! does, and why a reply is given up on.
//!
//! Most of it is methods on the narrator (`say.state_after_connect(...)`,
//! through [`Story`]), so `main.rs` reads as the article's calls. This module
//! takes values, never a socket: `main.rs` reads each state from the kernel
//! ([`kernel::tcp_state`]) where it happens, and hands it over to be told.

use std::time::Duration;

use kernel::tcp_state::TcpState;
use shared::bytes::one_line;
use shared::explain::seconds_shown;
use shared::{Failure, Narrator, count, tr};

use crate::Close;

#[path = "../../tcp_states.rs"]
mod tcp_states;

/// A state as [`kernel::tcp_state::now`] gives it: the state of the
/// connection we still hold, and whether the kernel's table answered (the
/// socket itself showing CLOSED); `None` when it cannot be read.
pub type StateNow = Option<(TcpState, bool)>;

/// The lesson 6 client's story, told by its narrator.
pub trait Story {
    /// The state once connect returns: ESTABLISHED, the handshake done, the
    /// connection open both ways. The baseline the teardown starts from.
    fn state_after_connect(&self, state: Option<TcpState>);

    /// How many bytes the sends handed to the kernel in all, before the
    /// connection is ended: what the server's reply should count.
    fn sent_in_all(&self, bytes: usize);

    /// The state right after our `shutdown(Write)`: FIN_WAIT1 until the
    /// server acknowledges our FIN; a quick server may have answered and closed
    /// already. Told before the state is watched, so it stands at its moment.
    fn state_after_shutdown(&self, state: StateNow);

    /// The state FIN_WAIT1 turned into, `after` our shutdown: FIN_WAIT2 once
    /// the server's ACK came (it may wait for a delayed-ACK timer, about 40 ms
    /// on Linux), so the learner sees a state that lasts only milliseconds.
    fn state_after_ack(&self, after: Duration, state: StateNow);

    /// A read returned 0 bytes: the server's FIN. Tells the state it leaves
    /// us in (TIME_WAIT: we sent the first FIN) and the whole reply, now that
    /// nothing more can come.
    fn reply_complete(&self, state: StateNow, reply: &[u8]);

    /// What a close of the `close` kind left behind: after a full close, what
    /// becomes of a reply; after an abort, what the server sees; and the state
    /// the kernel's table keeps (TIME_WAIT after our FIN went first, nothing
    /// after a reset).
    fn after_close(&self, close: Close, state: Option<TcpState>);
}

impl Story for Narrator {
    fn state_after_connect(&self, state: Option<TcpState>) {
        tcp_states::show(self, state, "");
    }

    fn sent_in_all(&self, bytes: usize) {
        self.detail(tr!("l6-sent-all", bytes = count(bytes, "byte")));
    }

    fn state_after_shutdown(&self, state: StateNow) {
        show_now(self, state, &tr!("when-after-shutdown"));
    }

    fn state_after_ack(&self, after: Duration, state: StateNow) {
        let ms = format!("{:.1}", after.as_secs_f64() * 1000.0);
        show_now(self, state, &tr!("when-ms-after-shutdown", ms = ms));
    }

    fn reply_complete(&self, state: StateNow, reply: &[u8]) {
        show_now(self, state, "");
        self.detail(tr!("l6-whole-reply", reply = one_line(&String::from_utf8_lossy(reply))));
    }

    fn after_close(&self, close: Close, state: Option<TcpState>) {
        match close {
            Close::Half => tcp_states::show(self, state, &tr!("l6-after-close")),
            Close::Full => {
                self.notice(tr!("l6-full-reply-rst"));
                tcp_states::show(self, state, &tr!("l6-after-close-table"));
            }
            Close::Abort => {
                self.notice(tr!("l6-abort-effect"));
                tcp_states::show(self, state, &tr!("l6-after-abort"));
            }
        }
    }
}

/// The close step's line: what a close of the `close` kind sends. After the
/// half-close both directions are done; a full close sends our FIN at once and
/// reads no reply; an abort sends RST.
pub fn closing(close: Close) -> String {
    match close {
        Close::Half => tr!("l6-close-half"),
        Close::Full => tr!("l6-close-full"),
        Close::Abort => tr!("l6-abort"),
    }
}

/// Why the client gives up on a reply that has begun but not ended within
/// `timeout` of our shutdown (`received` bytes so far): a lesson 6 server
/// answers with one short line, and a longer `--timeout` waits for a slow one.
pub fn reply_too_slow(timeout: Duration, received: usize) -> Failure {
    let (secs, bytes) = (seconds_shown(timeout), count(received, "byte"));
    Failure::other(tr!("l6-reply-too-slow", secs = secs, bytes = bytes), tr!("l6-reply-too-slow-hint"))
}

/// Why the client stops reading a reply past `max` bytes: a lesson 6 server
/// answers with one short line, and one that sends without end must not fill
/// the memory, the terminal or the time.
pub fn reply_too_long(max: usize) -> Failure {
    Failure::other(tr!("l6-reply-too-long", max = max), tr!("l6-reply-too-long-hint"))
}

/// Shows a state read by [`kernel::tcp_state::now`]; `when` says how it was
/// seen, or is empty. When the kernel's table answered, the line says so: the
/// socket itself shows CLOSED once the kernel keeps the connection on its own.
fn show_now(say: &Narrator, state: StateNow, when: &str) {
    match state {
        Some((state, true)) => {
            let closed = tr!("when-socket-closed");
            let when = [when, closed.as_str()]
                .iter()
                .filter(|part| !part.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(", ");
            tcp_states::show(say, Some(state), &when);
        }
        Some((state, false)) => tcp_states::show(say, Some(state), when),
        None => tcp_states::show(say, None, when),
    }
}
