//! The tour runs all six lessons in one terminal, non-interactively here, and
//! doubles as a smoke test of the whole course. These tests check what it
//! promises: every lesson shown; causes before their effects, run after run;
//! long lines wrapped in their column with no word lost, no byte's escape
//! split and no row begun with closing punctuation, in English and Chinese;
//! two clients of one lesson told apart; colour only when asked.

use std::path::Path;
use std::sync::OnceLock;
use std::time::Duration;

use course_tests::client;
use predicates::prelude::*;
use predicates::str::contains;
use regex::Regex;
use unicode_width::UnicodeWidthStr;

/// How long one whole tour may take (about 3 s on a quiet machine).
const TOUR: Duration = Duration::from_secs(120);

/// Runs the tour with `args` to its end and returns what it printed.
fn tour(args: &[&str]) -> String {
    let run = client("tour").args(args).timeout(TOUR).assert().success();
    String::from_utf8_lossy(&run.get_output().stdout).into_owned()
}

#[test]
fn the_tour_shows_every_lesson() {
    client("tour")
        .timeout(TOUR)
        .assert()
        .success()
        .stdout(contains("=== lesson 1: UDP once ==="))
        .stdout(contains("bytes: b'Ich hab keine Hunge'"))
        .stdout(contains("=== lesson 2: UDP in a loop ==="))
        .stdout(contains("stopping: datagrams: 3, senders: 2"))
        .stdout(contains("=== lesson 3: TCP once ==="))
        .stdout(contains("text:  Received msg: I love wangxiaojing from ('127.0.0.1', "))
        .stdout(contains("=== lesson 4: TCP in a loop ==="))
        .stdout(contains("some connections waited to be greeted: this server serves one client at a time"))
        .stdout(contains("=== lesson 5: a thread per client ==="))
        .stdout(contains("3 clients being served now"))
        .stdout(contains("=== lesson 6: the half-close ==="))
        .stdout(contains("shutdown(Write): FIN sent"))
        .stdout(contains("the whole reply: received 5 bytes in 1 reads"))
        .stdout(contains("TCP state: CLOSE_WAIT").or(contains("TCP state: not available")))
        .stdout(contains("=== lesson 7: an event loop ==="))
        .stdout(contains("3 of 3 connections greeted and done"))
        .stdout(contains("=== lesson 8: async/await ==="))
        .stdout(contains("One thread, the runtime's, ran every task"))
        .stdout(contains("That was the course."))
        .stdout(contains("@").not()); // the stamps are the tour's business, never shown
}

#[test]
fn one_lesson_the_list_and_steps() {
    let shown = tour(&["3"]);
    assert!(shown.contains("=== lesson 3: TCP once ===") && !shown.contains("=== lesson 1"), "{shown}");
    client("tour")
        .arg("--list")
        .assert()
        .success()
        .stdout(contains("cargo run -p lesson6-server"))
        .stdout(contains("cargo test -p lesson4-exercises"));
    client("tour").arg("9").assert().code(2);
    // --step waits for Enter before the server and before each client.
    client("tour")
        .args(["2", "--step"])
        .write_stdin("\n\n\n")
        .timeout(TOUR)
        .assert()
        .success()
        .stdout(contains("[Enter] to start the server"))
        .stdout(contains("[Enter] to start the client"))
        .stdout(contains("stopping: datagrams: 3, senders: 2"));
}

