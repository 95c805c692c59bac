//! Lesson 7, an event loop: the client.
//!
//! Lesson 5's client opens `--connections N` at once with a thread for each.
//! This one holds them all in one thread, as the lesson 7 server does: every
//! socket non-blocking, `connect` started on each without waiting for its
//! handshake, and one `poll` saying which connection can go on (connected,
//! a greeting or a reply to read, room to send). The conversation on each
//! connection is lesson 5's (article 000's `client.py`): read the greeting,
//! then send each message and read its reply; `exit` ends it.
//!
//! Run it:   cargo run -p lesson7-client -- --connections 3 --message hi --message exit
//!           (after cargo run -p lesson7-server, or lesson5-server)
//! Bare:     cargo run --example lesson7-client-bare

mod story;

use std::collections::HashMap;
use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream as StdStream};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Parser;
use kernel::tcp_state::close_will_send;
use kit::cli;
use kit::input::Messages;
use kit::many::{self, Fate};
use kit::net::resolve_all;
use mio::net::TcpStream;
use mio::{Events, Interest, Poll, Token};
use shared::lang::Texts;
use shared::{Call, Explain, Failure, Narrator, Role, tr};
use socket2::{Domain, Socket, Type};

/// The lesson number, for the hints (`cargo run -p lesson7-server`).
const LESSON: u8 = 7;

/// What this lesson says, in English and Chinese (`../locales`).
static TEXTS: Texts = shared::texts!("../locales");

/// Lesson 7 client: one or more TCP conversations at once, in one thread.
#[derive(Parser)]
#[command(
    version,
    about,
    after_help = "Start the server first, in another terminal: cargo run -p lesson7-server\n\
                  (lesson 5's server works too: cargo run -p lesson5-server)"
)]
// --port in this lesson's words, in place of the address group's line.
#[command(mut_arg("port", |port| port.help("The server's port (the same for lessons 4, 5 and 7)")))]
struct Args {
    #[command(flatten)]
    server: cli::TcpClientAddress<8888>,

    /// A message to send; repeat the option to send several. Without it, each
    /// line of standard input is a message (all lines are read first, and
    /// every connection sends them all)
    #[arg(long, value_name = "TEXT")]
    message: Vec<String>,

    /// How many conversations to hold at once, all on this one thread
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    connections: u64,

    /// Seconds a connection may wait for its handshake, its greeting and each
    /// reply (fractions allowed)
    #[arg(long, value_name = "SECS", default_value = "3", value_parser = cli::seconds)]
    timeout: Duration,

    /// Receive buffer in bytes: the most one recv takes
    #[arg(long, value_name = "BYTES", default_value = "1024", value_parser = cli::buffer_size)]
    buffer: usize,

    #[command(flatten)]
    look: cli::Look,
}

/// Where one conversation stands.
#[derive(PartialEq)]
enum Stage {
    /// connect was started; the handshake has not finished.
    Connecting,
    /// Connected; the greeting has not come.
    Greeting,
    /// Greeted; waiting for the reply to the last message sent.
    Replying,
}

/// One conversation the loop holds.
struct Conversation {
    stream: TcpStream,
    say: Narrator,
    local: Option<SocketAddr>,
    stage: Stage,
    /// The next message to send (an index into the messages).
    next: usize,
    /// What a send has not taken yet.
    waiting: Vec<u8>,
    /// `exit` is sent (or on its way): the conversation ends once it is.
    leaving: bool,
    started: Instant,
    /// When the last wait began: the handshake, the greeting or a reply.
    since: Instant,
    greeting_after: Duration,
    replies: u64,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let say = args.look.narrator(Role::Client, LESSON, &TEXTS).with_timeout(args.timeout);
    say.exit_with(run(&args, &say)) // a failed call: its explanation, and exit code 1
}

