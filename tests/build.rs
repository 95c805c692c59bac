//! Finds what some tests need and cannot do without, so that a test that
//! cannot run shows as `ignored`, with its reason, instead of passing in no
//! time: `python3` on the PATH (the Python counterparts), and IPv6 on loopback.

use std::net::UdpSocket;
use std::process::Command;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(no_python3)");
    println!("cargo::rustc-check-cfg=cfg(no_ipv6_loopback)");
    println!("cargo::rerun-if-env-changed=PATH");
    let python3 = Command::new("python3").arg("--version").output().is_ok_and(|out| out.status.success());
    if !python3 {
        println!("cargo::rustc-cfg=no_python3");
        println!(
            "cargo::warning=python3 is not on the PATH: the tests against the Python counterparts are ignored"
        );
    }
    if UdpSocket::bind("[::1]:0").is_err() {
        println!("cargo::rustc-cfg=no_ipv6_loopback");
        println!("cargo::warning=this machine has no IPv6 on loopback: the IPv6 tests are ignored");
    }
}
