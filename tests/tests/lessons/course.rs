//! `cargo run -p course`, the learner's companion to the exercises: the
//! progress view, the hints, a check and the watch mode, in English and in
//! Chinese, on a small course made for the test (its own root, through
//! COURSE_ROOT), so that what a learner has done in this clone changes
//! nothing here. Its checks run a stand-in for cargo (through CARGO) that
//! says which test it was asked to run and in which locale, and fails.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use course_tests::{Killed, client, program};

/// A course of two lessons and three exercises in a fresh folder, described
/// in its `lessons/exercises.toml` and titled in English and in Chinese: 1.1
/// not started (its `todo!()` in place), 1.2 started, 2.1 not started; hints
/// for 1.1 (in English and in Chinese) and 1.2 (in English only); and
/// `fake-cargo`, the stand-in for cargo.
fn small_course(name: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("course-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let write = |path: &str, text: &str| {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("lessons/exercises.toml", SMALL_COURSE);
    for (lesson, package) in [("01-one", "lesson1-exercises"), ("02-two", "lesson2-exercises")] {
        write(
            &format!("lessons/{lesson}/exercises/Cargo.toml"),
            &format!("[package]\nname = \"{package}\"\n"),
        );
    }
    write("lessons/01-one/exercises/tests/echo.rs", "//! Checks exercise 1.1 (src/echo.rs).\n");
    write("lessons/01-one/exercises/src/echo.rs", "//! Exercise 1.1: echo the bytes.\nfn f() { todo!() }\n");
    write("lessons/01-one/exercises/tests/cut.rs", "//! Checks exercise 1.2 (src/cut.rs).\n");
    write("lessons/01-one/exercises/src/cut.rs", "//! Exercise 1.2: notice a cut datagram.\nfn f() {}\n");
    write("lessons/02-two/exercises/tests/count.rs", "//! Checks exercise 2.1 (src/count.rs).\n");
    write("lessons/02-two/exercises/src/count.rs", "//! Exercise 2.1: count senders.\nfn f() { todo!() }\n");
    write(
        "fake-cargo",
        "#!/bin/sh\n# Stands in for cargo: says what it checked, in which locale, and fails.\n\
         while [ $# -gt 0 ]; do [ \"$1\" = --test ] && test=$2; shift; done\n\
         echo \"---- $test stdout ----\"\n\
         echo \"checked $test with LC_ALL=$LC_ALL\"\n\
         exit 101\n",
    );
    let fake = root.join("fake-cargo");
    let mut permissions = std::fs::metadata(&fake).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
    std::fs::set_permissions(&fake, permissions).unwrap();
    root
}

/// The small course's `lessons/exercises.toml`: a hint wrapped over two
/// lines, and one with no Chinese.
const SMALL_COURSE: &str = r#"
[[exercise]]
id = "1.1"
name = "echo"
title.en = "echo the bytes"
title.zh = "原样发回字节"
package = "lesson1-exercises"
file = "01-one/exercises/src/echo.rs"
solution = "01-one/exercises/solutions/echo.rs"
test = "echo"

[[exercise.hint]]
en = "A nudge."
zh = "先推一把。"

[[exercise.hint]]
en = '''
More,
on two lines.
'''
zh = '''
再多一点，
分两行写。
'''

[[exercise.hint]]
en = "Nearly the answer."
zh = "差不多就是答案。"

[[exercise]]
id = "1.2"
name = "cut"
title = { en = "notice a cut datagram", zh = "发现被截断的数据报" }
package = "lesson1-exercises"
file = "01-one/exercises/src/cut.rs"
solution = "01-one/exercises/solutions/cut.rs"
test = "cut"

[[exercise.hint]]
en = "Only in English."

[[exercise]]
id = "2.1"
name = "count"
title = { en = "count senders", zh = "统计发送方" }
package = "lesson2-exercises"
file = "02-two/exercises/src/count.rs"
solution = "02-two/exercises/solutions/count.rs"
test = "count"
"#;

/// The English words in the course's Chinese output: every run of three or
/// more ASCII letters, but for the commands it names (from `cargo` to the end
/// of the line or of the brackets), paths, and the stand-in cargo's lines.
fn english_words(shown: &str) -> Vec<String> {
    shown
        .lines()
        .filter(|line| !line.starts_with("---- ") && !line.starts_with("checked "))
        .map(|line| match line.split_once("cargo ") {
            Some((before, command)) => {
                format!("{before} {}", command.split_once([')', '）']).map_or("", |(_, after)| after))
            }
            None => line.to_string(),
        })
        .flat_map(|line| {
            line.split(|c: char| c.is_whitespace() || !c.is_ascii())
                .filter(|word| !word.contains(['/', '-', '.', '_']))
                .map(|word| word.trim_matches(|c: char| !c.is_ascii_alphabetic()).to_string())
                .filter(|word| word.len() >= 3 && word.chars().all(|c| c.is_ascii_alphabetic()))
                .collect::<Vec<_>>()
        })
        .filter(|word| word != "Ctrl")
        .collect()
}

/// Runs the course on `root`. Its language is the test's choice, never the
/// locale `cargo test` runs in: `client` gives it `LC_ALL=C.UTF-8` (English),
/// and a test that wants Chinese says `--lang zh`.
fn course(root: &Path, args: &[&str]) -> (bool, String) {
    course_keeping(root, args, Some(&root.join("state")))
}

/// Runs the course on `root`, its progress in `state` (`COURSE_STATE_DIR`),
/// or, with `None`, where a learner's is: `.course/` of the course's top folder.
fn course_keeping(root: &Path, args: &[&str], state: Option<&Path>) -> (bool, String) {
    let mut command = client("course");
    match state {
        Some(state) => command.env("COURSE_STATE_DIR", state),
        None => command.env_remove("COURSE_STATE_DIR"),
    };
    let run = command
        .args(args)
        .env("CARGO", root.join("fake-cargo"))
        .env("COURSE_ROOT", root)
        .env("NO_COLOR", "1")
        .assert();
    let output = run.get_output();
    let text =
        format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    (output.status.success(), text)
}

#[test]
fn the_progress_view_shows_each_exercise_and_the_next_one() {
    let root = small_course("progress");
    let (ok, shown) = course(&root, &[]);
    assert!(ok, "the progress view exits 0:\n{shown}");
    for line in [
        "not started  1.1   echo the bytes",
        "failing      1.2   notice a cut datagram",
        "not started  2.1   count senders",
        "] 0 of 3 done",
        "next: 1.1 echo the bytes",
        "edit:   lessons/01-one/exercises/src/echo.rs",
        "check:  cargo test -p lesson1-exercises --test echo",
        "stuck?  cargo run -p course -- hint 1.1",
    ] {
        assert!(shown.contains(line), "the progress view shows {line:?}:\n{shown}");
    }
    let _ = std::fs::remove_dir_all(root);
}

#[test]
fn hints_come_one_at_a_time() {
    let root = small_course("hints");
    let expected =
        ["hint 1 of 3 for 1.1", "hint 2 of 3 for 1.1", "hint 3 of 3 for 1.1", "no more hints for 1.1"];
    let texts = ["A nudge.", "More, on two lines.", "Nearly the answer.", "hint 1.1 --again"];
    for (heading, text) in expected.iter().zip(texts) {
        let (ok, shown) = course(&root, &["hint", "1.1"]);
        assert!(
            ok && shown.contains(heading) && shown.contains(text),
            "expected {heading:?} and {text:?}:\n{shown}"
        );
    }
    let (_, shown) = course(&root, &["hint", "1.1", "--again"]);
    assert!(
        shown.contains("hint 3 of 3") && shown.contains("Nearly the answer."),
        "--again: the last hint:\n{shown}"
    );
    let (ok, shown) = course(&root, &["hint", "9.9"]);
    assert!(!ok && shown.contains("there is no exercise 9.9; the exercises are 1.1, 1.2, 2.1"), "{shown}");
    let (ok, shown) = course(&root, &["hint", "2.1"]);
    assert!(!ok && shown.contains("exercise 2.1 has no hints yet"), "{shown}");
    let _ = std::fs::remove_dir_all(root);
}

#[test]
fn hints_in_chinese_come_from_zh_else_from_en() {
    let root = small_course("hints-zh");
    let expected = [
        ("1.1（原样发回字节）的提示，第 1 条，共 3 条：", "先推一把。"),
        ("第 2 条，共 3 条", "再多一点，分两行写。"),
        ("第 3 条，共 3 条", "差不多就是答案。"),
        ("1.1 没有更多提示了：全部 3 条都已显示。", "cargo run -p course -- hint 1.1 --again"),
    ];
    for (heading, text) in expected {
        let (ok, shown) = course(&root, &["hint", "1.1", "--lang", "zh"]);
        assert!(
            ok && shown.contains(heading) && shown.contains(text),
            "expected {heading:?} and {text:?}:\n{shown}"
        );
        assert!(
            !shown.contains(" of 3 for ") && !shown.contains("echo the bytes"),
            "no English heading:\n{shown}"
        );
    }
    // A hint with no Chinese (no zh) is shown in English, under a Chinese heading.
    let (ok, shown) = course(&root, &["--lang", "zh", "hint", "1.2"]);
    assert!(ok && shown.contains("第 1 条，共 1 条") && shown.contains("Only in English."), "{shown}");
    // And English again with --lang en.
    let (ok, shown) = course(&root, &["hint", "1.1", "--again", "--lang", "en"]);
    assert!(ok && shown.contains("hint 3 of 3 for 1.1") && shown.contains("Nearly the answer."), "{shown}");
    let _ = std::fs::remove_dir_all(root);
}

#[test]
fn the_hints_shown_outlive_cargo_clean_and_an_old_record_moves_once() {
    // Where a learner's course keeps them: .course/progress.toml, not target/
    // (which `cargo clean` empties). An older course's record in
    // target/course/hints-shown is taken over, once.
    let root = small_course("progress-file");
    let old = root.join("target/course/hints-shown");
    std::fs::create_dir_all(old.parent().unwrap()).unwrap();
    std::fs::write(&old, "1.1 2\n").unwrap();
    let (ok, shown) = course_keeping(&root, &["hint", "1.1"], None);
    assert!(ok && shown.contains("hint 3 of 3 for 1.1"), "two hints were shown before:\n{shown}");
    let file = root.join(".course/progress.toml");
    let kept = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(kept.contains("[hints-shown]") && kept.contains("\"1.1\" = 3"), "{}:\n{kept}", file.display());
    assert!(!old.exists(), "the old record is gone once moved");
    std::fs::remove_dir_all(root.join("target")).unwrap(); // what `cargo clean` does
    let (ok, shown) = course_keeping(&root, &["hint", "1.1", "--again"], None);
    assert!(ok && shown.contains("hint 3 of 3 for 1.1"), "after cargo clean:\n{shown}");
    let _ = std::fs::remove_dir_all(root);
}

#[test]
fn list_gives_every_exercise_for_a_person_and_for_a_script() {
    let root = small_course("list");
    let (ok, shown) = course(&root, &["list", "--lang", "zh"]);
    assert!(ok, "{shown}");
    assert_eq!(
        shown.lines().collect::<Vec<_>>(),
        [
            "1.1   原样发回字节 (lessons/01-one/exercises/src/echo.rs)",
            "1.2   发现被截断的数据报 (lessons/01-one/exercises/src/cut.rs)",
            "2.1   统计发送方 (lessons/02-two/exercises/src/count.rs)",
        ]
    );
    // What .ci/exercises reads: number, name, package, test, starter,
    // solution, known-wrong folder; paths from the course's top folder.
    let (ok, shown) = course(&root, &["list", "--format", "tsv"]);
    assert!(ok, "{shown}");
    assert_eq!(
        shown.lines().next(),
        Some(
            "1.1\techo\tlesson1-exercises\techo\tlessons/01-one/exercises/src/echo.rs\t\
             lessons/01-one/exercises/solutions/echo.rs\tlessons/01-one/exercises/wrong/echo"
        )
    );
    assert_eq!(shown.lines().count(), 3, "{shown}");
    let _ = std::fs::remove_dir_all(root);
}

#[test]
fn a_broken_exercises_file_is_named_with_its_line() {
    let root = small_course("broken");
    std::fs::write(root.join("lessons/exercises.toml"), "[[exercise]]\nid = 1.1\n").unwrap();
    for (lang, said) in [("en", "is not a list of exercises"), ("zh", "不是一份练习清单")] {
        let (ok, shown) = course(&root, &["--lang", lang]);
        assert!(
            !ok && shown.contains("lessons/exercises.toml")
                && shown.contains(said)
                && shown.contains("line 2"),
            "--lang {lang}:\n{shown}"
        );
    }
    std::fs::remove_file(root.join("lessons/exercises.toml")).unwrap();
    let (ok, shown) = course(&root, &["hint", "1.1"]);
    assert!(!ok && shown.contains("cannot read the list of exercises"), "{shown}");
    let _ = std::fs::remove_dir_all(root);
}

#[test]
fn the_progress_view_in_chinese_has_no_english_of_its_own() {
    let root = small_course("progress-zh");
    let (ok, shown) = course(&root, &["--lang", "zh"]);
    assert!(ok, "the progress view exits 0:\n{shown}");
    for line in [
        "未开始  1.1   原样发回字节",
        "未通过  1.2   发现被截断的数据报",
        "未开始  2.1   统计发送方",
        "完成 0 / 3",
        "下一道：1.1 原样发回字节",
    ] {
        assert!(shown.contains(line), "the progress view shows {line:?}:\n{shown}");
    }
    assert_eq!(english_words(&shown), Vec::<String>::new(), "English in the Chinese progress view:\n{shown}");
    let _ = std::fs::remove_dir_all(root);
}

#[test]
fn a_check_runs_the_exercises_test_in_the_chosen_language() {
    let root = small_course("check");
    let (ok, shown) = course(&root, &["check", "1.2", "--lang", "zh"]);
    assert!(!ok, "a failing check exits 1:\n{shown}");
    assert!(
        shown.contains("未通过： 1.2 发现被截断的数据报 (cargo test -p lesson1-exercises --test cut)")
            && shown.contains("checked cut with LC_ALL=zh_CN.UTF-8"),
        "in Chinese, the test runs with LC_ALL=zh_CN.UTF-8 (its messages follow it):\n{shown}"
    );
    assert_eq!(english_words(&shown), Vec::<String>::new(), "English in the Chinese check:\n{shown}");
    let (ok, shown) = course(&root, &["check", "1.2", "--lang", "en"]);
    assert!(
        !ok && shown.contains("failing: 1.2 notice a cut datagram")
            && shown.contains("checked cut with LC_ALL=C.UTF-8"),
        "in English, LC_ALL=C.UTF-8, whatever the locale the course runs in:\n{shown}"
    );
    let _ = std::fs::remove_dir_all(root);
}

/// The course's watch mode on `root`, its output read line by line as it comes.
struct Watch {
    _child: Killed,
    lines: Receiver<String>,
    seen: Vec<String>,
}

impl Watch {
    fn start(root: &Path, args: &[&str]) -> Watch {
        let mut child = Command::new(program("course"))
            .arg("watch")
            .args(args)
            .env("CARGO", root.join("fake-cargo"))
            .env("COURSE_ROOT", root)
            .env("COURSE_STATE_DIR", root.join("state"))
            .env("NO_COLOR", "1")
            .env("LC_ALL", course_tests::ENGLISH)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the course starts");
        let stdout = child.stdout.take().expect("stdout is piped");
        let (sender, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        Watch { _child: Killed(child), lines, seen: Vec::new() }
    }

    /// The next line that starts with `prefix`, within 30 s (a check through
    /// the stand-in cargo takes milliseconds).
    fn next(&mut self, prefix: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.starts_with(prefix) {
                        return line;
                    }
                }
                Err(_) => {
                    panic!("no line {prefix:?} within 30 s; the watch printed:\n{}", self.seen.join("\n"))
                }
            }
        }
    }
}

