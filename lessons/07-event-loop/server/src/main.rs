//! Lesson 7, an event loop: the server.
//!
//! Article 000's threaded server, answered without threads. Article 003 ends by
//! naming the next step after a thread per client: 异步IO, asynchronous I/O.
//! Here it is in its plainest form: one thread, every socket non-blocking, and
//! the kernel asked which sockets are ready (epoll on Linux, kqueue on the BSDs
//! and macOS, through `mio`: the Rust counterpart of Python's `selectors`).
//! The protocol and the log lines are lesson 5's: the greeting `Hello World!`,
//! each reply `{random 1..=1000}：ACK!`, the `[*] ...` lines; lesson 5's client
//! and the Python programs talk to it unchanged.
//!
//! The loop: `poll` waits until some sockets are ready; the listener's
//! readiness means connections to `accept`, until `WouldBlock`; a client's
//! means bytes to `recv`, until `WouldBlock`. A non-blocking `send` may take
//! only part of a reply (the kernel's send buffer is full: the client is not
//! reading): the rest waits in this client's buffer, the loop asks to hear when
//! the socket is writable again, and reads nothing more from that client until
//! it is sent. That is the trap of this lesson: a blocking server never sees a
//! partial send, a non-blocking one must keep the rest itself. Reading nothing
//! more meanwhile keeps the buffer to one reply: a client that never reads
//! cannot make the server hold more, and `--write-timeout` lets it go.
//!
//! Run it:   cargo run -p lesson7-server
//! Then:     cargo run -p lesson7-client -- --connections 3     (in a second terminal)
//! Bare:     cargo run --example lesson7-server-bare   (the same calls, nothing else)

mod story;

use std::collections::HashMap;
use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream as StdStream};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Parser;
use kernel::tcp_state::close_will_send;
use kit::cli;
use kit::net::{BUSY_PREFIX, Patience, bind_choice, resolve_all};
use kit::notes;
use kit::stop::{Count, Tally, print_tally_on_signal};
use mio::net::{TcpListener, TcpStream};
use mio::{Events, Interest, Poll, Registry, Token};
use shared::bytes::one_line;
use shared::lang::Texts;
use shared::{Call, Explain, Failure, Narrator, Role, count, tr};
use socket2::{Domain, SockRef, Socket, Type};
use story::FirstTimes;

/// The lesson number, for the hints (`cargo run -p lesson7-server`).
const LESSON: u8 = 7;

/// What this lesson says, in English and Chinese (`../locales`).
static TEXTS: Texts = shared::texts!("../locales");

/// How many finished handshakes may wait for `accept` (lesson 5 says why more than 5).
const BACKLOG: i32 = 1024;

/// The greeting article 000's threaded server sends to every client.
const GREETING: &str = "Hello World!";

/// The listener's name in the answers of `poll`; clients get 1, 2, 3, ...
const LISTENER: Token = Token(0);

/// How often the loop looks for clients past a time limit, when one may be.
const TICK: Duration = Duration::from_millis(50);

/// The most reads one client gets in one turn of the loop. A client that
/// sends without a pause never leaves its socket empty: reading it "until
/// WouldBlock" would never end, and every other client would wait (tokio
/// gives each task a budget the same way, lesson 8).
const READS_PER_TURN: usize = 16;

/// Lesson 7 server: one thread, non-blocking sockets, readiness from the kernel.
#[derive(Parser)]
#[command(
    version,
    about,
    after_help = "Then, in a second terminal: cargo run -p lesson7-client -- --connections 3\n\
                  (lesson 5's client works too: cargo run -p lesson5-client -- --connections 3)"
)]
// --port in this lesson's words, in place of the address group's line.
#[command(mut_arg("port", |port| port.help(
    "Port to listen on (lessons 4 and 5 use the same one: run one at a time). \
     0 lets the system pick a free port, shown in the `listening on` line"
)))]
struct Args {
    #[command(flatten)]
    address: cli::TcpServerAddress<8888>,

    /// Receive buffer in bytes, one for all clients: the most one recv takes
    #[arg(long, value_name = "BYTES", default_value = "1024", value_parser = cli::buffer_size)]
    buffer: usize,

    /// The most clients held at once, all by this one thread. One more is told
    /// `busy` and closed at once. At most what the process may open (ulimit -n)
    #[arg(long, value_name = "N", default_value = "1000", value_parser = cli::max_clients)]
    max_clients: u64,

