//! One lesson's run inside the lab's private network: the server started
//! (on the second host with --two-hosts) with `--port 0`, its ready line
//! awaited, the firewall rule set on the port it got, the client started,
//! both programs' stamped lines read, and the packets of the whole run
//! captured (`wire::Capture`, started before anything is sent).

use std::collections::HashSet;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use course_runner::{read_lines, ready_address};
use shared::stamp;
use wire::{Capture, Drops, Packet};

use crate::layout::Side;
use crate::network::{self, HOST_B, SecondHost};

/// How long the server has to say it is ready.
const READY_LIMIT: Duration = Duration::from_secs(10);
/// How long the client may run.
const CLIENT_LIMIT: Duration = Duration::from_secs(40);
/// How long a server has to end by itself once its client has ended (a
/// one-shot server, or a loop server told how many to serve), before the lab
/// ends it.
const SERVER_GRACE: Duration = Duration::from_millis(700);

/// How long the lab keeps watching, with --loss, after both programs ended.
const SETTLE: Duration = Duration::from_millis(700);

/// What the firewall does to the server's port.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Firewall {
    /// Silently: nothing comes back.
    Drop,
    /// Refused: an RST (TCP) or an ICMP port unreachable (UDP) comes back.
    Reject,
}

/// What to run, and in what network.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub lesson: u8,
    /// Percent of packets dropped at random, both ways.
    pub loss: Option<u8>,
    pub firewall: Option<Firewall>,
    pub two_hosts: bool,
    /// The server's --host.
    pub host: Option<String>,
    /// More options for the client.
    pub client_args: Vec<String>,
    /// The programs' language.
    pub lang: &'static str,
}

/// One lesson's two programs, as the lab runs them.
pub struct Programs {
    pub server: &'static str,
    pub server_args: &'static [&'static str],
    pub client: &'static str,
    pub client_args: &'static [&'static str],
    /// TCP (else UDP).
    pub tcp: bool,
}

/// The programs of each lesson, with the options the lab gives them. The TCP
/// clients wait 30 s for an answer: with loss, TCP resends at growing
/// intervals (3 s, then 6 s, 12 s after a handshake that needed a resend),
/// and the lab shows that patience rather than a timeout.
pub fn programs(lesson: u8) -> Programs {
    match lesson {
        1 => Programs {
            server: "lesson1-server",
            server_args: &[],
            client: "lesson1-client",
            client_args: &["--timeout", "2"],
            tcp: false,
        },
        2 => Programs {
            server: "lesson2-server",
            server_args: &[],
            client: "lesson2-client",
            client_args: &["--message", "one", "--message", "two", "--message", "three", "--timeout", "1"],
            tcp: false,
        },
        3 => Programs {
            server: "lesson3-server",
            server_args: &[],
            client: "lesson3-client",
            client_args: &["--timeout", "4"],
            tcp: true,
        },
        4 => Programs {
            server: "lesson4-server",
            server_args: &["--serve", "1"],
            client: "lesson4-client",
            client_args: &[
                "--message",
                "hello",
                "--message",
                "again",
                "--message",
                "exit",
                "--timeout",
                "30",
            ],
            tcp: true,
        },
        5 => Programs {
            server: "lesson5-server",
            server_args: &["--serve", "1"],
            client: "lesson5-client",
            client_args: &["--message", "hi", "--message", "exit", "--timeout", "30"],
            tcp: true,
        },
        _ => Programs {
            server: "lesson6-server",
            server_args: &["--serve", "1", "--reply-after", "0.3"],
            client: "lesson6-client",
            client_args: &["--message", "hello", "--timeout", "30"],
            tcp: true,
        },
    }
}

/// A line one program printed, with its stamp and the order it was read in.
#[derive(Debug, Clone)]
pub struct Said {
    pub stamp: u64,
    pub read: u64,
    pub side: Side,
    pub text: String,
}

/// What happened in one run.
#[derive(Debug)]
pub struct Outcome {
    pub lines: Vec<Said>,
    pub packets: Vec<Packet>,
    /// Which of `packets` (by index) the loss rule dropped: sent, never received.
    pub lost: HashSet<usize>,
    /// The server's address as it said it was listening (bound).
    pub server: SocketAddr,
    /// How each program ended: `None` if the lab had to end it.
    pub server_exit: Option<i32>,
    pub client_exit: Option<i32>,
}

/// How often the run so far is handed to the watcher of [`run`].
const LOOK_EVERY: Duration = Duration::from_millis(50);

/// The run so far, as [`run`] hands it to its watcher while it goes on.
pub struct SoFar<'a> {
    pub lines: &'a [Said],
    pub packets: &'a [Packet],
    pub lost: &'a HashSet<usize>,
    /// The server's port.
    pub server: u16,
    pub client_running: bool,
}

