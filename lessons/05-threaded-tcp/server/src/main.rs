//! Lesson 5, a thread per client: the server.
//!
//! Mirrors the "多线程通信" server of article 000: every client gets a thread of
//! its own, so a slow or silent client no longer holds up the others as it did
//! in lesson 4. The log lines are the article's: `[*] Listening on ...`,
//! `[*] Accept connection from: IP:PORT`, `[*] Received from IP:PORT : text`;
//! the greeting is `Hello World!` and each reply `{random 1..=1000}：ACK!`.
//!
//! One thing is deliberately different. The article's main loop is
//! `while True: threading.Thread(target=handle_client).start()`, and each thread
//! begins with `server.accept()`. That loop never waits for anything: it starts
//! threads as fast as it can, every one of them blocked in `accept`, until the
//! machine runs out of threads or memory. Here `accept` stays in the main thread,
//! the one place that waits for clients, and a thread is started only for a
//! client that has actually arrived.
//!
//! Threads are not free either, so `--max-clients` caps how many conversations
//! run at once: a client over the cap gets one line, `busy: ...`, and is closed
//! at once, never left waiting without a word. The system may refuse a thread
//! before the cap is reached (its limit on threads or memory): that client
//! gets a `busy:` line of its own, is counted apart (`no thread`), and the
//! server goes on accepting.
//!
//! Run it:   cargo run -p lesson5-server
//! Then:     cargo run -p lesson5-client -- --connections 3     (in a second terminal)
//! Bare:     cargo run --example lesson5-server-bare   (the same calls, nothing else)

mod story;

use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::Duration;

use clap::Parser;
use kernel::tcp_state::close_will_send;
use kit::backoff::Backoff;
use kit::cli;
use kit::net::{BUSY_PREFIX, Patience, bind_choice, is_timeout, resolve_all, write_all_within};
use kit::notes;
use kit::stop::{Count, Tally, print_tally_on_signal};
use shared::bytes::one_line;
use shared::lang::Texts;
use shared::{Call, Explain, Failure, Narrator, Role, count, tr};
use socket2::{Domain, Socket, Type};

/// The lesson number, for the hints (`cargo run -p lesson5-server`).
const LESSON: u8 = 5;

/// What this lesson says, in English and Chinese (`../locales`).
static TEXTS: Texts = shared::texts!("../locales");

/// How many finished handshakes may wait for `accept`. Article 000 says
/// `listen(5)`; a server built to take many clients at once needs more: when the
/// queue is full, Linux drops the newcomers' handshakes and they retry after 1,
/// then 2, 4, 8 seconds. The system caps the number (`net.core.somaxconn`).
const BACKLOG: i32 = 1024;

/// The greeting article 000's threaded server sends to every client.
const GREETING: &str = "Hello World!";

/// How the line starts that a client gets when the server cannot start a
/// thread for it: a `busy:` line (every lesson 5 client knows it means "not
/// served"), which the lesson 5 client tells from the full server's.
const NO_THREAD: &str = "busy: no thread could be started";

/// Lesson 5 server: one thread per client, at most --max-clients at once.
#[derive(Parser)]
#[command(
    version,
    about,
    after_help = "Then, in a second terminal: cargo run -p lesson5-client -- --connections 3"
)]
// --port in this lesson's words, in place of the address group's line.
#[command(mut_arg("port", |port| port.help(
    "Port to listen on (lesson 4 uses the same one: run one at a time). \
     0 lets the system pick a free port, shown in the `listening on` line"
)))]
struct Args {
    #[command(flatten)]
    address: cli::TcpServerAddress<8888>,

    /// Receive buffer in bytes, per client: the most one recv takes
    #[arg(long, value_name = "BYTES", default_value = "1024", value_parser = cli::buffer_size)]
    buffer: usize,

    /// The most clients served at once, each by its own thread. One more is told
    /// `busy` and closed at once. At most what the process may open (ulimit -n)
    #[arg(long, value_name = "N", default_value = "64", value_parser = cli::max_clients)]
    max_clients: u64,