/// Saves a file of the small course, as an editor does.
fn save(root: &Path, path: &str) {
    let path = root.join(path);
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("// saved\n");
    std::fs::write(path, text).unwrap();
}

#[test]
fn watch_checks_the_exercise_whose_file_was_saved() {
    let root = small_course("watch");
    let mut watch = Watch::start(&root, &["--lang", "zh"]);
    assert_eq!(watch.next("== "), "== 1.1 原样发回字节 (lessons/01-one/exercises/src/echo.rs)");
    assert_eq!(watch.next("checked "), "checked echo with LC_ALL=zh_CN.UTF-8");
    watch.next("（卡住了？");
    // A save of 2.1's starter checks 2.1, not the first exercise again.
    save(&root, "lessons/02-two/exercises/src/count.rs");
    assert_eq!(watch.next("== "), "== 2.1 统计发送方 (lessons/02-two/exercises/src/count.rs)");
    assert_eq!(watch.next("checked "), "checked count with LC_ALL=zh_CN.UTF-8");
    watch.next("（卡住了？");
    // A save of 1.2's test checks 1.2; a file of no one exercise, the one checked last.
    save(&root, "lessons/01-one/exercises/tests/cut.rs");
    assert_eq!(watch.next("== "), "== 1.2 发现被截断的数据报 (lessons/01-one/exercises/src/cut.rs)");
    watch.next("（卡住了？");
    save(&root, "lessons/01-one/exercises/Cargo.toml");
    assert_eq!(watch.next("== "), "== 1.2 发现被截断的数据报 (lessons/01-one/exercises/src/cut.rs)");
    watch.next("（卡住了？");
    let shown = watch.seen.join("\n");
    assert_eq!(english_words(&shown), Vec::<String>::new(), "English in the Chinese watch:\n{shown}");
    drop(watch);
    let _ = std::fs::remove_dir_all(root);
}

