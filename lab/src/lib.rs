//! The lab: one lesson's server and client in a private network of the
//! lab's own making, with every packet between them drawn between their
//! lines (`cargo run -p lab -- LESSON`), and the pieces the tour shares.
//!
//! - [`layout`] and [`wrap`]: two columns (server left, client right) or
//!   one, wrapped and coloured; the tour lays its lines out with them too.
//! - [`network`]: the private network (user, network and PID namespaces; a
//!   second host on a veth pair; nftables rules) and what to do where it
//!   cannot be made.
//! - [`run`]: one lesson's run in it, with the capture of its packets.
//! - [`draw`]: the packets as a learner reads them, in order with the lines.

pub mod draw;
pub mod layout;
pub mod network;
pub mod run;
pub mod wrap;

/// What the lab says, in English and Chinese (`locales/`).
pub static TEXTS: shared::lang::Texts = shared::texts!("locales");