/// Each lesson's causes and their effects, as (cause, effect) line patterns:
/// the k-th line matching the cause must come before the k-th line matching
/// the effect (every effect needs a cause of its own before it).
const CAUSES: [(u8, &[(&str, &str)]); 8] = [
    (
        1,
        &[
            (r"^\[client\] 2 sendto", r"^\[server\] +15 bytes from"),
            (r"^\[server\] 3 sendto", r"^\[client\] +19 bytes from"),
        ],
    ),
    (
        2,
        &[
            (r"^\[client #\d\] 2 sendto", r"^\[server\] 2 recvfrom"),
            (r"^\[server\] 3 sendto", r"^\[client #\d\] 3 recvfrom"),
        ],
    ),
    (
        3,
        &[
            (r"^\[client\] 2 connect", r"^\[server\] 5 accept"),
            (r"^\[client\] 3 send", r"^\[server\] 6 recv"),
            (r"^\[server\] 7 send", r"^\[client\] 4 recv"),
        ],
    ),
    (
        4,
        &[
            (r"^\[client #\d\] 2 connect", r"^\[server\] 5 accept"),
            (r"^\[server\] 6 send", r"^\[client #\d\] 3 recv"),
            (r"^\[client #\d\] 4 send", r"^\[server\] 7 recv"),
            (r"^\[server\] 8 send", r"^\[client #\d\] 5 recv"),
        ],
    ),
    (
        5,
        &[
            (r"^\[client #\d\] 2 connect", r"^\[server\] 5 accept"),
            (r"^\[server #\d\] 6 send", r"^\[client #\d\] 3 recv"),
            (r"^\[client #\d\] 4 send", r"^\[server #\d\] 7 recv"),
            (r"^\[server #\d\] 8 send", r"^\[client #\d\] 5 recv"),
        ],
    ),
    (
        6,
        &[
            (r"^\[client\] 2 connect", r"^\[server\] 5 accept"),
            (r"^\[client\] 3 send", r"^\[server\] 6 recv +read #1"),
            (r"^\[client\] 4 shutdown", r"^\[server\] 6 recv +0 bytes"),
            (r"^\[server\] 7 send", r"^\[client\] 5 recv +\d+ bytes of the reply"),
            (r"^\[server\] 8 close", r"^\[client\] 5 recv +0 bytes"),
        ],
    ),
    (
        7,
        &[
            (r"^\[client #\d\] 3 connect +handshake", r"^\[server #\d\] 8 accept"),
            (r"^\[server #\d\] 12 send", r"^\[client #\d\] 6 recv"),
            (r"^\[client #\d\] 7 send", r"^\[server #\d\] 11 recv"),
        ],
    ),
    (
        8,
        &[
            (r"^\[client #\d\] 1 socket", r"^\[server\] 5 accept"),
            (r"^\[server #\d\] 7 send", r"^\[client #\d\] 3 recv"),
            (r"^\[client #\d\] 4 send", r"^\[server #\d\] 8 recv"),
            (r"^\[server #\d\] 9 send", r"^\[client #\d\] 5 recv"),
        ],
    ),
];

/// The lines of lesson `number` in a tour's output.
fn lesson_lines(shown: &str, number: u8) -> Vec<&str> {
    let start = format!("=== lesson {number}:");
    shown
        .lines()
        .skip_while(|line| !line.starts_with(&start))
        .skip(1)
        .take_while(|line| !line.starts_with("==="))
        .collect()
}

/// Checks every cause of every lesson against its effect in one tour's output.
fn check_causes(shown: &str, run: usize) {
    for (number, pairs) in CAUSES {
        let lines = lesson_lines(shown, number);
        for (cause, effect) in pairs {
            let at = |pattern: &str| {
                let regex = Regex::new(pattern).unwrap();
                lines
                    .iter()
                    .enumerate()
                    .filter(|(_, line)| regex.is_match(line))
                    .map(|(i, _)| i)
                    .collect::<Vec<_>>()
            };
            let (causes, effects) = (at(cause), at(effect));
            assert!(
                !effects.is_empty(),
                "run {run}, lesson {number}: no line matches {effect:?}:\n{}",
                lines.join("\n")
            );
            for (k, effect_at) in effects.iter().enumerate() {
                assert!(
                    causes.get(k).is_some_and(|cause_at| cause_at < effect_at),
                    "run {run}, lesson {number}: effect #{} ({effect:?}, line {}) is shown before its cause \
                     ({cause:?}); the tour must show a cause first:\n{}",
                    k + 1,
                    effect_at + 1,
                    lines.join("\n")
                );
            }
        }
    }
}

