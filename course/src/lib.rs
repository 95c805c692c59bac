//! The course's exercises, as `lessons/exercises.toml` describes them: one
//! `[[exercise]]` table each, in the order a learner does them, with its
//! number, its title in English and in Chinese, its package, starter,
//! reference solution, test, and hints (each in both languages).
//!
//! The one place that knows what the exercises are: `cargo run -p course`
//! reads the file through [`load`], `.ci/exercises` through
//! `cargo run -p course -- list --format tsv`, and the tests through [`load`]
//! too (the course's own test proves that the file and the lesson folders
//! agree).

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The file, from the course's top folder.
pub const FILE: &str = "lessons/exercises.toml";

/// The whole file: its `[[exercise]]` tables.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Course {
    exercise: Vec<Exercise>,
}

/// One exercise: an `[[exercise]]` table of the file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    /// Its number, as its chapter gives it: `4.1` (lesson 4, exercise 1).
    pub id: String,
    /// Its name: `line_framing`; its known-wrong solutions are in `wrong/NAME/`.
    pub name: String,
    /// What it asks, in each language.
    pub title: Text,
    /// Its package: `lesson4-exercises`.
    pub package: String,
    /// The starter, the file the learner edits, from `lessons/`.
    file: PathBuf,
    /// The reference solution, from `lessons/`.
    solution: PathBuf,
    /// Its test target: `cargo test -p PACKAGE --test TEST` runs it.
    pub test: String,
    /// Its hints, a nudge first and nearly the answer last.
    #[serde(default, rename = "hint")]
    pub hints: Vec<Text>,
    /// The `lessons/` folder the paths start from.
    #[serde(skip)]
    lessons: PathBuf,
}

/// A text in English, and in Chinese where it is given.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub en: String,
    pub zh: Option<String>,
}

impl Text {
    /// The text in Chinese (where it is given) or in English.
    pub fn get(&self, chinese: bool) -> &str {
        match &self.zh {
            Some(zh) if chinese => zh,
            _ => &self.en,
        }
    }
}

impl Exercise {
    /// The file the learner edits: `.../lessons/04-tcp-loop/exercises/src/line_framing.rs`.
    pub fn starter(&self) -> PathBuf {
        self.lessons.join(&self.file)
    }

    /// The reference solution, for the teacher.
    pub fn solution(&self) -> PathBuf {
        self.lessons.join(&self.solution)
    }

    /// The lesson's `exercises/` folder, which holds the starter in `src/`.
    pub fn folder(&self) -> PathBuf {
        let starter = self.starter();
        starter.parent().and_then(Path::parent).map_or_else(|| self.lessons.clone(), Path::to_path_buf)
    }

    /// The test that checks it: `tests/TEST.rs` of its folder.
    pub fn test_file(&self) -> PathBuf {
        self.folder().join("tests").join(format!("{}.rs", self.test))
    }

    /// The folder of its known-wrong solutions: `wrong/NAME/` of its folder.
    pub fn wrong(&self) -> PathBuf {
        self.folder().join("wrong").join(&self.name)
    }

    /// The command that checks it, as the learner types it.
    pub fn command(&self) -> String {
        format!("cargo test -p {} --test {}", self.package, self.test)
    }
}

/// Why the exercises could not be read.
#[derive(Debug)]
pub enum Error {
    /// The file could not be read (the path, the system's reason).
    Read(PathBuf, std::io::Error),
    /// The file is not TOML, or not a list of exercises (the path, the
    /// parser's account, with the line and column).
    Parse(PathBuf, toml::de::Error),
}

