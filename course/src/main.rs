//! The learner's companion to the exercises: where you stand, the next one,
//! its hints one at a time, and a watch mode that checks it on every save.
//!
//! Run it:   cargo run -p course                  every exercise: done, failing or not started
//!           cargo run -p course -- hint 4.1      the next hint for exercise 4.1 (three each)
//!           cargo run -p course -- check 4.1     check one exercise, its first failure in full
//!           cargo run -p course -- watch         check again the exercise whose file you save
//!
//! The exercises are found in the course itself: every `lessons/*/exercises/tests/NAME.rs`
//! is one, its starter is `src/NAME.rs` (its title in its first doc lines,
//! `//! Exercise N.M: title.` and `//! 练习 N.M：标题。`), and its
//! hints are the `## N.M NAME` section of the lesson's `hints.md`, which a
//! teacher can edit (in Chinese, `--lang zh`, of its `hints.zh.md`: a section
//! missing there is taken from `hints.md`). A check is the exercise's own test, with a deadline:
//! nothing here waits forever (built first, then run for at most 60 s, or
//! `COURSE_TEST_DEADLINE` seconds: past that, "your code did not finish").
//! It runs in the language chosen here (`LC_ALL` for the test run), so that
//! its failure messages speak it too. Until the learner has asked for a hint,
//! a failure shown never gives a piece of the reference solution away: a
//! line that would is cut before it, and points at `hint`.
//!
//! A teacher can look at a learner's clone with `COURSE_ROOT=/path/to/clone`.
//! The hints shown are remembered in `target/course/hints-shown` (or in
//! `$COURSE_STATE_DIR`).

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand};
use colored::Colorize;
use shared::lang::{self, Lang};
use shared::{ColorChoice, tr};
use unicode_width::UnicodeWidthStr;

/// The longest the build of one check may take; past it the check is
/// stopped and reported as hanging.
/// What this program says, in English and Chinese (`locales/`).
static TEXTS: lang::Texts = shared::texts!("locales");

const CHECK_DEADLINE: Duration = Duration::from_secs(180);

/// The longest the exercise's tests may run, once built (each of them waits
/// at most a few seconds for the learner's code): past it the learner's code
/// did not finish (a hang, an endless loop, a sleep), and the run is stopped.
/// `COURSE_TEST_DEADLINE` (in seconds) changes it.
const TEST_DEADLINE: Duration = Duration::from_secs(60);

/// The test deadline: [`TEST_DEADLINE`], or `COURSE_TEST_DEADLINE` seconds.
fn test_deadline() -> Duration {
    std::env::var("COURSE_TEST_DEADLINE")
        .ok()
        .and_then(|seconds| seconds.parse().ok())
        .map_or(TEST_DEADLINE, Duration::from_secs)
}

