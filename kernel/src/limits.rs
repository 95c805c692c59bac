//! What the kernel allows this process: how many files (sockets are files)
//! it may hold open at once, which caps how many clients one program can
//! serve or open (lesson 5's `--max-clients`, `--connections`).

/// How many files this process may have open (`ulimit -n`), where the
/// system says: rustix's safe `getrlimit`. `None` for "unlimited".
pub fn open_files() -> Option<u64> {
    rustix::process::getrlimit(rustix::process::Resource::Nofile).current
}

/// Raises how many files this process (and the processes it starts) may
/// have open to `wanted`, as far as the hard limit allows; returns the limit
/// now in force (`None` for "unlimited"). The benchmark holds 10,000
/// connections on each side, where the usual soft limit is 1,024.
pub fn raise_open_files(wanted: u64) -> Option<u64> {
    use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};
    let limit = getrlimit(Resource::Nofile);
    let raised = match (limit.current, limit.maximum) {
        (None, _) => return None,
        (Some(current), _) if current >= wanted => return Some(current),
        (Some(_), Some(maximum)) => wanted.min(maximum),
        (Some(_), None) => wanted,
    };
    let _ = setrlimit(Resource::Nofile, Rlimit { current: Some(raised), maximum: limit.maximum });
    open_files()
}

/// How many threads this process runs now, as the kernel counts them (the
/// `Threads:` line of `/proc/self/status`, Linux); `None` where the system
/// does not say. Lesson 7's summary shows it: one thread served every client.
pub fn threads() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find_map(|line| line.strip_prefix("Threads:"))?;
    line.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_process_may_open_at_least_its_three_standard_files() {
        assert!(super::open_files().is_none_or(|limit| limit >= 3));
    }

    #[test]
    fn a_test_runs_in_at_least_one_thread() {
        assert!(super::threads().is_none_or(|threads| threads >= 1));
    }
}
