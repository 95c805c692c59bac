//! What the kernel allows this process: how many files (sockets are files)
//! it may hold open at once, which caps how many clients one program can
//! serve or open (lesson 5's `--max-clients`, `--connections`).

/// How many files this process may have open (`ulimit -n`), where the
/// system says: rustix's safe `getrlimit`. `None` for "unlimited".
pub fn open_files() -> Option<u64> {
    rustix::process::getrlimit(rustix::process::Resource::Nofile).current
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_process_may_open_at_least_its_three_standard_files() {
        assert!(super::open_files().is_none_or(|limit| limit >= 3));
    }
}
