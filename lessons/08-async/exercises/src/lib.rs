//! Lesson 8 exercises. Edit the files in `src/`; check your work with
//!
//! ```sh
//! cargo test -p lesson8-exercises
//! ```
//!
//! The reference solutions are in `solutions/` (the teacher runs them with
//! `--features solution`). Look at them after you have tried.

#[cfg(not(feature = "solution"))]
pub mod per_client_task;
#[cfg(feature = "solution")]
#[path = "../solutions/per_client_task.rs"]
pub mod per_client_task;