/// Opens every connection, then runs them all in one loop until each has ended.
fn run(args: &Args, say: &Narrator) -> Result<(), Failure> {
    let servers = resolve_all(&args.server.host, args.server.port)?;
    let server = servers[0]; // one address: a non-blocking connect is not retried elsewhere
    let messages: Vec<Vec<u8>> = Messages::new(args.message.clone(), say, "").collect::<Result<_, _>>()?;
    let messages = many::without_empty(say, messages);
    let started = Instant::now();
    let mut poll = Poll::new().explain(Call::Poll, server)?;
    let mut fates: Vec<Fate> = Vec::new();
    let mut talking: HashMap<Token, Conversation> = HashMap::new();
    let several = args.connections > 1;
    story::opening(say, args.connections);

    for number in 1..=args.connections {
        let conversation_say = if several { say.for_connection(number) } else { say.clone() };
        // 1. socket: a TCP socket (SOCK_STREAM). No bind: connect will choose our port.
        let socket =
            Socket::new(Domain::for_address(server), Type::STREAM, None).explain(Call::Socket, server)?;
        conversation_say.step(1, Call::Socket, tr!("l7-client-socket"));

        // 2. setblocking(False): connect, recv and send will never wait.
        socket.set_nonblocking(true).explain(Call::SetBlocking, server)?;
        conversation_say.step(2, Call::SetBlocking, tr!("l7-client-nonblocking"));

        // 3. connect: sends the SYN and returns at once (EINPROGRESS); poll says
        //    when the handshake is done (writable), or how it failed.
        match socket.connect(&server.into()) {
            Err(err)
                if err.raw_os_error() == Some(story::EINPROGRESS) || err.kind() == ErrorKind::WouldBlock => {}
            Err(err) => return Err(err).explain(Call::Connect, server),
            Ok(()) => {}
        }
        let mut stream = TcpStream::from_std(StdStream::from(socket));
        conversation_say.step(3, Call::Connect, tr!("l7-connecting", server = server));

        // 4. register: watch it for writable (connected; room to send) and readable.
        let token = Token(number as usize);
        let interest = Interest::READABLE | Interest::WRITABLE;
        poll.registry().register(&mut stream, token, interest).explain(Call::Register, server)?;
        conversation_say.step(4, Call::Register, tr!("l7-client-register", token = token.0));
        let now = Instant::now();
        let conversation = Conversation {
            stream,
            say: conversation_say,
            local: None,
            stage: Stage::Connecting,
            next: 0,
            waiting: Vec::new(),
            leaving: false,
            started: now,
            since: now,
            greeting_after: Duration::ZERO,
            replies: 0,
        };
        talking.insert(token, conversation);
        fates.push(Fate::Failed);
    }

    let mut events = Events::with_capacity(1024);
    let mut buf = vec![0; args.buffer];
    while !talking.is_empty() {
        // 5. poll: wait for any conversation to be able to go on; no longer than
        //    the first of them may still wait.
        let first_deadline = talking.values().map(|c| c.since + args.timeout).min();
        let wait = first_deadline.map(|deadline| deadline.saturating_duration_since(Instant::now()));
        match poll.poll(&mut events, wait) {
            Ok(()) => {}
            Err(err) if err.kind() == ErrorKind::Interrupted => continue,
            Err(err) => return Err(err).explain(Call::Poll, server),
        }
        say.step(5, Call::Poll, story::ready(events.iter().count(), talking.len()));
        for event in events.iter() {
            let token = event.token();
            let Some(mut conversation) = talking.remove(&token) else { continue };
            match step(&mut conversation, server, &messages, &mut buf) {
                Ok(false) => {
                    talking.insert(token, conversation);
                }
                Ok(true) => fates[token.0 - 1] = finish(poll.registry(), conversation, server),
                Err(failure) if !several => return Err(failure), // one connection: its error ends the program
                Err(failure) => {
                    conversation.say.print_error(&failure);
                    let _ = poll.registry().deregister(&mut conversation.stream);
                }
            }
        }
        // A conversation that waited past --timeout fails; the others go on.
        let late: Vec<Token> = talking
            .iter()
            .filter(|(_, c)| c.since.elapsed() >= args.timeout)
            .map(|(token, _)| *token)
            .collect();
        for token in late {
            if let Some(mut conversation) = talking.remove(&token) {
                let call = if conversation.stage == Stage::Connecting { Call::Connect } else { Call::Recv };
                let failure = Err::<(), _>(ErrorKind::TimedOut.into()).explain(call, server).unwrap_err();
                if !several {
                    return Err(failure);
                }
                conversation.say.print_error(&failure);
                let _ = poll.registry().deregister(&mut conversation.stream);
            }
        }
    }
    story::report(say, &fates, started.elapsed(), kernel::limits::threads())
}

