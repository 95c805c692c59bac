//! Lesson 1, UDP once: the server.
//!
//! Mirrors `serverFunc` in the UDP section of article 004: make a UDP socket,
//! bind it to 127.0.0.1:7852, wait for one datagram, answer whoever sent it with
//! `Ich hab keine Hunge`, and exit. UDP has no connection, so there is no listen
//! and no accept: each datagram arrives with its sender's address, and that
//! address is all a reply needs.
//!
//! Run it:   cargo run -p lesson1-server
//! Then:     cargo run -p lesson1-client        (in a second terminal)
//! Bare:     cargo run --example lesson1-server-bare   (the same calls, nothing else)

mod story;

use std::net::UdpSocket;
use std::process::ExitCode;

use clap::Parser;
use kit::cli;
use kit::net::{bind_choice, resolve_all};
use kit::notes;
use kit::stop::Waiting;
use shared::lang::Texts;
use shared::{Call, Explain, Failure, Narrator, Role, tr};
use story::Story; // .ready(..) and .datagram(..) on a step: what only this program says

/// The lesson number, for the hints (`cargo run -p lesson1-server`).
const LESSON: u8 = 1;

/// What this lesson says, in English and Chinese (`../locales`).
static TEXTS: Texts = shared::texts!("../locales");

/// Lesson 1 server: receive one UDP datagram, answer it, exit.
#[derive(Parser)]
#[command(version, about, after_help = "Then, in a second terminal: cargo run -p lesson1-client")]
struct Args {
    #[command(flatten)]
    address: cli::UdpServerAddress<7852>,

    /// Receive buffer in bytes: the most one recvfrom takes. A longer datagram
    /// is cut to fit and the rest is lost (UDP keeps no rest for a next read)
    #[arg(long, value_name = "BYTES", default_value = "500", value_parser = cli::buffer_size)]
    buffer: usize,

    /// The reply, sent back to the address the datagram came from
    #[arg(long, value_name = "TEXT", default_value = "Ich hab keine Hunge", value_parser = cli::datagram)]
    reply: String,

    #[command(flatten)]
    look: cli::Look,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let say = args.look.narrator(Role::Server, LESSON, &TEXTS);
    say.exit_with(serve(&args, &say)) // a failed call: its explanation, and exit code 1
}

/// The article's `serverFunc`, one call per step.
fn serve(args: &Args, say: &Narrator) -> Result<(), Failure> {
    // A name may stand for several addresses: localhost is ::1 first, then
    // 127.0.0.1, on some systems. The articles' socket.socket() is AF_INET, so
    // Python's bind takes the name's IPv4 address; so do we, and say which.
    let addrs = resolve_all(&args.address.host, args.address.port)?;
    let (addr, choice) = bind_choice(&addrs);
    notes::name_stands_for(say, &args.address.host, &addrs, &choice);

    // Ctrl-C (or SIGTERM) before the datagram comes: say so, and exit 130, as a
    // shell reports a program it stopped. Installed before the ready line.
    Waiting::told_on_signal(say, tr!("l1-server-waiting"));

    // 1. socket + bind: a UDP socket (SOCK_DGRAM) claims the address. From now on
    //    datagrams sent to this port wait in the socket's queue until we read them.
    let socket = UdpSocket::bind(addr).explain(Call::Bind, addr)?;
    let bound = socket.local_addr().explain(Call::GetName, addr)?; // the real port, with --port 0
    say.step(1, Call::SocketAndBind, tr!("l1-server-bound", addr = bound)).ready(bound);

    // 2. recvfrom: block until one datagram arrives, whole, with its sender's
    //    address. The buffer has one byte more than --buffer: a datagram that
    //    fills that byte was longer than Python's recvfrom(500) would take.
    let mut buf = vec![0; args.buffer + 1];
    let (n, peer) = socket.recv_from(&mut buf).explain(Call::RecvFrom, bound)?;
    say.step(2, Call::RecvFrom, tr!("l1-server-recvfrom", buffer = args.buffer)).datagram(
        &buf[..n],
        args.buffer,
        peer,
    );

    // 3. sendto: answer the address the datagram came from. There is no connection
    //    to answer on; the reply is a new datagram, addressed like the first.
    say.sent(3, Call::SendTo, args.reply.as_bytes(), peer);
    socket.send_to(args.reply.as_bytes(), peer).explain(Call::SendTo, peer)?;

    // 4. close: dropping the socket gives the port back to the system.
    drop(socket);
    say.step(4, Call::Close, tr!("l1-server-close"));
    Ok(())
}