/// Every exercise of the course at `root` (its top folder), in the file's
/// order, each hint and title unwrapped (see [`unwrap_lines`]).
pub fn load(root: &Path) -> Result<Vec<Exercise>, Error> {
    let path = root.join(FILE);
    let text = std::fs::read_to_string(&path).map_err(|err| Error::Read(path.clone(), err))?;
    let course: Course = toml::from_str(&text).map_err(|err| Error::Parse(path.clone(), err))?;
    let lessons = path.parent().unwrap_or(root).to_path_buf();
    Ok(course
        .exercise
        .into_iter()
        .map(|mut exercise| {
            for text in std::iter::once(&mut exercise.title).chain(&mut exercise.hints) {
                text.en = unwrap_lines(&text.en);
                text.zh = text.zh.as_deref().map(unwrap_lines);
            }
            exercise.lessons = lessons.clone();
            exercise
        })
        .collect())
}

/// A text wrapped over several lines, as one line: a line break reads as a
/// space, or as nothing after Chinese punctuation and between two Chinese
/// characters (Chinese puts no space between words).
pub fn unwrap_lines(text: &str) -> String {
    let mut joined = String::new();
    for line in text.lines().map(str::trim).filter(|line| !line.is_empty()) {
        let glued =
            joined.ends_with(is_punctuation) || (joined.ends_with(is_wide) && line.starts_with(is_wide));
        if !joined.is_empty() && !glued {
            joined.push(' ');
        }
        joined.push_str(line);
    }
    joined
}

/// Whether a character is Chinese (or Chinese punctuation): it takes two
/// columns, and Chinese puts no space next to it.
pub fn is_wide(c: char) -> bool {
    matches!(c, '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}')
}

