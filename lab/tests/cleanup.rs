//! Nothing of the lab outlives it: no process it started, no namespace it
//! made, no veth; after a run, and after Ctrl-C in the middle of one.
//!
//! Every process the lab starts inherits a mark in its environment; the test
//! finds them all in /proc (and the network namespaces they are in), then
//! checks that none is left.

use std::collections::HashSet;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One lab at a time in this file: a namespace's number is given again to a
/// new namespace once the old one is gone, so a lab made beside another
/// could look like what the other left behind.
static ONE_LAB: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The mark in the environment of every process of one test's lab.
fn mark(test: &str) -> String {
    format!("COURSE_LAB_TEST_MARK={test}-{}", std::process::id())
}

/// The processes with `mark` in their environment, each with its network namespace.
fn marked(mark: &str) -> Vec<(u32, String)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
        let Ok(environ) = std::fs::read(entry.path().join("environ")) else { continue };
        if environ.split(|b| *b == 0).any(|var| var == mark.as_bytes()) {
            let net = std::fs::read_link(entry.path().join("ns/net")).map(|l| l.display().to_string());
            found.push((pid, net.unwrap_or_default()));
        }
    }
    found
}

/// The network namespaces that processes started before `before` (clock
/// ticks since boot, as /proc/PID/stat counts them) are in. A namespace's
/// number can be given again to a new one once it is gone (another test or
/// program may make one at any time): a process started after the lab ended
/// cannot be holding the lab's namespace, which nothing else held.
fn namespaces_in_use(before: u64) -> HashSet<String> {
    std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter(|entry| started(&entry.path()).is_some_and(|at| at < before))
        .filter_map(|entry| std::fs::read_link(entry.path().join("ns/net")).ok())
        .map(|link| link.display().to_string())
        .collect()
}

/// The processes (pid, command) in `namespaces` that started before `before`.
fn holders(namespaces: &HashSet<String>, before: u64) -> Vec<(String, String)> {
    std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter(|entry| started(&entry.path()).is_some_and(|at| at < before))
        .filter(|entry| {
            std::fs::read_link(entry.path().join("ns/net"))
                .is_ok_and(|link| namespaces.contains(&link.display().to_string()))
        })
        .map(|entry| {
            let command = std::fs::read_to_string(entry.path().join("cmdline")).unwrap_or_default();
            (entry.file_name().to_string_lossy().into_owned(), command.replace('\0', " "))
        })
        .collect()
}

/// When a process started, in clock ticks since boot (/proc/PID/stat, field 22).
fn started(process: &std::path::Path) -> Option<u64> {
    let stat = std::fs::read_to_string(process.join("stat")).ok()?;
    let after_name = &stat[stat.rfind(')')? + 2..];
    after_name.split_whitespace().nth(19)?.parse().ok()
}

/// Now, in clock ticks since boot (the start of a process started now, or
/// later, is at least this); the clock ticks 100 times a second on Linux.
fn ticks_now() -> u64 {
    let uptime = std::fs::read_to_string("/proc/uptime").unwrap();
    let seconds: f64 = uptime.split_whitespace().next().unwrap().parse().unwrap();
    (seconds * 100.0) as u64
}

/// Waits until `done`, at most `limit`.
fn within(limit: Duration, mut done: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    done()
}

/// The machine's own network namespace has no veth of the lab's.
fn no_lab_veth_here() {
    for name in ["lab-a", "lab-b"] {
        let shown = Command::new("ip").args(["link", "show", name]).output().expect("ip runs");
        assert!(!shown.status.success(), "{name} exists outside the lab");
    }
}

#[test]
#[cfg_attr(no_private_network, ignore = "no private network here (see the build's warning)")]
fn nothing_is_left_after_a_run_on_two_hosts() {
    let _alone = ONE_LAB.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    left_nothing(&["3", "--two-hosts", "--host", "0.0.0.0"]);
    // With loss, a drop log is read inside the second host's namespace too.
    if cfg!(not(no_nft)) {
        left_nothing(&["2", "--two-hosts", "--host", "0.0.0.0", "--loss", "30"]);
    }
}

/// Runs the lab with `args` and checks that none of its processes,
/// namespaces or veth ends is left when it has ended.
fn left_nothing(args: &[&str]) {
    let mark = mark("run");
    let (name, value) = mark.split_once('=').unwrap();
    let mut lab = Command::new(env!("CARGO_BIN_EXE_lab"))
        .args(["--lang", "en"])
        .args(args)
        .env(name, value)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the lab starts");
    // While it runs: its namespaces, seen through its processes.
    let mut namespaces = HashSet::new();
    let ended = within(Duration::from_secs(60), || {
        namespaces.extend(marked(&mark).into_iter().map(|(_, net)| net));
        lab.try_wait().is_ok_and(|status| status.is_some())
    });
    assert!(ended, "the lab did not end: {args:?}");
    let ended_at = ticks_now();
    assert!(lab.wait().unwrap().success(), "{args:?}");
    assert!(within(Duration::from_secs(2), || marked(&mark).is_empty()), "left behind: {:?}", marked(&mark));
    let ours = std::fs::read_link("/proc/self/ns/net").unwrap().display().to_string();
    namespaces.remove(&ours);
    assert!(namespaces.len() >= 2, "the lab's two network namespaces were seen: {namespaces:?}");
    let still = namespaces_in_use(ended_at);
    assert!(
        namespaces.iter().all(|net| !still.contains(net)),
        "a network namespace of the lab is still in use: {:?}",
        holders(&namespaces, ended_at)
    );
    no_lab_veth_here();
}

