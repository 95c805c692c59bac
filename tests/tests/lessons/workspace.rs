//! The workspace's own hygiene: what a maintainer relies on when adding a lesson.

use std::path::{Path, PathBuf};

/// Every Cargo.toml of the workspace's packages (not the root's).
fn package_manifests() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut found = Vec::new();
    let mut folders = vec![root.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() && !name.starts_with('.') && name != "target" {
                folders.push(path);
            } else if name == "Cargo.toml" && folder != root {
                found.push(path);
            }
        }
    }
    found
}

/// A crate from crates.io is declared once, in the root's
/// `[workspace.dependencies]`, with its version; a package names it with
/// `workspace = true` (adding features if it needs more), so two packages can
/// never pull two versions of one crate by accident.
#[test]
fn every_dependency_is_declared_once_in_the_workspace() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let manifests = package_manifests();
    assert!(manifests.len() > 20, "found only {} package manifests", manifests.len());
    let mut versioned = Vec::new();
    for manifest in manifests {
        let text = std::fs::read_to_string(&manifest).unwrap();
        let mut in_dependencies = false;
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.starts_with('[') {
                in_dependencies = line.trim_matches(['[', ']']).ends_with("dependencies");
                continue;
            }
            let Some((name, value)) = line.split_once('=') else { continue };
            let value = value.trim();
            // `name = "1"` or `name = { version = "1", ... }`: a version given here.
            if in_dependencies && (value.starts_with('"') || value.contains("version")) {
                let shown = manifest.strip_prefix(&root).unwrap_or(&manifest).display();
                versioned.push(format!("{shown}:{}: {}", number + 1, name.trim()));
            }
        }
    }
    assert!(
        versioned.is_empty(),
        "dependencies with a version of their own: declare each in the root Cargo.toml's \
         [workspace.dependencies] and write `NAME.workspace = true` here:\n{}",
        versioned.join("\n")
    );
}

/// Python's byte-code caches, left by the counterparts and the tests, are never committed.
#[test]
fn python_caches_are_ignored() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let ignored = std::fs::read_to_string(root.join(".gitignore")).unwrap();
    assert!(ignored.lines().any(|line| line.trim() == "__pycache__/"), ".gitignore must list __pycache__/");
}

/// A learner's progress (`cargo run -p course` keeps the hints seen in
/// `.course/progress.toml`, out of `target/`) is theirs, never committed.
#[test]
fn the_learner_s_progress_is_ignored() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let ignored = std::fs::read_to_string(root.join(".gitignore")).unwrap();
    assert!(ignored.lines().any(|line| line.trim() == "/.course/"), ".gitignore must list /.course/");
}

/// A lesson's `main.rs` reads as the article's calls in order: each program's
/// narration (lines that print: `say.`, `tr!(`, `story::`, `notes::`) is at
/// most one and a half times its socket lines (lines that make a socket
/// call, the kernel's reads of a socket's state included: they are
/// `getsockopt` and `recv(MSG_PEEK)` on it), its clap `Args` and its imports
/// left out (`use story::Story;`, which lets a step line chain its story,
/// prints nothing). What a lesson says beyond one step line per call lives
/// in its `story.rs`. A thread or a task started for a client (lesson 5's
/// `thread::Builder`, lesson 8's `spawn`) counts as a socket line: it is how
/// the lesson serves a connection, as `register` and `poll` are lesson 7's.
#[test]
fn each_lesson_program_is_its_socket_calls_more_than_its_narration() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let socket = regex::Regex::new(
        r"\b(Socket::new|UdpSocket::bind|TcpStream::connect|TcpListener::bind|TcpSocket::new_v4|TcpSocket::new_v6|tokio::spawn)\b|\.(bind|listen|accept|connect|connect_timeout|read|read_exact|peek|write|write_all|try_write|send|send_to|recv|recv_from|shutdown|set_read_timeout|set_write_timeout|set_reuse_address|set_reuseaddr|set_nonblocking|set_linger|set_send_buffer_size|send_buffer_size|take_error|local_addr|peer_addr|incoming|register|reregister|deregister|poll|into_std|spawn)\(|\b(write_all_within|read_by|close_will_send)\(|\btcp_state::(of|now|wait_while|in_kernel_table)\(|\bdrop\((connection|listener|socket|stream)\)|thread::Builder",
    )
    .unwrap();
    let narration = regex::Regex::new(r"\b(\w+_)?say\.|\btr!\(|\bstory::|\bnotes::").unwrap();
    let args = regex::Regex::new(r"(?s)#\[derive\(Parser\)\].*?\n\}\n").unwrap();
    let mut table = Vec::new();
    let mut heavy = Vec::new();
    let mut programs: Vec<_> = std::fs::read_dir(root.join("lessons"))
        .unwrap()
        .flatten()
        .flat_map(|lesson| ["server", "client"].map(|side| lesson.path().join(side).join("src/main.rs")))
        .filter(|path| path.exists())
        .collect();
    programs.sort();
    assert!(programs.len() >= 12, "found {} lesson programs", programs.len());
    for program in programs {
        let source = std::fs::read_to_string(&program).unwrap();
        let body = args.replace(&source, "");
        let code: Vec<&str> = body
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with("//") && !line.starts_with("use "))
            .collect();
        let sockets = code.iter().filter(|line| socket.is_match(line)).count();
        let said = code.iter().filter(|line| narration.is_match(line) && !socket.is_match(line)).count();
        let shown = program.strip_prefix(&root).unwrap_or(&program).display().to_string();
        table.push(format!("{shown}: {sockets} socket lines, {said} narration lines"));
        if said * 2 > sockets * 3 {
            heavy.push(shown);
        }
    }
    assert!(
        heavy.is_empty(),
        "narration outweighs the socket calls (more than 1.5 times) in {heavy:?}: move what the \
         lesson says beyond one step line per call to its story.rs\n{}",
        table.join("\n")
    );
}