/// A message of this tool's own in the chosen language (the course's
/// messages are in `locales/` beside this crate; these are the checks' own).
fn say(en: String, zh: String) -> String {
    match lang::current() {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// The exercises, where you stand, and help when you are stuck.
#[derive(Parser)]
#[command(version, about)]
struct Args {
    #[command(subcommand)]
    command: Option<Action>,

    /// Colour the output: auto colours a terminal unless NO_COLOR is set
    #[arg(long, value_enum, default_value_t, global = true)]
    color: ColorChoice,

    /// Language of the explanations: en or zh (default: zh if LC_ALL, LC_MESSAGES or LANG starts with zh); --help stays in English
    #[arg(long, value_enum, global = true)]
    lang: Option<Lang>,
}

#[derive(Subcommand)]
enum Action {
    /// Every exercise, done, failing or not started, and the next one to do (the default)
    Progress,
    /// The next hint for an exercise: a nudge first, nearly the answer last
    Hint {
        /// The exercise's number, as the chapter gives it: 4.1
        exercise: String,
        /// Show the last hint shown again, not the next one
        #[arg(long)]
        again: bool,
    },
    /// Check one exercise and show its first failure in full
    Check {
        /// The exercise's number: 4.1
        exercise: String,
        /// Check the reference solution instead (for teachers)
        #[arg(long)]
        solution: bool,
    },
    /// Check an exercise (first the one given, else the first) again each time its file is saved; a save of another exercise's file checks that one
    Watch {
        /// The exercise's number: 4.1
        exercise: Option<String>,
    },
}

/// One exercise of the course.
struct Exercise {
    /// `4.1`: lesson 4, exercise 1.
    number: String,
    /// The file name of its starter and its test, without `.rs`: `line_framing`.
    name: String,
    /// Its package: `lesson4-exercises`.
    package: String,
    /// What it asks, from the starter's doc lines: in English, and in
    /// Chinese if the starter has a `练习` line.
    title: String,
    title_zh: Option<String>,
    /// The file the learner edits.
    starter: PathBuf,
    hints: Vec<String>,
}

impl Exercise {
    /// Its title in the chosen language (English where no Chinese is given).
    fn title(&self) -> &str {
        match lang::current() {
            Lang::Zh => self.title_zh.as_deref().unwrap_or(&self.title),
            Lang::En => &self.title,
        }
    }

    /// The lesson's `exercises/` folder.
    fn folder(&self) -> Option<&Path> {
        self.starter.parent().and_then(Path::parent)
    }

    fn command(&self) -> String {
        format!("cargo test -p {} --test {}", self.package, self.name)
    }

    /// Sorts 1.2 before 1.10.
    fn order(&self) -> (u32, u32) {
        let (lesson, exercise) = self.number.split_once('.').unwrap_or((&self.number, "0"));
        (lesson.parse().unwrap_or(0), exercise.parse().unwrap_or(0))
    }
}

/// Where an exercise stands.
enum Status {
    /// Its `todo!()` is still in place.
    NotStarted,
    /// Its check fails: the first failure, in full.
    Failing(String),
    Done,
}

fn main() -> ExitCode {
    let args = Args::parse();
    lang::choose(args.lang, &[&TEXTS]);
    colored::control::set_override(args.color.enabled(std::io::IsTerminal::is_terminal(&std::io::stdout())));
    // Another copy of the course (a learner's clone, for a teacher) with COURSE_ROOT.
    let root = std::env::var_os("COURSE_ROOT")
        .map_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".."), PathBuf::from);
    let exercises = match find_exercises(&root) {
        Ok(exercises) => exercises,
        Err(err) => return fail(&err),
    };
    let result = match args.command.unwrap_or(Action::Progress) {
        Action::Progress => progress(&root, &exercises),
        Action::Hint { exercise, again } => find(&exercises, &exercise).and_then(|e| hint(&root, e, again)),
        Action::Check { exercise, solution } => find(&exercises, &exercise).and_then(|e| {
            let status = check(&root, e, solution);
            show_check(&root, e, &status);
            if matches!(status, Status::Done) { Ok(()) } else { Err(String::new()) }
        }),
        Action::Watch { exercise } => watch(&root, &exercises, exercise.as_deref()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if err.is_empty() => ExitCode::FAILURE, // said already
        Err(err) => fail(&err),
    }
}

fn fail(err: &str) -> ExitCode {
    eprintln!("{} {err}", tr!("course-error").red().bold());
    ExitCode::FAILURE
}

/// Every exercise of the course, in order.
fn find_exercises(root: &Path) -> Result<Vec<Exercise>, String> {
    let mut exercises = Vec::new();
    let lessons = std::fs::read_dir(root.join("lessons"))
        .map_err(|err| tr!("course-no-lessons", err = err.to_string()))?;
    for lesson in lessons.flatten() {
        let folder = lesson.path().join("exercises");
        let Ok(manifest) = std::fs::read_to_string(folder.join("Cargo.toml")) else { continue };
        let package = manifest
            .lines()
            .find_map(|line| line.strip_prefix("name = \"")?.strip_suffix('"'))
            .ok_or_else(|| tr!("course-no-package", folder = folder.display().to_string()))?
            .to_string();
        let read_hints = |file: &str| {
            std::fs::read_to_string(folder.join(file)).map(|text| parse_hints(&text)).unwrap_or_default()
        };
        let hints = read_hints("hints.md");
        // In Chinese, the hints of `hints.zh.md`, section by section, where it has them.
        let translated = match lang::current() {
            Lang::Zh => read_hints("hints.zh.md"),
            Lang::En => BTreeMap::new(),
        };
        for test in std::fs::read_dir(folder.join("tests")).into_iter().flatten().flatten() {
            let path = test.path();
            let Some(name) = path.file_stem().and_then(|stem| stem.to_str()).map(str::to_string) else {
                continue;
            };
            if path.extension().is_none_or(|extension| extension != "rs") {
                continue;
            }
            let starter = folder.join("src").join(format!("{name}.rs"));
            // The number comes from the test, which the learner does not edit
            // ("Checks exercise 4.1 ..."), or else from the hints' heading.
            let test_text = std::fs::read_to_string(&path).unwrap_or_default();
            let from_test = test_text.split_once("exercise ").map(|(_, rest)| number_at(rest));
            let from_hints =
                hints.iter().find(|(_, (hint_name, _))| *hint_name == name).map(|(n, _)| n.clone());
            let Some(number) = from_test.filter(|n| !n.is_empty()).or(from_hints) else {
                return Err(tr!("course-no-number", test = path.display().to_string()));
            };
            // The title, from the starter's doc lines: "//! Exercise 4.1: line framing, ..."
            // and "//! 练习 4.1：按行分帧……".
            let text = std::fs::read_to_string(&starter).unwrap_or_default();
            let title_in = |prefix: &str, colon: &str, end: char| {
                text.lines().find_map(|line| {
                    let (_, title) = line.strip_prefix(prefix)?.split_once(colon)?;
                    Some(title.trim().trim_end_matches(end).to_string())
                })
            };
            let title = title_in("//! Exercise ", ": ", '.').unwrap_or_else(|| name.replace('_', " "));
            let title_zh = title_in("//! 练习 ", "：", '。');
            let hints = [&translated, &hints]
                .into_iter()
                .find_map(|all| all.get(&number).map(|(_, hints)| hints).filter(|hints| !hints.is_empty()))
                .cloned()
                .unwrap_or_default();
            exercises.push(Exercise {
                number,
                name,
                package: package.clone(),
                title,
                title_zh,
                starter,
                hints,
            });
        }
    }
    exercises.sort_by_key(Exercise::order);
    Ok(exercises)
}

/// The exercise number at the start of `text`: `4.1` in "4.1 (src/...".
fn number_at(text: &str) -> String {
    let number: String = text.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    number.trim_end_matches('.').to_string()
}

/// The hints of a lesson's `hints.md` (or `hints.zh.md`): for each `## N.M NAME`
/// heading, its exercise's name and the numbered items under it (an item goes
/// on over indented or wrapped lines until the next number; a line break between
/// two Chinese characters joins without a space).
fn parse_hints(text: &str) -> BTreeMap<String, (String, Vec<String>)> {
    let mut all = BTreeMap::new();
    let mut current: Option<(String, String, Vec<String>)> = None;
    for line in text.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            if let Some((number, name, hints)) = current.take() {
                all.insert(number, (name, hints));
            }
            let (number, name) = heading.split_once(' ').unwrap_or((heading, ""));
            current = Some((number.to_string(), name.trim().to_string(), Vec::new()));
            continue;
        }
        let Some((_, _, hints)) = current.as_mut() else { continue };
        let trimmed = line.trim();
        let item =
            trimmed.split_once(". ").filter(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
        match item {
            Some((_, text)) if !line.starts_with(' ') => hints.push(text.to_string()),
            _ if trimmed.is_empty() => {}
            _ => {
                if let Some(last) = hints.last_mut() {
                    // No space after Chinese punctuation, nor between two Chinese characters.
                    let joined = last.ends_with(is_punctuation)
                        || (last.ends_with(is_wide) && trimmed.starts_with(is_wide));
                    if !joined {
                        last.push(' ');
                    }
                    last.push_str(trimmed);
                }
            }
        }
    }
    if let Some((number, name, hints)) = current {
        all.insert(number, (name, hints));
    }
    all
}

