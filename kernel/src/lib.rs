//! What the lessons ask the kernel: about a TCP connection ([`tcp_state`]),
//! and how many files this process may open ([`limits`]).
//!
//! The kernel knows things about a connection that no read or write shows: its
//! TCP state (ESTABLISHED, FIN_WAIT2, CLOSE_WAIT, TIME_WAIT, ...), whether a
//! reset is pending, whether bytes wait unread. Lesson 6 shows the four-way
//! teardown with the states; lessons 4 to 6 say what a close sends (FIN, RST
//! or nothing) by asking just before it. See [`tcp_state`].
//!
//! This crate only looks: it prints nothing (the lessons' story modules say
//! what it found) and never changes a connection, except that
//! [`tcp_state::close_will_send`] leaves its socket non-blocking, right before
//! the close.
//!
//! Its one `unsafe` call, `getsockopt(TCP_INFO)`, which no safe crate offers, is
//! in the private module `sys`: the only module of this crate, and of the
//! crates the lesson programs are built from, where the workspace's
//! `unsafe_code = "deny"` is lifted.

pub mod limits;
#[allow(unsafe_code)] // getsockopt(TCP_INFO): see sys.rs
mod sys;
pub mod tcp_state;