    /// Ask the kernel for a send buffer of BYTES per client (SO_SNDBUF; Linux
    /// doubles it and keeps at least about 4 KB): a small one makes a partial
    /// send easy to see with a client that does not read
    #[arg(long, value_name = "BYTES", value_parser = cli::buffer_size)]
    send_buffer: Option<usize>,

    /// Close a client that sends nothing for SECS, after telling it so (off by default)
    #[arg(long, value_name = "SECS", value_parser = cli::seconds)]
    idle_timeout: Option<Duration>,

    #[command(flatten)]
    limits: cli::ServerLimits,

    /// Stop after serving N clients (waiting for the last ones to finish) and
    /// print a summary (default: serve until Ctrl-C)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    serve: Option<u64>,

    #[command(flatten)]
    look: cli::Look,
}

/// One client the loop holds: its socket, the bytes a send has not taken
/// yet, and its clocks.
struct Client {
    /// Its number in the log, `[server #3]`, as the accepts counted it.
    number: u64,
    connection: TcpStream,
    peer: SocketAddr,
    local: SocketAddr,
    say: Narrator,
    /// What a send did not take yet: at most one reply (or the greeting, or
    /// the idle notice), since a client with bytes waiting is not read from.
    waiting: Vec<u8>,
    /// Since when `waiting` has held bytes; past --write-timeout the client goes.
    waiting_since: Option<Instant>,
    /// Whether the kernel watches this socket for writable (else readable).
    watching_writable: bool,
    /// When the client last sent bytes (--idle-timeout).
    heard: Instant,
    patience: Patience,
    /// `exit`, a read of 0 bytes, or out of time: close once `waiting` is sent.
    leaving: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let say = args.look.narrator(Role::Server, LESSON, &TEXTS);
    say.exit_with(serve(&args, &say)) // a failed call: its explanation, and exit code 1
}

