//! The learner's companion to the exercises: where you stand, the next one,
//! its hints one at a time, and a watch mode that checks it on every save.
//!
//! Run it:   cargo run -p course                  every exercise: done, failing or not started
//!           cargo run -p course -- hint 4.1      the next hint for exercise 4.1 (three each)
//!           cargo run -p course -- check 4.1     check one exercise, its first failure in full
//!           cargo run -p course -- watch         check again the exercise whose file you save
//!           cargo run -p course -- list          every exercise, its title and its file
//!
//! The exercises are described in one file, `lessons/exercises.toml` (read by
//! this package's library, `src/lib.rs`): for each, its number, its title in
//! English and in Chinese, its package, starter, reference solution and test,
//! and its hints, each in English with its Chinese under it, which a teacher
//! can edit (in Chinese, `--lang zh`, a hint with no Chinese is shown in
//! English). A check is the exercise's own test, with a deadline:
//! nothing here waits forever (built first, then run for at most 60 s, or
//! `COURSE_TEST_DEADLINE` seconds: past that, "your code did not finish").
//! It runs in the language chosen here (`LC_ALL` for the test run), so that
//! its failure messages speak it too. Until the learner has asked for a hint,
//! a failure shown never gives a piece of the reference solution away: a
//! line that would is cut before it, and points at `hint`.
//!
//! A teacher can look at a learner's clone with `COURSE_ROOT=/path/to/clone`.
//! The hints shown are remembered in `.course/progress.toml` (or in
//! `$COURSE_STATE_DIR`), where `cargo clean` does not reach: see `src/progress.rs`.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand, ValueEnum};
use colored::Colorize;
use course::{Exercise, Text, is_wide};
use kit::cli::ColorChoice;
use shared::lang::{self, Lang};
use shared::tr;
use unicode_width::UnicodeWidthStr;

