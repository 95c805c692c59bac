//! What only lesson 6's server says, beside the socket calls of `main.rs`: the
//! TCP states it sees, the client's FIN and what a FIN cannot tell, what became
//! of the reply, and a client's reset.
//!
//! They are methods on the narrator (`say.fin_arrived()`, through [`Story`]),
//! so `main.rs` reads as the article's calls, and a step's story leaves in the
//! same write as the step's line: `say.step(6, Call::Recv, ...).fin_arrived()`.

use std::io;

use kernel::tcp_state::TcpState;
use shared::{Narrator, count, tr};

#[path = "../../tcp_states.rs"]
mod tcp_states;

/// The lesson 6 server's story, told by its narrator.
pub trait Story {
    /// Shows the kernel's TCP state of a connection; `when` says how it was
    /// seen ("in the kernel's table, just after close"), or is empty.
    fn tcp_state(&self, state: Option<TcpState>, when: &str);

    /// Shows the state of a connection just accepted: ESTABLISHED, or already
    /// CLOSE_WAIT if the client sent everything and its FIN before the accept.
    fn tcp_state_after_accept(&self, state: Option<TcpState>);

    /// A read returned 0 after data: the client's FIN. From this side a
    /// half-close (shutdown) and a full close send the same FIN.
    fn fin_arrived(&self);

    /// What became of a reply sent after the client's FIN, from the socket's
    /// pending error (`SO_ERROR`) just after the send. Returns whether the
    /// reply met a reset.
    fn reply_fate(&self, error: Option<io::Error>) -> bool;

    /// A read failed with a reset: the client aborted, it did not close.
    fn peer_reset(&self, received: usize);
}

impl Story for Narrator {
    fn tcp_state(&self, state: Option<TcpState>, when: &str) {
        tcp_states::show(self, state, when);
    }

    fn tcp_state_after_accept(&self, state: Option<TcpState>) {
        self.tcp_state(state, "");
        if state == Some(TcpState::CloseWait) {
            self.notice(tr!("l6-all-before-accept"));
        }
    }

    fn fin_arrived(&self) {
        self.together(|| {
            self.notice(tr!("fin-says"));
            self.notice(tr!("fin-cannot-tell"));
        });
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
}
