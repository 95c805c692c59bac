//! What the course remembers for the learner: how many hints of each
//! exercise were shown. It lives in `.course/progress.toml` in the course's
//! top folder (ignored by git), out of `target/`, so that `cargo clean` does
//! not forget it; `COURSE_STATE_DIR` puts it in another folder (the tests
//! do). A `target/course/hints-shown` of an older course is moved there once.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use shared::tr;

/// The learner's progress, as `progress.toml` holds it.
#[derive(Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Progress {
    /// For each exercise's number, how many of its hints were shown.
    #[serde(default)]
    hints_shown: BTreeMap<String, usize>,
}

/// What the file says of itself, above what it remembers.
const HEADER: &str = "# What `cargo run -p course` remembers for you: how many hints of each\n\
                      # exercise you have seen. Delete this file to start the hints again.\n\n";

/// The folder of the progress file: `.course/` of the course's top folder,
/// or `$COURSE_STATE_DIR`.
fn folder(root: &Path) -> PathBuf {
    std::env::var_os("COURSE_STATE_DIR").map_or_else(|| root.join(".course"), PathBuf::from)
}

/// Where the progress is kept: `.course/progress.toml`.
pub fn file(root: &Path) -> PathBuf {
    folder(root).join("progress.toml")
}

/// Where an older course kept the hints shown, one `N.M COUNT` a line:
/// `target/course/hints-shown`, or `$COURSE_STATE_DIR/hints-shown`.
fn old_file(root: &Path) -> PathBuf {
    let folder = std::env::var_os("COURSE_STATE_DIR")
        .map_or_else(|| root.join("target").join("course"), PathBuf::from);
    folder.join("hints-shown")
}

impl Progress {
    /// The progress of the course at `root`: nothing yet if there is no file
    /// (or one that is not TOML). An older course's `hints-shown` is moved
    /// into the new file, the first time.
    pub fn load(root: &Path) -> Progress {
        let path = file(root);
        if let Ok(text) = std::fs::read_to_string(&path) {
            return toml::from_str(&text).unwrap_or_default();
        }
        let old = old_file(root);
        let Ok(text) = std::fs::read_to_string(&old) else { return Progress::default() };
        let hints_shown = text
            .lines()
            .filter_map(|line| line.split_once(' '))
            .filter_map(|(number, count)| Some((number.to_string(), count.trim().parse().ok()?)))
            .collect();
        let progress = Progress { hints_shown };
        if progress.save(root).is_ok() {
            let _ = std::fs::remove_file(&old);
        }
        progress
    }

    /// How many hints of exercise `number` were shown.
    pub fn hints_shown(&self, number: &str) -> usize {
        self.hints_shown.get(number).copied().unwrap_or(0)
    }

    /// Remembers that hint `which` (from 1) of exercise `number` was shown last.
    pub fn shown(&mut self, number: &str, which: usize) {
        self.hints_shown.insert(number.to_string(), which);
    }

    /// Writes the progress to its file, making its folder if need be.
    pub fn save(&self, root: &Path) -> Result<(), String> {
        let path = file(root);
        let cannot = |at: &Path, err: String| {
            tr!("course-cannot-remember", file = at.display().to_string(), err = err)
        };
        let folder = path.parent().unwrap_or(root);
        std::fs::create_dir_all(folder).map_err(|err| cannot(folder, err.to_string()))?;
        let text = toml::to_string(self).map_err(|err| cannot(&path, err.to_string()))?;
        std::fs::write(&path, format!("{HEADER}{text}")).map_err(|err| cannot(&path, err.to_string()))
    }
}
