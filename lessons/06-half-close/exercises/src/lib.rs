//! Lesson 6 exercises. Edit the files in `src/`; check your work with
//!
//! ```sh
//! cargo test -p lesson6-exercises
//! ```
//!
//! The reference solutions are in `solutions/` (the teacher runs them with
//! `--features solution`). Look at them after you have tried.

#[cfg(not(feature = "solution"))]
pub mod half_close_client;
#[cfg(feature = "solution")]
#[path = "../solutions/half_close_client.rs"]
pub mod half_close_client;

#[cfg(not(feature = "solution"))]
pub mod close_or_reset;
#[cfg(feature = "solution")]
#[path = "../solutions/close_or_reset.rs"]
pub mod close_or_reset;
