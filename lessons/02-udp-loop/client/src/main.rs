//! Lesson 2, UDP loop: the client.
//!
//! Mirrors example 4 of article 002 (send to the UDP server, print its reply),
//! in a loop: each message, from `--message` options or from lines typed on
//! standard input, goes out as one datagram and the server's reply is shown.
//! `exit` (or the end of input) stops the client. `exit` is not sent: UDP has no
//! connection to end, so the server need not hear about it. A reply is taken
//! only from the address the message went to; a datagram from any other is
//! shown as ignored.
//!
//! With `--connect` the client calls connect on its UDP socket first, then send
//! and recv: nothing crosses the wire for connect, but the socket is now told
//! of the ICMP "port unreachable" that comes back when nothing is bound at the
//! server's address, and recv fails with "connection refused" instead of waiting.
//!
//! Run it:   cargo run -p lesson2-client        (after cargo run -p lesson2-server)
//! Or:       cargo run -p lesson2-client -- --message 123 --message hello
//! Connected: cargo run -p lesson2-client -- --connect --message anyone   (no server running)
//! Bare:     cargo run --example lesson2-client-bare   (the same calls, nothing else)

use std::io;
use std::net::{SocketAddr, UdpSocket};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Parser;
use kit::cli;
use kit::input::Messages;
use kit::net::{
    client_bind_addr, resolve_all, retry, share_of, share_shown, udp_moving_on, udp_none_answered,
};
use kit::notes;
use kit::strays::Strays;
use shared::lang::Texts;
use shared::{Call, Explain, Failure, Narrator, Role, count, tr};

/// The lesson number, for the hints (`cargo run -p lesson2-server`).
const LESSON: u8 = 2;

/// What this lesson says, in English and Chinese (`../locales`).
static TEXTS: Texts = shared::texts!("../locales");

/// Lesson 2 client: send each message as a UDP datagram, show each reply.
#[derive(Parser)]
#[command(
    version,
    about,
    after_help = "Start the server first, in another terminal: cargo run -p lesson2-server"
)]
struct Args {
    #[command(flatten)]
    server: cli::UdpClientAddress<5555>,

    /// A message to send, as one datagram; repeat the option to send several.
    /// Without it, each line typed (or piped) on standard input is a message
    #[arg(long, value_name = "TEXT", value_parser = cli::datagram)]
    message: Vec<String>,

    /// Seconds to wait for each reply, from its send (fractions allowed): an unconnected UDP
    /// socket is never told that nobody listened (the ICMP error that says so
    /// reaches only a connected one), so without a limit the client would wait forever
    #[arg(long, value_name = "SECS", default_value = "3", value_parser = cli::seconds)]
    timeout: Duration,

    /// Call connect on the UDP socket first, then send and recv instead of sendto
    /// and recvfrom. Nothing crosses the wire for connect (UDP has no handshake),

    /// but the socket then takes datagrams from the server's address only, and is
    /// told of the ICMP "port unreachable" the system there sends back when
    /// nothing is bound to the port: with no server, recv fails with "connection
    /// refused" at once, where an unconnected socket waits out --timeout
    #[arg(long)]
    connect: bool,

    /// Receive buffer in bytes: a longer reply is cut to fit and the rest is lost
    #[arg(long, value_name = "BYTES", default_value = "1024", value_parser = cli::buffer_size)]
    buffer: usize,

    #[command(flatten)]
    look: cli::Look,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let say = args.look.narrator(Role::Client, LESSON, &TEXTS).with_timeout(args.timeout);
    say.exit_with(talk(args, &say)) // a failed call: its explanation, and exit code 1
}

