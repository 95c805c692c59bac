//! The lab's private network: made for one run, gone with it.
//!
//! The lab runs itself again under `unshare -rnpm --fork --kill-child --mount-proc`: in a
//! user namespace of its own (where it is root, with no power outside), a
//! network namespace of its own (its own loopback, brought up here; no other
//! interface), a PID namespace in which it is process 1, and a mount namespace for
//! that PID namespace's own /proc. When process 1
//! of a PID namespace ends, the kernel kills every process left in it, so
//! however the lab ends (its own end, Ctrl-C, a kill of the `unshare` that
//! holds it, which `--kill-child` passes on), no lesson program outlives it.
//! A network namespace lives as long as a process in it does: no process,
//! no namespace, no veth. Nothing outside is touched: no address but
//! loopback and 192.0.2.0/24 (the documentation range) is ever assigned, and
//! only inside these namespaces.
//!
//! The second host of `--two-hosts` is one more network namespace, made
//! inside the first by `unshare -n` (allowed: the lab is root in its user
//! namespace), held by a `sleep` in the lab's PID namespace, and joined to
//! the first by a veth pair: `lab-a` 192.0.2.1 here, `lab-b` 192.0.2.2 there.
//! Programs run there through `nsenter -n`; what the lab itself must make
//! there (a reader of that host's packet log) is made by a thread that joins
//! the namespace (`SecondHost::inside`).

use std::io;
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use shared::tr;

/// The folder to take `unshare`, `ip`, `nft` and `nsenter` from, instead of
/// the PATH (see [`tool`]).
pub const TOOLS: &str = "COURSE_LAB_TOOLS";

/// Set in the lab that runs inside its namespaces.
pub const INSIDE: &str = "COURSE_LAB_INSIDE";

/// The address of this host on the veth pair (the client's, with --two-hosts).
pub const HOST_A: &str = "192.0.2.1";
/// The address of the second host (the server's, with --two-hosts).
pub const HOST_B: &str = "192.0.2.2";