/// Takes one conversation as far as it can go now, until WouldBlock.
/// `Ok(true)`: it has ended and may be closed.
fn step(
    c: &mut Conversation,
    server: SocketAddr,
    messages: &[Vec<u8>],
    buf: &mut [u8],
) -> Result<bool, Failure> {
    if c.stage == Stage::Connecting {
        // The handshake is over when the socket has a peer; its error, if it failed.
        if let Some(err) = c.stream.take_error().explain(Call::GetOption, server)? {
            return Err(err).explain(Call::Connect, server);
        }
        let Ok(_) = c.stream.peer_addr() else { return Ok(false) }; // not yet
        let local = c.stream.local_addr().explain(Call::GetName, server)?;
        c.local = Some(local);
        c.stage = Stage::Greeting;
        c.since = Instant::now();
        c.say.detail(tr!("l7-connected", server = server, local = local)); // found by poll, after the call
    }
    loop {
        while !c.waiting.is_empty() {
            // 7. send: the message; what the kernel does not take waits for writable.
            match c.stream.write(&c.waiting) {
                Ok(n) => drop(c.waiting.drain(..n)),
                Err(err) if err.kind() == ErrorKind::WouldBlock => return Ok(false),
                Err(err) if err.kind() == ErrorKind::Interrupted => {}
                Err(err) => return Err(err).explain(Call::Send, server),
            }
        }
        if c.leaving {
            many::sent_exit(&c.say);
            return Ok(true);
        }
        // 6. recv: the greeting, then each reply; WouldBlock: not here yet.
        let n = match c.stream.read(buf) {
            Ok(n) => n,
            Err(err) if err.kind() == ErrorKind::WouldBlock => return Ok(false),
            Err(err) if err.kind() == ErrorKind::Interrupted => continue,
            Err(err) => return Err(err).explain(Call::Recv, server),
        };
        let (data, greeting) = (&buf[..n], c.stage == Stage::Greeting);
        c.say
            .step(6, Call::Recv, many::what_came(greeting, c.replies, c.since.elapsed()))
            .received(data, server);
        if let Some(failure) = many::not_answered(greeting, data) {
            return Err(failure); // 0 bytes, busy: or idle:
        }
        match greeting {
            true => (c.greeting_after, c.stage) = (c.started.elapsed(), Stage::Replying),
            false => c.replies += 1,
        }
        // The next message: sent now, its reply read when it comes. None left:
        // close without exit (the server reads 0 bytes).
        let Some(message) = messages.get(c.next) else { return Ok(true) };
        c.next += 1;
        c.say.sent(7, Call::Send, message, server);
        c.waiting.extend_from_slice(message);
        c.leaving = message == b"exit";
        c.since = Instant::now();
    }
}

/// Ends a conversation: the kernel stops watching it, then it is closed.
fn finish(registry: &mio::Registry, mut c: Conversation, server: SocketAddr) -> Fate {
    // 8. deregister: no more readiness for this connection.
    if let Err(err) = registry.deregister(&mut c.stream) {
        let _ = Err::<(), _>(err)
            .explain(Call::Deregister, server)
            .map_err(|failure| c.say.print_error(&failure));
    }
    // 9. close: our FIN (an RST if a reply is still unread).
    let connection = StdStream::from(c.stream);
    let local = c.local.unwrap_or(server);
    let sends = close_will_send(&connection, local, server);
    drop(connection);
    c.say.step(9, Call::Close, many::close(sends));
    Fate::Greeted { after: c.greeting_after, replies: c.replies }
}
