//! Lesson 8, async/await: the client.
//!
//! Lesson 5's client opens `--connections N` at once with a thread for each;
//! lesson 7's holds them all in one hand-written loop. This one gives each
//! connection a task (`tokio::spawn`), written as plainly as lesson 5's
//! thread, and runs every task on one thread (a `current_thread` runtime):
//! each `.await` that would block hands the thread to another connection.
//! The conversation is lesson 5's (article 000's `client.py`): read the
//! greeting, then send each message and read its reply; `exit` ends it.
//!
//! Run it:   cargo run -p lesson8-client -- --connections 3 --message hi --message exit
//!           (after cargo run -p lesson8-server, or lesson5-server, or lesson7-server)
//! Bare:     cargo run --example lesson8-client-bare

mod story;

use std::future::Future;
use std::io::{self, ErrorKind};
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Parser;
use kernel::tcp_state::close_will_send;
use kit::cli;
use kit::input::Messages;
use kit::many::{self, Fate};
use kit::net::resolve_all;
use shared::lang::Texts;
use shared::{Call, Explain, Failure, Narrator, Role, tr};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpSocket;

/// The lesson number, for the hints (`cargo run -p lesson8-server`).
const LESSON: u8 = 8;

/// What this lesson says, in English and Chinese (`../locales`).
static TEXTS: Texts = shared::texts!("../locales");

/// Lesson 8 client: one or more TCP conversations at once, a task each, one thread.
#[derive(Parser)]
#[command(
    version,
    about,
    after_help = "Start the server first, in another terminal: cargo run -p lesson8-server\n\
                  (lesson 5's and 7's servers work too: cargo run -p lesson5-server)"
)]
// --port in this lesson's words, in place of the address group's line.
#[command(mut_arg("port", |port| port.help("The server's port (the same for lessons 4, 5, 7 and 8)")))]
struct Args {
    #[command(flatten)]
    server: cli::TcpClientAddress<8888>,

    /// A message to send; repeat the option to send several. Without it, each
    /// line of standard input is a message (all lines are read first, and
    /// every connection sends them all)
    #[arg(long, value_name = "TEXT")]
    message: Vec<String>,

    /// How many conversations to hold at once, a task each, all on this one thread
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    connections: u64,

    /// Seconds a connection may wait for its handshake, its greeting, each
    /// send to be taken and each reply (fractions allowed)
    #[arg(long, value_name = "SECS", default_value = "3", value_parser = cli::seconds)]
    timeout: Duration,

    /// Receive buffer in bytes: the most one recv takes
    #[arg(long, value_name = "BYTES", default_value = "1024", value_parser = cli::buffer_size)]
    buffer: usize,

    #[command(flatten)]
    look: cli::Look,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let say = args.look.narrator(Role::Client, LESSON, &TEXTS).with_timeout(args.timeout);
    say.exit_with(run(&args, &say)) // a failed call: its explanation, and exit code 1
}

/// Starts every conversation as a task, then waits for each to end.
fn run(args: &Args, say: &Narrator) -> Result<(), Failure> {
    let servers = resolve_all(&args.server.host, args.server.port)?;
    let server = servers[0]; // one address: the first the name stands for
    let messages: Vec<Vec<u8>> = Messages::new(args.message.clone(), say, "").collect::<Result<_, _>>()?;
    let messages: Arc<[Vec<u8>]> = many::without_empty(say, messages).into();
    // The runtime: its event loop and timers, on this thread alone (current_thread).
    let runtime =
        tokio::runtime::Builder::new_current_thread().enable_all().build().explain(Call::Poll, server)?;
    let several = args.connections > 1;
    let (timeout, buffer) = (args.timeout, args.buffer);
    story::opening(say, args.connections);
    let started = Instant::now();

    let fates = runtime.block_on(async {
        // spawn: one task per connection, its lines tagged with its number.
        // None runs yet: they take turns once this one awaits.
        let tasks: Vec<_> = (1..=args.connections)
            .map(|number| {
                let mut task_say = if several { say.for_connection(number) } else { say.clone() };
                let messages = Arc::clone(&messages);
                tokio::spawn(async move {
                    match converse(&mut task_say, server, &messages, timeout, buffer).await {
                        Err(failure) if several => {
                            task_say.print_error(&failure); // this connection's trouble only
                            Ok(Fate::Failed)
                        }
                        outcome => outcome, // one connection: its error ends the program
                    }
                })
            })
            .collect();
        let mut fates = Vec::new();
        for task in tasks {
            fates.push(task.await.unwrap_or(Ok(Fate::Failed))?);
        }
        Ok::<_, Failure>(fates)
    })?;
    story::report(say, &fates, started.elapsed(), kernel::limits::threads())
}

