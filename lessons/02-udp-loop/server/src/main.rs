//! Lesson 2, UDP loop: the server.
//!
//! Mirrors example 3 of article 002 (a UDP server that answers `success` to every
//! datagram) and article 004's note that a server runs forever, in a loop. One
//! socket serves every client: each datagram brings its sender's address, so the
//! server can answer many clients without ever connecting to one.
//!
//! Run it:   cargo run -p lesson2-server
//! Then:     cargo run -p lesson2-client        (in a second terminal, or several)
//! Bare:     cargo run --example lesson2-server-bare   (the same calls, nothing else)

use std::collections::HashSet;
use std::io::ErrorKind;
use std::net::UdpSocket;
use std::process::ExitCode;

use clap::Parser;
use kit::cli;
use kit::net::{bind_choice, resolve_all};
use kit::notes;
use kit::stop::{Count, Tally, print_tally_on_signal};
use shared::lang::Texts;
use shared::{Call, Explain, Failure, Narrator, Role, tr};

/// The lesson number, for the hints (`cargo run -p lesson2-server`).
const LESSON: u8 = 2;

/// What this lesson says, in English and Chinese (`../locales`).
static TEXTS: Texts = shared::texts!("../locales");

/// How many distinct senders the server counts; past it the count stays there,
/// and the summary says "more than".
const MAX_SENDERS: usize = 10_000;

/// Lesson 2 server: answer every UDP datagram, from any client, until stopped.
#[derive(Parser)]
#[command(version, about, after_help = "Then, in one or more other terminals: cargo run -p lesson2-client")]
struct Args {
    #[command(flatten)]
    address: cli::UdpServerAddress<5555>,

    /// Receive buffer in bytes: the most one recvfrom takes. A longer datagram
    /// is cut to fit and the rest is lost (UDP keeps no rest for a next read)
    #[arg(long, value_name = "BYTES", default_value = "1024", value_parser = cli::buffer_size)]
    buffer: usize,

    /// The reply to every datagram, sent back to the address it came from
    #[arg(long, value_name = "TEXT", default_value = "success", value_parser = cli::datagram)]
    reply: String,

    /// Stop after N datagrams and print a summary (default: serve until Ctrl-C)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    serve: Option<u64>,

    #[command(flatten)]
    look: cli::Look,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let say = args.look.narrator(Role::Server, LESSON, &TEXTS);
    say.exit_with(serve(&args, &say)) // a failed call: its explanation, and exit code 1
}

/// Article 002's example 3: one socket answers every datagram, forever.
fn serve(args: &Args, say: &Narrator) -> Result<(), Failure> {
    // A name may stand for several addresses: localhost is ::1 first, then
    // 127.0.0.1, on some systems. The articles' socket.socket() is AF_INET, so
    // Python's bind takes the name's IPv4 address; so do we, and say which.
    let addrs = resolve_all(&args.address.host, args.address.port)?;
    let (addr, choice) = bind_choice(&addrs);
    notes::name_stands_for(say, &args.address.host, &addrs, &choice);

    // What it served, printed at the end of --serve or on Ctrl-C. The handler goes
    // in before the ready line, so a signal never finds the server without it.
    let tally = Tally::new(&[Count::Datagrams, Count::Senders]);
    print_tally_on_signal(say, &tally);

    // 1. socket + bind: one UDP socket, one address, for every client to come.
    let socket = UdpSocket::bind(addr).explain(Call::Bind, addr)?;
    let bound = socket.local_addr().explain(Call::GetName, addr)?; // the real port, with --port 0
    say.step(1, Call::SocketAndBind, tr!("l2-server-bound", addr = bound));
    notes::exposed(say, bound);
    notes::serving(say, args.serve, "datagram");

    // The loop of article 002's example 3: every datagram gets a reply, forever.
    let mut buf = vec![0; args.buffer + 1]; // one byte more, to tell a datagram that was cut
    let mut senders = HashSet::new();
    let mut past_cap = false;
    while args.serve.is_none_or(|n| tally.get(Count::Datagrams) < n) {
        // 2. recvfrom: block until the next datagram, from whichever client sends.
        let (n, peer) = match socket.recv_from(&mut buf).explain(Call::RecvFrom, bound) {
            Ok(datagram) => datagram,
            // Windows reports an earlier reply that reached no one (ICMP "port
            // unreachable") on the next recvfrom. That client is gone; serve on.
            Err(failure) if failure.io_error().is_some_and(|e| e.kind() == ErrorKind::ConnectionReset) => {
                say.report(&failure);
                continue;
            }
            Err(failure) => return Err(failure),
        };
        say.new_conversation(); // each datagram's lines are few: no budget spans datagrams
        tally.add(Count::Datagrams);
        // Distinct senders are counted up to MAX_SENDERS: a flood of new addresses
        // must not grow the set without end. The first new one past that is
        // said, and from then on the count is "more than".
        let first_past_cap = senders.len() >= MAX_SENDERS && !past_cap && !senders.contains(&peer);
        if senders.len() < MAX_SENDERS {
            senders.insert(peer);
            tally.set(Count::Senders, senders.len() as u64);
        } else if first_past_cap {
            past_cap = true;
            tally.passed_cap(Count::Senders);
        }
        say.step(
            2,
            Call::RecvFrom,
            tr!("l2-server-recvfrom", number = tally.get(Count::Datagrams), buffer = args.buffer),
        )
        .received(&buf[..n.min(args.buffer)], peer);
        if n > args.buffer {
            notes::truncated(say, args.buffer);
        }
        if first_past_cap {
            say.notice(tr!("l2-server-senders-capped", max = MAX_SENDERS.to_string(), peer = peer));
        }

        // 3. sendto: the reply goes to this datagram's sender, and only to it.
        say.sent(3, Call::SendTo, args.reply.as_bytes(), peer);
        if let Err(failure) = socket.send_to(args.reply.as_bytes(), peer).explain(Call::SendTo, peer) {
            say.report(&failure); // one client's trouble: serve the next
        }
    }

    // 4. close: only reached with --serve; Ctrl-C stops the server inside the loop.
    drop(socket);
    say.step(4, Call::Close, tr!("l2-server-close", summary = tally.summary()));
    Ok(())
}
