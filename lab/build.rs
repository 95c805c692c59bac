//! Finds what the lab's tests need and cannot do without, so that a test that
//! cannot run shows as `ignored`, with its reason: a private network (user,
//! network and PID namespaces, as `unshare -rnp` makes them, with `ip` to
//! bring the loopback up), `nft` (the package nftables) for the loss and
//! firewall scenarios, and `script` (util-linux) to give the lab a terminal.
//! Under `COURSE_NO_SKIPS` (CI) a missing one fails the build instead.

use std::process::Command;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(no_private_network)");
    println!("cargo::rustc-check-cfg=cfg(no_nft)");
    println!("cargo::rustc-check-cfg=cfg(no_script)");
    println!("cargo::rerun-if-env-changed=PATH");
    println!("cargo::rerun-if-env-changed=COURSE_NO_SKIPS");
    let strict = std::env::var_os("COURSE_NO_SKIPS").is_some();
    // Debian keeps ip and nft in /usr/sbin, which a user's PATH may leave out (the lab looks there too).
    let path = std::env::var("PATH").unwrap_or_default();
    let works = |program: &str, args: &[&str]| {
        Command::new(program)
            .args(args)
            .env("PATH", format!("{path}:/usr/sbin:/sbin"))
            .output()
            .is_ok_and(|out| out.status.success())
    };
    if !works(
        "unshare",
        &["-rnpm", "--fork", "--kill-child", "--mount-proc", "ip", "link", "set", "lo", "up"],
    ) {
        let why = "no private network here (`unshare -rnp --fork ip link set lo up` fails): the lab's tests are ignored";
        if strict {
            panic!("{why}, and COURSE_NO_SKIPS says every test must run");
        }
        println!("cargo::rustc-cfg=no_private_network");
        println!("cargo::warning={why}");
    }
    if !works("nft", &["--version"]) {
        let why = "nft is missing (the package nftables): the lab's loss and firewall tests are ignored";
        if strict {
            panic!("{why}, and COURSE_NO_SKIPS says every test must run");
        }
        println!("cargo::rustc-cfg=no_nft");
        println!("cargo::warning={why}");
    }
    if !works("script", &["--version"]) {
        let why = "`script` (util-linux) is missing: the test of the lab drawing on a terminal is ignored";
        if strict {
            panic!("{why}, and COURSE_NO_SKIPS says every test must run");
        }
        println!("cargo::rustc-cfg=no_script");
        println!("cargo::warning={why}");
    }
}
