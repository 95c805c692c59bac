//! Lesson 1, UDP once: the client.
//!
//! Mirrors `clientFunc` in the UDP section of article 004: make a UDP socket,
//! send `I love jingjing` to 127.0.0.1:7852, wait for the reply (buffer 200
//! bytes), show it, exit. The article's client waits forever if no reply comes;
//! this one gives up after `--timeout` seconds and says why: with nothing bound
//! there, the system at the server's address usually sends back an ICMP "port
//! unreachable", but an unconnected UDP socket is never told. And the article
//! takes any datagram as the reply; this one takes it only from the address it
//! sent to, and shows any other as ignored.
//!
//! Run it:   cargo run -p lesson1-client        (after cargo run -p lesson1-server)
//! Bare:     cargo run --example lesson1-client-bare   (the same calls, nothing else)

use std::io;
use std::net::{SocketAddr, UdpSocket};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Parser;
use kit::cli;
use kit::net::{
    client_bind_addr, resolve_all, retry, share_of, share_shown, udp_moving_on, udp_none_answered,
};
use kit::notes;
use kit::strays::Strays;
use shared::lang::Texts;
use shared::{Call, Explain, Failure, Narrator, Role, tr};

/// The lesson number, for the hints (`cargo run -p lesson1-server`).
const LESSON: u8 = 1;

/// What this lesson says, in English and Chinese (`../locales`).
static TEXTS: Texts = shared::texts!("../locales");

/// Lesson 1 client: send one UDP datagram, show the reply.
#[derive(Parser)]
#[command(
    version,
    about,
    after_help = "Start the server first, in another terminal: cargo run -p lesson1-server"
)]
struct Args {
    #[command(flatten)]
    server: cli::UdpClientAddress<7852>,

    /// The text to send, as one datagram
    #[arg(long, value_name = "TEXT", default_value = "I love jingjing", value_parser = cli::datagram)]
    message: String,

    /// Seconds to wait for the reply, from the send (fractions allowed): an unconnected UDP
    /// socket is never told that nobody listened (the ICMP error that says so
    /// reaches only a connected one), so without a limit the client would wait forever
    #[arg(long, value_name = "SECS", default_value = "3", value_parser = cli::seconds)]
    timeout: Duration,

    /// Receive buffer in bytes: a longer reply is cut to fit and the rest is lost
    #[arg(long, value_name = "BYTES", default_value = "200", value_parser = cli::buffer_size)]
    buffer: usize,

    #[command(flatten)]
    look: cli::Look,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let say = args.look.narrator(Role::Client, LESSON, &TEXTS).with_timeout(args.timeout);
    say.exit_with(talk(&args, &say)) // a failed call: its explanation, and exit code 1
}

/// The article's `clientFunc`, one call per step.
fn talk(args: &Args, say: &Narrator) -> Result<(), Failure> {
    let servers = resolve_all(&args.server.host, args.server.port)?;
    let share = share_shown(args.timeout / servers.len() as u32);
    notes::name_stands_for(say, &args.server.host, &servers, &tr!("l1-client-name", share = share));

    // 1. socket, 2. sendto and 3. recvfrom, to each address --host stands for
    //    until one answers (an IP address is one). UDP has no handshake to be
    //    refused: each address gets its share of --timeout, and silence means
    //    "try the next". The articles' AF_INET socket would send to the IPv4 one only.
    let started = Instant::now();
    let mut buf = vec![0; args.buffer + 1];
    let mut unanswered = Vec::new(); // the addresses tried that did not answer
    let (socket, server, n, waited) = loop {
        let server = servers[unanswered.len()];
        let share = share_of(args.timeout, started, servers.len() - unanswered.len());
        let failure = match exchange(args, say, server, share, &mut buf) {
            Ok((socket, n, waited)) => break (socket, server, n, waited),
            Err(failure) => failure,
        };
        unanswered.push(server);
        if unanswered.len() == servers.len() {
            // No answer anywhere: the failure names every address that was tried.
            return Err(udp_none_answered(failure, &unanswered));
        }
        udp_moving_on(say, &failure, server, share);
    };
    let ms = format!("{:.2}", waited.as_secs_f64() * 1000.0);
    say.step(3, Call::RecvFrom, tr!("l1-client-recvfrom", ms = ms, buffer = args.buffer))
        .received(&buf[..n.min(args.buffer)], server);
    if n > args.buffer {
        notes::truncated(say, args.buffer);
    }

    // 4. close: dropping the socket releases its port.
    drop(socket);
    say.step(4, Call::Close, tr!("l1-client-close"));
    Ok(())
}

/// Steps 1 to 3 with one server address: socket, sendto, and recvfrom for at most
/// `share` (into one byte more than --buffer, to tell a reply that fits from one that was cut).
fn exchange(
    args: &Args,
    say: &Narrator,
    server: SocketAddr,
    share: Duration,
    buf: &mut [u8],
) -> Result<(UdpSocket, usize, Duration), Failure> {
    // 1. socket: a UDP socket. Python binds it on the first sendto; std makes us say
    //    where: port 0 means any free port, so the client never needs a fixed one.
    let any_port = client_bind_addr(server);
    let socket = UdpSocket::bind(any_port).explain(Call::Bind, any_port)?;
    let local = socket.local_addr().explain(Call::GetName, any_port)?;
    say.step(1, Call::Socket, tr!("l1-client-socket", addr = local));

    // 2. sendto: one datagram to the server's address. It leaves at once, whether
    //    or not anything is listening there: UDP does not ask first.
    say.sent(2, Call::SendTo, args.message.as_bytes(), server);
    let sent_at = Instant::now(); // the round trip starts just before the datagram leaves
    socket.send_to(args.message.as_bytes(), server).explain(Call::SendTo, server)?;

    // 3. recvfrom: wait for the reply, at most this address's share of --timeout
    //    from the send (all of it for an IP address). Any program can send to our
    //    port: only a datagram from the server's address is the reply. Another is
    //    kept to show, and we wait on.
    let mut strays = Strays::new(args.buffer);
    let waited = loop {
        // What is left of the share: a stray does not restart the clock.
        let left = share.saturating_sub(sent_at.elapsed());
        if left.is_zero() {
            break Err(io::ErrorKind::TimedOut.into()).explain(Call::RecvFrom, server);
        }
        if let Err(err) = socket.set_read_timeout(Some(left)) {
            break Err(err).explain(Call::SetOption, server);
        }
        match retry(|| socket.recv_from(buf)) {
            Ok((n, from)) if from == server => break Ok((n, sent_at.elapsed())),
            Ok((n, from)) => strays.keep(&buf[..n], from),
            Err(err) => break Err(err).explain(Call::RecvFrom, server),
        }
    };
    strays.show(say, 3, server); // after the wait, so that printing is not in the round trip
    let (n, waited) = waited?;
    Ok((socket, n, waited))
}