/// Why the lab cannot run here, said in the learner's language with what to do.
pub fn cannot_run(need_nft: bool) -> Option<String> {
    if !cfg!(target_os = "linux") {
        return Some(tr!("lab-not-linux"));
    }
    let made = Command::new(tool("unshare"))
        .args(["-rnpm", "--fork", "--kill-child", "--mount-proc", "true"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output();
    match made {
        Err(err) => return Some(tr!("lab-no-unshare", err = err.to_string())),
        Ok(out) if !out.status.success() => {
            let error = String::from_utf8_lossy(&out.stderr).trim().to_string();
            return Some(tr!("lab-no-namespace", error = error, setting = namespace_setting()));
        }
        Ok(_) => {}
    }
    let ip = Command::new(tool("ip")).arg("-V").stdout(Stdio::null()).stderr(Stdio::null()).status();
    if !ip.is_ok_and(|status| status.success()) {
        return Some(tr!("lab-no-ip"));
    }
    let nft = Command::new(tool("nft")).arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status();
    if need_nft && !nft.is_ok_and(|status| status.success()) {
        return Some(tr!("lab-no-nft"));
    }
    None
}

/// The setting that forbids unprivileged user namespaces here, named with the
/// command that would allow them.
fn namespace_setting() -> String {
    let read = |path: &str| std::fs::read_to_string(path).ok().map(|value| value.trim().to_string());
    if read("/proc/sys/kernel/apparmor_restrict_unprivileged_userns").as_deref() == Some("1") {
        return "sudo sysctl kernel.apparmor_restrict_unprivileged_userns=0".into();
    }
    if read("/proc/sys/kernel/unprivileged_userns_clone").as_deref() == Some("0") {
        return "sudo sysctl kernel.unprivileged_userns_clone=1".into();
    }
    if read("/proc/sys/user/max_user_namespaces").as_deref() == Some("0") {
        return "sudo sysctl user.max_user_namespaces=10000".into();
    }
    "sudo sysctl kernel.apparmor_restrict_unprivileged_userns=0 / kernel.unprivileged_userns_clone=1 / user.max_user_namespaces=10000".into()
}

/// This program's own path. Read it before building the lesson programs: the
/// build rebuilds this program too when its sources changed, and the path
/// then read would name the replaced file ("... (deleted)").
pub fn me() -> PathBuf {
    std::env::current_exe().expect("this program's own path")
}

/// Runs `me` (this program, see [`me`]) again inside new user, network and
/// PID namespaces, with `INSIDE` set, and returns how it ended. On Ctrl-C (or SIGTERM) here, the
/// copy inside has a moment to end on its own (a terminal's Ctrl-C reaches it
/// too), then the `unshare` holding it is killed, and with it, through
/// `--kill-child` and the PID namespace, everything inside.
pub fn run_inside(
    me: PathBuf,
    args: impl IntoIterator<Item = String>,
    env: &[(&str, String)],
    limit: Duration,
) -> ExitStatus {
    let stopping = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stopping);
    let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
    let mut command = Command::new(tool("unshare"));
    command.args(["-rnpm", "--fork", "--kill-child", "--mount-proc"]).arg(me).args(args).env(INSIDE, "1");
    for (name, value) in env {
        command.env(name, value);
    }
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(err) => {
            eprintln!("{}", tr!("lab-no-unshare", err = err.to_string()));
            std::process::exit(1);
        }
    };
    let started = Instant::now();
    let mut stop_at: Option<Instant> = None;
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return status;
        }
        if stopping.load(Ordering::SeqCst) && stop_at.is_none() {
            stop_at = Some(Instant::now() + Duration::from_secs(1));
        }
        let late = started.elapsed() > limit || stop_at.is_some_and(|at| Instant::now() >= at);
        if late {
            let _ = child.kill();
            let status = child.wait().expect("unshare was started");
            if stopping.load(Ordering::SeqCst) {
                eprintln!("{}", tr!("lab-stopped"));
                std::process::exit(130);
            }
            eprintln!("{}", tr!("lab-hung", seconds = limit.as_secs()));
            return status;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Where a system tool is: on the PATH, or in /usr/sbin or /sbin, where
/// Debian keeps `ip` and `nft` and where a user's PATH often does not look.
/// `COURSE_LAB_TOOLS` (a folder) replaces all of these: the tests use it to
/// show what the lab says on a machine without one of them.
pub fn tool(name: &str) -> PathBuf {
    if let Some(folder) = std::env::var_os(TOOLS) {
        return PathBuf::from(folder).join(name);
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/sbin", "/sbin", "/usr/bin", "/bin"].map(PathBuf::from))
        .map(|folder| folder.join(name))
        .find(|file| file.is_file())
        .unwrap_or_else(|| PathBuf::from(name))
}

/// Runs a command to its end; its error output is the error.
pub fn command(program: &str, args: &[&str]) -> Result<(), String> {
    let out = Command::new(tool(program))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|err| format!("{program}: {err}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!("{program} {}: {}", args.join(" "), String::from_utf8_lossy(&out.stderr).trim()))
    }
}

/// Brings this namespace's loopback up (a new network namespace starts with it down).
pub fn loopback_up() -> Result<(), String> {
    command("ip", &["link", "set", "lo", "up"])
}

/// Loads nftables rules (`nft -f -`), here or on `host`.
pub fn nft(rules: &str, host: Option<&SecondHost>) -> Result<(), String> {
    let mut command = match host {
        Some(host) => host.command(tool("nft")),
        None => Command::new(tool("nft")),
    };
    let mut child = command
        .args(["-f", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|err| format!("nft: {err}"))?;
    io::Write::write_all(&mut child.stdin.take().expect("piped"), rules.as_bytes())
        .map_err(|err| format!("nft: {err}"))?;
    let out = child.wait_with_output().map_err(|err| format!("nft: {err}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!("nft: {}\n{rules}", String::from_utf8_lossy(&out.stderr).trim()))
    }
}

/// The second host: a network namespace of its own, joined to this one by a
/// veth pair. Its holder is killed when it is dropped (and in any case with
/// the lab's PID namespace).
pub struct SecondHost {
    holder: Child,
}

impl SecondHost {
    /// Makes the second host and the veth pair, addresses assigned, links up.
    pub fn new() -> Result<SecondHost, String> {
        let holder = Command::new(tool("unshare"))
            .args(["-n", "sleep", "3600"])
            .stdin(Stdio::null())
            .spawn()
            .map_err(|err| format!("unshare -n: {err}"))?;
        let host = SecondHost { holder };
        // The holder is in the new namespace once `unshare` has called unshare(2):
        // its namespace link then differs from ours.
        let ours = std::fs::read_link("/proc/self/ns/net").map_err(|err| err.to_string())?;
        let theirs = format!("/proc/{}/ns/net", host.holder.id());
        let deadline = Instant::now() + Duration::from_secs(5);
        while std::fs::read_link(&theirs).is_ok_and(|link| link == ours) {
            if Instant::now() > deadline {
                return Err("the second host's namespace was not made in time".into());
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        let pid = host.holder.id().to_string();
        command("ip", &["link", "add", "lab-a", "type", "veth", "peer", "name", "lab-b", "netns", &pid])?;
        // No IPv6 link-local address on either end (`addrgenmode none`): the
        // cable carries the run's packets only, not the neighbour discovery
        // and multicast reports an address would bring, counted but not drawn.
        command("ip", &["link", "set", "lab-a", "addrgenmode", "none"])?;
        command("ip", &["addr", "add", &format!("{HOST_A}/24"), "dev", "lab-a"])?;
        command("ip", &["link", "set", "lab-a", "up"])?;
        for args in [
            vec!["ip", "link", "set", "lo", "up"],
            vec!["ip", "link", "set", "lab-b", "addrgenmode", "none"],
            vec!["ip", "addr", "add", &format!("{HOST_B}/24"), "dev", "lab-b"],
            vec!["ip", "link", "set", "lab-b", "up"],
        ] {
            let out = host.command(tool(args[0])).args(&args[1..]).output().map_err(|err| err.to_string())?;
            if !out.status.success() {
                return Err(format!("{}: {}", args.join(" "), String::from_utf8_lossy(&out.stderr).trim()));
            }
        }
        // Wait until the pair carries traffic (a veth's carrier comes up a moment later).
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let shown = Command::new(tool("ip"))
                .args(["link", "show", "lab-a"])
                .output()
                .map_err(|err| err.to_string())?;
            if String::from_utf8_lossy(&shown.stdout).contains("LOWER_UP") {
                break;
            }
            if Instant::now() > deadline {
                return Err("the veth pair did not come up".into());
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        Ok(host)
    }

    /// Runs `make` on the second host: in a thread of the lab's own that has
    /// joined the holder's network namespace (setns(2) on /proc/HOLDER/ns/net),
    /// and returns what it made. A socket belongs to the network namespace its
    /// maker was in, for good: one made here stays the second host's, whichever
    /// thread reads it later. The rest of the lab stays where it is.
    pub fn inside<T: Send>(&self, make: impl FnOnce() -> T + Send) -> Result<T, String> {
        let path = format!("/proc/{}/ns/net", self.holder.id());
        let namespace = std::fs::File::open(&path).map_err(|err| format!("{path}: {err}"))?;
        std::thread::scope(|scope| {
            let joined = scope.spawn(move || {
                join(&namespace).map_err(|err| format!("setns {path}: {err}"))?;
                Ok(make())
            });
            joined.join().unwrap_or_else(|_| Err("the thread on the second host panicked".into()))
        })
    }

    /// A command that runs on the second host (`nsenter -n -t HOLDER`).
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut command = Command::new(tool("nsenter"));
        command.args(["-n", "-t", &self.holder.id().to_string(), "--"]).arg(program);
        command
    }
}

/// Moves the calling thread (only it) into the network namespace `namespace` names.
#[cfg(target_os = "linux")]
fn join(namespace: &std::fs::File) -> io::Result<()> {
    nix::sched::setns(namespace, nix::sched::CloneFlags::CLONE_NEWNET).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn join(_namespace: &std::fs::File) -> io::Result<()> {
    Err(io::Error::new(io::ErrorKind::Unsupported, "network namespaces are Linux's"))
}

impl Drop for SecondHost {
    fn drop(&mut self) {
        let _ = self.holder.kill();
        let _ = self.holder.wait();
    }
}
