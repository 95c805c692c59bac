//! What the tour, the tests and the benchmark share: finding the lesson
//! programs (built on first use), and reading what they print.
//!
//! - [`program`] builds every lesson binary and bare twin once per process
//!   (one `cargo build --workspace --bins --examples`, without the tests' and
//!   the exercises' packages, in the profile and target folder of the program
//!   asking) and returns the path of one.
//! - [`ready_address`] reads a server's ready line: `bound to ADDR` (UDP) or
//!   `listening on ADDR` (TCP), ADDR being the address the system really gave.
//! - [`read_lines`] hands a child's output over line by line, as it comes.
//!
//! It depends on nothing but std, so a learner's first `cargo run -p tour`
//! compiles no test library.

use std::io::{BufRead, BufReader, Read};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::thread::{self, JoinHandle};

/// The path of a lesson program (`lesson1-server`, the `tour`, ...) or of a
/// bare twin (the example `lesson1-server-bare`, ...), building them all the
/// first time one is asked for.
pub fn program(name: &str) -> Result<PathBuf, String> {
    static BUILT: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    let folder = BUILT.get_or_init(build_all).clone()?;
    let file = format!("{name}{}", std::env::consts::EXE_SUFFIX);
    [folder.join(&file), folder.join("examples").join(&file)]
        .into_iter()
        .find(|path| path.is_file())
        .ok_or_else(|| format!("the workspace has no program named {name} (looked in {})", folder.display()))
}

/// Builds every binary and example of the workspace into the folder this
/// program was built in, and returns that folder. The exercise packages are
/// left out: their programs are built by their own tests, with or without the
/// `solution` feature, and a build here without it would put the learner's
/// starter in the place of the solution the teacher's run is testing.
fn build_all() -> Result<PathBuf, String> {
    let folder = programs_folder()?;
    // target/debug is the `dev` profile's folder; any other is named after its profile.
    let profile = match folder.file_name().and_then(|name| name.to_str()) {
        Some("debug") | None => "dev".to_string(),
        Some(name) => name.to_string(),
    };
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.toml");
    // Cargo tells the programs it runs where it is; started by hand, look on the PATH.
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        // Every program, and nothing else: not the tests' own package (its
        // benchmark would bring the test libraries in) nor the exercises.
        .args(["build", "--quiet", "--workspace", "--exclude", "course-tests", "--exclude", "*-exercises"])
        .args(["--bins", "--examples", "--profile", &profile])
        .arg("--manifest-path")
        .arg(&manifest)
        .stdin(Stdio::null())
        .output()
        .map_err(|err| format!("cannot run cargo to build the lesson programs: {err}"))?;
    if !output.status.success() {
        return Err(format!(
            "building the lesson programs failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(folder)
}

/// The folder cargo put this program in (`target/debug` for `target/debug/tour`
/// and for a test at `target/debug/deps/lessons-1a2b`).
fn programs_folder() -> Result<PathBuf, String> {
    let me = std::env::current_exe().map_err(|err| format!("cannot tell where this program is: {err}"))?;
    let folder = me.parent().ok_or("this program is in no folder")?;
    let folder = match folder.file_name() {
        Some(name) if name == "deps" || name == "examples" => folder.parent().unwrap_or(folder),
        _ => folder,
    };
    Ok(folder.to_path_buf())
}

/// A file of the course, by its path from the repository's top
/// (`lessons/01-udp-once/python/server.py`).
pub fn course_file(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path)
}

/// What a server's ready line holds before its address: the lessons'
/// `bound to` (UDP) and `listening on` (TCP), and lesson 5's `[*] Listening on`.
pub const READY_MARKERS: [&str; 3] = ["bound to ", "listening on ", "Listening on "];

/// The address in a server's ready line, or `None` for any other line.
pub fn ready_address(line: &str) -> Option<SocketAddr> {
    READY_MARKERS.iter().any(|marker| line.contains(marker)).then(|| address_after(line)).flatten()
}

/// The address printed after `bound to `, `listening on ` or `socket on `
/// in a line: `127.0.0.1:40000`, `[::1]:8888`.
pub fn address_after(line: &str) -> Option<SocketAddr> {
    let rest = ["bound to ", "listening on ", "Listening on ", "socket on "]
        .iter()
        .find_map(|marker| line.split_once(marker).map(|(_, rest)| rest))?;
    rest.split_whitespace().next()?.trim_end_matches([',', ':']).parse().ok()
}

/// Reads `output` (a child's stdout or stderr) line by line on a thread of
/// its own, handing each line to `each` until the output ends or `each`
/// returns false. Bytes that are not UTF-8 are shown as U+FFFD, never lost
/// with the rest of the output.
pub fn read_lines(
    output: impl Read + Send + 'static,
    mut each: impl FnMut(String) -> bool + Send + 'static,
) -> JoinHandle<()> {
    thread::spawn(move || {
        let mut reader = BufReader::new(output);
        let mut line = Vec::new();
        loop {
            line.clear();
            match reader.read_until(b'\n', &mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) => {
                    let text = String::from_utf8_lossy(&line);
                    if !each(text.trim_end_matches(['\n', '\r']).to_string()) {
                        return;
                    }
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_read_from_ready_lines() {
        let line = "[server] 1 socket+bind  bound to 127.0.0.1:40000 (UDP: no listen, no accept)";
        assert_eq!(ready_address(line), Some("127.0.0.1:40000".parse().unwrap()));
        let line = "[server] 4 listen       listening on [::1]:8888 (backlog 5)";
        assert_eq!(ready_address(line), Some("[::1]:8888".parse().unwrap()));
        assert_eq!(ready_address("[client] 1 socket  UDP socket on 127.0.0.1:5 (port chosen)"), None);
        assert_eq!(
            address_after("[client] 1 socket  UDP socket on 127.0.0.1:5"),
            Some("127.0.0.1:5".parse().unwrap())
        );
        assert_eq!(address_after("nothing here"), None);
    }

    #[test]
    fn lines_arrive_whole_and_in_order() {
        let (sender, lines) = std::sync::mpsc::channel();
        read_lines(&b"one\ntwo\r\n\xffthree"[..], move |line| sender.send(line).is_ok()).join().unwrap();
        assert_eq!(lines.iter().collect::<Vec<_>>(), ["one", "two", "\u{fffd}three"]);
    }
}