/// Article 000's threaded server, as one loop over the sockets that are ready.
fn serve(args: &Args, say: &Narrator) -> Result<(), Failure> {
    let addrs = resolve_all(&args.address.host, args.address.port)?;
    let (addr, choice) = bind_choice(&addrs);
    notes::name_stands_for(say, &args.address.host, &addrs, &choice);
    let tally = Tally::new(&[Count::Clients, Count::TurnedAway, Count::IdleClosed]);
    print_tally_on_signal(say, &tally);

    // 1. socket: a TCP socket (SOCK_STREAM).
    let socket = Socket::new(Domain::for_address(addr), Type::STREAM, None).explain(Call::Socket, addr)?;
    say.step(1, Call::Socket, tr!("l7-socket"));

    // 2. setsockopt(SO_REUSEADDR): bind at once after a restart (lesson 6's TIME_WAIT).
    socket.set_reuse_address(true).explain(Call::SetOption, addr)?;
    say.step(2, Call::SetOption, tr!("l7-reuse-address"));

    // 3. bind: claim the address clients will connect to.
    socket.bind(&addr.into()).explain(Call::Bind, addr)?;
    let bound = socket.local_addr().explain(Call::GetName, addr)?.as_socket().unwrap_or(addr);
    say.step(3, Call::Bind, tr!("l7-bind", bound = bound));

    // 4. listen: the kernel now finishes handshakes and queues them for accept.
    socket.listen(BACKLOG).explain(Call::Listen, bound)?;
    say.step(4, Call::Listen, story::listening(bound, BACKLOG)); // the article's line, and the ready line
    notes::exposed(say, bound);

    // 5. setblocking(False): accept will never wait; with no connection queued
    //    it fails at once with WouldBlock.
    socket.set_nonblocking(true).explain(Call::SetBlocking, bound)?;
    let mut listener = TcpListener::from_std(socket.into());
    say.step(5, Call::SetBlocking, tr!("l7-nonblocking"));

    // 6. register: a poll instance (epoll_create), told to watch the listener
    //    for readable: a connection waits to be accepted.
    let mut poll = Poll::new().explain(Call::Poll, bound)?;
    poll.registry().register(&mut listener, LISTENER, Interest::READABLE).explain(Call::Register, bound)?;
    say.step(6, Call::Register, tr!("l7-register-listener", clients = count(args.max_clients, "client")));
    notes::serving(say, args.serve, "client");

    let mut events = Events::with_capacity(1024);
    let mut clients: HashMap<Token, Client> = HashMap::new();
    let mut buf = vec![0; args.buffer];
    let mut firsts = FirstTimes::default();
    let mut accepting = true;
    let mut accept_again = false; // accept failed (no file left): try again after a tick
    let mut accept_failed = false; // and that failure is said
    let mut last_look = Instant::now(); // when the clients' time limits were last looked at
    let mut next_token = 1;
    // Clients whose turn ended at READS_PER_TURN with bytes maybe left: the
    // kernel will not say "readable" again for bytes it already announced
    // (mio's readiness is edge-triggered), so the loop remembers them.
    let mut unfinished: Vec<Token> = Vec::new();
    while accepting || !clients.is_empty() {
        let timed = accept_again
            || args.idle_timeout.is_some()
            || args.limits.conversation_limit.is_some()
            || clients.values().any(|client| !client.waiting.is_empty());
        // 7. poll: the one place this thread waits, for any socket at all
        //    (not at all when a client still has bytes to read).
        let timeout = if unfinished.is_empty() { timed.then_some(TICK) } else { Some(Duration::ZERO) };
        match poll.poll(&mut events, timeout) {
            Ok(()) => {}
            Err(err) if err.kind() == ErrorKind::Interrupted => continue,
            Err(err) => return Err(err).explain(Call::Poll, bound),
        }
        if !events.is_empty() {
            let number_of = |token| clients.get(&token).map(|client: &Client| client.number);
            say.step(7, Call::Poll, story::ready(&events, number_of));
        }
        if accept_again || events.iter().any(|event| event.token() == LISTENER) {
            accept_again = false;
            while accepting {
                if args.serve.is_some_and(|n| tally.get(Count::Clients) >= n) {
                    let _ = poll.registry().deregister(&mut listener); // --serve: no more clients
                    accepting = false;
                    break;
                }
                // 8. accept: one finished handshake from the queue, already
                //    non-blocking; until WouldBlock: the queue is empty.
                let (mut connection, peer) = match listener.accept() {
                    Ok(accepted) => {
                        accept_failed = false;
                        accepted
                    }
                    Err(err) if err.kind() == ErrorKind::WouldBlock => {
                        story::accept_would_block(say, &mut firsts);
                        break;
                    }
                    Err(err)
                        if matches!(err.kind(), ErrorKind::Interrupted | ErrorKind::ConnectionAborted) =>
                    {
                        continue;
                    }
                    Err(err) => {
                        if !std::mem::replace(&mut accept_failed, true) {
                            report(say, Call::Accept, bound, err); // said once, until an accept succeeds
                        }
                        accept_again = true; // no file left, say: try again after a tick
                        break;
                    }
                };
                if clients.len() as u64 >= args.max_clients {
                    tally.add(Count::TurnedAway);
                    say.step(8, Call::Accept, tr!("l7-turned-away", peer = peer, held = clients.len()));
                    let line = format!(
                        "{BUSY_PREFIX} {} clients are being served, the most this server takes; try again later\n",
                        clients.len()
                    );
                    let _ = connection.write(line.as_bytes()); // it may have gone already; nothing to lose
                    drop(connection); // close: the busy client reads the line, then 0 bytes
                    continue;
                }
                tally.add(Count::Clients);
                let client_say = say.for_connection(tally.get(Count::Clients));
                let (ip, port) = (peer.ip(), peer.port());
                client_say.step(8, Call::Accept, format_args!("[*] Accept connection from: {ip}:{port}"));
                if let Some(bytes) = args.send_buffer {
                    // 9. setsockopt(SO_SNDBUF): a small send buffer, for a partial send soon.
                    let sock = SockRef::from(&connection);
                    match sock.set_send_buffer_size(bytes).and_then(|()| sock.send_buffer_size()) {
                        Ok(got) => {
                            drop(client_say.step(9, Call::SetOption, tr!("l7-send-buffer", bytes = got)))
                        }
                        Err(err) => report(&client_say, Call::SetOption, peer, err),
                    }
                }
                // 10. register: watch this client for readable, under a token of its own.
                let token = Token(next_token);
                next_token += 1;
                if let Err(err) = poll.registry().register(&mut connection, token, Interest::READABLE) {
                    report(&client_say, Call::Register, peer, err);
                    continue; // dropped: closed
                }
                client_say.step(10, Call::Register, story::registered(token, clients.len() + 1));
                let now = Instant::now();
                let mut client = Client {
                    number: tally.get(Count::Clients),
                    local: connection.local_addr().unwrap_or(bound),
                    connection,
                    peer,
                    say: client_say,
                    waiting: GREETING.as_bytes().to_vec(),
                    waiting_since: Some(now),
                    watching_writable: false,
                    heard: now,
                    patience: Patience::new(args.idle_timeout, args.limits.conversation_limit),
                    leaving: false,
                };
                let sent = send_waiting(&mut client, &mut firsts);
                settle(poll.registry(), token, client, sent, &mut clients, &mut firsts);
            }
        }
        // This round's clients: those the poll names, then those left unfinished.
        let mut turns: Vec<(Token, bool)> = events
            .iter()
            .filter(|event| event.token() != LISTENER)
            .map(|event| (event.token(), event.is_writable()))
            .collect();
        for token in unfinished.drain(..) {
            if !turns.iter().any(|&(named, _)| named == token) {
                turns.push((token, false)); // once a round, even if the poll named it too
            }
        }
        for (token, writable) in turns {
            let Some(mut client) = clients.remove(&token) else { continue }; // closed earlier in this round
            let mut result = Ok(Turn::Done);
            if writable && !client.waiting.is_empty() {
                result = send_waiting(&mut client, &mut firsts).map(|()| Turn::Done);
            }
            if result.is_ok() && client.waiting.is_empty() && !client.leaving {
                result = read_until_would_block(&mut client, &mut buf, &mut firsts);
            }
            if let Ok(Turn::Unfinished) = result {
                unfinished.push(token); // served again after the others
            }
            settle(poll.registry(), token, client, result.map(|_| ()), &mut clients, &mut firsts);
        }

        // Limits: a client that has not taken its bytes within --write-timeout
        // goes; one silent past --idle-timeout (or --conversation-limit) is told,
        // then goes. Looked at once a tick, however many polls return meanwhile.
        if timed && last_look.elapsed() >= TICK {
            last_look = Instant::now();
            let tokens: Vec<Token> = clients.keys().copied().collect();
            for token in tokens {
                let Some(mut client) = clients.remove(&token) else { continue };
                let result = past_a_limit(&mut client, args, &tally, &mut firsts);
                settle(poll.registry(), token, client, result, &mut clients, &mut firsts);
            }
        }
    }

    // Only with --serve: every client has left; the listener closes with the loop.
    drop(listener);
    story::stopping(say, &tally.summary(), kernel::limits::threads());
    Ok(())
}

