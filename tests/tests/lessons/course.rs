//! `cargo run -p course`, the learner's companion to the exercises: the
//! progress view, the hints, a check and the watch mode, in English and in
//! Chinese, on a small course made for the test (its own root, through
//! COURSE_ROOT), so that what a learner has done in this clone changes
//! nothing here. Its checks run a stand-in for cargo (through CARGO) that
//! says which test it was asked to run and in which locale, and fails.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use course_tests::{Killed, client, program};

/// A course of two lessons and three exercises in a fresh folder, each titled
/// in English and in Chinese: 1.1 not started (its `todo!()` in place), 1.2
/// started, 2.1 not started; hints for 1.1 (in English and in Chinese) and
/// 1.2 (in English only); and `fake-cargo`, the stand-in for cargo.
fn small_course(name: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("course-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let write = |path: &str, text: &str| {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    for (lesson, package) in [("01-one", "lesson1-exercises"), ("02-two", "lesson2-exercises")] {
        write(
            &format!("lessons/{lesson}/exercises/Cargo.toml"),
            &format!("[package]\nname = \"{package}\"\n"),
        );
    }
    write("lessons/01-one/exercises/tests/echo.rs", "//! Checks exercise 1.1 (src/echo.rs).\n");
    write(
        "lessons/01-one/exercises/src/echo.rs",
        "//! Exercise 1.1: echo the bytes.\n//! 练习 1.1：原样发回字节。\nfn f() { todo!() }\n",
    );
    write("lessons/01-one/exercises/tests/cut.rs", "//! Checks exercise 1.2 (src/cut.rs).\n");
    write(
        "lessons/01-one/exercises/src/cut.rs",
        "//! Exercise 1.2: notice a cut datagram.\n//! 练习 1.2：发现被截断的数据报。\nfn f() {}\n",
    );
    write("lessons/02-two/exercises/tests/count.rs", "//! Checks exercise 2.1 (src/count.rs).\n");
    write(
        "lessons/02-two/exercises/src/count.rs",
        "//! Exercise 2.1: count senders.\n//! 练习 2.1：统计发送方。\nfn f() { todo!() }\n",
    );
    write(
        "lessons/01-one/exercises/hints.md",
        "# Lesson 1 hints\n\n## 1.1 echo\n\n1. A nudge.\n2. More,\n   on two lines.\n3. Nearly the answer.\n\n## 1.2 cut\n\n1. Only in English.\n",
    );
    write(
        "lessons/01-one/exercises/hints.zh.md",
        "# 第 1 课提示\n\n## 1.1 echo\n\n1. 先推一把。\n2. 再多一点，\n   分两行写。\n3. 差不多就是答案。\n",
    );
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
    let run = client("course")
        .args(args)
        .env("CARGO", root.join("fake-cargo"))
        .env("COURSE_ROOT", root)
        .env("COURSE_STATE_DIR", root.join("state"))
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
fn hints_in_chinese_come_from_hints_zh_md() {
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
    // A section missing from hints.zh.md comes from hints.md, under a Chinese heading.
    let (ok, shown) = course(&root, &["--lang", "zh", "hint", "1.2"]);
    assert!(ok && shown.contains("第 1 条，共 1 条") && shown.contains("Only in English."), "{shown}");
    // And English again with --lang en.
    let (ok, shown) = course(&root, &["hint", "1.1", "--again", "--lang", "en"]);
    assert!(ok && shown.contains("hint 3 of 3 for 1.1") && shown.contains("Nearly the answer."), "{shown}");
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