/// The course's own root (this clone), and the cargo that runs the tests.
fn this_course() -> (PathBuf, std::ffi::OsString) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    (root, std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// The pieces of a reference solution that give it away: each line of code
/// (its comment left out, and its last `;`, `?` or `,`) that the starter does
/// not have already and is not trivial (12 characters or more).
fn giveaways(solution: &str, starter: &str) -> Vec<String> {
    let starter_lines: Vec<&str> = starter.lines().map(str::trim).collect();
    solution
        .lines()
        .map(|line| line.split_once("//").map_or(line, |(code, _)| code).trim())
        .filter(|line| !starter_lines.contains(line))
        .map(|line| line.trim_end_matches([';', '?', ',', '{']).trim_end().to_string())
        .filter(|line| line.chars().count() >= 12)
        .collect()
}

/// The first piece of `shown` that gives a solution line away: the whole
/// line, or 20 characters of it in a row that the starter does not have.
fn a_giveaway_in(shown: &str, answers: &[String], starter: &str) -> Option<String> {
    answers.iter().find_map(|answer| {
        if shown.contains(answer.as_str()) {
            return Some(answer.clone());
        }
        let chars: Vec<char> = answer.chars().collect();
        chars
            .windows(20)
            .map(|piece| piece.iter().collect::<String>())
            .find(|piece| !starter.contains(piece.as_str()) && shown.contains(piece.as_str()))
    })
}

/// What `command` printed (its output, then its errors), run to its end
/// within `limit`; killed, and the test failed, if it takes longer.
fn output_within(mut command: Command, limit: Duration) -> String {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the command starts");
    let streams = [
        child.stdout.take().map(|s| Box::new(s) as Box<dyn std::io::Read + Send>),
        child.stderr.take().map(|s| Box::new(s) as Box<dyn std::io::Read + Send>),
    ];
    let _child = Killed(child);
    let (sender, texts) = mpsc::channel();
    for (which, stream) in streams.into_iter().enumerate() {
        let sender = sender.clone();
        std::thread::spawn(move || {
            let mut text = Vec::new();
            if let Some(mut stream) = stream {
                let _ = stream.read_to_end(&mut text);
            }
            let _ = sender.send((which, String::from_utf8_lossy(&text).into_owned()));
        });
    }
    let deadline = Instant::now() + limit;
    let mut got = [String::new(), String::new()];
    for _ in 0..2 {
        let left = deadline.saturating_duration_since(Instant::now());
        let (which, text) = texts
            .recv_timeout(left)
            .unwrap_or_else(|_| panic!("{command:?} did not finish within {limit:?}"));
        got[which] = text;
    }
    got.concat()
}

/// Runs the course's watch on exercise `number` of this clone, in Chinese,
/// with real checks; returns what it printed up to its first "stuck?" line
/// (then it is killed), within 300 s.
fn watch_once(root: &Path, cargo: &std::ffi::OsStr, state: &Path, number: &str) -> String {
    let mut child = Command::new(program("course"))
        .args(["watch", number, "--lang", "zh"])
        .env("CARGO", cargo)
        .env("COURSE_ROOT", root)
        .env("COURSE_STATE_DIR", state)
        .env("NO_COLOR", "1")
        .env("LC_ALL", course_tests::ENGLISH)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the course starts");
    let stdout = child.stdout.take().expect("stdout is piped");
    let _child = Killed(child);
    let (sender, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(300);
    let mut seen = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match lines.recv_timeout(left) {
            Ok(line) => {
                let stuck = line.starts_with("（卡住了？");
                seen.push(line);
                if stuck {
                    return seen.join("\n");
                }
            }
            Err(_) => panic!("watch {number}: no \"stuck?\" line within 300 s:\n{}", seen.join("\n")),
        }
    }
}

#[test]
fn an_untouched_starter_s_check_and_watch_show_no_line_of_its_solution() {
    // Every exercise of this course whose starter is untouched (its todo!()
    // in place), checked as a learner who asked for no hint: what the check
    // (in English) and the watch (in Chinese) print must not give the answer.
    let (root, cargo) = this_course();
    let state = std::env::temp_dir().join(format!("course-giveaway-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&state);
    let exercises = ::course::load(&root).expect("lessons/exercises.toml");
    let mut lessons: Vec<Vec<&::course::Exercise>> = Vec::new();
    for exercise in &exercises {
        match lessons.last_mut() {
            Some(lesson) if lesson[0].package == exercise.package => lesson.push(exercise),
            _ => lessons.push(vec![exercise]),
        }
    }
    // One thread per lesson, its exercises one after another.
    let checked: Vec<Vec<String>> = std::thread::scope(|scope| {
        let threads: Vec<_> = lessons
            .iter()
            .map(|lesson| {
                let (root, cargo, state) = (&root, &cargo, &state);
                scope.spawn(move || {
                    let mut checked = Vec::new();
                    for exercise in lesson {
                        let starter = std::fs::read_to_string(exercise.starter()).unwrap_or_default();
                        if !starter.contains("todo!(") {
                            continue; // started here: not what this test is about
                        }
                        let number = exercise.id.clone();
                        let solution = std::fs::read_to_string(exercise.solution()).unwrap();
                        let answers = giveaways(&solution, &starter);
                        let mut check = Command::new(program("course"));
                        check
                            .args(["check", number.as_str(), "--lang", "en"])
                            .env("CARGO", cargo)
                            .env("COURSE_ROOT", root)
                            .env("COURSE_STATE_DIR", state)
                            .env("NO_COLOR", "1")
                            .env("LC_ALL", course_tests::ENGLISH);
                        let shown = output_within(check, Duration::from_secs(300));
                        assert!(
                            shown.contains("failing: "),
                            "check {number} of an untouched starter:\n{shown}"
                        );
                        if let Some(piece) = a_giveaway_in(&shown, &answers, &starter) {
                            panic!("check {number} gives away {piece:?} of its solution:\n{shown}");
                        }
                        let shown = watch_once(root, cargo, state, &number);
                        if let Some(piece) = a_giveaway_in(&shown, &answers, &starter) {
                            panic!("watch {number} gives away {piece:?} of its solution:\n{shown}");
                        }
                        checked.push(number);
                    }
                    checked
                })
            })
            .collect();
        threads.into_iter().map(|thread| thread.join().unwrap()).collect()
    });
    let _ = std::fs::remove_dir_all(&state);
    let checked: Vec<String> = checked.into_iter().flatten().collect();
    eprintln!("checked, untouched: {checked:?}");
}

#[test]
fn a_check_of_code_that_never_finishes_is_stopped_and_says_so() {
    // A course of one exercise, built by real cargo, whose starter hangs (it
    // sleeps forever): the check stops it at the test deadline (3 s here),
    // its test program too, and says why, in each language.
    let root = std::env::temp_dir().join(format!("course-hang-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let write = |path: &str, text: &str| {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("Cargo.toml", "[workspace]\nmembers = [\"lessons/01-one/exercises\"]\nresolver = \"2\"\n");
    write(
        "lessons/01-one/exercises/Cargo.toml",
        "[package]\nname = \"lesson1-exercises\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
    );
    write(
        "lessons/exercises.toml",
        "[[exercise]]\nid = \"1.1\"\nname = \"spin\"\ntitle = { en = \"answer at once\", zh = \"立刻回答\" }\n\
         package = \"lesson1-exercises\"\nfile = \"01-one/exercises/src/spin.rs\"\n\
         solution = \"01-one/exercises/solutions/spin.rs\"\ntest = \"spin\"\n",
    );
    write("lessons/01-one/exercises/src/lib.rs", "pub mod spin;\n");
    write(
        "lessons/01-one/exercises/src/spin.rs",
        "//! Exercise 1.1: answer at once.\n//! 练习 1.1：立刻回答。\n\
         pub fn answer() -> u32 {\n    loop {\n        // a learner's code that never finishes: the point of this test\n        std::thread::sleep(std::time::Duration::from_secs(1));\n    }\n}\n",
    );
    let pid_file = root.join("test-pid");
    write(
        "lessons/01-one/exercises/tests/spin.rs",
        &format!(
            "//! Checks exercise 1.1 (src/spin.rs).\n\
             #[test]\nfn it_answers() {{\n    std::fs::write({pid_file:?}, std::process::id().to_string()).unwrap();\n    \
             assert_eq!(lesson1_exercises::spin::answer(), 42);\n}}\n"
        ),
    );
    let (_, cargo) = this_course();
    for (lang, said) in [("en", "your code did not finish in 3 s"), ("zh", "你的代码在 3 秒内没有结束")]
    {
        let _ = std::fs::remove_file(&pid_file);
        let mut check = Command::new(program("course"));
        check
            .args(["check", "1.1", "--lang", lang])
            .env("CARGO", &cargo)
            .env("CARGO_TARGET_DIR", root.join("target"))
            .env("COURSE_ROOT", &root)
            .env("COURSE_STATE_DIR", root.join("state"))
            .env("COURSE_TEST_DEADLINE", "3")
            .env("NO_COLOR", "1")
            .env("LC_ALL", course_tests::ENGLISH);
        let started = Instant::now();
        let shown = output_within(check, Duration::from_secs(300));
        assert!(shown.contains(said), "--lang {lang}: the check says {said:?}:\n{shown}");
        // The test program ran, and was killed with the check.
        let pid = std::fs::read_to_string(&pid_file).expect("the hanging test started");
        let gone = Instant::now() + Duration::from_secs(10);
        while Path::new(&format!("/proc/{pid}")).exists()
            && !std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default().contains(") Z ")
        {
            assert!(Instant::now() < gone, "the hanging test program {pid} still runs after the check");
            std::thread::sleep(Duration::from_millis(50)); // polling for its end, with a deadline
        }
        eprintln!("--lang {lang}: stopped after {:?}", started.elapsed());
    }
    let _ = std::fs::remove_dir_all(root);
}
