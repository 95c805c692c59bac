//! How both lesson 6 programs show a TCP state: its name as `ss` writes it,
//! how it was seen, and what it means. The server's and the client's
//! `src/story.rs` each include this one file (`#[path]`): the line reads the
//! same on both sides, and is written once.

use kernel::tcp_state::{self, TcpState};
use shared::{Narrator, tr};

/// Shows the kernel's TCP state of a connection; `when` says how it was seen
/// ("40.0 ms after shutdown", "in the kernel's table, after close"), or is empty.
pub fn show(say: &Narrator, state: Option<TcpState>, when: &str) {
    let when = if when.is_empty() { String::new() } else { tr!("when-paren", when = when) };
    match state {
        Some(state) => {
            let name = say.highlight(state.name());
            say.detail(tr!("tcp-state", name = name, when = when, meaning = meaning(state)));
        }
        None if !tcp_state::AVAILABLE => say.detail(tr!("tcp-state-unavailable")),
        None => say.detail(tr!("tcp-state-none", when = when)),
    }
}

/// What the state means for the program that sees it, in one line, in the
/// chosen language (the name stays as `ss` writes it).
fn meaning(state: TcpState) -> String {
    use TcpState::*;
    match state {
        Established => tr!("tcp-established"),
        SynSent => tr!("tcp-syn-sent"),
        SynRecv => tr!("tcp-syn-recv"),
        FinWait1 => tr!("tcp-fin-wait1"),
        FinWait2 => tr!("tcp-fin-wait2"),
        TimeWait => tr!("tcp-time-wait"),
        Close => tr!("tcp-closed"),
        CloseWait => tr!("tcp-close-wait"),
        LastAck => tr!("tcp-last-ack"),
        Listen => tr!("tcp-listen"),
        Closing => tr!("tcp-closing"),
    }
}
