//! The counter of exercise 5.2, as a trait: the three operations of
//! `AtomicU64` that the exercise needs, with the same names and arguments.
//!
//! The server works on a real `AtomicU64`. The test hands it a counter whose
//! `load` waits until a second thread has loaded too: a race that a real
//! machine shows once in a thousand messages then shows on every run.

use std::sync::atomic::{AtomicU64, Ordering};

/// What a counter shared by threads can do.
pub trait Counter: Send + Sync {
    /// Reads the value (`AtomicU64::load`).
    fn load(&self, order: Ordering) -> u64;
    /// Writes a value (`AtomicU64::store`).
    fn store(&self, value: u64, order: Ordering);
    /// Adds `value` and returns the value before, in one step that no other
    /// thread can come between (`AtomicU64::fetch_add`).
    fn fetch_add(&self, value: u64, order: Ordering) -> u64;
}

impl Counter for AtomicU64 {
    fn load(&self, order: Ordering) -> u64 {
        AtomicU64::load(self, order)
    }

    fn store(&self, value: u64, order: Ordering) {
        AtomicU64::store(self, value, order)
    }

    fn fetch_add(&self, value: u64, order: Ordering) -> u64 {
        AtomicU64::fetch_add(self, value, order)
    }
}
