//! Lesson 5, a thread per client: the client.
//!
//! Lesson 4's conversation (mirroring article 000's `client.py`), with one thing
//! more: `--connections N` holds N conversations at once, each on its own
//! connection in its own thread, each line tagged with its connection number.
//!
//! Run it against the lesson 4 server and the connections are served one after
//! another: connection 2 is connected at once (the listen queue takes it) but is
//! greeted only when connection 1 has left. Run it against the lesson 5 server
//! and all are greeted at once. `--think` makes each conversation slow enough to
//! see that, and the client reports how long each connection waited.
//!
//! Run it:   cargo run -p lesson5-client -- --connections 3 --think 0.5 --message hi --message exit
//!           (after cargo run -p lesson5-server, then again after cargo run -p lesson4-server)
//! Bare:     cargo run --example lesson4-client-bare   (lesson 4's: article 000 uses one client.py)

mod story;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::ExitCode;
use std::thread;
use std::time::{Duration, Instant};

use clap::Parser;
use kernel::tcp_state::close_will_send;
use kit::cli;
use kit::input::Messages;
use kit::net::{BUSY_PREFIX, IDLE_PREFIX, idle_notice, resolve_all, retry, try_each_address};
use kit::notes;
use shared::lang::Texts;
use shared::{Call, Explain, Failure, Narrator, Role, tr};
use socket2::{Domain, Socket, Type};

/// The lesson number, for the hints (`cargo run -p lesson5-server`).
const LESSON: u8 = 5;

/// What this lesson says, in English and Chinese (`../locales`).
static TEXTS: Texts = shared::texts!("../locales");

/// Lesson 5 client: one or more TCP conversations at once.
#[derive(Parser)]
#[command(
    version,
    about,
    after_help = "Start the server first, in another terminal: cargo run -p lesson5-server\n\
                  (or cargo run -p lesson4-server, to see connections served one at a time)"
)]
// --port in this lesson's words, in place of the address group's line.
#[command(mut_arg("port", |port| port.help("The server's port (the same for lessons 4 and 5)")))]
struct Args {
    #[command(flatten)]
    server: cli::TcpClientAddress<8888>,

    /// A message to send; repeat the option to send several. Without it, each
    /// line of standard input is a message (with several connections, all lines
    /// are read first and every connection sends them all)
    #[arg(long, value_name = "TEXT")]
    message: Vec<String>,

    /// How many conversations to hold at once, each on its own connection and thread
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..=1000))]
    connections: u64,

    /// Seconds to pause before each message, like a person typing; makes a
    /// server that serves one client at a time easy to see
    #[arg(long, value_name = "SECS", value_parser = cli::seconds)]
    think: Option<Duration>,

    /// Seconds to wait for the connection, the greeting, each send to be taken
    /// and each reply (fractions allowed)
    #[arg(long, value_name = "SECS", default_value = "3", value_parser = cli::seconds)]
    timeout: Duration,

    /// Receive buffer in bytes: the most one recv takes
    #[arg(long, value_name = "BYTES", default_value = "1024", value_parser = cli::buffer_size)]
    buffer: usize,

    #[command(flatten)]
    look: cli::Look,
}

/// What one conversation settles for: how long its greeting took, how many replies came.
struct Outcome {
    greeting_after: Duration,
    replies: u64,
    /// When the greeting came and when the conversation ended: whether the
    /// conversations overlapped tells how the server serves them.
    greeted: Instant,
    ended: Instant,
}

/// What became of one connection, for the closing report (`story::report`).
enum Fate {
    /// Greeted, and its conversation ran to its close.
    Greeted(Outcome),
    /// Opened, but its conversation failed: its error is printed above.
    Failed,
    /// Never opened: the system would start no thread for it.
    NotOpened,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let say = args.look.narrator(Role::Client, LESSON, &TEXTS).with_timeout(args.timeout);
    say.exit_with(run(args, &say)) // a failed call: its explanation, and exit code 1
}

/// One conversation as in lesson 4, or several at once, each in its own thread.
fn run(args: Args, say: &Narrator) -> Result<(), Failure> {
    let servers = resolve_all(&args.server.host, args.server.port)?;
    notes::name_stands_for(say, &args.server.host, &servers, &tr!("l5-try-each"));
    let started = Instant::now();

    let fates = if args.connections == 1 {
        // One connection: typed lines go out as they are typed, as in lesson 4.
        let prompt = tr!("l5-prompt-message");
        let messages = Messages::new(args.message.clone(), say, &prompt);
        vec![Fate::Greeted(converse(say, &servers, messages, &args)?)]
    } else {
        // Several connections: every one sends the same messages, so read them all first.
        let messages: Vec<Vec<u8>> =
            Messages::new(args.message.clone(), say, "").collect::<Result<_, _>>()?;
        let (args, servers) = (&args, &servers);
        thread::scope(|scope| {
            // One thread per connection, its lines tagged with its number. The
            // system may refuse one (its limit on threads or memory): that
            // connection is never opened, and said so.
            let conversations = story::open_each(say, args.connections, |number, thread_say| {
                let messages = messages.clone().into_iter().map(Ok);
                thread::Builder::new().name(format!("connection {number}")).spawn_scoped(scope, move || {
                    let outcome = converse(&thread_say, servers, messages, args);
                    if let Err(failure) = &outcome {
                        thread_say.print_error(failure); // tagged with this connection's number
                    }
                    outcome.ok()
                })
            });
            conversations
                .into_iter()
                .map(|conversation| match conversation {
                    None => Fate::NotOpened,
                    Some(thread) => thread.join().ok().flatten().map_or(Fate::Failed, Fate::Greeted),
                })
                .collect()
        })
    };

    // The closing report; with several connections, what the learner came
    // for: how long each connection waited to be greeted.
    story::report(say, &fates, started.elapsed(), args.think.is_some())
}