#[test]
#[cfg_attr(
    any(no_private_network, no_nft),
    ignore = "no private network or no nft here (see the build's warnings)"
)]
fn nothing_is_left_after_ctrl_c_in_the_middle_of_a_run() {
    let _alone = ONE_LAB.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let mark = mark("ctrl-c");
    let (name, value) = mark.split_once('=').unwrap();
    // A connect that waits on a dropping firewall: the lab is busy for seconds.
    let mut lab = Command::new(env!("CARGO_BIN_EXE_lab"))
        .args(["--lang", "en", "3", "--two-hosts", "--host", "0.0.0.0", "--firewall", "drop"])
        .env(name, value)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the lab starts");
    // Wait until the client runs (the server, the second host and the client are up).
    let mut namespaces = HashSet::new();
    let busy = within(Duration::from_secs(60), || {
        let now = marked(&mark);
        namespaces.extend(now.iter().map(|(_, net)| net.clone()));
        let client = now.iter().any(|(pid, _)| {
            std::fs::read_to_string(format!("/proc/{pid}/comm"))
                .is_ok_and(|comm| comm.trim() == "lesson3-client")
        });
        client || lab.try_wait().is_ok_and(|status| status.is_some())
    });
    assert!(busy && lab.try_wait().unwrap().is_none(), "the lab should still be running");
    // Ctrl-C, to the lab alone (a terminal would send it to every process of the group).
    let sent = Command::new("kill").args(["-INT", &lab.id().to_string()]).status().expect("kill runs");
    assert!(sent.success());
    assert!(within(Duration::from_secs(5), || lab.try_wait().is_ok_and(|status| status.is_some())), "no end");
    assert_eq!(lab.wait().unwrap().code(), Some(130));
    let ended_at = ticks_now();
    assert!(within(Duration::from_secs(2), || marked(&mark).is_empty()), "left behind: {:?}", marked(&mark));
    let ours = std::fs::read_link("/proc/self/ns/net").unwrap().display().to_string();
    namespaces.remove(&ours);
    assert!(namespaces.len() >= 2, "the lab's two network namespaces were seen: {namespaces:?}");
    let still = namespaces_in_use(ended_at);
    assert!(
        namespaces.iter().all(|net| !still.contains(net)),
        "a network namespace of the lab is still in use: {:?}",
        holders(&namespaces, ended_at)
    );
    no_lab_veth_here();
}

/// The lab with only some of its tools (`COURSE_LAB_TOOLS`: a folder with
/// links to those), in `lang`: its exit code, its error output, and how long it took.
fn lab_with_tools(tools: &[&str], lang: &str, args: &[&str]) -> (Option<i32>, String, Duration) {
    let folder =
        std::env::temp_dir().join(format!("lab-tools-{}-{lang}-{}", std::process::id(), tools.len()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).unwrap();
    for tool in tools {
        let found = ["/usr/bin", "/bin", "/usr/sbin", "/sbin"]
            .iter()
            .map(|dir| std::path::Path::new(dir).join(tool))
            .find(|path| path.exists())
            .unwrap_or_else(|| panic!("{tool} is on this machine"));
        std::os::unix::fs::symlink(found, folder.join(tool)).unwrap();
    }
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_lab"))
        .args(["--lang", lang])
        .args(args)
        .env("COURSE_LAB_TOOLS", &folder)
        .output()
        .expect("the lab runs");
    let _ = std::fs::remove_dir_all(&folder);
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned(), started.elapsed())
}

#[test]
#[cfg_attr(no_private_network, ignore = "no private network here (see the build's warning)")]
fn without_nft_the_lab_says_at_once_which_package_to_install_in_both_languages() {
    for (lang, words) in [("en", "package nftables"), ("zh", "nftables 软件包")] {
        let (code, said, took) = lab_with_tools(&["unshare", "ip", "nsenter"], lang, &["2", "--loss", "30"]);
        assert_eq!(code, Some(1), "{said}");
        assert!(said.contains(words) && said.contains("apt-get install nftables"), "{lang}: {said}");
        assert!(took < Duration::from_secs(5), "it took {took:?}");
    }
}

#[test]
fn without_unshare_the_lab_says_so_at_once_in_both_languages() {
    for (lang, words) in [("en", "unshare (util-linux) cannot run"), ("zh", "无法运行 unshare（util-linux）")]
    {
        let (code, said, took) = lab_with_tools(&[], lang, &["6"]);
        assert_eq!(code, Some(1), "{said}");
        assert!(said.contains(words) && said.contains("cargo run -p tour"), "{lang}: {said}");
        assert!(took < Duration::from_secs(5), "it took {took:?}");
    }
}
