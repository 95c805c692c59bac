//! The lab: a lesson in a private network, its packets drawn.
//!
//! `cargo run -p lab -- 6` runs lesson 6's server and client in a network of
//! the lab's own (see `lab::network`: user, network and PID namespaces, as
//! `unshare -rnp` makes them, with nothing of the machine's own network in
//! them), captures every packet there, and shows the two programs' lines,
//! the server on the left and the client on the right, with each packet
//! drawn on the line between them in the order things happened: the
//! handshake, the data, the FINs, an RST. On a terminal it draws the run
//! while it goes on (see `lab::draw::Live`); into a pipe, at the end.
//!
//! Run it:   cargo run -p lab -- 6                         (the handshake, the half-close, the FINs)
//!           cargo run -p lab -- 2 --loss 30               (datagrams lost, the client's timeout)
//!           cargo run -p lab -- 3 --firewall drop         (SYN resent, unanswered, until the timeout)
//!           cargo run -p lab -- 3 --firewall reject       (refused at once)
//!           cargo run -p lab -- 3 --two-hosts             (a server on 127.0.0.1: refused from the other host)
//!           cargo run -p lab -- 3 --two-hosts --host 0.0.0.0   (served)
//!           cargo run -p lab -- 6 -- --close abort        (options after -- go to the client)
//!           cargo run -p lab -- --list                    (the scenarios, with their commands)
//!
//! Where no private network can be made (not Linux; unprivileged user
//! namespaces switched off; `nft` missing for --loss and --firewall), it says
//! so at once, with what to do, and exits 1.

use std::fs::File;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, ValueEnum};
use colored::Colorize;
use kit::cli::ColorChoice;
use lab::draw::{Entry, Live, entries};
use lab::layout::{Columns, Side};
use lab::network::{self, INSIDE};
use lab::run::{self, Firewall, Scenario, SoFar};
use shared::lang::{self, Lang};
use shared::{stamp, tr};

/// Where the copy of the lab inside the namespaces finds the lesson programs
/// (built before the namespaces are made: cargo needs no private network).
const PROGRAMS: &str = "COURSE_LAB_PROGRAMS";

/// How long a whole run may take before it is ended as hung.
const RUN_LIMIT: Duration = Duration::from_secs(60);

/// A lesson in a private network: its packets drawn between the two programs' lines.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Args {
    /// The lesson to run (1 to 6)
    #[arg(value_parser = clap::value_parser!(u8).range(1..=6), required_unless_present = "list")]
    lesson: Option<u8>,

    /// Drop this share of the packets at random, both ways (nftables' numgen):
    /// lost datagrams in lesson 2, a resent segment in lesson 4
    #[arg(long, value_name = "PERCENT", value_parser = clap::value_parser!(u8).range(1..=100))]
    loss: Option<u8>,

    /// Drop (nothing comes back: connect waits, SYNs resent) or reject (refused
    /// at once: an RST, or an ICMP port unreachable) what comes to the server's port
    #[arg(long, value_enum)]
    firewall: Option<FirewallChoice>,

    /// Put the server on a second host (192.0.2.2), joined to the client's
    /// (192.0.2.1) by a virtual cable: see what --host 127.0.0.1 and 0.0.0.0 mean
    #[arg(long)]
    two_hosts: bool,

    /// The server's --host (127.0.0.1 unless given)
    #[arg(long)]
    host: Option<String>,

    /// List the scenarios with their commands
    #[arg(long)]
    list: bool,

    /// Lay the lines out for this many columns (default: the terminal's width;
    /// into a pipe, one line each, unwrapped); 120 or more shows two columns
    #[arg(long, value_name = "COLUMNS", value_parser = clap::value_parser!(u16).range(40..))]
    width: Option<u16>,

    /// Colour the output: auto colours a terminal unless NO_COLOR is set
    #[arg(long, value_enum, default_value_t)]
    color: ColorChoice,

    /// Language of the explanations: en or zh (default: zh if LC_ALL, LC_MESSAGES or LANG starts with zh); --help stays in English
    #[arg(long, value_enum)]
    lang: Option<Lang>,

    /// Also write what is shown, one column, unwrapped and uncoloured, to FILE
    #[arg(long, value_name = "FILE")]
    save: Option<PathBuf>,

    /// Options for the client (after --): `-- --close abort`
    #[arg(last = true, value_name = "CLIENT OPTIONS")]
    client: Vec<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FirewallChoice {
    Drop,
    Reject,
}