/// Whether a character is Chinese (or Chinese punctuation).
fn is_wide(c: char) -> bool {
    matches!(c, '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}')
}

/// Whether a character is full-width punctuation (，。：；？！（）、).
fn is_punctuation(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}')
}

fn find<'a>(exercises: &'a [Exercise], number: &str) -> Result<&'a Exercise, String> {
    exercises.iter().find(|e| e.number == number || e.name == number).ok_or_else(|| {
        let known: Vec<_> = exercises.iter().map(|e| e.number.as_str()).collect();
        tr!("course-no-such-exercise", number = number, known = known.join(", "))
    })
}

/// Where an exercise stands: not started while its `todo!()` is in place,
/// otherwise what its check says.
fn status(root: &Path, exercise: &Exercise) -> Status {
    let text = std::fs::read_to_string(&exercise.starter).unwrap_or_default();
    if text.contains("todo!(") {
        return Status::NotStarted;
    }
    check(root, exercise, false)
}

/// The locale a check runs in, so that the exercise's tests (which choose
/// their language as every program of the course does: `LC_ALL` first) speak
/// the language chosen here.
fn locale(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "C.UTF-8",
        Lang::Zh => "zh_CN.UTF-8",
    }
}

/// Runs the exercise's test (on the starter, or with `solution` on the
/// reference solution) with a deadline, in the chosen language.
///
/// It builds the test first (`--no-run`, within [`CHECK_DEADLINE`]), then runs
/// it within the test deadline: a learner's code that never finishes is
/// stopped, and said to be the reason.
fn check(root: &Path, exercise: &Exercise, solution: bool) -> Status {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let command = |build_only: bool| {
        let mut command = Command::new(&cargo);
        command
            .env("LC_ALL", locale(lang::current()))
            // Each panic's message, not a backtrace that would end the first
            // failure at the first panic (a todo!() in a thread of the test's)
            // and leave out the test's own message.
            .env("RUST_BACKTRACE", "0")
            .args(["test", "-q", "--color", "never", "-p", &exercise.package, "--test", &exercise.name])
            .args(solution.then_some(["--features", "solution"]).into_iter().flatten())
            .args(build_only.then_some("--no-run"))
            .arg("--manifest-path")
            .arg(root.join("Cargo.toml"))
            .stdin(Stdio::null());
        command
    };
    match run_with_deadline(command(true), CHECK_DEADLINE) {
        Ok((true, _)) => {}
        Ok((false, output)) => return Status::Failing(first_failure(&output)),
        Err(err) => return Status::Failing(err),
    }
    let deadline = test_deadline();
    match run_with_deadline(command(false), deadline) {
        Ok((true, _)) => Status::Done,
        Ok((false, output)) => Status::Failing(first_failure(&output)),
        Err(_) => {
            let seconds = deadline.as_secs();
            Status::Failing(say(
                format!(
                    "your code did not finish in {seconds} s, and its test was stopped: does it wait for \
                     something that never comes (a read with no deadline, a join on a thread that loops), \
                     loop without end, or sleep?"
                ),
                format!(
                    "你的代码在 {seconds} 秒内没有结束，它的测试已被停止：它是不是在等一个永远不会来的东西\
                     （没有超时的读取，或者 join 一个一直循环的线程），或者无休止地循环，或者在睡眠？"
                ),
            ))
        }
    }
}

/// Runs `command` to its end, or stops it (and everything it started) at the
/// deadline. Returns whether it succeeded, and its output and errors.
fn run_with_deadline(mut command: Command, deadline: Duration) -> Result<(bool, String), String> {
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|err| tr!("course-cannot-run-cargo", err = err.to_string()))?;
    let (sender, output) = mpsc::channel();
    for stream in [
        child.stdout.take().map(|s| Box::new(s) as Box<dyn Read + Send>),
        child.stderr.take().map(|s| Box::new(s) as Box<dyn Read + Send>),
    ]
    .into_iter()
    .flatten()
    {
        let sender = sender.clone();
        thread::spawn(move || {
            let mut text = Vec::new();
            let mut stream = stream;
            let _ = stream.read_to_end(&mut text);
            let _ = sender.send(String::from_utf8_lossy(&text).into_owned());
        });
    }
    drop(sender);
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() < deadline => thread::sleep(Duration::from_millis(50)),
            Ok(None) | Err(_) => {
                #[cfg(unix)]
                let _ = Command::new("kill").args(["-KILL", "--", &format!("-{}", child.id())]).status();
                let _ = child.kill();
                let _ = child.wait();
                return Err(tr!("course-check-hung", seconds = deadline.as_secs()));
            }
        }
    };
    Ok((status.success(), output.iter().collect::<Vec<_>>().join("\n")))
}