    /// Close a client that sends nothing for SECS, after telling it so (off by
    /// default: a silent client holds only its own thread, and a place under the cap)
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

fn main() -> ExitCode {
    let args = Args::parse();
    let say = args.look.narrator(Role::Server, LESSON, &TEXTS);
    say.exit_with(serve(&args, &say)) // a failed call: its explanation, and exit code 1
}

/// Article 000's threaded server, with `accept` in the main thread.
fn serve(args: &Args, say: &Narrator) -> Result<(), Failure> {
    // A name may stand for several addresses: localhost is ::1 first, then
    // 127.0.0.1, on some systems. The articles' socket.socket() is AF_INET, so
    // Python's bind takes the name's IPv4 address; so do we, and say which.
    let addrs = resolve_all(&args.address.host, args.address.port)?;
    let (addr, choice) = bind_choice(&addrs);
    notes::name_stands_for(say, &args.address.host, &addrs, &choice);

    // What it served, printed at the end of --serve or on Ctrl-C (installed before
    // the ready line); the client threads add to it too.
    let tally = Tally::new(&[Count::Clients, Count::TurnedAway, Count::IdleClosed]);
    print_tally_on_signal(say, &tally);

    // 1. socket: a TCP socket (SOCK_STREAM); only the main thread uses it.
    let socket = Socket::new(Domain::for_address(addr), Type::STREAM, None).explain(Call::Socket, addr)?;
    say.step(1, Call::Socket, tr!("l5-socket"));

    // 2. setsockopt(SO_REUSEADDR): bind at once after a restart, though the last
    //    run's connections still wait out TIME_WAIT (lesson 6).
    socket.set_reuse_address(true).explain(Call::SetOption, addr)?;
    say.step(2, Call::SetOption, tr!("l5-reuse-address"));

    // 3. bind: claim the address clients will connect to.
    socket.bind(&addr.into()).explain(Call::Bind, addr)?;
    let bound = socket.local_addr().explain(Call::GetName, addr)?.as_socket().unwrap_or(addr);
    say.step(3, Call::Bind, tr!("l5-bind", bound = bound));

    // 4. listen: a longer queue than the article's 5 (see BACKLOG).
    socket.listen(BACKLOG).explain(Call::Listen, bound)?;
    let listener = TcpListener::from(socket);
    // The article's line, and the ready line scripts wait for (they read the address
    // up to the space): the same in every language.
    say.step(
        4,
        Call::Listen,
        format_args!("[*] Listening on {bound} {}", tr!("l5-backlog", backlog = BACKLOG)),
    );
    notes::exposed(say, bound);
    say.detail(tr!("l5-at-most", clients = count(args.max_clients, "client")));
    notes::serving(say, args.serve, "client");

    // How many conversations are running now; each thread counts itself out.
    let active = Arc::new(AtomicUsize::new(0));
    let mut threads: Vec<thread::JoinHandle<()>> = Vec::new();
    let mut backoff = Backoff::new();
    while args.serve.is_none_or(|n| tally.get(Count::Clients) < n) {
        // 5. accept: here, in the main thread, and nowhere else.
        let (mut connection, peer) = match listener.accept().explain(Call::Accept, bound) {
            Ok(accepted) => {
                backoff.reset(say);
                accepted
            }
            // A client that reset while queued, or no file descriptor left: say
            // so once, and wait before the next accept instead of spinning.
            Err(failure) => {
                backoff.wait_after(say, &failure);
                continue;
            }
        };

        // Over the cap: one line, then close. The client is told, not left hanging.
        let busy = active.load(Ordering::SeqCst);
        if busy as u64 >= args.max_clients {
            tally.add(Count::TurnedAway);
            say.step(5, Call::Accept, tr!("l5-turned-away", peer = peer, busy = busy));
            let line = format!(
                "{BUSY_PREFIX} {busy} clients are being served, the most this server takes; try again later\n"
            );
            let _ = connection.write_all(line.as_bytes()); // it may have gone already; nothing to lose
            drop(connection); // close: the busy client reads the line, then 0 bytes
            continue;
        }

        say.new_conversation(); // the accept lines of each client have a log budget of their own
        let number = tally.get(Count::Clients) + 1;
        let place = Place::take(&active);
        say.step(5, Call::Accept, format_args!("[*] Accept connection from: {}:{}", peer.ip(), peer.port()));

        // thread: a thread of its own for this client, named after it. The
        // connection is handed over once the thread exists: until then the main
        // thread keeps it, to tell the client if no thread can be started.
        // Threads that have ended are let go first: each holds its stack until
        // its handle is dropped or joined, and the new thread may need that memory.
        threads.retain(|handle| !handle.is_finished());
        let (hand_over, handed) = mpsc::channel::<TcpStream>();
        let client_say = say.for_connection(number);
        let client_active = Arc::clone(&active);
        let client_tally = tally.clone();
        let limits = Limits {
            buffer: args.buffer,
            idle: args.idle_timeout,
            conversation: args.limits.conversation_limit,
            write: args.limits.write_timeout,
        };
        let spawned = thread::Builder::new().name(peer.to_string()).spawn(move || {
            let Ok(connection) = handed.recv() else { return };
            if let Err(failure) = serve_client(&client_say, connection, place, peer, limits, &client_tally) {
                client_say.report(&failure); // this client's trouble only
            }
            let left = client_active.load(Ordering::SeqCst);
            client_say.detail(tr!("l5-served-now", clients = count(left as u64, "client")));
        });
        match spawned {
            Ok(handle) => {
                tally.add(Count::Clients);
                let now = active.load(Ordering::SeqCst);
                say.detail(tr!("l5-new-thread", number = number, clients = count(now as u64, "client")));
                let _ = hand_over.send(connection); // the thread is waiting for it
                threads.push(handle);
            }
            // No thread to be had (the system's limit on threads or memory):
            // one line, as for busy, then close; its place was freed with the
            // closure that never ran. The others go on, and so does accept.
            Err(err) => {
                tally.add(Count::NoThread);
                say.notice(tr!("l5-no-thread", peer = peer, err = err.to_string()));
                let line = format!("{NO_THREAD} for this connection; try again later\n");
                let _ = connection.write_all(line.as_bytes()); // it may have gone already
                drop(connection); // close: the client reads the line, then 0 bytes
            }
        }
    }

    // Only with --serve: wait for the last conversations, then close the
    // listening socket and stop.
    for handle in threads {
        let _ = handle.join();
    }
    drop(listener);
    say.detail(tr!("l5-stopping", summary = tally.summary()));
    Ok(())
}

/// What one conversation may take: the receive buffer, how long a read
/// (`--idle-timeout`), the whole conversation (`--conversation-limit`) and a
/// send (`--write-timeout`) may take.
#[derive(Clone, Copy)]
struct Limits {
    buffer: usize,
    idle: Option<Duration>,
    conversation: Option<Duration>,
    write: Duration,
}

/// A place under `--max-clients`, held for one conversation. Dropping it frees
/// the place at once: when the conversation ends, when it fails, and when its
/// thread panics, never later (the thread may still be printing).
struct Place(Arc<AtomicUsize>);

impl Place {
    /// Takes a place: one more conversation is running.
    fn take(active: &Arc<AtomicUsize>) -> Place {
        active.fetch_add(1, Ordering::SeqCst);
        Place(Arc::clone(active))
    }
}

impl Drop for Place {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// One client's conversation, in its own thread: greet, then answer each message
/// until `exit` or a read of 0 bytes. A failure ends this conversation only.
fn serve_client(
    say: &Narrator,
    mut connection: TcpStream,
    place: Place,
    peer: SocketAddr,
    limits: Limits,
    tally: &Tally,
) -> Result<(), Failure> {
    let Limits { buffer, idle, conversation, write } = limits;
    // --idle-timeout and --conversation-limit: how long this client may keep its
    // place; every reply must be taken within --write-timeout in all (a client
    // that never reads, or reads a trickle).
    let patience = Patience::new(idle, conversation);
    let local = connection.local_addr().explain(Call::GetName, peer)?;

    // 6. send: the greeting, in one write.
    say.sent(6, Call::Send, GREETING.as_bytes(), peer);
    write_all_within(&mut connection, GREETING.as_bytes(), write).explain(Call::Send, peer)?;

    let mut buf = vec![0; buffer];
    loop {
        // 7. recv: this thread blocks here; the other clients' threads do not care.
        // Each read waits at most --idle-timeout, and no longer than the
        // conversation has left; past that, no more reads: a client that
        // trickles bytes, or sends without end, cannot keep its place.
        connection.set_read_timeout(patience.next_read()).explain(Call::SetOption, peer)?;
        let n = match patience.unless_ran_out(|| connection.read(&mut buf)) {
            Ok(n) => n,
            Err(err) if err.kind() == ErrorKind::Interrupted => continue,
            Err(err) if is_timeout(&err) && patience.is_limited() => {
                let notice = patience.notice();
                let _ = write_all_within(&mut connection, notice.as_bytes(), write); // it may be gone
                tally.add(Count::IdleClosed);
                notes::gave_up_on_client(say, &notice);
                break;
            }
            Err(err) => return Err(err).explain(Call::Recv, peer),
        };
        say.step(7, Call::Recv, tr!("l5-read", buffer = buffer)).received(&buf[..n], peer);
        if n == 0 {
            notes::peer_closed(say, Role::Client);
            break;
        }
        let text = String::from_utf8_lossy(&buf[..n]);
        if text == "exit" {
            say.notice(tr!("l5-client-exit"));
            break;
        }
        // The article's log line, with the peer's bytes escaped: a peer must not
        // write to our terminal (clear it, forge a line) through our log.
        say.detail(format_args!("[*] Received from {}:{} : {}", peer.ip(), peer.port(), one_line(&text)));

        // 8. send: a random number and ACK!, in one write.
        let reply = format!("{}：ACK!", reply_number(&mut fastrand::Rng::new()));
        say.sent(8, Call::Send, reply.as_bytes(), peer);
        write_all_within(&mut connection, reply.as_bytes(), write).explain(Call::Send, peer)?;
    }

    // 9. close: this client's socket only; the server goes on. Its place under
    //    --max-clients is freed first, so a client that connects once it has
    //    seen our FIN finds it free (on an early return `place`, declared after
    //    `connection`, is dropped before it too).
    //    What the close sends is asked just before it and shown after it: our
    //    FIN; an RST if bytes are unread; nothing if the client's RST came first.
    drop(place);
    let sends = close_will_send(&connection, local, peer);
    drop(connection);
    say.step(9, Call::Close, story::close(sends));
    Ok(())
}

/// The article's `random.randint(1, 1000)`: a number from 1 to 1000, both ends included.
fn reply_number(rng: &mut fastrand::Rng) -> u16 {
    rng.u16(1..=1000)
}

#[cfg(test)]
mod tests {
    /// Every number from 1 to 1000 comes, and nothing else: 200,000 draws
    /// from fixed seeds, so the check is the same every run (a 0 or a 1001
    /// would come with a chance of about 1 - e^-200 if the range were off).
    #[test]
    fn the_reply_number_is_randint_1_to_1000() {
        let mut seen = [false; 1001];
        for seed in 0..200 {
            let mut rng = fastrand::Rng::with_seed(seed);
            for _ in 0..1000 {
                let n = super::reply_number(&mut rng);
                assert!((1..=1000).contains(&n), "{n} is not in 1..=1000");
                seen[usize::from(n)] = true;
            }
        }
        assert!(seen[1..].iter().all(|&came| came), "every number from 1 to 1000 comes");
    }
}
