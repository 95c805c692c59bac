//! Lesson 7 exercises. Edit the files in `src/`; check your work with
//!
//! ```sh
//! cargo test -p lesson7-exercises
//! ```
//!
//! The reference solutions are in `solutions/` (the teacher runs them with
//! `--features solution`). Look at them after you have tried.

#[cfg(not(feature = "solution"))]
pub mod partial_send;
#[cfg(feature = "solution")]
#[path = "../solutions/partial_send.rs"]
pub mod partial_send;