#[test]
fn causes_come_before_their_effects_in_twenty_tours_of_twenty() {
    // Twenty whole tours, four at a time: every cause before its effect, every time.
    let runs: Vec<String> = std::thread::scope(|scope| {
        let batches: Vec<_> =
            (0..4).map(|_| scope.spawn(|| (0..5).map(|_| tour(&[])).collect::<Vec<_>>())).collect();
        batches.into_iter().flat_map(|batch| batch.join().expect("a batch of tours ran")).collect()
    });
    assert_eq!(runs.len(), 20);
    for (run, shown) in runs.iter().enumerate() {
        check_causes(shown, run + 1);
    }
}

/// The letters (no whitespace) of the program lines in a saved tour, for one
/// side (`server` or `client`), in order.
fn saved_letters(saved: &str, side: &str) -> String {
    let tag = format!("[{side}");
    saved.lines().filter(|line| line.starts_with(&tag)).flat_map(|line| line.split_whitespace()).collect()
}

/// The letters of the program lines a tour showed, for one side: in one
/// column, each line's rows (a row starting with `[` begins a line, an
/// indented row goes on with it); in two, that side's column of each row.
fn shown_letters(shown: &str, side: &str, column: Option<usize>) -> String {
    let tag = format!("[{side}");
    let mut letters = String::new();
    let mut ours = false;
    for section in shown.split("\n=== ").skip(1) {
        let rows = section.lines().skip_while(|row| !row.starts_with('[')).take_while(|row| !row.is_empty());
        for row in rows {
            let text = match column {
                None => row.to_string(),
                Some(column) => {
                    let (left, right) = split_at_column(row, column);
                    if side == "server" { left } else { right }
                }
            };
            if column.is_none() && !text.starts_with(' ') {
                ours = text.starts_with(&tag);
            }
            if column.is_some() || ours {
                letters.extend(text.split_whitespace());
            }
        }
    }
    letters
}

/// A two-column row cut at its separator: the left `column` terminal columns,
/// and what follows ` | `.
fn split_at_column(row: &str, column: usize) -> (String, String) {
    let mut used = 0;
    for (at, c) in row.char_indices() {
        if used >= column {
            let rest = &row[at..];
            let right = rest
                .strip_prefix(" | ")
                .or_else(|| rest.strip_prefix(" |"))
                .unwrap_or_else(|| panic!("a two-column row has its separator at column {column}: {row:?}"));
            return (row[..at].to_string(), right.to_string());
        }
        used += c.to_string().width();
    }
    (row.to_string(), String::new())
}

/// The widths the wrapping is checked at: one column (40 to 100), and two
/// columns of 98 (200).
const WIDTHS: [usize; 5] = [40, 60, 80, 100, 200];

/// One whole tour at one width in one language, as shown and as saved.
struct Wrapped {
    lang: &'static str,
    width: usize,
    /// The width of each of the two columns, if there are two.
    column: Option<usize>,
    shown: String,
    saved: String,
}