/// The scenarios `--list` shows: the command, and what it shows (a message id).
const SCENARIOS: [(&str, &str); 10] = [
    ("cargo run -p lab -- 1", "lab-scenario-udp"),
    ("cargo run -p lab -- 2 --loss 30", "lab-scenario-loss"),
    ("cargo run -p lab -- 3", "lab-scenario-handshake"),
    ("cargo run -p lab -- 3 --firewall drop", "lab-scenario-drop"),
    ("cargo run -p lab -- 3 --firewall reject", "lab-scenario-reject"),
    ("cargo run -p lab -- 3 --two-hosts", "lab-scenario-two-hosts"),
    ("cargo run -p lab -- 3 --two-hosts --host 0.0.0.0", "lab-scenario-two-hosts-any"),
    ("cargo run -p lab -- 2 --two-hosts --host 0.0.0.0 --loss 30", "lab-scenario-two-hosts-loss"),
    ("cargo run -p lab -- 4 --loss 20", "lab-scenario-resent"),
    ("cargo run -p lab -- 6", "lab-scenario-close"),
];

fn main() -> ExitCode {
    let args = Args::parse();
    lang::choose(args.lang, &[&lab::TEXTS]);
    if args.list {
        for (command, what) in SCENARIOS {
            println!("{command}\n    {}", lang::text(what, &[]));
        }
        println!("cargo run -p lab -- 6 -- --close abort\n    {}", tr!("lab-scenario-abort"));
        return ExitCode::SUCCESS;
    }
    if std::env::var_os(INSIDE).is_some() {
        return inside(&args);
    }

    // Outside: say at once if no private network can be made here.
    let need_nft = args.loss.is_some() || args.firewall.is_some();
    if let Some(why) = network::cannot_run(need_nft) {
        eprintln!("{}", tr!("lab-cannot-run", why = why));
        return ExitCode::FAILURE;
    }
    // Build the programs here, where cargo has the machine's network.
    let me = network::me();
    let lesson = run::programs(args.lesson.expect("clap requires it"));
    let mut folder = None;
    for name in [lesson.server, lesson.client] {
        match course_runner::program(name) {
            Ok(path) => folder = path.parent().map(PathBuf::from),
            Err(err) => {
                eprintln!("{}", tr!("lab-error", err = err));
                return ExitCode::FAILURE;
            }
        }
    }
    let folder = folder.expect("a program's folder");
    let status = network::run_inside(
        me,
        std::env::args().skip(1),
        &[(PROGRAMS, folder.display().to_string())],
        RUN_LIMIT,
    );
    match status.code() {
        Some(0) => ExitCode::SUCCESS,
        Some(code) => ExitCode::from(code.clamp(1, 255) as u8),
        None => ExitCode::FAILURE,
    }
}

