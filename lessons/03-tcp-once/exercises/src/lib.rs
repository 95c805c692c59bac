//! Lesson 3 exercises. Edit the files in `src/`; check your work with
//!
//! ```sh
//! cargo test -p lesson3-exercises
//! ```
//!
//! The reference solutions are in `solutions/` (the teacher runs them with
//! `--features solution`). Look at them after you have tried.

#[cfg(not(feature = "solution"))]
pub mod read_to_end;
#[cfg(feature = "solution")]
#[path = "../solutions/read_to_end.rs"]
pub mod read_to_end;

#[cfg(not(feature = "solution"))]
pub mod accept_and_reply;
#[cfg(feature = "solution")]
#[path = "../solutions/accept_and_reply.rs"]
pub mod accept_and_reply;