/// The first failure in a test run's output, in full: the first compiler
/// error, or the first failed test's message.
fn first_failure(output: &str) -> String {
    let lines: Vec<&str> = output.lines().collect();
    let failed_test = |line: &&str| line.starts_with("---- ") && line.ends_with(" stdout ----");
    if let Some(start) = lines.iter().position(failed_test) {
        let end = lines[start + 1..]
            .iter()
            .position(|line| line.starts_with("---- ") || *line == "failures:")
            .map_or(lines.len(), |at| start + 1 + at);
        let block: Vec<&str> = lines[start..end]
            .iter()
            .copied()
            .take_while(|line| !line.starts_with("stack backtrace:"))
            .collect();
        return block.join("\n").trim_end().to_string();
    }
    let compiler_error = |line: &&str| {
        line.starts_with("error")
            && !line.starts_with("error: test failed")
            && !line.starts_with("error: could not compile")
    };
    if let Some(start) = lines.iter().position(compiler_error) {
        let end = lines[start + 1..]
            .iter()
            .position(|line| line.starts_with("error") || line.starts_with("warning"))
            .map_or(lines.len(), |at| start + 1 + at);
        return format!(
            "{}\n{}",
            tr!("course-does-not-compile"),
            lines[start..end.min(start + 60)].join("\n")
        );
    }
    let tail = lines.len().saturating_sub(30);
    lines[tail..].join("\n")
}

/// Every exercise with where it stands, a bar, and the next one to do.
fn progress(root: &Path, exercises: &[Exercise]) -> Result<(), String> {
    let bar = indicatif::ProgressBar::new(exercises.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template(&format!(
            "{} {{msg:<24}} [{{bar:30}}] {{pos}}/{{len}}",
            tr!("course-checking")
        ))
        .map_err(|err| err.to_string())?
        .progress_chars("#>-"),
    );
    let mut statuses = Vec::new();
    for exercise in exercises {
        bar.set_message(format!("{} {}", exercise.number, exercise.name));
        statuses.push(status(root, exercise));
        bar.inc(1);
    }
    bar.finish_and_clear();

    // The statuses, each padded to the widest (Chinese characters take two columns).
    let labels = [tr!("course-status-done"), tr!("course-status-failing"), tr!("course-status-not-started")];
    let widest = labels.iter().map(|label| label.width()).max().unwrap_or(0);
    let [done, failing, not_started] =
        labels.map(|label| format!("{label}{}", " ".repeat(widest - label.width())));
    let mut lesson = None;
    for (exercise, status) in exercises.iter().zip(&statuses) {
        let this = exercise.number.split('.').next();
        if lesson != this {
            println!("{}", tr!("course-lesson", number = this.unwrap_or("?")));
            lesson = this;
        }
        let label = match status {
            Status::Done => done.green().to_string(),
            Status::Failing(_) => failing.red().to_string(),
            Status::NotStarted => not_started.dimmed().to_string(),
        };
        println!("  {label}  {:<5} {}", exercise.number, exercise.title());
    }
    let done = statuses.iter().filter(|s| matches!(s, Status::Done)).count();
    let filled = done * 30 / exercises.len().max(1);
    println!();
    println!(
        "[{}{}] {}",
        "#".repeat(filled).green(),
        "-".repeat(30 - filled),
        tr!("course-done-of", done = done, total = exercises.len())
    );
    match exercises.iter().zip(&statuses).find(|(_, status)| !matches!(status, Status::Done)) {
        Some((exercise, status)) => {
            println!();
            let number = exercise.number.bold().to_string();
            println!("{}", tr!("course-next", number = number, title = exercise.title()));
            println!("  {}", tr!("course-next-edit", file = shown(root, &exercise.starter)));
            println!("  {}", tr!("course-next-check", command = exercise.command()));
            println!("  {}", tr!("course-next-stuck", number = &exercise.number));
            println!("  {}", tr!("course-next-watch"));
            if let Status::Failing(failure) = status {
                println!();
                println!("{}", tr!("course-first-failure"));
                println!("{}", without_the_answer(root, exercise, failure));
            }
        }
        None => println!("{}", tr!("course-all-done")),
    }
    Ok(())
}

/// A path as the learner sees it: from the course's top folder.
fn shown(root: &Path, path: &Path) -> String {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    path.strip_prefix(&root).unwrap_or(&path).display().to_string()
}

/// Where the hints already shown are remembered: `target/course/hints-shown`,
/// or `$COURSE_STATE_DIR/hints-shown`.
fn hints_file(root: &Path) -> PathBuf {
    let folder = std::env::var_os("COURSE_STATE_DIR")
        .map_or_else(|| root.join("target").join("course"), PathBuf::from);
    folder.join("hints-shown")
}

