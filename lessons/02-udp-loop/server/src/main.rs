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

mod story;

use std::io::ErrorKind;
use std::net::{SocketAddr, UdpSocket};
use std::process::ExitCode;

use clap::Parser;
use kit::cli;
use kit::net::{bind_choice, resolve_all};
use kit::notes;
use kit::stop::{Count, Tally, print_tally_on_signal};
use shared::lang::Texts;
use shared::{Call, Explain, Failure, Narrator, Role, tr};
use story::{Senders, Story}; // .ready(..) and .datagram(..) on a step: what only this program says

/// The lesson number, for the hints (`cargo run -p lesson2-server`).
const LESSON: u8 = 2;

/// What this lesson says, in English and Chinese (`../locales`).
static TEXTS: Texts = shared::texts!("../locales");

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
    say.step(1, Call::SocketAndBind, tr!("l2-server-bound", addr = bound)).ready(bound, args.serve);

    // The loop of article 002's example 3: every datagram gets a reply, forever.
    // A failure that is one client's ends only its turn: said, and the next served.
    let mut buf = vec![0; args.buffer + 1]; // one byte more, to tell a datagram that was cut
    let mut senders = Senders::default();
    while args.serve.is_none_or(|n| tally.get(Count::Datagrams) < n) {
        match answer(args, say, &socket, bound, &mut buf, &tally, &mut senders) {
            Err(failure) if !is_one_client_s(&failure) => return Err(failure),
            Err(failure) => say.report(&failure),
            Ok(()) => {}
        }
    }

    // 4. close: only reached with --serve; Ctrl-C stops the server inside the loop.
    drop(socket);
    say.step(4, Call::Close, tr!("l2-server-close", summary = tally.summary()));
    Ok(())
}

/// One turn of the loop: the next datagram, from whichever client sends, and
/// the reply to its sender.
fn answer(
    args: &Args,
    say: &Narrator,
    socket: &UdpSocket,
    bound: SocketAddr,
    buf: &mut [u8],
    tally: &Tally,
    senders: &mut Senders,
) -> Result<(), Failure> {
    // 2. recvfrom: block until the next datagram, from whichever client sends.
    let (n, peer) = socket.recv_from(buf).explain(Call::RecvFrom, bound)?;
    tally.add(Count::Datagrams);
    let first_past_cap = senders.count(peer, tally);
    let number = tally.get(Count::Datagrams);
    say.step(2, Call::RecvFrom, tr!("l2-server-recvfrom", number = number, buffer = args.buffer)).datagram(
        &buf[..n],
        args.buffer,
        peer,
        first_past_cap,
    );

    // 3. sendto: the reply goes to this datagram's sender, and only to it.
    say.sent(3, Call::SendTo, args.reply.as_bytes(), peer);
    socket.send_to(args.reply.as_bytes(), peer).explain(Call::SendTo, peer)?;
    Ok(())
}

/// Whether a failure is one client's trouble, not the server's: a reply that
/// could not be sent, or, on Windows, an earlier reply that reached no one
/// (ICMP "port unreachable"), which the system reports on the next recvfrom.
/// That client is gone; the server serves the next.
fn is_one_client_s(failure: &Failure) -> bool {
    matches!(failure, Failure::Call { call: Call::SendTo, .. })
        || failure.io_error().is_some_and(|err| err.kind() == ErrorKind::ConnectionReset)
}
