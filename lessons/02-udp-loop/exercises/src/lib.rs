//! Lesson 2 exercises. Edit the files in `src/`; check your work with
//!
//! ```sh
//! cargo test -p lesson2-exercises
//! ```
//!
//! The reference solutions are in `solutions/` (the teacher runs them with
//! `--features solution`). Look at them after you have tried.

#[cfg(not(feature = "solution"))]
pub mod count_senders;
#[cfg(feature = "solution")]
#[path = "../solutions/count_senders.rs"]
pub mod count_senders;

#[cfg(not(feature = "solution"))]
pub mod retry_client;
#[cfg(feature = "solution")]
#[path = "../solutions/retry_client.rs"]
pub mod retry_client;