/// Whether a character is full-width punctuation (，。：；？！（）、).
fn is_punctuation(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrapped_text_reads_as_one_line_in_both_languages() {
        assert_eq!(unwrap_lines("First,\n  going on.\n"), "First, going on.");
        assert_eq!(
            unwrap_lines("一次读取\n不是一行。\n用 `pending`\n缓冲区，\n`b'\\n'` 之前。"),
            { "一次读取不是一行。用 `pending` 缓冲区，`b'\\n'` 之前。" }
        );
        assert_eq!(unwrap_lines("UDP\n没有 listen"), "UDP 没有 listen");
    }

    /// The course's top folder: this package's parent.
    fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
    }

    /// `lessons/...` for a path under the course's top folder.
    fn shown(path: &Path) -> String {
        let root = root();
        path.strip_prefix(&root).unwrap_or(path).display().to_string()
    }

    /// One of an exercise's paths: [`Exercise::starter`], for example.
    type PathOf = fn(&Exercise) -> PathBuf;

    /// Sorts 1.2 before 1.10; `None` for a number that is not LESSON.N.
    fn order(id: &str) -> Option<(u32, u32)> {
        let (lesson, exercise) = id.split_once('.')?;
        Some((lesson.parse().ok()?, exercise.parse().ok()?))
    }

    /// The `.rs` files of a folder, by their names without `.rs`.
    fn rust_files(folder: &Path) -> Vec<(String, PathBuf)> {
        let mut files: Vec<(String, PathBuf)> = std::fs::read_dir(folder)
            .into_iter()
            .flatten()
            .flatten()
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|e| e == "rs"))
            .filter_map(|path| Some((path.file_stem()?.to_str()?.to_string(), path)))
            .collect();
        files.sort();
        files
    }

    /// `lessons/exercises.toml` and the lesson folders agree, both ways:
    /// every exercise of the file has its starter, reference solution, test
    /// and known-wrong solutions, and its starter's first doc lines give the
    /// file's titles; every starter, solution, test and `wrong/` folder of
    /// a lesson's `exercises/` is an exercise of the file. Not a starter:
    /// `lib.rs`, and a helper module, which has no solution, no test and no
    /// `//! Exercise` line (`counter.rs` of lesson 5, the trait that
    /// exercise 5.2 counts with).
    #[test]
    fn the_exercises_file_and_the_lesson_folders_agree() {
        let root = root();
        let exercises = load(&root).unwrap_or_else(|err| panic!("{FILE}: {err:?}"));
        let mut wrong = Vec::new();
        let mut last = (0, 0);
        for exercise in &exercises {
            let id = &exercise.id;
            match order(id) {
                Some(this) if this > last => last = this,
                Some(_) => wrong.push(format!(
                    "{FILE}: exercise {id} comes after {}.{}: keep the course order",
                    last.0, last.1
                )),
                None => wrong.push(format!("{FILE}: exercise {id:?}: an id is LESSON.N, for example 4.1")),
            }
            let starter = exercise.starter();
            for (what, path) in [
                ("starter (file)", starter.clone()),
                ("reference solution (solution)", exercise.solution()),
                ("test (tests/TEST.rs beside src/)", exercise.test_file()),
            ] {
                if !path.is_file() {
                    wrong.push(format!("{FILE}: exercise {id}: its {what} {} is missing", shown(&path)));
                }
            }
            if rust_files(&exercise.wrong()).is_empty() {
                let folder = shown(&exercise.wrong());
                wrong.push(format!("{FILE}: exercise {id}: no known-wrong solution in {folder}/"));
            }
            let package = exercise.folder().join("Cargo.toml");
            let manifest = std::fs::read_to_string(&package).unwrap_or_default();
            if !manifest.lines().any(|line| line == format!("name = \"{}\"", exercise.package)) {
                wrong.push(format!(
                    "{FILE}: exercise {id}: {} is not package {}",
                    shown(&package),
                    exercise.package
                ));
            }
            let text = std::fs::read_to_string(&starter).unwrap_or_default();
            let zh = exercise.title.zh.as_deref().unwrap_or("(none)");
            let titled =
                [format!("//! Exercise {id}: {}.", exercise.title.en), format!("//! 练习 {id}：{zh}。")];
            let first: Vec<&str> = text.lines().take(2).collect();
            if first != titled {
                wrong.push(format!(
                    "{}: its first doc lines are {first:?}, but {FILE} titles exercise {id} {titled:?}",
                    shown(&starter)
                ));
            }
        }
        // The other way: every exercise in the lesson folders is in the file.
        let named = |path: &Path, of: PathOf| exercises.iter().any(|e| of(e) == path);
        let mut found = 0;
        for lesson in std::fs::read_dir(root.join("lessons")).unwrap().flatten() {
            let folder = lesson.path().join("exercises");
            if !folder.is_dir() {
                continue;
            }
            for (name, path) in rust_files(&folder.join("src")) {
                let helper = !folder.join("solutions").join(format!("{name}.rs")).exists()
                    && !folder.join("tests").join(format!("{name}.rs")).exists()
                    && !std::fs::read_to_string(&path).unwrap_or_default().starts_with("//! Exercise");
                if name == "lib" || helper {
                    continue;
                }
                found += 1;
                if !named(&path, Exercise::starter) {
                    wrong.push(format!(
                        "{}: a starter, but no [[exercise]] of {FILE} has it as its file",
                        shown(&path)
                    ));
                }
            }
            for (kind, of) in [("solutions", Exercise::solution as PathOf), ("tests", Exercise::test_file)] {
                for (_, path) in rust_files(&folder.join(kind)) {
                    if !named(&path, of) {
                        wrong.push(format!(
                            "{}: in {kind}/, but no [[exercise]] of {FILE} names it",
                            shown(&path)
                        ));
                    }
                }
            }
            for entry in std::fs::read_dir(folder.join("wrong")).into_iter().flatten().flatten() {
                if !named(&entry.path(), Exercise::wrong) {
                    let path = shown(&entry.path());
                    wrong.push(format!(
                        "{path}/: known-wrong solutions, but no [[exercise]] of {FILE} is named so"
                    ));
                }
            }
        }
        assert!(found >= 18, "only {found} starters in lessons/*/exercises/src");
        assert!(
            wrong.is_empty(),
            "{FILE} and the lesson folders disagree (add, fix or remove the [[exercise]] table):\n{}",
            wrong.join("\n")
        );
    }
}
