//! Lesson 4 exercises. Edit the files in `src/`; check your work with
//!
//! ```sh
//! cargo test -p lesson4-exercises
//! ```
//!
//! The reference solutions are in `solutions/` (the teacher runs them with
//! `--features solution`). Look at them after you have tried.

#[cfg(not(feature = "solution"))]
pub mod line_framing;
#[cfg(feature = "solution")]
#[path = "../solutions/line_framing.rs"]
pub mod line_framing;

#[cfg(not(feature = "solution"))]
pub mod stop_on_zero;
#[cfg(feature = "solution")]
#[path = "../solutions/stop_on_zero.rs"]
pub mod stop_on_zero;
