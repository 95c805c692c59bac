//! Lesson 5 exercises. Edit the files in `src/`; check your work with
//!
//! ```sh
//! cargo test -p lesson5-exercises
//! ```
//!
//! The reference solutions are in `solutions/` (the teacher runs them with
//! `--features solution`). Look at them after you have tried.

#[cfg(not(feature = "solution"))]
pub mod cap_clients;
#[cfg(feature = "solution")]
#[path = "../solutions/cap_clients.rs"]
pub mod cap_clients;

pub mod counter;

#[cfg(not(feature = "solution"))]
pub mod shared_counter;
#[cfg(feature = "solution")]
#[path = "../solutions/shared_counter.rs"]
pub mod shared_counter;
