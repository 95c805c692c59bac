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

use std::net::UdpSocket;
use std::process::ExitCode;

use clap::Parser;
use kit::cli;
use kit::net::{bind_choice, resolve_all};
use kit::stop::Waiting;
use shared::lang::Texts;
use shared::{Call, ColorChoice, Explain, Failure, Lang, Narrator, Role, tr};

/// The lesson number, for the hints (`cargo run -p lesson1-server`).
const LESSON: u8 = 1;

/// What this lesson says, in English and Chinese (`../locales`).
static TEXTS: Texts = shared::texts!("../locales");

/// Lesson 1 server: receive one UDP datagram, answer it, exit.
#[derive(Parser)]
#[command(version, about, after_help = "Then, in a second terminal: cargo run -p lesson1-client")]
struct Args {
    /// Address to bind: 127.0.0.1 takes datagrams from this machine only;
    /// 0.0.0.0 would take them from every network this machine is on. A name
    /// such as localhost binds its IPv4 address, as Python's AF_INET socket does
    #[arg(long, default_value = "127.0.0.1")]
    host: String,

    /// Port to bind: where clients send. 0 lets the system pick a free port,
    /// shown in the `bound to` line
    #[arg(long, default_value = "7852", value_parser = cli::port, allow_hyphen_values = true)]
    port: u16,

    /// Receive buffer in bytes: the most one recvfrom takes. A longer datagram
    /// is cut to fit and the rest is lost (UDP keeps no rest for a next read)
    #[arg(long, value_name = "BYTES", default_value = "500", value_parser = cli::buffer_size)]
    buffer: usize,

    /// The reply, sent back to the address the datagram came from
    #[arg(long, value_name = "TEXT", default_value = "Ich hab keine Hunge", value_parser = cli::datagram)]
    reply: String,

    /// Colour the output: auto colours a terminal unless NO_COLOR is set
    #[arg(long, value_enum, default_value_t)]
    color: ColorChoice,

    /// Language of the explanations: en or zh (default: zh if LC_ALL, LC_MESSAGES or LANG starts with zh); --help stays in English
    #[arg(long, value_enum)]
    lang: Option<Lang>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    shared::lang::choose(args.lang, &[&kit::TEXTS, &TEXTS]);
    let say = Narrator::new(Role::Server, LESSON, args.color);
    say.exit_with(serve(&args, &say)) // a failed call: its explanation, and exit code 1
}

/// The article's `serverFunc`, one call per step.
fn serve(args: &Args, say: &Narrator) -> Result<(), Failure> {
    // A name may stand for several addresses: localhost is ::1 first, then
    // 127.0.0.1, on some systems. The articles' socket.socket() is AF_INET, so
    // Python's bind takes the name's IPv4 address; so do we, and say which.
    let addrs = resolve_all(&args.host, args.port)?;
    let (addr, choice) = bind_choice(&addrs);
    say.name(&args.host, &addrs, &choice);

    // Ctrl-C (or SIGTERM) before the datagram comes: say so, and exit 130, as a
    // shell reports a program it stopped. Installed before the ready line.
    Waiting::told_on_signal(say, tr!("l1-server-waiting"));

    // 1. socket + bind: a UDP socket (SOCK_DGRAM) claims the address. From now on
    //    datagrams sent to this port wait in the socket's queue until we read them.
    let socket = UdpSocket::bind(addr).explain(Call::Bind, addr)?;
    let bound = socket.local_addr().explain(Call::Bind, addr)?; // the real port, with --port 0
    say.step(1, "socket+bind", tr!("l1-server-bound", addr = bound));
    say.warn_if_exposed(bound);

    // 2. recvfrom: block until one datagram arrives, whole, with its sender's
    //    address. The buffer has one byte more than --buffer: a datagram that
    //    fills that byte was longer than Python's recvfrom(500) would take.
    let mut buf = vec![0; args.buffer + 1];
    let (n, peer) = socket.recv_from(&mut buf).explain(Call::RecvFrom, bound)?;
    say.step(2, "recvfrom", tr!("l1-server-recvfrom", buffer = args.buffer))
        .received(&buf[..n.min(args.buffer)], peer);
    if n > args.buffer {
        say.truncated(args.buffer);
    }

    // 3. sendto: answer the address the datagram came from. There is no connection
    //    to answer on; the reply is a new datagram, addressed like the first.
    say.sent(3, "sendto", args.reply.as_bytes(), peer);
    socket.send_to(args.reply.as_bytes(), peer).explain(Call::SendTo, peer)?;

    // 4. close: dropping the socket gives the port back to the system.
    drop(socket);
    say.step(4, "close", tr!("l1-server-close"));
    Ok(())
}