/// The lab inside its namespaces (process 1 of its PID namespace).
fn inside(args: &Args) -> ExitCode {
    // Ctrl-C: process 1 ending takes every process of the namespace with it.
    let _ = ctrlc::set_handler(|| {
        let _ = writeln!(io::stdout().lock(), "\n{}", tr!("lab-stopped"));
        std::process::exit(130);
    });
    let Some(folder) = std::env::var_os(PROGRAMS).map(PathBuf::from) else {
        eprintln!("{}", tr!("lab-error", err = "run the lab as cargo run -p lab"));
        return ExitCode::FAILURE;
    };
    let scenario = Scenario {
        lesson: args.lesson.expect("clap requires it"),
        loss: args.loss,
        firewall: args.firewall.map(|choice| match choice {
            FirewallChoice::Drop => Firewall::Drop,
            FirewallChoice::Reject => Firewall::Reject,
        }),
        two_hosts: args.two_hosts,
        host: args.host.clone(),
        client_args: args.client.clone(),
        lang: lang_code(lang::current()),
    };
    let terminal = io::stdout().is_terminal();
    let width = args.width.map(usize::from).or_else(|| {
        let reported = terminal_size::terminal_size().map(|(w, _)| w.0 as usize);
        terminal.then_some(reported).flatten().filter(|w| *w >= 40)
    });
    colored::control::set_override(true);
    let columns = Columns::new(width, args.color.enabled(terminal));
    let mut save = match &args.save {
        Some(path) => match File::create(path) {
            Ok(file) => Some(file),
            Err(err) => {
                let file = path.display().to_string();
                eprintln!("{}", tr!("lab-cannot-write", file = file, err = err.to_string()));
                return ExitCode::FAILURE;
            }
        },
        None => None,
    };
    let title = heading(&scenario);
    let mut screen = Screen { columns, waiting: None };
    screen.show(&[if columns.colour { title.bold().to_string() } else { title.clone() }]);
    screen.show(&columns.heading(&tr!("lab-column-server"), &tr!("lab-column-client")));

    // On a terminal, the run is drawn as it happens; into a pipe, at the end.
    let mut live = Live::default();
    let mut watch = |so_far: SoFar| {
        if !terminal {
            return;
        }
        let look = live.look(
            so_far.lines,
            so_far.packets,
            so_far.lost,
            so_far.server,
            so_far.client_running,
            stamp::now(),
        );
        for entry in &look.new {
            screen.show(&rows(&columns, entry));
        }
        screen.wait(match look.in_connect {
            0 => None,
            syns => Some(tr!("lab-in-connect", syns = syns)),
        });
    };
    let outcome = match run::run(&scenario, &folder, &mut watch) {
        Ok(outcome) => outcome,
        Err(err) => {
            screen.wait(None);
            eprintln!("{}", tr!("lab-error", err = err));
            return ExitCode::FAILURE;
        }
    };
    screen.wait(None);
    let all = entries(&outcome);
    let rest = live.rest(&all).unwrap_or_else(|| {
        // Something shown was overtaken (a very busy machine): all again, in order.
        screen.show(&columns.line(&tr!("lab-shown-again")));
        all.clone()
    });
    for entry in &rest {
        screen.show(&rows(&columns, entry));
    }
    let ending: Vec<String> = summary(&outcome).into_iter().chain(note(&scenario, &outcome)).collect();
    for line in &ending {
        screen.show(&columns.line(line));
    }
    // The saved copy: each line once, whole, uncoloured, in order.
    if let Some(file) = &mut save {
        let mut saved = std::iter::once(title).chain(all.iter().map(plain)).chain(ending);
        if let Err(err) = saved.try_for_each(|line| writeln!(file, "{line}")) {
            let file = args.save.as_ref().map(|path| path.display().to_string()).unwrap_or_default();
            eprintln!("{}", tr!("lab-cannot-write", file = file, err = err.to_string()));
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

/// What the lab prints, with the one row that is rewritten in place: what it
/// is waiting for while it holds entries back (a terminal only).
struct Screen {
    columns: Columns,
    /// What the waiting row on the screen says, if it is there (the cursor at its end).
    waiting: Option<String>,
}

impl Screen {
    /// Prints `rows`, below what is shown (the waiting row is cleared first).
    fn show(&mut self, rows: &[String]) {
        self.wait(None);
        let mut out = io::stdout().lock();
        for row in rows {
            let _ = writeln!(out, "{row}");
        }
    }

    /// Shows what the lab is waiting for (`None`: nothing), in the waiting row.
    fn wait(&mut self, what: Option<String>) {
        if what == self.waiting {
            return;
        }
        let mut out = io::stdout().lock();
        if self.waiting.take().is_some() {
            let _ = write!(out, "\r\x1b[2K"); // back to the row's start, and clear it
        }
        if let Some(what) = what {
            // One row, never wrapped: a wrapped row could not be cleared.
            let width = self.columns.width().unwrap_or(80).saturating_sub(1);
            let row: String = what
                .chars()
                .scan(0, |used, c| {
                    *used += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                    (*used <= width).then_some(c)
                })
                .collect();
            let _ = write!(out, "{}", if self.columns.colour { row.dimmed().to_string() } else { row });
            self.waiting = Some(what);
        }
        let _ = out.flush();
    }
}

/// The rows of one entry in the layout.
fn rows(columns: &Columns, entry: &Entry) -> Vec<String> {
    match entry {
        Entry::Line { side, text } => columns.rows(text, *side),
        Entry::Packet { from, label, lost } => columns.packet(label, &arrow(*from), *from, *lost),
    }
}

/// One entry as one uncoloured, unwrapped line (as into a pipe, and saved).
fn plain(entry: &Entry) -> String {
    match entry {
        Entry::Line { text, .. } => text.clone(),
        Entry::Packet { from, label, .. } => format!("{}   {}  {label}", wire::WIRE_TAG, arrow(*from)),
    }
}

/// Which way a packet went, in words: `server → client`.
fn arrow(from: Side) -> String {
    match from {
        Side::Server => tr!("lab-server-to-client"),
        Side::Client => tr!("lab-client-to-server"),
    }
}

/// The run's title: the lesson and what the network does.
fn heading(scenario: &Scenario) -> String {
    let mut network = Vec::new();
    if let Some(percent) = scenario.loss {
        network.push(tr!("lab-with-loss", percent = percent));
    }
    match scenario.firewall {
        Some(Firewall::Drop) => network.push(tr!("lab-with-drop")),
        Some(Firewall::Reject) => network.push(tr!("lab-with-reject")),
        None => {}
    }
    if scenario.two_hosts {
        network.push(tr!("lab-with-two-hosts"));
    }
    let network = if network.is_empty() { tr!("lab-with-loopback") } else { network.join(", ") };
    tr!("lab-heading", number = scenario.lesson, network = network)
}

/// How the two programs ended, and what the capture counted.
fn summary(outcome: &run::Outcome) -> Vec<String> {
    let ended = |exit: Option<i32>| match exit {
        Some(code) => tr!("lab-exit-code", code = code),
        None => tr!("lab-ended-by-lab"),
    };
    vec![
        String::new(),
        match outcome.lost.len() {
            0 => tr!("lab-summary", packets = outcome.packets.len()),
            lost => tr!("lab-summary-lost", packets = outcome.packets.len(), lost = lost),
        },
        tr!("lab-server-ended", how = ended(outcome.server_exit)),
        tr!("lab-client-ended", how = ended(outcome.client_exit)),
    ]
}

/// What the run shows, in a sentence, where the network made the difference.
fn note(scenario: &Scenario, outcome: &run::Outcome) -> Option<String> {
    let failed = outcome.client_exit != Some(0);
    match (scenario.two_hosts, scenario.firewall) {
        (true, _) if outcome.server.ip().is_loopback() && failed => Some(tr!("lab-note-loopback-only")),
        (true, _) if outcome.server.ip().is_unspecified() && !failed => Some(tr!("lab-note-any-address")),
        (_, Some(Firewall::Drop)) if failed => Some(tr!("lab-note-dropped")),
        (_, Some(Firewall::Reject)) if failed => Some(tr!("lab-note-rejected")),
        _ => None,
    }
}

/// How `--lang` names a language.
fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Zh => "zh",
    }
}