/// Article 002's example 4, in a loop: one datagram out, one reply in, per message.
fn talk(args: Args, say: &Narrator) -> Result<(), Failure> {
    let servers = resolve_all(&args.server.host, args.server.port)?;
    let share = share_shown(args.timeout / servers.len() as u32);
    notes::name_stands_for(say, &args.server.host, &servers, &tr!("l2-client-name", share = share));

    // A name may stand for several addresses (an IP address is one). UDP has no
    // handshake to be refused: the first message tries each in turn, on a socket
    // of its own, each for its share of --timeout, until one answers; the rest
    // go where it was answered. The articles' AF_INET socket would send to the
    // IPv4 one only.
    let mut untried = servers.iter().copied();
    let mut server = untried.next().expect("a name stands for at least one address");
    let mut socket = open(&args, say, server)?;
    let mut unanswered = Vec::new(); // the addresses tried that did not answer the first message
    let mut answered = false; // once an address has answered, every message goes there

    let mut buf = vec![0; args.buffer + 1]; // one byte more, to tell a reply that was cut
    let mut replies: u64 = 0;
    let prompt = tr!("l2-client-prompt");
    for message in Messages::new(args.message.clone(), say, &prompt) {
        let message = message?;
        if message == b"exit" {
            say.detail(tr!("l2-client-exit"));
            break;
        }

        let started = Instant::now(); // the shares of --timeout count from the first send
        let (n, waited, call) = loop {
            let share = match answered {
                true => args.timeout,
                false => share_of(args.timeout, started, untried.len() + 1),
            };
            let failure = match exchange(&args, say, &socket, server, &message, share, &mut buf) {
                Ok(reply) => break reply,
                Err(failure) => failure,
            };
            match untried.next() {
                Some(next) if !answered => {
                    udp_moving_on(say, &failure, server, share);
                    unanswered.push(server);
                    server = next;
                    socket = open(&args, say, server)?;
                }
                // No answer anywhere: the failure names every address that was tried.
                None if !answered => {
                    unanswered.push(server);
                    return Err(udp_none_answered(failure, &unanswered));
                }
                _ => return Err(failure),
            }
        };
        answered = true;
        replies += 1;
        let ms = format!("{:.2}", waited.as_secs_f64() * 1000.0);
        say.step(3, call, tr!("l2-client-recvfrom", number = replies, ms = ms))
            .received(&buf[..n.min(args.buffer)], server);
        if n > args.buffer {
            notes::truncated(say, args.buffer);
        }
    }

    // 4. close: dropping the socket releases its port; the server is not told.
    drop(socket);
    let (sent, received) = (count(replies, "message"), count(replies, "reply"));
    say.step(4, Call::Close, tr!("l2-client-close", sent = sent, received = received));
    Ok(())
}

/// Step 1 for one server address: the socket the messages to it go out on.
fn open(args: &Args, say: &Narrator, server: SocketAddr) -> Result<UdpSocket, Failure> {
    // 1. socket: one UDP socket for every message; port 0 lets the system choose ours.
    let any_port = client_bind_addr(server);
    let socket = UdpSocket::bind(any_port).explain(Call::Bind, any_port)?;
    let local = socket.local_addr().explain(Call::GetName, any_port)?;
    say.step(1, Call::Socket, tr!("l2-client-socket", addr = local));

    // 1. connect (--connect only): no packet leaves, UDP has no handshake. The socket
    //    now sends to the server by default, takes datagrams from it only, and is
    //    told of the ICMP errors that come back about what it sent there.
    if args.connect {
        socket.connect(server).explain(Call::Connect, server)?;
        say.step(1, Call::Connect, tr!("l2-client-connect", addr = server));
    }
    Ok(socket)
}

/// Steps 2 and 3 for one message: send it to `server`, and wait at most `share`
/// for the reply; returns its length, the round trip and the call that read it.
fn exchange(
    args: &Args,
    say: &Narrator,
    socket: &UdpSocket,
    server: SocketAddr,
    message: &[u8],
    share: Duration,
    buf: &mut [u8],
) -> Result<(usize, Duration, Call), Failure> {
    // 2. sendto: one message, one datagram, addressed to the server.
    //    (--connect: send, to the address connect fixed.)
    say.sent(2, if args.connect { Call::UdpSend } else { Call::SendTo }, message, server);
    let sent_at = Instant::now(); // the round trip starts just before the datagram leaves
    match args.connect {
        true => socket.send(message).explain(Call::UdpSend, server)?,
        false => socket.send_to(message, server).explain(Call::SendTo, server)?,
    };

    // 3. recvfrom: the server's reply, within --timeout of the send (within this
    //    address's share while the first message tries each), or a timeout.
    //    Any program can send to our port: only a datagram from the server's
    //    address is the reply; another is kept to show, and we wait on.
    //    (--connect: recv. The system lets only the server's datagrams reach a
    //    connected socket, and ends recv with "connection refused" when an ICMP
    //    "port unreachable" comes back for ours.)
    let receive = if args.connect { Call::UdpRecv } else { Call::RecvFrom };
    let mut strays = Strays::new(args.buffer);
    let waited = loop {
        // What is left of the wait: a stray does not restart the clock.
        let left = share.saturating_sub(sent_at.elapsed());
        if left.is_zero() {
            break Err(io::ErrorKind::TimedOut.into()).explain(receive, server);
        }
        if let Err(err) = socket.set_read_timeout(Some(left)) {
            break Err(err).explain(Call::SetOption, server);
        }
        let received = match args.connect {
            true => retry(|| socket.recv(buf)).map(|n| (n, server)),
            false => retry(|| socket.recv_from(buf)),
        };
        match received {
            Ok((n, from)) if from == server => break Ok((n, sent_at.elapsed())),
            Ok((n, from)) => strays.keep(&buf[..n], from),
            Err(err) => break Err(err).explain(receive, server),
        }
    };
    strays.show(say, 3, server); // after the wait, so that printing is not in the round trip
    let (n, waited) = waited?;
    Ok((n, waited, receive))
}
