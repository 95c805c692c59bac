//! Finds what some tests need and cannot do without, so that a test that
//! cannot run shows as `ignored`, with its reason, instead of passing in no
//! time: `python3` on the PATH (the Python counterparts), IPv6 on loopback, a
//! private network namespace (`unshare -rn`, with `ip` to bring its loopback
//! up) for the tests that check the programs' words against the packets,
//! `script` (a terminal for a program), `prlimit` (a running server's limits
//! lowered), `ss` (a listener's queue, as the kernel holds it) and a mount namespace (`unshare -rm`, a hosts file of a test's
//! own). The browser check of the book (`book.rs`) needs the pinned `mdbook`
//! and `mdbook-mermaid` (README: the install line) and Debian's `chromium`.
//! Under `COURSE_NO_SKIPS` (CI) a missing one fails the build instead.

use std::net::UdpSocket;
use std::process::Command;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(no_python3)");
    println!("cargo::rustc-check-cfg=cfg(no_ipv6_loopback)");
    println!("cargo::rustc-check-cfg=cfg(no_private_network)");
    println!("cargo::rustc-check-cfg=cfg(no_script)");
    println!("cargo::rustc-check-cfg=cfg(no_prlimit)");
    println!("cargo::rustc-check-cfg=cfg(no_mount_namespace)");
    println!("cargo::rustc-check-cfg=cfg(no_book_tools)");
    println!("cargo::rustc-check-cfg=cfg(no_ss)");
    println!("cargo::rerun-if-env-changed=PATH");
    println!("cargo::rerun-if-env-changed=COURSE_NO_SKIPS");
    let runs = |program: &str, args: &[&str]| {
        Command::new(program).args(args).output().is_ok_and(|out| out.status.success())
    };
    let linux = cfg!(target_os = "linux");
    let missing = [
        (
            !runs("python3", &["--version"]),
            "no_python3",
            "python3 is not on the PATH: the tests against the Python counterparts are ignored",
        ),
        (
            UdpSocket::bind("[::1]:0").is_err(),
            "no_ipv6_loopback",
            "this machine has no IPv6 on loopback: the IPv6 tests are ignored",
        ),
        (
            !runs("unshare", &["-rn", "ip", "link", "set", "lo", "up"]),
            "no_private_network",
            "no private network namespace here (`unshare -rn ip link set lo up` fails): \
             the tests that check the programs against the packets are ignored",
        ),
        (
            !runs("script", &["--version"]),
            "no_script",
            "`script` (util-linux) is missing: the tests that give a program a terminal are ignored",
        ),
        (
            !linux || !runs("prlimit", &["--version"]),
            "no_prlimit",
            "prlimit (util-linux, Linux) is missing: the tests that lower a running server's limits are ignored",
        ),
        (
            !runs("ss", &["-V"]),
            "no_ss",
            "ss (iproute2) is missing: the test that reads each listener's queue from the kernel is ignored",
        ),
        (
            !runs("unshare", &["-rm", "true"]),
            "no_mount_namespace",
            "`unshare -rm` is not allowed here: the tests that mount a hosts file of their own are ignored",
        ),
    ];
    for (is_missing, cfg, why) in missing {
        if !is_missing {
            continue;
        }
        if std::env::var_os("COURSE_NO_SKIPS").is_some() {
            panic!("{why}, and COURSE_NO_SKIPS says every test must run");
        }
        println!("cargo::rustc-cfg={cfg}");
        println!("cargo::warning={why}");
    }
    // `cargo install` puts the book's tools here: when they arrive (or
    // change), look again, rather than keep a stale "ignored".
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| std::path::Path::new(&home).join(".cargo")));
    if let Some(bin) = cargo_home.map(|home| home.join("bin")).filter(|bin| bin.is_dir()) {
        println!("cargo::rerun-if-changed={}", bin.display());
    }
    // The book's browser check is the end-to-end tests' alone; the exercise
    // crates, which share this script, do not need its tools.
    let book_checked_here = std::env::var("CARGO_PKG_NAME").is_ok_and(|name| name == "course-tests");
    if let Some(why) = book_checked_here.then(book_tools_missing).flatten() {
        let why = format!("{why}: the browser check of the book is ignored");
        if std::env::var_os("COURSE_NO_SKIPS").is_some() {
            panic!("{why}, and COURSE_NO_SKIPS says every test must run");
        }
        println!("cargo::rustc-cfg=no_book_tools");
        println!("cargo::warning={why}");
    }
}

/// The versions the README's install line pins; the book is checked with these.
const BOOK_TOOLS: [(&str, &str); 2] = [("mdbook", "0.5.4"), ("mdbook-mermaid", "0.17.1")];

/// Why the book cannot be built and opened here, if it cannot.
fn book_tools_missing() -> Option<String> {
    for (tool, version) in BOOK_TOOLS {
        let install = "cargo install mdbook@0.5.4 mdbook-mermaid@0.17.1 --locked";
        let Ok(out) = Command::new(tool).arg("--version").output() else {
            return Some(format!("{tool} is not on the PATH ({install})"));
        };
        let said = String::from_utf8_lossy(&out.stdout).to_string();
        if !said.split_whitespace().any(|word| word.trim_start_matches('v') == version) {
            return Some(format!("{tool} {version} is wanted, found {} ({install})", said.trim()));
        }
    }
    if !Command::new("chromium").arg("--version").output().is_ok_and(|out| out.status.success()) {
        return Some("chromium is not on the PATH (Debian: apt-get install chromium)".to_string());
    }
    None
}
