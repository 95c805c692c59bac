//! Lesson 1 exercises. Edit the files in `src/`; check your work with
//!
//! ```sh
//! cargo test -p lesson1-exercises
//! ```
//!
//! The reference solutions are in `solutions/` (the teacher runs them with
//! `--features solution`). Look at them after you have tried.

#[cfg(not(feature = "solution"))]
pub mod echo_bytes;
#[cfg(feature = "solution")]
#[path = "../solutions/echo_bytes.rs"]
pub mod echo_bytes;

#[cfg(not(feature = "solution"))]
pub mod cut_datagrams;
#[cfg(feature = "solution")]
#[path = "../solutions/cut_datagrams.rs"]
pub mod cut_datagrams;
