//! What only lesson 6's server says, beside the socket calls of `main.rs`: the
//! TCP states it sees, the client's FIN and what a FIN cannot tell, what became
//! of the reply, a client's reset, what each close sends, and the summary.
//!
//! Most of it is methods on the narrator (`say.fin_arrived(...)`, through
//! [`Story`]), so `main.rs` reads as the article's calls, and a step's story
//! leaves in the same write as the step's line:
//! `say.step(6, Call::Recv, ...).fin_arrived(...)`. This module takes values,
//! never a socket: `main.rs` reads each state from the kernel
//! ([`kernel::tcp_state`]) where it happens, and hands it over to be told.

use std::io;
use std::time::Duration;

use kernel::tcp_state::{CloseSends, TcpState};
use shared::explain::seconds_shown;
use shared::{Narrator, count, tr};

#[path = "../../tcp_states.rs"]
mod tcp_states;

/// The lesson 6 server's story, told by its narrator.
pub trait Story {
    /// The state of a connection just accepted: ESTABLISHED, or already
    /// CLOSE_WAIT if the client sent everything and its FIN before the accept
    /// (the kernel kept it all for us: accept only hands over what it holds).
    fn state_after_accept(&self, state: Option<TcpState>);

    /// A read returned 0 after data: the client's FIN, and `state`, the one it
    /// leaves us in (CLOSE_WAIT). From this side a half-close (shutdown) and a
    /// full close send the same FIN: only the reply will tell them apart.
    fn fin_arrived(&self, state: Option<TcpState>);

    /// The server waits `pause` before replying (`--reply-after`), so that the
    /// learner can watch CLOSE_WAIT here and FIN_WAIT2 at the client.
    fn replying_after(&self, pause: Duration);

    /// The state once that pause is over: still CLOSE_WAIT, which lasts until
    /// we close however long we take.
    fn state_until_close(&self, state: Option<TcpState>);

    /// What became of a reply sent after the client's FIN, from the socket's
    /// pending error (`SO_ERROR`) just after the send. Returns whether the
    /// reply met a reset: a client that closed fully answers data with RST.
    fn reply_fate(&self, error: Option<io::Error>) -> bool;

    /// A read failed with a reset, after `received` bytes of data: the client
    /// aborted, it did not close.
    fn peer_reset(&self, received: usize);

    /// The state the kernel's table keeps just after our FIN-sending close:
    /// nothing once the client's ACK came back, else LAST_ACK.
    fn state_after_close(&self, state: Option<TcpState>);

    /// The server stops (`--serve` reached): what it served, in `summary`.
    fn stopping(&self, summary: String);
}

impl Story for Narrator {
    fn state_after_accept(&self, state: Option<TcpState>) {
        tcp_states::show(self, state, "");
        if state == Some(TcpState::CloseWait) {
            self.notice(tr!("l6-all-before-accept"));
        }
    }

    fn fin_arrived(&self, state: Option<TcpState>) {
        self.together(|| {
            self.notice(tr!("fin-says"));
            self.notice(tr!("fin-cannot-tell"));
        });
        tcp_states::show(self, state, "");
    }

    fn replying_after(&self, pause: Duration) {
        self.detail(tr!("l6-reply-after", seconds = seconds_shown(pause)));
    }

    fn state_until_close(&self, state: Option<TcpState>) {
        tcp_states::show(self, state, &tr!("l6-until-close"));
    }

    fn reply_fate(&self, error: Option<io::Error>) -> bool {
        match error {
            Some(err) => {
                self.together(|| {
                    self.notice(tr!("reply-met-reset"));
                    self.notice(tr!("reply-met-reset-why", err = err.to_string()));
                });
                true
            }
            None => {
                self.notice(tr!("reply-no-reset"));
                false
            }
        }
    }

    fn peer_reset(&self, received: usize) {
        self.together(|| {
            self.notice(tr!("peer-aborted"));
            self.notice(tr!("peer-aborted-data", bytes = count(received, "byte")));
        });
    }

    fn state_after_close(&self, state: Option<TcpState>) {
        tcp_states::show(self, state, &tr!("l6-after-close-table"));
    }

    fn stopping(&self, summary: String) {
        self.detail(tr!("l6-stopping", summary = summary));
    }
}

/// The close step's line: what the close just made put on the wire, as the
/// socket told it before the close (`sends`). A close line must not claim a
/// FIN that a reset, or our own earlier FIN, made impossible.
pub fn close_line(sends: CloseSends) -> String {
    match sends {
        CloseSends::Fin => tr!("l6-close-clean"),
        CloseSends::NothingAfterReset => tr!("l6-close-after-reset"),
        CloseSends::Rst { unread } => tr!("l6-close-rst", bytes = count(unread, "byte")),
        CloseSends::NothingMore => tr!("l6-close-nothing-more"),
    }
}
