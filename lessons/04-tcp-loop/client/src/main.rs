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

mod story;

use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Parser;
use kernel::tcp_state::close_will_send;
use kit::cli;
use kit::input::Messages;
use kit::net::{is_timeout, read_by, resolve_all, retry, try_each_address};
use kit::notes;
use shared::lang::Texts;
use shared::{Call, Explain, Failure, Narrator, Role, tr};
use socket2::{Domain, Socket, Type};

/// The lesson number, for the hints (`cargo run -p lesson4-server`).
const LESSON: u8 = 4;

/// What this lesson says, in English and Chinese (`../locales`).
static TEXTS: Texts = shared::texts!("../locales");

/// Lesson 4 client: a conversation over one TCP connection.
#[derive(Parser)]
#[command(
    version,
    about,
    after_help = "Start the server first, in another terminal: cargo run -p lesson4-server"
)]
struct Args {
    #[command(flatten)]
    server: cli::TcpClientAddress<8888>,

    /// A message to send; repeat the option to send several. Without it, each
    /// line typed (or piped) on standard input is a message. `exit` ends the
    /// conversation; the end of input closes the connection without it
    #[arg(long, value_name = "TEXT")]
    message: Vec<String>,

    /// Seconds to wait for the connection, the greeting, each send to be taken
    /// and each reply (fractions allowed). A server busy with another client
    /// does not greet yet: lesson 4 serves one client at a time (a person
    /// typing waits on)
    #[arg(long, value_name = "SECS", default_value = "3", value_parser = cli::seconds)]
    timeout: Duration,

    /// Chat with a `--chat` server, as article 003's client does: no greeting
    /// to wait for; each reply is a line the server's operator types
    #[arg(long)]
    chat: bool,

    /// Receive buffer in bytes: the most one recv takes
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

/// Article 000's client.py: the greeting, then one message and one reply at a time.
fn talk(args: Args, say: &Narrator) -> Result<(), Failure> {
    let servers = resolve_all(&args.server.host, args.server.port)?;
    notes::name_stands_for(say, &args.server.host, &servers, &tr!("l4-try-each"));

    // 1. socket and 2. connect, to each address --host stands for until one
    //    answers, as Python's create_connection does (an IP address is one).
    let (socket, server) = try_each_address(say, &servers, |server| {
        // 1. socket: a TCP socket (SOCK_STREAM). No bind: connect will choose our port.
        let socket =
            Socket::new(Domain::for_address(server), Type::STREAM, None).explain(Call::Socket, server)?;
        say.step(1, Call::Socket, tr!("l4-client-socket"));

        // 2. connect: the handshake. It completes even while the server is busy with
        //    another client: the system queues us until the server accepts.
        socket.connect_timeout(&server.into(), args.timeout).explain(Call::Connect, server)?;
        Ok(socket)
    })?;
    let mut connection = TcpStream::from(socket);
    // The article's recv would wait forever; every recv below gives up after --timeout.
    connection.set_read_timeout(Some(args.timeout)).explain(Call::SetOption, server)?;
    connection.set_write_timeout(Some(args.timeout)).explain(Call::SetOption, server)?; // and every send
    let local = connection.local_addr().explain(Call::GetName, server)?;
    say.step(2, Call::Connect, tr!("l4-connected", server = server, local = local));

    // 3. recv: the greeting, which the server sends as soon as it accepts us
    //    (article 003's chat server sends none). A person at the keyboard waits
    //    for it as long as a person would: a busy server accepts us later.
    let prompt = tr!("l4-prompt-message");
    let mut messages = Messages::new(args.message, say, &prompt);
    let mut buf = vec![0; args.buffer];
    if !args.chat {
        let n = match retry(|| connection.read(&mut buf)) {
            Err(err) if is_timeout(&err) && messages.typing() => {
                story::still_waiting_for_greeting(say, args.timeout);
                connection.set_read_timeout(None).explain(Call::SetOption, server)?;
                let n = retry(|| connection.read(&mut buf)).explain(Call::Recv, server);
                connection.set_read_timeout(Some(args.timeout)).explain(Call::SetOption, server)?;
                n?
            }
            read => read.explain(Call::Recv, server).map_err(story::no_greeting)?,
        };
        say.step(3, Call::Recv, tr!("l4-greeting")).received(&buf[..n], server);
        if n == 0 {
            return Err(story::closed_before_greeting(say));
        }
    }

    let (mut replies, mut reads, mut sent) = (0, 0, 0);
    let mut said_exit = false;
    for message in &mut messages {
        let message = message?;
        // A send of 0 bytes puts nothing on the wire: the server would go on
        // waiting, and we would wait for a reply that never comes.
        if message.is_empty() {
            say.notice(tr!("l4-empty-message"));
            continue;
        }

        // 4. send: the message as it is, no newline added, in one write.
        sent += 1;
        say.sent(4, Call::Send, &message, server);
        connection.write_all(&message).explain(Call::Send, server)?;
        if message == b"exit" {
            said_exit = true;
            say.detail(tr!("l4-sent-exit"));
            break;
        }

        // 5. recv: the reply, or whatever part of it has arrived (one read, as the article).
        reads += 1;
        let n = retry(|| connection.read(&mut buf)).explain(Call::Recv, server)?;
        say.step(5, Call::Recv, tr!("l4-read-reply", reads = reads, sent = sent)).received(&buf[..n], server);
        replies += story::replies_in(say, &buf[..n], args.chat, Some(args.buffer))?;
    }

    // Replies may still be on their way after our last read: a long message
    // gets one reply per server read. Before closing, read them all, up to the
    // server's FIN. After `exit` the server closes by itself; at the end of
    // input, we tell it we are done:
    if !said_exit {
        // 6. shutdown(Write): our FIN, and the server's recv returns 0 bytes, as
        //    with close; but we can still read (lesson 6's half-close, early).
        say.step(6, Call::Shutdown, tr!("l4-shutdown"));
        connection.shutdown(Shutdown::Write).explain(Call::Shutdown, server)?;
    }
    // 5. recv, until 0 bytes: every reply still on its way, then the server's
    //    FIN; within --timeout in all, so a server that never closes (article
    //    000's answers each read of 0 bytes as a message) cannot hold us.
    let deadline = Instant::now() + args.timeout;
    loop {
        let n = match read_by(&mut connection, &mut buf, deadline) {
            Err(err) if is_timeout(&err) => return Err(story::no_close(args.timeout)),
            read => read.explain(Call::Recv, server)?,
        };
        if n > 0 {
            reads += 1;
        }
        say.step(5, Call::Recv, story::read_left(n, reads)).received(&buf[..n], server);
        if n == 0 {
            notes::peer_closed(say, Role::Server);
            break;
        }
        replies += story::replies_in(say, &buf[..n], args.chat, None)?;
    }

    // 7. close: what it sends is asked just before it and shown after it: a FIN
    //    after `exit` (the server's FIN came first); nothing more after our
    //    shutdown (both FINs have crossed); nothing at all after a reset.
    let sends = close_will_send(&connection, local, server);
    drop(connection);
    say.step(7, Call::Close, story::closed(sends));
    story::done(say, replies, reads);
    Ok(())
}
