//! The lesson programs' kit: what they share that is not printing.
//!
//! The options every program takes and their parsers ([`cli`]), the few socket
//! helpers several lessons need (a write with a deadline, a read by a
//! deadline, the addresses a name stands for: [`net`]), a backoff for a
//! failing `accept` ([`backoff`]), the counts a server prints when it stops
//! ([`stop`]), lines typed at the keyboard ([`input`]) and the datagrams a
//! UDP client did not wait for ([`strays`]). How anything is printed is the
//! narrator's business, in `shared`.

pub mod backoff;
pub mod cli;
pub mod input;
pub mod net;
pub mod stop;
pub mod strays;