/// Runs `scenario` in this (private) network namespace. `folder` holds the
/// lesson programs, already built. Once the server is ready, `watch` is
/// given the run so far every [`LOOK_EVERY`] until the programs have ended
/// (the lab draws it live on a terminal).
pub fn run(scenario: &Scenario, folder: &Path, watch: &mut dyn FnMut(SoFar)) -> Result<Outcome, String> {
    let lesson = programs(scenario.lesson);
    network::loopback_up()?;
    let second = if scenario.two_hosts { Some(SecondHost::new()?) } else { None };
    // The capture first: its start sends a probe to itself on loopback
    // (`wire::Capture::start`), which a loss rule could drop.
    let capture = Capture::start().map_err(|err| format!("cannot capture packets: {err}"))?;
    // With two hosts, each host drops some of what comes to it (after the
    // capture on lab-a saw it on the cable), and each reports to its own log.
    let mut drops = Vec::new();
    if let Some(percent) = scenario.loss {
        let unread = |err: std::io::Error| format!("cannot read the packet log (NFLOG): {err}");
        network::nft(&loss_rules(percent), None)?;
        drops.push(Drops::start(LOST_GROUP).map_err(unread)?);
        if let Some(host) = &second {
            network::nft(&loss_rules(percent), Some(host))?;
            drops.push(host.inside(|| Drops::start(LOST_GROUP))?.map_err(unread)?);
        }
    }

    let (said, heard) = mpsc::channel::<Said>();
    let program = |name: &str| -> PathBuf { folder.join(format!("{name}{}", std::env::consts::EXE_SUFFIX)) };
    let mut server_command = match &second {
        Some(host) => host.command(program(lesson.server)),
        None => Command::new(program(lesson.server)),
    };
    server_command.args(["--port", "0"]).args(lesson.server_args);
    if let Some(host) = &scenario.host {
        server_command.args(["--host", host]);
    }
    let mut server = start(server_command, Side::Server, scenario.lang, &said)?;

    let mut lines = Vec::new();
    let ready_by = Instant::now() + READY_LIMIT;
    let address = loop {
        let left = ready_by.saturating_duration_since(Instant::now());
        let line = heard.recv_timeout(left).map_err(|_| {
            let _ = server.kill();
            format!("{} never said it was ready", lesson.server)
        })?;
        let ready = ready_address(&line.text).filter(|_| line.side == Side::Server);
        lines.push(Said { read: lines.len() as u64, ..line });
        if let Some(address) = ready {
            break address;
        }
    };
    if let Some(firewall) = scenario.firewall {
        network::nft(&firewall_rules(firewall, lesson.tcp, address.port()), second.as_ref())?;
    }

    let target = match (&second, address.ip().is_unspecified()) {
        (Some(_), _) => HOST_B.to_string(),
        (None, true) => "127.0.0.1".to_string(),
        (None, false) => address.ip().to_string(),
    };
    let mut client_command = Command::new(program(lesson.client));
    client_command
        .args(["--host", &target, "--port", &address.port().to_string()])
        .args(lesson.client_args)
        .args(&scenario.client_args);
    let mut client = start(client_command, Side::Client, scenario.lang, &said)?;
    drop(said);

    // Read until both outputs end, ending the client at its limit and the
    // server a moment after the client has ended.
    let started = Instant::now();
    let mut client_done: Option<Instant> = None;
    let (mut client_exit, mut server_exit) = (None, None);
    let mut client_killed = false;
    let mut looked = Instant::now();
    loop {
        match heard.recv_timeout(Duration::from_millis(20)) {
            Ok(line) => lines.push(Said { read: lines.len() as u64, ..line }),
            Err(RecvTimeoutError::Disconnected) => break,
            Err(RecvTimeoutError::Timeout) => {}
        }
        if looked.elapsed() >= LOOK_EVERY {
            looked = Instant::now();
            let packets = capture.so_far();
            let lost = lost(&packets, &in_order(drops.iter().flat_map(Drops::so_far).collect()));
            let client_running = client_done.is_none();
            watch(SoFar {
                lines: &lines,
                packets: &packets,
                lost: &lost,
                server: address.port(),
                client_running,
            });
        }
        if client_done.is_none() {
            if let Ok(Some(status)) = client.try_wait() {
                client_exit = status.code();
                client_done = Some(Instant::now());
            } else if started.elapsed() > CLIENT_LIMIT {
                let _ = client.kill();
                let _ = client.wait();
                client_killed = true;
                client_done = Some(Instant::now());
            }
        }
        if let Some(done) = client_done
            && server_exit.is_none()
        {
            if let Ok(Some(status)) = server.try_wait() {
                server_exit = Some(status.code());
            } else if done.elapsed() > SERVER_GRACE {
                let _ = server.kill();
                let _ = server.wait();
                server_exit = Some(None);
            }
        }
    }
    if server_exit.is_none() {
        let _ = server.kill();
        server_exit = Some(server.wait().ok().and_then(|status| status.code()));
    }
    let client_exit = if client_killed { None } else { client_exit.or_else(|| client.wait().ok()?.code()) };
    if scenario.loss.is_some() {
        // TCP may still resend what was lost as the programs ended (their
        // last FIN): watch a moment longer.
        std::thread::sleep(SETTLE);
    }
    let packets = capture.stop().map_err(|err| format!("the capture failed: {err}"))?;
    let mut dropped = Vec::new();
    for drops in drops {
        dropped.extend(drops.stop().map_err(|err| format!("the packet log (NFLOG) failed: {err}"))?);
    }
    let lost = lost(&packets, &in_order(dropped));
    drop(second);
    Ok(Outcome { lines, packets, lost, server: address, server_exit: server_exit.flatten(), client_exit })
}

