//! How the lessons print and explain.
//!
//! Every lesson program talks through a [`Narrator`]: it tags each line with the
//! role (`[server]` or `[client]`), numbers the steps after the socket calls the
//! articles use (`bind`, `recvfrom`, `sendto`, ...), shows what crossed the wire
//! as a Python bytes literal and as text ([`bytes`]), and turns socket errors into
//! a cause and a hint ([`explain`]). Keeping all of that here lets each lesson's
//! own code read like the article it mirrors: sockets, nothing else.
//!
//! This crate makes no socket call: every `socket`, `bind`, `listen`, `accept`,
//! `connect`, `recv`, `send`, `shutdown` and close is in the lesson's own file.

#![deny(missing_docs)]

pub mod bytes;
#[cfg(any(test, feature = "capture"))]
pub mod capture;
pub mod explain;
pub mod lang;
mod narrator;
pub mod stamp;

pub use explain::{Call, Explain, Failure};
pub use lang::Lang;
pub use narrator::{Colours, Narrator, Role, Step, count};