/// One conversation on one connection: connect, read the greeting, then send
/// each message and read each reply.
fn converse(
    say: &Narrator,
    servers: &[SocketAddr],
    messages: impl Iterator<Item = Result<Vec<u8>, Failure>>,
    args: &Args,
) -> Result<Outcome, Failure> {
    // 1. socket and 2. connect, to each address --host stands for until one
    //    answers, as Python's create_connection does (an IP address is one).
    let (socket, server) = try_each_address(say, servers, |server| {
        // 1. socket: a TCP socket (SOCK_STREAM). No bind: connect will choose our port.
        let socket =
            Socket::new(Domain::for_address(server), Type::STREAM, None).explain(Call::Socket, server)?;
        say.step(1, Call::Socket, tr!("l5-client-socket"));

        // 2. connect: the handshake completes even if the server is busy: the
        //    system's listen queue takes us until the server accepts.
        socket.connect_timeout(&server.into(), args.timeout).explain(Call::Connect, server)?;
        Ok(socket)
    })?;
    let mut connection = TcpStream::from(socket);
    let connected = Instant::now();
    // Every recv below gives up after --timeout.
    connection.set_read_timeout(Some(args.timeout)).explain(Call::SetOption, server)?;
    connection.set_write_timeout(Some(args.timeout)).explain(Call::SetOption, server)?; // and every send
    let local = connection.local_addr().explain(Call::GetName, server)?;
    say.step(2, Call::Connect, tr!("l5-connected", server = server, local = local));

    // 3. recv: the greeting. A server that serves one client at a time sends it
    //    only when it gets to us; a full lesson 5 server sends `busy` instead.
    let mut buf = vec![0; args.buffer];
    let n = retry(|| connection.read(&mut buf)).explain(Call::Recv, server)?;
    let greeted = Instant::now();
    let greeting_after = greeted - connected;
    let ms = format!("{:.1}", greeting_after.as_secs_f64() * 1000.0);
    say.step(3, Call::Recv, tr!("l5-greeting", ms = ms)).received(&buf[..n], server);
    // 0 bytes: the server closed without a word; a `busy:` line: it takes no
    // more clients (it is full, or could not start a thread for us).
    if n == 0 || buf[..n].starts_with(BUSY_PREFIX.as_bytes()) {
        return Err(story::not_greeted(say, &buf[..n]));
    }

    let mut replies: u64 = 0;
    // When this conversation ended, as the server can see it: taken just
    // before `exit` or the close goes out, so a server that serves one client
    // at a time cannot greet the next before this instant.
    let mut ended = None;
    for message in messages {
        let message = message?;
        if message.is_empty() {
            story::empty_message(say);
            continue;
        }
        if let Some(pause) = args.think {
            thread::sleep(pause); // --think: a person typing
        }

        // 4. send: the message, no newline, one write.
        if message == b"exit" {
            ended = Some(Instant::now());
        }
        say.sent(4, Call::Send, &message, server);
        connection.write_all(&message).explain(Call::Send, server)?;
        if message == b"exit" {
            story::sent_exit(say);
            break;
        }

        // 5. recv: the reply.
        let n = retry(|| connection.read(&mut buf)).explain(Call::Recv, server)?;
        say.step(5, Call::Recv, tr!("l5-reply", number = replies + 1)).received(&buf[..n], server);
        if n == 0 {
            return Err(story::server_closed(say));
        }
        if buf[..n].starts_with(IDLE_PREFIX.as_bytes()) {
            return Err(idle_notice(&buf[..n]));
        }
        replies += 1;
    }

    // 6. close: our FIN; without `exit` the server sees a read of 0 bytes. What
    //    the close sends is asked just before it and shown after it: an RST if
    //    a reply is still unread, nothing if the server's RST came first.
    let sends = close_will_send(&connection, local, server);
    let ended = ended.unwrap_or_else(Instant::now);
    drop(connection);
    say.step(6, Call::Close, story::close(sends));
    Ok(Outcome { greeting_after, replies, greeted, ended })
}
