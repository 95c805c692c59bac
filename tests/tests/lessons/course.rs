//! `cargo run -p course`, the learner's companion to the exercises: the
//! progress view and the hints, on a small course made for the test (its
//! own root, through COURSE_ROOT), so that what a learner has done in this
//! clone changes nothing here.

use std::path::{Path, PathBuf};

use course_tests::client;

/// A course of two lessons and three exercises in a fresh folder: 1.1 not
/// started (its `todo!()` in place), 1.2 started, 2.1 not started; hints for
/// 1.1 (in English and in Chinese) and 1.2 (in English only).
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
    write("lessons/01-one/exercises/src/echo.rs", "//! Exercise 1.1: echo the bytes.\nfn f() { todo!() }\n");
    write("lessons/01-one/exercises/tests/cut.rs", "//! Checks exercise 1.2 (src/cut.rs).\n");
    write("lessons/01-one/exercises/src/cut.rs", "//! Exercise 1.2: notice a cut datagram.\nfn f() {}\n");
    write("lessons/02-two/exercises/tests/count.rs", "//! Checks exercise 2.1 (src/count.rs).\n");
    write("lessons/02-two/exercises/src/count.rs", "//! Exercise 2.1: count senders.\nfn f() { todo!() }\n");
    write(
        "lessons/01-one/exercises/hints.md",
        "# Lesson 1 hints\n\n## 1.1 echo\n\n1. A nudge.\n2. More,\n   on two lines.\n3. Nearly the answer.\n\n## 1.2 cut\n\n1. Only in English.\n",
    );
    write(
        "lessons/01-one/exercises/hints.zh.md",
        "# 第 1 课提示\n\n## 1.1 echo\n\n1. 先推一把。\n2. 再多一点，\n   分两行写。\n3. 差不多就是答案。\n",
    );
    root
}

/// Runs the course on `root`. Its language is the test's choice, never the
/// locale `cargo test` runs in: `client` gives it `LC_ALL=C.UTF-8` (English),
/// and a test that wants Chinese says `--lang zh`.
fn course(root: &Path, args: &[&str]) -> (bool, String) {
    let run = client("course")
        .args(args)
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
        ("1.1（echo the bytes）的提示，第 1 条，共 3 条：", "先推一把。"),
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
        assert!(!shown.contains(" of 3 for "), "no English heading:\n{shown}");
    }
    // A section missing from hints.zh.md comes from hints.md, under a Chinese heading.
    let (ok, shown) = course(&root, &["--lang", "zh", "hint", "1.2"]);
    assert!(ok && shown.contains("第 1 条，共 1 条") && shown.contains("Only in English."), "{shown}");
    // And English again with --lang en.
    let (ok, shown) = course(&root, &["hint", "1.1", "--again", "--lang", "en"]);
    assert!(ok && shown.contains("hint 3 of 3 for 1.1") && shown.contains("Nearly the answer."), "{shown}");
    let (ok, shown) = course(&root, &["--lang", "zh"]);
    assert!(ok && shown.contains("未开始  1.1   echo the bytes") && shown.contains("完成 0 / 3"), "{shown}");
    let _ = std::fs::remove_dir_all(root);
}