/// The whole tour at every width of [`WIDTHS`], in English and in Chinese
/// (asked for with --lang, whatever the locale), each with --save: run once,
/// three at a time, for every test that looks at wrapped rows.
fn wrapped_tours() -> &'static [Wrapped] {
    static TOURS: OnceLock<Vec<Wrapped>> = OnceLock::new();
    TOURS.get_or_init(|| {
        let folder = std::env::temp_dir().join(format!("tour-wrap-{}", std::process::id()));
        std::fs::create_dir_all(&folder).unwrap();
        let runs: Vec<(&'static str, usize)> =
            ["en", "zh"].into_iter().flat_map(|lang| WIDTHS.map(|width| (lang, width))).collect();
        let tours = std::thread::scope(|scope| {
            let batches: Vec<_> = runs
                .chunks(runs.len().div_ceil(3))
                .map(|batch| {
                    let folder = &folder;
                    scope.spawn(move || {
                        batch
                            .iter()
                            .map(|&(lang, width)| {
                                let file = folder.join(format!("tour-{lang}-{width}.txt"));
                                let shown = tour(&[
                                    "--lang",
                                    lang,
                                    "--width",
                                    &width.to_string(),
                                    "--save",
                                    file.to_str().unwrap(),
                                ]);
                                let saved = std::fs::read_to_string(&file).expect("--save wrote its file");
                                let column = (width >= 120).then(|| (width - 3) / 2);
                                Wrapped { lang, width, column, shown, saved }
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            batches.into_iter().flat_map(|batch| batch.join().expect("a batch of tours ran")).collect()
        });
        let _ = std::fs::remove_dir_all(&folder);
        tours
    })
}

/// The rows of a tour as the reader sees them, one column at a time: in one
/// column, every row; in two, each side's text of each row (blank ones left out).
fn column_rows(tour: &Wrapped) -> Vec<String> {
    let Some(column) = tour.column else { return tour.shown.lines().map(str::to_string).collect() };
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for section in tour.shown.split("\n=== ").skip(1) {
        let rows = section.lines().skip_while(|row| !row.starts_with('[')).take_while(|row| !row.is_empty());
        for row in rows {
            let (server, client) = split_at_column(row, column);
            for (side, text) in [(&mut left, server), (&mut right, client)] {
                if !text.trim().is_empty() {
                    side.push(text);
                }
            }
        }
    }
    left.extend(right);
    left
}

#[test]
fn long_lines_wrap_in_their_column_and_lose_no_word() {
    for tour in wrapped_tours() {
        let Wrapped { lang, width, column, shown, saved } = tour;
        for row in shown.lines() {
            assert!(
                row.width() <= *width,
                "--lang {lang} at width {width} a row is {} columns wide: {row:?}",
                row.width()
            );
        }
        for side in ["server", "client"] {
            let (kept, shown_side) = (saved_letters(saved, side), shown_letters(shown, side, *column));
            assert!(kept.len() > 1000, "the saved tour holds the {side}'s lines:\n{saved}");
            assert_eq!(
                shown_side, kept,
                "--lang {lang} at width {width}, the {side}'s lines as shown (wrapped) are not every word of \
                 the lines the programs printed (saved by --save):\n{shown}"
            );
        }
        let state = if *lang == "en" { "TCP state: " } else { "TCP 状态：" };
        assert!(saved.contains(state), "lesson 6's long state lines are shown:\n{saved}");
    }
}

/// Why a row ends inside an escape of a bytes literal (`\x` and fewer than
/// two hex digits, or a lone `\` whose letter went to the next row), if it does.
fn ends_inside_an_escape(row: &str) -> Option<&'static str> {
    let mut chars = row.trim_end().chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            continue;
        }
        match chars.next() {
            None => return Some("a lone \\ (its letter is on the next row)"),
            Some('x') => {
                for _ in 0..2 {
                    if chars.next_if(char::is_ascii_hexdigit).is_none() {
                        return Some("\\x without its two hex digits");
                    }
                }
            }
            Some(_) => {}
        }
    }
    None
}

#[test]
fn no_row_splits_a_bytes_escape() {
    // Lessons 4 and 5 send Chinese text: escapes (`\xe8\xbf...`) by the dozen.
    for tour in wrapped_tours() {
        let rows = column_rows(tour);
        assert!(rows.iter().any(|row| row.contains("\\xe8")), "the tour shows escapes:\n{}", tour.shown);
        for pair in rows.windows(2) {
            if let Some(why) = ends_inside_an_escape(&pair[0]) {
                let (lang, width) = (tour.lang, tour.width);
                let starts_with_hex = pair[1].trim_start().starts_with(|c: char| c.is_ascii_hexdigit());
                panic!(
                    "--lang {lang} at width {width}: a row ends inside an escape ({why}){}:\n{}\n{}\n\nthe \
                     whole tour:\n{}",
                    if starts_with_hex { ", the next begins with its hex digits" } else { "" },
                    pair[0],
                    pair[1],
                    tour.shown
                );
            }
        }
    }
}

/// Punctuation that closes something: no row may begin with it.
const CLOSING: &str = "）」』】》〉〕”’，。：；、！？…,.:;!?)]}";

#[test]
fn no_row_starts_with_closing_punctuation() {
    for tour in wrapped_tours() {
        let rows = column_rows(tour);
        if tour.lang == "zh" {
            assert!(rows.iter().any(|row| row.contains('）')), "a Chinese tour:\n{}", tour.shown);
        }
        for (number, row) in rows.iter().enumerate() {
            let first = row.trim_start().chars().next();
            assert!(
                !first.is_some_and(|c| CLOSING.contains(c)),
                "--lang {} at width {}: a row begins with {first:?}:\n{}\n{row}\n\nthe whole tour:\n{}",
                tour.lang,
                tour.width,
                rows[number.saturating_sub(1)],
                tour.shown
            );
        }
    }
}

/// Lesson 2's lines in an unwrapped tour, whatever the language.
fn lesson2_lines(shown: &str) -> Vec<&str> {
    let after_heading = shown.lines().skip_while(|line| !line.starts_with("=== ")).skip(1);
    after_heading.skip_while(|line| !line.starts_with('[')).take_while(|line| !line.is_empty()).collect()
}

#[test]
fn lesson2s_two_clients_are_tagged_and_each_reply_follows_its_own_sendto() {
    // Each client's numbered lines, in five tours at once; and the tags in Chinese too.
    let runs: Vec<String> = std::thread::scope(|scope| {
        let tours: Vec<_> = (0..5).map(|_| scope.spawn(|| tour(&["2", "--lang", "en"]))).collect();
        tours.into_iter().map(|run| run.join().expect("a tour ran")).collect()
    });
    let port = Regex::new(r"127\.0\.0\.1:(\d+)").unwrap();
    for (run, shown) in runs.iter().enumerate() {
        let lines = lesson2_lines(shown);
        let context = || format!("run {}:\n{}", run + 1, lines.join("\n"));
        let tagged = |tag: &str| lines.iter().filter(|line| line.starts_with(tag)).count();
        assert_eq!(tagged("[client]"), 0, "lesson 2's clients are numbered in the tour, {}", context());
        assert!(tagged("[client #1]") >= 8 && tagged("[client #2]") >= 5, "{}", context());
        assert_eq!(
            tagged("[client #1]") + tagged("[client #2]") + tagged("[server]"),
            lines.len(),
            "every line is the server's or a numbered client's, {}",
            context()
        );
        // #1 is started first, and shown first.
        let first = lines.iter().find(|line| line.starts_with("[client")).unwrap();
        assert!(first.starts_with("[client #1] 1 socket"), "client #1 comes first, {}", context());
        for (number, sent) in [(1, 2), (2, 1)] {
            let tag = format!("[client #{number}]");
            let ours = |step: &str| {
                let start = format!("{tag} {step}");
                lines
                    .iter()
                    .enumerate()
                    .filter(|(_, line)| line.starts_with(&start))
                    .map(|(i, _)| i)
                    .collect::<Vec<_>>()
            };
            let socket = lines[ours("1 socket")[0]];
            let client_port = &port.captures(socket).expect("the socket line shows its address")[1];
            let to_us = format!("to 127.0.0.1:{client_port}:");
            let server_sends: Vec<usize> = (0..lines.len())
                .filter(|&i| lines[i].starts_with("[server] 3 sendto") && lines[i].contains(&to_us))
                .collect();
            let (sendtos, recvfroms) = (ours("2 sendto"), ours("3 recvfrom"));
            assert_eq!((sendtos.len(), recvfroms.len()), (sent, sent), "{tag}: its messages, {}", context());
            assert_eq!(server_sends.len(), sent, "{tag}: the server replies to its port, {}", context());
            for k in 0..sent {
                assert!(
                    sendtos[k] < server_sends[k] && server_sends[k] < recvfroms[k],
                    "{tag}: recvfrom #{} must follow its own sendto and the server's reply to its port \
                     {client_port}, {}",
                    k + 1,
                    context()
                );
            }
        }
    }
    let chinese = tour(&["2", "--lang", "zh"]);
    let lines = lesson2_lines(&chinese);
    for tag in
        ["[client #1] 2 sendto", "[client #2] 2 sendto", "[client #1] 3 recvfrom", "[client #2] 3 recvfrom"]
    {
        assert!(lines.iter().any(|line| line.starts_with(tag)), "--lang zh shows {tag:?}:\n{chinese}");
    }
    assert!(!lines.iter().any(|line| line.starts_with("[client]")), "--lang zh:\n{chinese}");
    // --list names them as the tour tags them.
    let listed = tour(&["--list", "2", "--lang", "en"]);
    assert!(
        listed.contains("client #1: cargo run -p lesson2-client -- --message 123 --message hello")
            && listed.contains("client #2: cargo run -p lesson2-client -- --message hi"),
        "{listed}"
    );
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let plain = tour(&["1"]);
    assert!(!plain.contains('\x1b'), "into a pipe, no colour:\n{plain}");
    let coloured = tour(&["1", "--color", "always"]);
    assert!(
        coloured.contains("\x1b[1;36m[server]"),
        "--color always: the server's tag in its colour:\n{coloured:?}"
    );
    assert!(
        coloured.contains("\x1b[1;35m[client]"),
        "--color always: the client's tag in its colour:\n{coloured:?}"
    );
    assert!(
        coloured.contains("\x1b[32mb'I love jingjing'"),
        "--color always: the data in green:\n{coloured:?}"
    );
}

#[test]
fn a_chinese_tour_speaks_chinese_and_its_programs_too() {
    // The tour's own lines in Chinese; the lesson's programs got `--lang zh`
    // (the narrator's lines are Chinese); the lines it reads (`[server] 2 ...`,
    // `bytes:`) are the same in both languages, so steps and data keep their colours.
    let shown = tour(&["1", "--lang", "zh", "--color", "always"]);
    let plain = Regex::new("\x1b\\[[0-9;]*m").unwrap().replace_all(&shown, "").into_owned();
    for line in [
        "=== 第 1 课：UDP 收发一次 ===",
        "注意看：没有 listen",
        "15 字节来自 127.0.0.1:",
        "第 1 课到此结束。",
    ] {
        assert!(plain.contains(line), "tour 1 --lang zh shows {line:?}:\n{plain}");
    }
    assert!(!plain.contains("=== lesson 1"), "no English heading in a Chinese tour:\n{plain}");
    assert!(shown.contains("\x1b[1m2 sendto\x1b[0m"), "a step's name in bold:\n{shown:?}");
    assert!(shown.contains("：\x1b[32mb'I love jingjing'"), "the sent bytes in green:\n{shown:?}");
    assert!(shown.contains("bytes: \x1b[32mb'Ich hab keine Hunge'"), "the data in green:\n{shown:?}");
    // `--lang en` wins over a Chinese environment, for the tour and for its programs.
    let english = client("tour")
        .args(["1", "--lang", "en"])
        .env("LC_ALL", "zh_CN.UTF-8")
        .timeout(TOUR)
        .assert()
        .success();
    let english = String::from_utf8_lossy(&english.get_output().stdout).into_owned();
    assert!(
        english.contains("=== lesson 1: UDP once ===") && english.contains("15 bytes from 127.0.0.1:"),
        "tour 1 --lang en in a Chinese environment speaks English:\n{english}"
    );
}

/// The tour hands its language to every program it starts, explicitly, after
/// `--color never`: checked with a copy of the tour whose lesson 1 programs
/// are scripts that note their arguments (so this holds whatever the lesson
/// programs print).
#[cfg(unix)]
#[test]
fn the_tour_passes_its_language_to_every_program() {
    use std::os::unix::fs::PermissionsExt;
    let real = course_tests::program("tour");
    // The copy sits in a folder named like the real one (`debug`): the tour
    // builds the workspace in that profile, then takes its programs from its own folder.
    let profile = real.parent().and_then(Path::file_name).expect("the tour is in a profile's folder");
    let top = std::env::temp_dir().join(format!("tour-lang-{}", std::process::id()));
    let folder = top.join(profile);
    std::fs::create_dir_all(&folder).unwrap();
    let copy = folder.join("tour");
    std::fs::copy(&real, &copy).unwrap();
    let programs = [
        ("lesson1-server", "[server] 1 socket+bind  bound to 127.0.0.1:9"),
        ("lesson1-client", "[client] 4 close"),
    ];
    for (name, line) in programs {
        let script = folder.join(name);
        std::fs::write(&script, format!("#!/bin/sh\nprintf '%s ' \"$@\" > \"$0.args\"\necho '{line}'\n"))
            .unwrap();
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    for (args, env, lang) in [
        (&["1", "--lang", "zh"][..], "C", "zh"),
        (&["1", "--lang", "en"][..], "zh_CN.UTF-8", "en"),
        (&["1"][..], "zh_CN.UTF-8", "zh"), // the environment's choice, passed on explicitly
    ] {
        course_tests::Client::new(&copy, "tour")
            .args(args)
            .env("LC_ALL", env)
            .timeout(TOUR)
            .assert()
            .success();
        for (name, _) in programs {
            let given = std::fs::read_to_string(folder.join(format!("{name}.args"))).unwrap();
            assert!(
                given.ends_with(&format!("--color never --lang {lang} ")),
                "tour {args:?} (LC_ALL={env}) started {name} with {given:?}, not ending in --lang {lang}"
            );
            std::fs::remove_file(folder.join(format!("{name}.args"))).unwrap();
        }
    }
    let _ = std::fs::remove_dir_all(top);
}

#[test]
#[cfg_attr(no_private_network, ignore = "needs a private network namespace: Linux, unshare -rn and ip")]
fn the_tour_with_wire_draws_lesson_6_s_packets_between_its_lines() {
    let out = std::process::Command::new(course_tests::program("tour"))
        .args(["6", "--wire", "--lang", "en", "--color", "never"])
        .output()
        .expect("the tour runs");
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{shown}\n{}", String::from_utf8_lossy(&out.stderr));
    let packets: Vec<&str> = shown.lines().filter_map(|line| line.strip_prefix("[wire]   ")).collect();
    assert_eq!(
        packets,
        [
            "client → server  SYN",
            "server → client  SYN-ACK",
            "client → server  ACK",
            "client → server  5 bytes",
            "client → server  FIN",
            "server → client  ACK (of the FIN)",
            "server → client  27 bytes",
            "server → client  FIN",
            "client → server  ACK (of the FIN)",
        ],
        "{shown}"
    );
    // Each packet after the line of the call that sent it.
    let at = |start: &str| shown.lines().position(|line| line.starts_with(start)).expect(start);
    assert!(at("[client] 3 send") < at("[wire]   client → server  5 bytes"), "{shown}");
    assert!(at("[client] 4 shutdown") < at("[wire]   client → server  FIN"), "{shown}");
    assert!(at("[server] 7 send") < at("[wire]   server → client  27 bytes"), "{shown}");
}
