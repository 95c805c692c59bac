//! Lesson 2, UDP loop: the client.
//!
//! Mirrors example 4 of article 002 (send to the UDP server, print its reply),
//! in a loop: each message, from `--message` options or from lines typed on
//! standard input, goes out as one datagram and the server's reply is shown.
//! `exit` (or the end of input) stops the client. `exit` is not sent: UDP has no
//! connection to end, so the server need not hear about it.
//!
//! Run it:   cargo run -p lesson2-client        (after cargo run -p lesson2-server)
//! Or:       cargo run -p lesson2-client -- --message 123 --message hello
//! Bare:     cargo run --example lesson2-client-bare   (the same calls, nothing else)

use std::net::UdpSocket;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use shared::input::Messages;
use shared::net::{client_bind_addr, resolve_all, retry};
use shared::{Call, ColorChoice, Explain, Failure, Lang, Narrator, Role, cli, count, tr};

/// The lesson number, for the hints (`cargo run -p lesson2-server`).
const LESSON: u8 = 2;

/// Lesson 2 client: send each message as a UDP datagram, show each reply.
#[derive(Parser)]
#[command(
    version,
    about,
    after_help = "Start the server first, in another terminal: cargo run -p lesson2-server"
)]
struct Args {
    /// The server's address
    #[arg(long, default_value = "127.0.0.1")]
    host: String,

    /// The server's port (the client's own port is chosen by the system)
    #[arg(long, default_value = "5555", value_parser = cli::port, allow_hyphen_values = true)]
    port: u16,

    /// A message to send, as one datagram; repeat the option to send several.
    /// Without it, each line typed (or piped) on standard input is a message
    #[arg(long, value_name = "TEXT", value_parser = cli::datagram)]
    message: Vec<String>,

    /// Seconds to wait for each reply (fractions allowed): UDP never says that
    /// nobody listened, so without a limit the client would wait forever
    #[arg(long, value_name = "SECS", default_value = "3", value_parser = cli::seconds)]
    timeout: Duration,

    /// Receive buffer in bytes: a longer reply is cut to fit and the rest is lost
    #[arg(long, value_name = "BYTES", default_value = "1024", value_parser = cli::buffer_size)]
    buffer: usize,

    /// Colour the output: auto colours a terminal unless NO_COLOR is set
    #[arg(long, value_enum, default_value_t)]
    color: ColorChoice,

    /// Language of the explanations: en or zh (default: zh if LC_ALL, LC_MESSAGES or LANG starts with zh); --help stays in English
    #[arg(long, value_enum)]
    lang: Option<Lang>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    shared::lang::choose(args.lang);
    let say = Narrator::new(Role::Client, LESSON, args.color).with_timeout(args.timeout);
    say.exit_with(talk(args, &say)) // a failed call: its explanation, and exit code 1
}

/// Article 002's example 4, in a loop: one datagram out, one reply in, per message.
fn talk(args: Args, say: &Narrator) -> Result<(), Failure> {
    let servers = resolve_all(&args.host, args.port)?;
    say.name(&args.host, &servers, &tr!("l2-client-name"));
    let server = servers[0];

    // 1. socket: one UDP socket for every message; port 0 lets the system choose ours.
    let any_port = client_bind_addr(server);
    let socket = UdpSocket::bind(any_port).explain(Call::Bind, any_port)?;
    // Each recvfrom gives up after --timeout: a lost datagram must not hang us.
    socket.set_read_timeout(Some(args.timeout)).explain(Call::SetOption, any_port)?;
    let local = socket.local_addr().explain(Call::Bind, any_port)?;
    say.step(1, "socket", tr!("l2-client-socket", addr = local));

    let mut buf = vec![0; args.buffer + 1]; // one byte more, to tell a reply that was cut
    let mut replies: u64 = 0;
    let prompt = tr!("l2-client-prompt");
    for message in Messages::new(args.message, say, &prompt) {
        let message = message?;
        if message == b"exit" {
            say.detail(tr!("l2-client-exit"));
            break;
        }

        // 2. sendto: one message, one datagram, addressed to the server.
        say.sent(2, "sendto", &message, server);
        socket.send_to(&message, server).explain(Call::SendTo, server)?;

        // 3. recvfrom: the server's reply, or a timeout if it never comes.
        let (n, from) = retry(|| socket.recv_from(&mut buf)).explain(Call::RecvFrom, server)?;
        replies += 1;
        say.step(3, "recvfrom", tr!("l2-client-recvfrom", number = replies))
            .received(&buf[..n.min(args.buffer)], from);
        if n > args.buffer {
            say.truncated(args.buffer);
        }
    }

    // 4. close: dropping the socket releases its port; the server is not told.
    drop(socket);
    let (sent, received) = (count(replies, "message"), count(replies, "reply"));
    say.step(4, "close", tr!("l2-client-close", sent = sent, received = received));
    Ok(())
}