/// Which captured packets the loss rule dropped: for each one the rule
/// reported (in order), the latest captured packet just like it (ends, flags,
/// sequence number, bytes) sent before the report, not already taken. A TCP
/// segment sent twice is two packets; the report of the first drop comes
/// before the second copy is sent, so it is matched to the first.
pub fn lost(packets: &[Packet], dropped: &[Packet]) -> HashSet<usize> {
    let mut lost = HashSet::new();
    for drop in dropped {
        let copy = packets
            .iter()
            .enumerate()
            .filter(|(index, packet)| {
                !lost.contains(index)
                    && packet.from == drop.from
                    && packet.to == drop.to
                    && packet.kind == drop.kind
                    && packet.stamp <= drop.stamp
            })
            .map(|(index, _)| index)
            .next_back();
        lost.extend(copy);
    }
    lost
}

/// Starts one program with stamps on, its lines (stdout and stderr) sent to `said`.
fn start(mut command: Command, side: Side, lang: &str, said: &mpsc::Sender<Said>) -> Result<Child, String> {
    let mut child = command
        .args(["--color", "never", "--lang", lang])
        .env(stamp::VARIABLE, "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|err| format!("cannot start {:?}: {err}", command.get_program()))?;
    let stdout = child.stdout.take().map(|out| Box::new(out) as Box<dyn std::io::Read + Send>);
    let stderr = child.stderr.take().map(|err| Box::new(err) as Box<dyn std::io::Read + Send>);
    for output in [stdout, stderr].into_iter().flatten() {
        let said = said.clone();
        read_lines(output, move |line| {
            let (stamp, text) = match stamp::split(&line) {
                Some((stamp, text)) => (stamp, text.to_string()),
                None => (stamp::now(), line), // not the narrator's: stamped on arrival
            };
            said.send(Said { stamp, read: 0, side, text }).is_ok()
        });
    }
    Ok(child)
}

/// The two hosts' drop reports in one order. Only the receiving host drops
/// a packet, so the reports about one packet and its copies all come from
/// one log, in the order it read them: what [`lost`] needs.
fn in_order(mut dropped: Vec<Packet>) -> Vec<Packet> {
    dropped.sort_by_key(|packet| packet.stamp);
    dropped
}

/// The NFLOG group the loss rule reports each packet it drops to.
pub const LOST_GROUP: u16 = 27;

/// Random loss, both ways: every packet that arrives at the IP layer of the
/// host the rule is loaded on (with two hosts, both are) is dropped with
/// probability PERCENT/100 (`numgen random`), and reported to the lab first
/// (`log group`): the lab knows each one it lost.
fn loss_rules(percent: u8) -> String {
    // numgen's values are 0 to 99: "< 100" would be out of its range.
    let chance = if percent >= 100 { String::new() } else { format!("numgen random mod 100 < {percent} ") };
    format!(
        "table inet lab_loss {{\n  chain input {{\n    type filter hook input priority 0; policy accept;\n    \
         {chance}log group {LOST_GROUP} drop\n  }}\n}}\n"
    )
}

/// The server's port dropped (nothing comes back) or rejected (TCP: an RST;
/// UDP: an ICMP port unreachable), on the server's host.
fn firewall_rules(firewall: Firewall, tcp: bool, port: u16) -> String {
    let protocol = if tcp { "tcp" } else { "udp" };
    let verdict = match (firewall, tcp) {
        (Firewall::Drop, _) => "drop",
        (Firewall::Reject, true) => "reject with tcp reset",
        (Firewall::Reject, false) => "reject with icmpx type port-unreachable",
    };
    format!(
        "table inet lab_firewall {{\n  chain input {{\n    type filter hook input priority 0; policy accept;\n    \
         {protocol} dport {port} {verdict}\n  }}\n}}\n"
    )
}