mod progress;
use progress::Progress;

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
    /// Every exercise of lessons/exercises.toml, in order: its number, title and file
    List {
        /// text: for a person; tsv: for scripts (.ci/exercises), one exercise a line, its number, name, package, test, starter, reference solution and known-wrong solutions' folder, separated by tabs, paths from the course's top folder
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

/// How `list` writes the exercises.
#[derive(Clone, Copy, Default, ValueEnum)]
enum Format {
    #[default]
    Text,
    Tsv,
}

/// A text of lessons/exercises.toml in the chosen language (English where
/// no Chinese is given).
fn text(text: &Text) -> &str {
    text.get(lang::current() == Lang::Zh)
}

/// What an exercise asks, in the chosen language.
fn title(exercise: &Exercise) -> &str {
    text(&exercise.title)
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
    let exercises = match exercises(&root) {
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
        Action::List { format } => {
            list(&root, &exercises, format);
            Ok(())
        }
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

/// Every exercise of the course, in order: `lessons/exercises.toml`, read
/// by this package's library.
fn exercises(root: &Path) -> Result<Vec<Exercise>, String> {
    course::load(root).map_err(|err| match err {
        course::Error::Read(file, err) => {
            tr!("course-no-exercises", file = file.display().to_string(), err = err.to_string())
        }
        course::Error::Parse(file, err) => {
            tr!("course-bad-exercises", file = file.display().to_string(), err = err.to_string())
        }
    })
}

/// Every exercise, one a line: for a person (its number, title and
/// starter), or for a script (`--format tsv`, which .ci/exercises reads).
fn list(root: &Path, exercises: &[Exercise], format: Format) {
    let from_root = |path: PathBuf| path.strip_prefix(root).map_or_else(|_| path.clone(), Path::to_path_buf);
    for exercise in exercises {
        let starter = from_root(exercise.starter());
        match format {
            Format::Text => println!("{:<5} {} ({})", exercise.id, title(exercise), starter.display()),
            Format::Tsv => {
                let fields = [
                    exercise.id.clone(),
                    exercise.name.clone(),
                    exercise.package.clone(),
                    exercise.test.clone(),
                    starter.display().to_string(),
                    from_root(exercise.solution()).display().to_string(),
                    from_root(exercise.wrong()).display().to_string(),
                ];
                println!("{}", fields.join("\t"));
            }
        }
    }
}

fn find<'a>(exercises: &'a [Exercise], number: &str) -> Result<&'a Exercise, String> {
    exercises.iter().find(|e| e.id == number || e.name == number).ok_or_else(|| {
        let known: Vec<_> = exercises.iter().map(|e| e.id.as_str()).collect();
        tr!("course-no-such-exercise", number = number, known = known.join(", "))
    })
}

/// Where an exercise stands: not started while its `todo!()` is in place,
/// otherwise what its check says.
fn status(root: &Path, exercise: &Exercise) -> Status {
    let text = std::fs::read_to_string(exercise.starter()).unwrap_or_default();
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
            .args(["test", "-q", "--color", "never", "-p", &exercise.package, "--test", &exercise.test])
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
        bar.set_message(format!("{} {}", exercise.id, exercise.name));
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
        let this = exercise.id.split('.').next();
        if lesson != this {
            println!("{}", tr!("course-lesson", number = this.unwrap_or("?")));
            lesson = this;
        }
        let label = match status {
            Status::Done => done.green().to_string(),
            Status::Failing(_) => failing.red().to_string(),
            Status::NotStarted => not_started.dimmed().to_string(),
        };
        println!("  {label}  {:<5} {}", exercise.id, title(exercise));
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
            let number = exercise.id.bold().to_string();
            println!("{}", tr!("course-next", number = number, title = title(exercise)));
            println!("  {}", tr!("course-next-edit", file = shown(root, &exercise.starter())));
            println!("  {}", tr!("course-next-check", command = exercise.command()));
            println!("  {}", tr!("course-next-stuck", number = &exercise.id));
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

/// Shows the next hint of `exercise` (or, with `again`, the last one shown).
fn hint(root: &Path, exercise: &Exercise, again: bool) -> Result<(), String> {
    if exercise.hints.is_empty() {
        return Err(tr!("course-no-hints", number = &exercise.id));
    }
    let mut progress = Progress::load(root);
    let before = progress.hints_shown(&exercise.id);
    let total = exercise.hints.len();
    let which = if again { before.max(1) } else { before + 1 };
    if which > total {
        println!("{}", tr!("course-no-more-hints", number = &exercise.id, total = total));
        println!("  {}", tr!("course-last-again", number = &exercise.id));
        println!("  {}", tr!("course-solution", file = shown_solution(root, exercise)));
        return Ok(());
    }
    let number = exercise.id.bold().to_string();
    let heading =
        tr!("course-hint-heading", which = which, total = total, number = number, title = title(exercise));
    println!("{heading}");
    println!();
    println!("  {}", text(&exercise.hints[which - 1]));
    if which < total {
        println!();
        println!("{}", tr!("course-next-hint", number = &exercise.id));
    }
    progress.shown(&exercise.id, which);
    progress.save(root)
}

fn shown_solution(root: &Path, exercise: &Exercise) -> String {
    shown(root, &exercise.solution())
}

/// The shortest run of a reference solution's line that gives it away.
const GIVEAWAY: usize = 16;

/// The pieces of the reference solution a failure must not show before the
/// learner asked for a hint: its lines of code that the starter does not
/// have already (doc lines and comments left out), each at least [`GIVEAWAY`]
/// characters long.
fn answer_lines(exercise: &Exercise) -> Vec<String> {
    let solution = std::fs::read_to_string(exercise.solution()).unwrap_or_default();
    let starter = std::fs::read_to_string(exercise.starter()).unwrap_or_default();
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
    if Progress::load(root).hints_shown(&exercise.id) > 0 {
        return failure.to_string();
    }
    let answers = answer_lines(exercise);
    let starter = std::fs::read_to_string(exercise.starter()).unwrap_or_default();
    let hidden = say(
        format!("[the rest would give the answer away: cargo run -p course -- hint {}]", exercise.id),
        format!("[后面的内容会直接给出答案：cargo run -p course -- hint {}]", exercise.id),
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

fn show_check(root: &Path, exercise: &Exercise, status: &Status) {
    match status {
        Status::Done => {
            let passes = tr!("course-check-passes", number = &exercise.id, title = title(exercise));
            println!("{} {passes}", tr!("course-check-done").green().bold())
        }
        Status::Failing(failure) => {
            println!(
                "{} {} {} ({})",
                tr!("course-check-failing").red().bold(),
                exercise.id,
                title(exercise),
                exercise.command()
            );
            println!("{}", without_the_answer(root, exercise, failure));
        }
        Status::NotStarted => {
            println!("{} {} {}", tr!("course-check-not-started").dimmed(), exercise.id, title(exercise))
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
            exercises.iter().position(|e| e.id == exercise.id).unwrap_or(0)
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
        println!("== {} {} ({})", exercise.id.bold(), title(exercise), shown(root, &exercise.starter()));
        let status = check(root, exercise, false);
        show_check(root, exercise, &status);
        if matches!(status, Status::Done) {
            at += 1;
            continue;
        }
        println!("{}", tr!("course-watch-stuck", number = &exercise.id));
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

/// Which exercise a saved file belongs to: its starter, reference
/// solution or test, a file of its `wrong/NAME/`, or the `bin/NAME.rs` of
/// its folder (which runs a whole-program exercise).
fn exercise_of(exercises: &[Exercise], path: &Path) -> Option<usize> {
    let real = |path: &Path| path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let path = real(path);
    exercises.iter().position(|exercise| {
        let bin = exercise.folder().join("bin").join(format!("{}.rs", exercise.name));
        [exercise.starter(), exercise.solution(), exercise.test_file(), bin]
            .iter()
            .any(|file| real(file) == path)
            || path.parent() == Some(real(&exercise.wrong()).as_path())
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

    /// The course's exercises, as `lessons/exercises.toml` gives them.
    fn this_course() -> (PathBuf, Vec<Exercise>) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let exercises = course::load(&root).unwrap_or_else(|err| panic!("{}: {err:?}", course::FILE));
        (root, exercises)
    }

    /// Nothing gives the answer before the learner asked for it: a hint
    /// before an exercise's last (a nudge, then the idea in words) quotes no
    /// line of its reference solution, in English or in Chinese; only the
    /// last hint shows the code. And every hint is given in both languages
    /// (`zh` under `en` in lessons/exercises.toml), so that `hint N.M` goes
    /// as far in both.
    #[test]
    fn no_hint_before_the_last_quotes_the_solution_and_both_languages_give_as_many() {
        let (root, exercises) = this_course();
        let mut wrong = Vec::new();
        for exercise in &exercises {
            let (id, name) = (&exercise.id, &exercise.name);
            let hints = &exercise.hints;
            for (at, hint) in hints.iter().enumerate() {
                if hint.zh.as_deref().is_none_or(|zh| !zh.contains(is_wide)) {
                    wrong.push(format!(
                        "exercise {id} ({name}), hint {} of {}: no Chinese (zh)",
                        at + 1,
                        hints.len()
                    ));
                }
            }
            let solution = exercise.solution();
            let solution_text = std::fs::read_to_string(&solution)
                .unwrap_or_else(|err| panic!("exercise {id}'s {}: {err}", shown(&root, &solution)));
            let starter = std::fs::read_to_string(exercise.starter()).unwrap_or_default();
            let quotable = quotable_lines(&solution_text, &starter);
            for (language, chinese) in [("en", false), ("zh", true)] {
                let Some((_, before_the_last)) = hints.split_last() else { continue };
                for (at, hint) in before_the_last.iter().enumerate() {
                    let text: String = hint.get(chinese).chars().filter(|c| !c.is_whitespace()).collect();
                    for (line, original, _) in quotable
                        .iter()
                        .filter(|(_, _, codes)| codes.iter().any(|code| text.contains(code.as_str())))
                    {
                        wrong.push(format!(
                            "exercise {id} ({name}), hint {} of {} ({language}), quotes line {line} of {}: {original}",
                            at + 1,
                            hints.len(),
                            shown(&root, &solution)
                        ));
                    }
                }
            }
        }
        let hinted = exercises.iter().filter(|exercise| !exercise.hints.is_empty()).count();
        assert!(hinted >= 18, "{hinted} exercises have hints");
        assert!(
            wrong.is_empty(),
            "in {}, only an exercise's last hint may show the code of its reference solution, and each hint \
             is given in English (en) and in Chinese (zh):\n{}",
            course::FILE,
            wrong.join("\n")
        );
    }

    /// A starter's TODO (and every comment of it, in both languages) says the
    /// goal and the facts, never the code: no comment of a starter quotes a
    /// line of its reference solution.
    #[test]
    fn no_starter_comment_quotes_the_solution() {
        let (root, exercises) = this_course();
        let mut wrong = Vec::new();
        for exercise in &exercises {
            let starter_path = exercise.starter();
            let starter = std::fs::read_to_string(&starter_path).unwrap();
            // The comments, joined: a quote may go on over two lines.
            let comments: String = starter
                .lines()
                .filter_map(|line| line.split_once("//").map(|(_, comment)| comment))
                .flat_map(str::chars)
                .filter(|c| !c.is_whitespace())
                .collect();
            let solution = std::fs::read_to_string(exercise.solution()).unwrap();
            for (line, original, codes) in quotable_lines(&solution, &starter) {
                if codes.iter().any(|code| comments.contains(code.as_str())) {
                    wrong.push(format!(
                        "{}: a comment quotes line {line} of {}: {original}",
                        shown(&root, &starter_path),
                        shown(&root, &exercise.solution())
                    ));
                }
            }
        }
        assert!(exercises.len() >= 18, "{} starters with a solution", exercises.len());
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
        let (_, exercises) = this_course();
        assert!(exercises.len() >= 18, "{} exercises", exercises.len());
        assert_eq!(exercises[0].id, "1.1");
        assert_eq!(exercises[0].name, "echo_bytes");
        assert_eq!(exercises[0].command(), "cargo test -p lesson1-exercises --test echo_bytes");
        assert!(exercises.iter().all(|e| e.starter().is_file()));
    }

    #[test]
    fn every_exercise_of_the_course_has_its_title_in_english_and_in_chinese() {
        in_english();
        for exercise in this_course().1 {
            let (id, title) = (&exercise.id, &exercise.title);
            assert!(
                title.en.contains(' ') && title.en.is_ascii(),
                "{}: exercise {id}: title.en in English, not {:?}",
                course::FILE,
                title.en
            );
            let chinese = title.zh.as_deref().unwrap_or_default();
            assert!(
                chinese.contains(is_wide) && chinese != title.en,
                "{}: exercise {id}: title.zh in Chinese, not {chinese:?}",
                course::FILE
            );
        }
    }
}