/// Reports a failed call that ends one client, or one accept, not the server.
fn report(say: &Narrator, call: Call, addr: SocketAddr, err: std::io::Error) {
    if let Err(failure) = Err::<(), _>(err).explain(call, addr) {
        say.report(&failure);
    }
}

/// How a client's turn ended.
enum Turn {
    /// WouldBlock, a reply waiting to be taken, or the client leaving.
    Done,
    /// READS_PER_TURN reads made: there may be more; the others go first.
    Unfinished,
}

/// Reads a client's bytes until the kernel has no more (WouldBlock), answering
/// each read; stops early when a reply must wait for the client to read, or
/// after its fair share of reads (READS_PER_TURN), or past its conversation
/// limit (the loop's look at the limits then closes it).
fn read_until_would_block(
    client: &mut Client,
    buf: &mut [u8],
    firsts: &mut FirstTimes,
) -> Result<Turn, Failure> {
    for _ in 0..READS_PER_TURN {
        if client.patience.unless_ran_out(|| Ok(())).is_err() {
            return Ok(Turn::Done); // no more reads: its time is up
        }
        // 11. recv: never waits: bytes, 0 (the client closed), or WouldBlock (none now).
        let n = match client.connection.read(buf) {
            Ok(n) => n,
            Err(err) if err.kind() == ErrorKind::WouldBlock => {
                story::recv_would_block(&client.say, firsts);
                return Ok(Turn::Done);
            }
            Err(err) if err.kind() == ErrorKind::Interrupted => continue,
            Err(err) => return Err(err).explain(Call::Recv, client.peer),
        };
        client.say.step(11, Call::Recv, tr!("l7-read", buffer = buf.len())).received(&buf[..n], client.peer);
        client.heard = Instant::now();
        if n == 0 {
            notes::peer_closed(&client.say, Role::Client);
            client.leaving = true;
            return Ok(Turn::Done);
        }
        let text = String::from_utf8_lossy(&buf[..n]);
        if text == "exit" {
            client.say.notice(tr!("l7-client-exit"));
            client.leaving = true;
            return Ok(Turn::Done);
        }
        let (ip, port) = (client.peer.ip(), client.peer.port());
        client.say.detail(format_args!("[*] Received from {ip}:{port} : {}", one_line(&text)));
        client.waiting.extend_from_slice(format!("{}：ACK!", fastrand::u16(1..=1000)).as_bytes());
        client.waiting_since = Some(Instant::now());
        send_waiting(client, firsts)?;
        if !client.waiting.is_empty() {
            return Ok(Turn::Done); // no more reads until the client has taken this reply
        }
    }
    story::fair_share(&client.say, READS_PER_TURN, firsts);
    Ok(Turn::Unfinished)
}

