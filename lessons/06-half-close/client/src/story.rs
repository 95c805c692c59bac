//! What only lesson 6's client says, beside the socket calls of `main.rs`: the
//! TCP states of the teardown, FIN_WAIT1 and FIN_WAIT2 after our shutdown, and
//! TIME_WAIT in the kernel's table once our socket is closed.
//!
//! They are methods on the narrator (`say.tcp_state(...)`, through [`Story`]),
//! so `main.rs` reads as the article's calls. What they show, the kernel crate
//! finds ([`kernel::tcp_state`]); this module only says it.

use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use kernel::tcp_state::{self, TcpState};
use shared::{Narrator, tr};

#[path = "../../tcp_states.rs"]
mod tcp_states;

/// How long to watch FIN_WAIT1 turn into FIN_WAIT2 (the peer's ACK of our
/// FIN can wait for a delayed-ACK timer, about 40 ms on Linux).
const FIN_WAIT1_WATCH: Duration = Duration::from_millis(500);

/// The lesson 6 client's story, told by its narrator.
pub trait Story {
    /// Shows the kernel's TCP state of a connection; `when` says how it was
    /// seen ("in the kernel's table, after close"), or is empty.
    fn tcp_state(&self, state: Option<TcpState>, when: &str);

    /// Shows the state right after our `shutdown(Write)`: FIN_WAIT1 until the
    /// peer acknowledges our FIN, watched until it changes, then whatever
    /// follows; a quick peer may have answered and closed already.
    fn tcp_states_after_shutdown(&self, stream: &TcpStream, local: SocketAddr, peer: SocketAddr);

    /// Shows the state of a connection we still hold, from the kernel's table
    /// once the socket itself shows CLOSED (see [`tcp_state::now`]).
    fn tcp_state_now(&self, stream: &TcpStream, local: SocketAddr, peer: SocketAddr, when: &str);
}

impl Story for Narrator {
    fn tcp_state(&self, state: Option<TcpState>, when: &str) {
        tcp_states::show(self, state, when);
    }

    fn tcp_states_after_shutdown(&self, stream: &TcpStream, local: SocketAddr, peer: SocketAddr) {
        if tcp_state::of(stream) != Some(TcpState::FinWait1) {
            return self.tcp_state_now(stream, local, peer, &tr!("when-after-shutdown"));
        }
        self.tcp_state(Some(TcpState::FinWait1), &tr!("when-after-shutdown"));
        if let Some((_, after)) = tcp_state::wait_while(stream, TcpState::FinWait1, FIN_WAIT1_WATCH) {
            let when = tr!("when-ms-after-shutdown", ms = format!("{:.1}", after.as_secs_f64() * 1000.0));
            self.tcp_state_now(stream, local, peer, &when);
        }
    }

    fn tcp_state_now(&self, stream: &TcpStream, local: SocketAddr, peer: SocketAddr, when: &str) {
        match tcp_state::now(stream, local, peer) {
            Some((state, true)) => {
                let closed = tr!("when-socket-closed");
                let when = [when, closed.as_str()]
                    .iter()
                    .filter(|part| !part.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(", ");
                self.tcp_state(Some(state), &when);
            }
            Some((state, false)) => self.tcp_state(Some(state), when),
            None => self.tcp_state(None, when),
        }
    }
}