/// One conversation on one connection, as lesson 5's thread holds it, each
/// call awaited: connect, read the greeting, then send each message and read
/// each reply. (The narrator is lent as `&mut`: a spawned task may hold only
/// what could move to another thread, and a shared `&Narrator` could not.)
async fn converse(
    say: &mut Narrator,
    server: SocketAddr,
    messages: &[Vec<u8>],
    timeout: Duration,
    buffer: usize,
) -> Result<Fate, Failure> {
    // 1. socket: a TCP socket (SOCK_STREAM), non-blocking (tokio's way). No
    //    bind: connect will choose our port.
    let socket = match server {
        SocketAddr::V4(_) => TcpSocket::new_v4(),
        SocketAddr::V6(_) => TcpSocket::new_v6(),
    }
    .explain(Call::Socket, server)?;
    say.step(1, Call::Socket, tr!("l8-client-socket"));

    // 2. connect: awaited. The SYN goes out, connect returns EINPROGRESS
    //    inside, and the task is parked until the runtime's poll finds the
    //    socket writable: the handshake is done (or failed).
    let mut connection = within(timeout, socket.connect(server)).await.explain(Call::Connect, server)?;
    let local = connection.local_addr().explain(Call::GetName, server)?;
    say.step(2, Call::Connect, tr!("l8-connected", server = server, local = local));
    let connected = Instant::now();

    // 3. recv: the greeting, awaited; the other connections go on meanwhile.
    let mut buf = vec![0; buffer];
    let n = within(timeout, connection.read(&mut buf)).await.explain(Call::Recv, server)?;
    let greeting_after = connected.elapsed();
    say.step(3, Call::Recv, many::what_came(true, 0, greeting_after)).received(&buf[..n], server);
    if let Some(failure) = many::not_answered(true, &buf[..n]) {
        return Err(failure); // 0 bytes, or busy:
    }

    let mut replies = 0;
    for message in messages {
        // 4. send: the message, no newline; write_all awaits room if the kernel lacks it.
        say.sent(4, Call::Send, message, server);
        within(timeout, connection.write_all(message)).await.explain(Call::Send, server)?;
        if message == b"exit" {
            many::sent_exit(say);
            break;
        }
        // 5. recv: the reply, awaited.
        let asked = Instant::now();
        let n = within(timeout, connection.read(&mut buf)).await.explain(Call::Recv, server)?;
        say.step(5, Call::Recv, many::what_came(false, replies, asked.elapsed())).received(&buf[..n], server);
        if let Some(failure) = many::not_answered(false, &buf[..n]) {
            return Err(failure); // 0 bytes, or idle:
        }
        replies += 1;
    }

    // 6. close: into_std takes the socket back from the runtime (no more
    //    watching), the drop sends our FIN (an RST if a reply is unread).
    let connection = connection.into_std().explain(Call::Deregister, server)?;
    let sends = close_will_send(&connection, local, server);
    drop(connection);
    say.step(6, Call::Close, many::close(sends));
    Ok(Fate::Greeted { after: greeting_after, replies })
}

/// Awaits `io` for at most `limit`; past it, a timeout (`TimedOut`). The
/// timer is the runtime's: waiting on it blocks no other connection.
async fn within<T>(limit: Duration, io: impl Future<Output = io::Result<T>>) -> io::Result<T> {
    tokio::time::timeout(limit, io).await.unwrap_or_else(|_| Err(ErrorKind::TimedOut.into()))
}