/// Shows the next hint of `exercise` (or, with `again`, the last one shown).
fn hint(root: &Path, exercise: &Exercise, again: bool) -> Result<(), String> {
    if exercise.hints.is_empty() {
        return Err(tr!("course-no-hints", number = &exercise.number, name = &exercise.name));
    }
    let file = hints_file(root);
    let text = std::fs::read_to_string(&file).unwrap_or_default();
    let mut shown: BTreeMap<String, usize> = text
        .lines()
        .filter_map(|line| line.split_once(' '))
        .filter_map(|(number, count)| Some((number.to_string(), count.parse().ok()?)))
        .collect();
    let before = shown.get(&exercise.number).copied().unwrap_or(0);
    let total = exercise.hints.len();
    let which = if again { before.max(1) } else { before + 1 };
    if which > total {
        println!("{}", tr!("course-no-more-hints", number = &exercise.number, total = total));
        println!("  {}", tr!("course-last-again", number = &exercise.number));
        println!("  {}", tr!("course-solution", file = shown_solution(root, exercise)));
        return Ok(());
    }
    let number = exercise.number.bold().to_string();
    let heading =
        tr!("course-hint-heading", which = which, total = total, number = number, title = exercise.title());
    println!("{heading}");
    println!();
    println!("  {}", exercise.hints[which - 1]);
    if which < total {
        println!();
        println!("{}", tr!("course-next-hint", number = &exercise.number));
    }
    shown.insert(exercise.number.clone(), which);
    let folder = file.parent().unwrap_or(root);
    std::fs::create_dir_all(folder).map_err(|err| {
        tr!("course-cannot-remember", file = folder.display().to_string(), err = err.to_string())
    })?;
    let text: String = shown.iter().map(|(number, count)| format!("{number} {count}\n")).collect();
    std::fs::write(&file, text).map_err(|err| {
        tr!("course-cannot-remember", file = file.display().to_string(), err = err.to_string())
    })
}

fn shown_solution(root: &Path, exercise: &Exercise) -> String {
    let solution = exercise
        .starter
        .parent()
        .and_then(Path::parent)
        .map(|folder| folder.join("solutions").join(format!("{}.rs", exercise.name)));
    solution.map_or_else(String::new, |path| shown(root, &path))
}

/// The shortest run of a reference solution's line that gives it away.
const GIVEAWAY: usize = 16;

/// The pieces of the reference solution a failure must not show before the
/// learner asked for a hint: its lines of code that the starter does not
/// have already (doc lines and comments left out), each at least [`GIVEAWAY`]
/// characters long.
fn answer_lines(exercise: &Exercise) -> Vec<String> {
    let Some(folder) = exercise.folder() else { return Vec::new() };
    let solution = std::fs::read_to_string(folder.join("solutions").join(format!("{}.rs", exercise.name)))
        .unwrap_or_default();
    let starter = std::fs::read_to_string(&exercise.starter).unwrap_or_default();
    let starter_lines: Vec<&str> = starter.lines().map(str::trim).collect();
    solution
        .lines()
        .map(|line| line.split_once("//").map_or(line, |(code, _)| code).trim())
        .filter(|line| line.chars().count() >= GIVEAWAY && !starter_lines.contains(line))
        .map(str::to_string)
        .collect()
}

/// Where in `text` a run of [`GIVEAWAY`] characters of one of the `answers`
/// (one the starter does not hold already) first shows, if it does.
fn giveaway_at(text: &str, answers: &[String], starter: &str) -> Option<usize> {
    answers
        .iter()
        .flat_map(|answer| {
            let chars: Vec<(usize, char)> = answer.char_indices().collect();
            (0..=chars.len().saturating_sub(GIVEAWAY)).map(move |start| {
                let from = chars[start].0;
                let to = chars.get(start + GIVEAWAY).map_or(answer.len(), |(at, _)| *at);
                &answer[from..to]
            })
        })
        .filter(|piece| !starter.contains(piece))
        .filter_map(|piece| text.find(piece))
        .min()
}