/// Sends what waits for a client, as much as the kernel takes now.
fn send_waiting(client: &mut Client, firsts: &mut FirstTimes) -> Result<(), Failure> {
    while !client.waiting.is_empty() {
        // 12. send: takes what fits in the kernel's send buffer, maybe less than all.
        //     (The line is printed before the call, so it comes before its effect.)
        client.say.sent(12, Call::Send, &client.waiting, client.peer);
        match client.connection.write(&client.waiting) {
            Ok(0) => return Err(ErrorKind::WriteZero.into()).explain(Call::Send, client.peer),
            Ok(n) if n == client.waiting.len() => client.waiting.clear(),
            Ok(n) => {
                story::partial_send(&client.say, n, client.waiting.len(), firsts);
                client.waiting.drain(..n);
                return Ok(());
            }
            Err(err) if err.kind() == ErrorKind::WouldBlock => {
                story::partial_send(&client.say, 0, client.waiting.len(), firsts);
                return Ok(());
            }
            Err(err) if err.kind() == ErrorKind::Interrupted => {}
            Err(err) => return Err(err).explain(Call::Send, client.peer),
        }
    }
    client.waiting_since = None;
    Ok(())
}

/// Ends a client's turn: closes it if it failed or is leaving with nothing
/// left to send, else keeps it, watched for writable while bytes wait and
/// for readable otherwise.
fn settle(
    registry: &Registry,
    token: Token,
    mut client: Client,
    result: Result<(), Failure>,
    clients: &mut HashMap<Token, Client>,
    firsts: &mut FirstTimes,
) {
    if let Err(failure) = &result {
        client.say.report(failure); // this client's trouble only
    }
    if result.is_err() || (client.leaving && client.waiting.is_empty()) {
        close(registry, client, clients.len());
        return;
    }
    let writable = !client.waiting.is_empty();
    if writable != client.watching_writable {
        let interest = if writable { Interest::WRITABLE } else { Interest::READABLE };
        // 13. reregister: bytes wait: watch for writable, and read nothing more
        //     from this client; all sent: watch for readable again.
        if let Err(err) = registry.reregister(&mut client.connection, token, interest) {
            report(&client.say, Call::Reregister, client.peer, err);
            close(registry, client, clients.len());
            return;
        }
        client.say.step(13, Call::Reregister, story::watching(writable, firsts));
        client.watching_writable = writable;
    }
    clients.insert(token, client);
}

/// Whether a client has run past a limit: bytes not taken within
/// --write-timeout (a failure: it goes), or silent past --idle-timeout or
/// --conversation-limit (told so, then it goes).
fn past_a_limit(
    client: &mut Client,
    args: &Args,
    tally: &Tally,
    firsts: &mut FirstTimes,
) -> Result<(), Failure> {
    if client.waiting_since.is_some_and(|since| since.elapsed() >= args.limits.write_timeout) {
        return Err(ErrorKind::TimedOut.into()).explain(Call::Send, client.peer);
    }
    let silent = args.idle_timeout.is_some_and(|idle| client.heard.elapsed() >= idle);
    let too_long = client.patience.unless_ran_out(|| Ok(())).is_err();
    if client.leaving || !client.waiting.is_empty() || !(silent || too_long) {
        return Ok(());
    }
    let notice = client.patience.notice();
    tally.add(Count::IdleClosed);
    notes::gave_up_on_client(&client.say, &notice);
    client.leaving = true;
    client.waiting.extend_from_slice(notice.as_bytes());
    client.waiting_since = Some(Instant::now());
    send_waiting(client, firsts)
}

/// Lets a client go: the kernel stops watching its socket, then it is closed.
fn close(registry: &Registry, mut client: Client, others: usize) {
    // 14. deregister: no more readiness for this socket.
    if let Err(err) = registry.deregister(&mut client.connection) {
        report(&client.say, Call::Deregister, client.peer, err);
    }
    client.say.step(14, Call::Deregister, tr!("l7-deregister", clients = count(others, "client")));
    // 15. close: our FIN (an RST if bytes are unread; nothing after the client's RST).
    let connection = StdStream::from(client.connection);
    let sends = close_will_send(&connection, client.local, client.peer);
    drop(connection);
    client.say.step(15, Call::Close, story::close(sends));
}
