//! Lesson 4, TCP loop: the client.
//!
//! Mirrors `client.py` of article 000: connect, show the server's greeting, then
//! for each message (`--message` options, or lines typed on standard input) send
//! it and show the reply. Like Python's `input()`, a line goes out without its
//! newline. After sending `exit` the client stops without waiting for a reply.
//! At the end of input it closes without sending `exit` at all, and the server
//! sees a read of 0 bytes: the other way a TCP peer says goodbye.
//!
//! Run it:   cargo run -p lesson4-client        (after cargo run -p lesson4-server)
//! Bare:     cargo run --example lesson4-client-bare   (the same calls, nothing else)
//! Or:       cargo run -p lesson4-client -- --message hello --message exit

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use shared::input::Messages;
use shared::net::resolve;
use shared::{Call, ColorChoice, Explain, Failure, Narrator, Role, cli, count};
use socket2::{Domain, Socket, Type};

/// The lesson number, for the hints (`cargo run -p lesson4-server`).
const LESSON: u8 = 4;

/// Lesson 4 client: a conversation over one TCP connection.
#[derive(Parser)]
#[command(
    version,
    about,
    after_help = "Start the server first, in another terminal: cargo run -p lesson4-server"
)]
struct Args {
    /// The server's address
    #[arg(long, default_value = "127.0.0.1")]
    host: String,

    /// The server's port (the client's own port is chosen by the system at connect)
    #[arg(long, default_value_t = 8888)]
    port: u16,

    /// A message to send; repeat the option to send several. Without it, each
    /// line typed (or piped) on standard input is a message. `exit` ends the
    /// conversation; the end of input closes the connection without it
    #[arg(long, value_name = "TEXT")]
    message: Vec<String>,

    /// Seconds to wait for the connection, the greeting and each reply
    /// (fractions allowed). A server busy with another client never greets:
    /// lesson 4 serves one client at a time
    #[arg(long, value_name = "SECS", default_value = "3", value_parser = cli::seconds)]
    timeout: Duration,

    /// Chat with a `--chat` server, as article 003's client does: no greeting
    /// to wait for; each reply is a line the server's operator types
    #[arg(long)]
    chat: bool,

    /// Receive buffer in bytes: the most one recv takes
    #[arg(long, value_name = "BYTES", default_value = "1024", value_parser = cli::buffer_size)]
    buffer: usize,

    /// Colour the output: auto colours a terminal unless NO_COLOR is set
    #[arg(long, value_enum, default_value_t)]
    color: ColorChoice,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let say = Narrator::new(Role::Client, LESSON, args.color).with_timeout(args.timeout);
    say.exit_with(talk(args, &say)) // a failed call: its explanation, and exit code 1
}

/// Article 000's client.py: the greeting, then one message and one reply at a time.
fn talk(args: Args, say: &Narrator) -> Result<(), Failure> {
    let server = resolve(&args.host, args.port)?;

    // 1. socket: a TCP socket (SOCK_STREAM). No bind: connect will choose our port.
    let socket =
        Socket::new(Domain::for_address(server), Type::STREAM, None).explain(Call::Socket, server)?;
    say.step(1, "socket", "TCP socket (SOCK_STREAM), not bound: connect picks our port");

    // 2. connect: the handshake. It completes even while the server is busy with
    //    another client: the system queues us until the server accepts.
    socket.connect_timeout(&server.into(), args.timeout).explain(Call::Connect, server)?;
    let mut connection = TcpStream::from(socket);
    // The article's recv would wait forever; every recv below gives up after --timeout.
    connection.set_read_timeout(Some(args.timeout)).explain(Call::SetOption, server)?;
    let local = connection.local_addr().explain(Call::Connect, server)?;
    say.step(2, "connect", format_args!("connected to {server} from {local}"));

    // 3. recv: the greeting, which the server sends as soon as it accepts us
    //    (article 003's chat server sends none).
    let mut buf = vec![0; args.buffer];
    if !args.chat {
        let n = connection.read(&mut buf).explain(Call::Recv, server)?;
        say.step(3, "recv", "the greeting").received(&buf[..n], server);
        if n == 0 {
            say.peer_closed();
            return Err(Failure::other(
                "the server closed the connection before greeting us",
                "is it a lesson 4 server?",
            ));
        }
    }

    let mut replies: u64 = 0;
    let mut said_exit = false;
    for message in Messages::new(args.message, say, "message (exit to leave): ") {
        let message = message?;
        // A send of 0 bytes puts nothing on the wire: the server would go on
        // waiting, and we would wait for a reply that never comes.
        if message.is_empty() {
            say.notice("empty message not sent: 0 bytes put nothing on the wire for the server to answer");
            continue;
        }

        // 4. send: the message as it is, no newline added, in one write.
        say.sent(4, "send", &message, server);
        connection.write_all(&message).explain(Call::Send, server)?;
        if message == b"exit" {
            said_exit = true;
            say.detail("sent exit: the server ends the conversation, so no reply is coming");
            break;
        }

        // 5. recv: the reply, or whatever part of it has arrived (one read, as the article).
        let n = connection.read(&mut buf).explain(Call::Recv, server)?;
        say.step(5, "recv", format_args!("reply #{}", replies + 1)).received(&buf[..n], server);
        if n == 0 {
            say.peer_closed();
            return Err(Failure::other(
                "the server closed the connection",
                "the server ended the conversation; start a new one",
            ));
        }
        replies += 1;
        if n == args.buffer {
            say.buffer_full(args.buffer);
        }
    }

    // 6. close: our FIN. Without a prior `exit`, the server learns we left when its
    //    recv returns 0 bytes.
    let how = if said_exit {
        "after exit"
    } else {
        "at the end of input, without exit: the server's recv will return 0 bytes"
    };
    say.step(6, "close", format_args!("closing the connection (FIN) {how}"));
    drop(connection);
    say.detail(format_args!("{} received: done", count(replies, "reply")));
    Ok(())
}
