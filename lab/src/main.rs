//! The lab: a lesson in a private network, its packets drawn.
//!
//! `cargo run -p lab -- 6` runs lesson 6's server and client in a network of
//! the lab's own (see `lab::network`: user, network and PID namespaces, as
//! `unshare -rnp` makes them, with nothing of the machine's own network in
//! them), captures every packet there, and shows the two programs' lines,
//! the server on the left and the client on the right, with each packet
//! drawn on the line between them in the order things happened: the
//! handshake, the data, the FINs, an RST.
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
use lab::draw::{Entry, entries};
use lab::layout::{Columns, Side};
use lab::network::{self, INSIDE};
use lab::run::{self, Firewall, Scenario};
use shared::lang::{self, Lang};
use shared::tr;

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
    let outcome = match run::run(&scenario, &folder) {
        Ok(outcome) => outcome,
        Err(err) => {
            eprintln!("{}", tr!("lab-error", err = err));
            return ExitCode::FAILURE;
        }
    };
    let shown = entries(&outcome);

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
    let mut out = io::stdout().lock();
    // Each row shown, and (with --save) each line once, whole, uncoloured.
    let mut show = |row: &str, plain: Option<&str>| {
        let _ = writeln!(out, "{row}");
        if let (Some(file), Some(plain)) = (&mut save, plain) {
            let _ = writeln!(file, "{plain}");
        }
    };
    let title = heading(&scenario);
    show(&if columns.colour { title.bold().to_string() } else { title.clone() }, Some(&title));
    for row in columns.heading(&tr!("lab-column-server"), &tr!("lab-column-client")) {
        show(&row, None);
    }
    let arrow = |from: Side| match from {
        Side::Server => tr!("lab-server-to-client"),
        Side::Client => tr!("lab-client-to-server"),
    };
    for entry in &shown {
        match entry {
            Entry::Line { side, text } => {
                for (number, row) in columns.rows(text, *side).iter().enumerate() {
                    show(row, (number == 0).then_some(text.as_str()));
                }
            }
            Entry::Packet { from, label, lost } => {
                let plain = format!("{}   {}  {label}", wire::WIRE_TAG, arrow(*from));
                for (number, row) in columns.packet(label, &arrow(*from), *from, *lost).iter().enumerate() {
                    show(row, (number == 0).then_some(plain.as_str()));
                }
            }
        }
    }
    for line in summary(&outcome).into_iter().chain(note(&scenario, &outcome)) {
        for (number, row) in columns.line(&line).iter().enumerate() {
            show(row, (number == 0).then_some(line.as_str()));
        }
    }
    ExitCode::SUCCESS
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