/// A failure as the learner may see it before asking for a hint: a line that
/// would show a piece of the reference solution is cut before it (after its
/// last punctuation), and says where the answer is to be had. Once a hint for
/// the exercise was shown, the failure is shown whole.
fn without_the_answer(root: &Path, exercise: &Exercise, failure: &str) -> String {
    if hints_shown(root, &exercise.number) > 0 {
        return failure.to_string();
    }
    let answers = answer_lines(exercise);
    let starter = std::fs::read_to_string(&exercise.starter).unwrap_or_default();
    let hidden = say(
        format!("[the rest would give the answer away: cargo run -p course -- hint {}]", exercise.number),
        format!("[后面的内容会直接给出答案：cargo run -p course -- hint {}]", exercise.number),
    );
    failure
        .lines()
        .map(|line| match giveaway_at(line, &answers, &starter) {
            None => line.to_string(),
            Some(at) => {
                let kept = &line[..at];
                let cut = kept
                    .rfind([':', ',', ';', '.', '：', '，', '；', '。'])
                    .map_or(kept.len(), |end| end + kept[end..].chars().next().map_or(0, char::len_utf8));
                let kept = line[..cut].trim_end();
                let space = if kept.ends_with(is_wide) { "" } else { " " };
                format!("{kept}{space}{hidden}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// How many hints of the exercise `number` were shown.
fn hints_shown(root: &Path, number: &str) -> usize {
    let text = std::fs::read_to_string(hints_file(root)).unwrap_or_default();
    text.lines()
        .filter_map(|line| line.split_once(' '))
        .find(|(shown, _)| *shown == number)
        .and_then(|(_, count)| count.parse().ok())
        .unwrap_or(0)
}

fn show_check(root: &Path, exercise: &Exercise, status: &Status) {
    match status {
        Status::Done => {
            let passes = tr!("course-check-passes", number = &exercise.number, title = exercise.title());
            println!("{} {passes}", tr!("course-check-done").green().bold())
        }
        Status::Failing(failure) => {
            println!(
                "{} {} {} ({})",
                tr!("course-check-failing").red().bold(),
                exercise.number,
                exercise.title(),
                exercise.command()
            );
            println!("{}", without_the_answer(root, exercise, failure));
        }
        Status::NotStarted => {
            println!("{} {} {}", tr!("course-check-not-started").dimmed(), exercise.number, exercise.title())
        }
    }
}

/// Checks an exercise, then again each time a file of the exercises is
/// saved: the exercise whose file was saved (its starter, test, solution or
/// known-wrong ones), or, for a file of no one exercise (a lesson's `lib.rs`,
/// `Cargo.toml`), the one checked last. When it passes, goes on to the next.
fn watch(root: &Path, exercises: &[Exercise], start: Option<&str>) -> Result<(), String> {
    let mut at = match start {
        Some(number) => {
            let exercise = find(exercises, number)?;
            exercises.iter().position(|e| e.number == exercise.number).unwrap_or(0)
        }
        None => 0,
    };
    let (sender, saved) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && matches!(event.kind, notify::EventKind::Modify(_) | notify::EventKind::Create(_))
        {
            let _ = sender.send(event.paths);
        }
    })
    .map_err(|err| tr!("course-cannot-watch-files", err = err.to_string()))?;
    notify::Watcher::watch(&mut watcher, &root.join("lessons"), notify::RecursiveMode::Recursive)
        .map_err(|err| tr!("course-cannot-watch-lessons", err = err.to_string()))?;
    println!("{}", tr!("course-watching"));
    loop {
        let Some(exercise) = exercises.get(at) else {
            println!("{}", tr!("course-rest-done"));
            return Ok(());
        };
        println!();
        println!("== {} {} ({})", exercise.number.bold(), exercise.title(), shown(root, &exercise.starter));
        let status = check(root, exercise, false);
        show_check(root, exercise, &status);
        if matches!(status, Status::Done) {
            at += 1;
            continue;
        }
        println!("{}", tr!("course-watch-stuck", number = &exercise.number));
        // Wait for a save of an exercise's source, then let a burst of saves
        // settle; the last exercise saved is the one to check.
        let mut changed = loop {
            let paths: Vec<PathBuf> = saved.recv().map_err(|_| tr!("course-watcher-stopped"))?;
            if paths.iter().any(|path| is_exercise_source(path)) {
                break paths;
            }
        };
        while let Ok(paths) = saved.recv_timeout(Duration::from_millis(300)) {
            changed.extend(paths.into_iter().filter(|path| is_exercise_source(path)));
        }
        if let Some(which) = changed.iter().rev().find_map(|path| exercise_of(exercises, path)) {
            at = which;
        }
    }
}

/// Which exercise a saved file belongs to: `src/NAME.rs`, `tests/NAME.rs`,
/// `solutions/NAME.rs`, `bin/NAME.rs` or `wrong/NAME/*.rs` of a lesson's
/// `exercises/` folder is exercise NAME's.
fn exercise_of(exercises: &[Exercise], path: &Path) -> Option<usize> {
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    exercises.iter().position(|exercise| {
        let Some(folder) = exercise.folder() else { return false };
        let folder = folder.canonicalize().unwrap_or_else(|_| folder.to_path_buf());
        let Ok(inside) = path.strip_prefix(&folder) else { return false };
        let parts: Vec<&str> = inside.iter().filter_map(|part| part.to_str()).collect();
        let file = format!("{}.rs", exercise.name);
        match parts.as_slice() {
            [kind, name] => ["src", "tests", "solutions", "bin"].contains(kind) && *name == file,
            ["wrong", name, _] => *name == exercise.name,
            _ => false,
        }
    })
}

/// Whether a saved file can change an exercise's result: its sources, not
/// what the build writes.
fn is_exercise_source(path: &Path) -> bool {
    let text = path.to_string_lossy();
    text.contains("/exercises/") && path.extension().is_some_and(|e| e == "rs" || e == "toml")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_are_read_one_per_number() {
        let text = "# Lesson 4 hints\n\nintro\n\n## 4.1 line_framing\n\n1. First.\n2. Second,\n   going on.\n3. Third.\n\n## 4.2 stop_on_zero\n\n1. Only.\n";
        let hints = parse_hints(text);
        assert_eq!(
            hints["4.1"],
            ("line_framing".to_string(), vec!["First.".into(), "Second, going on.".into(), "Third.".into()])
        );
        assert_eq!(hints["4.2"].1, ["Only."]);
        let text = "## 4.1 line_framing\n\n1. 一次读取\n   不是一行。\n2. 用 `pending`\n   缓冲区，\n   `b'\\n'` 之前。\n";
        assert_eq!(
            parse_hints(text)["4.1"].1,
            ["一次读取不是一行。", "用 `pending` 缓冲区，`b'\\n'` 之前。"]
        );
    }

    #[test]
    fn each_chinese_hints_file_has_the_sections_and_hints_of_its_english_one() {
        let lessons = Path::new(env!("CARGO_MANIFEST_DIR")).join("../lessons");
        let mut translated = 0;
        for lesson in std::fs::read_dir(lessons).unwrap().flatten() {
            let folder = lesson.path().join("exercises");
            let Ok(chinese) = std::fs::read_to_string(folder.join("hints.zh.md")) else { continue };
            let english = parse_hints(&std::fs::read_to_string(folder.join("hints.md")).unwrap());
            let shape = |hints: &BTreeMap<String, (String, Vec<String>)>| -> Vec<(String, String, usize)> {
                hints
                    .iter()
                    .map(|(number, (name, items))| (number.clone(), name.clone(), items.len()))
                    .collect()
            };
            let chinese = parse_hints(&chinese);
            assert_eq!(
                shape(&chinese),
                shape(&english),
                "{}: hints.zh.md against hints.md",
                folder.display()
            );
            translated += 1;
        }
        assert!(translated >= 6, "{translated} lessons have hints.zh.md");
    }

    /// The shortest line of a reference solution (once its spaces are out)
    /// that a hint before the last may not quote: shorter ones (`}`,
    /// `Ok(())`, `n == 0`, `loop {`) give nothing away.
    const QUOTE: usize = 12;

    /// A line of code as a hint is searched for it: no comment, no spaces,
    /// and no `;`, `?`, `,` or `{` at its end (`recv_from(&mut buf)?;` is
    /// quoted as well by `recv_from(&mut buf)`).
    fn code_of(line: &str) -> String {
        let code = line.split_once("//").map_or(line, |(code, _)| code);
        let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
        code.trim_end_matches([';', '?', ',', '{']).to_string()
    }

    /// The lines of a reference solution that no hint before the last may
    /// quote: its line number, the line (without its comment), and its code
    /// (see [`code_of`]) with, for a `let`, the value alone too
    /// (`listener.accept()` of `let (mut conn, peer) = listener.accept()?;`,
    /// whose binding a hint may word otherwise). Not a `use`, an
    /// attribute or a comment, not a line the starter already has, and no
    /// code shorter than [`QUOTE`].
    fn quotable_lines(solution: &str, starter: &str) -> Vec<(usize, String, Vec<String>)> {
        let given: Vec<String> = starter.lines().map(code_of).collect();
        solution
            .lines()
            .enumerate()
            .filter_map(|(at, line)| {
                let line = line.trim();
                let code = code_of(line);
                if line.starts_with("use ") || line.starts_with('#') || given.contains(&code) {
                    return None;
                }
                let value = ["let ", "if let ", "while let "]
                    .iter()
                    .find(|keyword| line.starts_with(*keyword))
                    .and_then(|_| line.split_once(" = "))
                    .map(|(_, value)| code_of(value));
                let codes: Vec<String> = [Some(code), value]
                    .into_iter()
                    .flatten()
                    .filter(|code| code.chars().count() >= QUOTE)
                    .collect();
                let shown = line.split_once("//").map_or(line, |(code, _)| code).trim_end();
                (!codes.is_empty()).then(|| (at + 1, shown.to_string(), codes))
            })
            .collect()
    }

    /// Nothing gives the answer before the learner asked for it: a hint
    /// before an exercise's last (a nudge, then the idea in words) quotes no
    /// line of its reference solution, in English or in Chinese; only the
    /// last hint shows the code. And the two languages give the same number
    /// of hints for each exercise, so that `hint N.M` goes as far in both.
    #[test]
    fn no_hint_before_the_last_quotes_the_solution_and_both_languages_give_as_many() {
        let lessons = Path::new(env!("CARGO_MANIFEST_DIR")).join("../lessons");
        let mut folders: Vec<PathBuf> = std::fs::read_dir(&lessons)
            .unwrap()
            .flatten()
            .map(|lesson| lesson.path().join("exercises"))
            .collect();
        folders.sort();
        let mut wrong = Vec::new();
        let mut exercises = 0;
        for folder in folders {
            let Ok(english) = std::fs::read_to_string(folder.join("hints.md")) else { continue };
            let chinese = std::fs::read_to_string(folder.join("hints.zh.md")).unwrap_or_default();
            let (english, chinese) = (parse_hints(&english), parse_hints(&chinese));
            let lesson = folder.strip_prefix(&lessons).unwrap_or(&folder).display().to_string();
            for (number, (name, _)) in chinese.iter().filter(|(number, _)| !english.contains_key(*number)) {
                wrong.push(format!(
                    "lessons/{lesson}/hints.zh.md: exercise {number} ({name}) is not in hints.md"
                ));
            }
            for (number, (name, hints)) in &english {
                exercises += 1;
                let translated = chinese.get(number).map_or(&[][..], |(_, hints)| hints.as_slice());
                if translated.len() != hints.len() {
                    wrong.push(format!(
                        "lessons/{lesson}: exercise {number} ({name}) has {} hints in hints.md but {} in hints.zh.md",
                        hints.len(),
                        translated.len()
                    ));
                }
                let solution = std::fs::read_to_string(folder.join("solutions").join(format!("{name}.rs")))
                    .unwrap_or_else(|err| {
                        panic!("lessons/{lesson}: exercise {number}'s solutions/{name}.rs: {err}")
                    });
                let starter = std::fs::read_to_string(folder.join("src").join(format!("{name}.rs")))
                    .unwrap_or_default();
                let quotable = quotable_lines(&solution, &starter);
                for (file, hints) in [("hints.md", hints.as_slice()), ("hints.zh.md", translated)] {
                    let Some((_, before_the_last)) = hints.split_last() else { continue };
                    for (at, hint) in before_the_last.iter().enumerate() {
                        let text: String = hint.chars().filter(|c| !c.is_whitespace()).collect();
                        for (line, original, _) in quotable
                            .iter()
                            .filter(|(_, _, codes)| codes.iter().any(|code| text.contains(code.as_str())))
                        {
                            wrong.push(format!(
                                "lessons/{lesson}/{file}: exercise {number} ({name}), hint {} of {}, quotes line {line} of \
                                 solutions/{name}.rs: {original}",
                                at + 1,
                                hints.len()
                            ));
                        }
                    }
                }
            }
        }
        assert!(exercises >= 18, "{exercises} exercises have hints");
        assert!(
            wrong.is_empty(),
            "only an exercise's last hint may show the code of its reference solution, and hints.zh.md gives as \
             many hints as hints.md:\n{}",
            wrong.join("\n")
        );
    }

    /// A starter's TODO (and every comment of it, in both languages) says the
    /// goal and the facts, never the code: no comment of a starter quotes a
    /// line of its reference solution.
    #[test]
    fn no_starter_comment_quotes_the_solution() {
        let lessons = Path::new(env!("CARGO_MANIFEST_DIR")).join("../lessons");
        let mut wrong = Vec::new();
        let mut starters = 0;
        for lesson in std::fs::read_dir(&lessons).unwrap().flatten() {
            let folder = lesson.path().join("exercises");
            for solution in std::fs::read_dir(folder.join("solutions")).into_iter().flatten().flatten() {
                let path = solution.path();
                let Some(name) = path.file_name().and_then(|name| name.to_str()) else { continue };
                let starter_path = folder.join("src").join(name);
                let Ok(starter) = std::fs::read_to_string(&starter_path) else { continue };
                starters += 1;
                // The comments, joined: a quote may go on over two lines.
                let comments: String = starter
                    .lines()
                    .filter_map(|line| line.split_once("//").map(|(_, comment)| comment))
                    .flat_map(str::chars)
                    .filter(|c| !c.is_whitespace())
                    .collect();
                let solution = std::fs::read_to_string(&path).unwrap();
                for (line, original, codes) in quotable_lines(&solution, &starter) {
                    if codes.iter().any(|code| comments.contains(code.as_str())) {
                        let starter = shown(&lessons.join(".."), &starter_path);
                        wrong.push(format!(
                            "{starter}: a comment quotes line {line} of solutions/{name}: {original}"
                        ));
                    }
                }
            }
        }
        assert!(starters >= 18, "{starters} starters with a solution");
        assert!(wrong.is_empty(), "a starter's comments give the code away:\n{}", wrong.join("\n"));
    }

    /// The unit tests that check wording, or read the hints, ask for English
    /// whatever the locale `cargo test` runs in. The language is chosen once
    /// per process, by the first test that needs it: so every unit test that
    /// needs one calls this first, and they all get English. Chinese is
    /// checked end to end (tests/tests/lessons/course.rs, with --lang zh).
    fn in_english() {
        assert_eq!(lang::choose(Some(Lang::En), &[&TEXTS]), Lang::En, "a unit test chose another language");
    }

    #[test]
    fn the_first_failure_is_shown_whole() {
        in_english();
        let output = "running 2 tests\n\nfailures:\n\n---- a stdout ----\nthread 'a' panicked at x.rs:1:\nthe reply was 1024 bytes\nnote: run with\n\n---- b stdout ----\nother\n\nfailures:\n    a\n";
        assert_eq!(
            first_failure(output),
            "---- a stdout ----\nthread 'a' panicked at x.rs:1:\nthe reply was 1024 bytes\nnote: run with"
        );
        let output = "error[E0308]: mismatched types\n --> src/a.rs:1:1\n  |\n\nerror: could not compile\nerror: test failed\n";
        assert!(
            first_failure(output)
                .starts_with("it does not compile:\nerror[E0308]: mismatched types\n --> src/a.rs:1:1")
        );
    }

    #[test]
    fn every_exercise_of_the_course_is_found_with_its_number() {
        in_english();
        // Another copy of the course (a learner's clone, for a teacher) with COURSE_ROOT.
        let root = std::env::var_os("COURSE_ROOT")
            .map_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".."), PathBuf::from);
        let exercises = find_exercises(&root).unwrap();
        assert!(exercises.len() >= 12, "{} exercises", exercises.len());
        assert_eq!(exercises[0].number, "1.1");
        assert_eq!(exercises[0].name, "echo_bytes");
        assert!(exercises.iter().all(|e| e.starter.is_file()));
    }

    #[test]
    fn every_exercise_of_the_course_has_its_title_in_english_and_in_chinese() {
        in_english();
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        for exercise in find_exercises(&root).unwrap() {
            let starter = exercise.starter.display();
            assert!(
                exercise.title.contains(' ') && exercise.title.is_ascii(),
                "{starter}: `//! Exercise {}: title.` in English",
                exercise.number
            );
            let chinese = exercise.title_zh.as_deref().unwrap_or_default();
            assert!(
                chinese.contains(is_wide) && chinese != exercise.title,
                "{starter}: `//! 练习 {}：标题。` in Chinese, not {chinese:?}",
                exercise.number
            );
        }
    }
}
