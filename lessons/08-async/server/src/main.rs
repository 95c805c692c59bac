//! Lesson 8, async/await: the server.
//!
//! Article 000's threaded server once more, and article 003's last words made
//! whole: 异步IO和协程, asynchronous I/O and coroutines. Lesson 7 ran the
//! event loop by hand: non-blocking sockets, register, poll, `WouldBlock`, a
//! buffer for what a send did not take. Here `tokio`'s runtime runs that loop,
//! and each client is served by a task written as plainly as lesson 5's
//! thread: `read(...).await`, `write_all(...).await`. Where a blocking call
//! would wait, the `.await` hands the thread back to the runtime, which polls
//! the kernel and wakes the task when its socket is ready. The runtime here is
//! `current_thread`: one thread runs every task, as lesson 7's loop did. The
//! protocol and the log lines are lesson 5's: `Hello World!`, each reply
//! `{random 1..=1000}：ACK!`, the `[*] ...` lines.
//!
//! A task is a thread's code without a thread's cost, and with one rule a
//! thread does not have: a task must never block. A blocking call (a std read,
//! `std::thread::sleep`) holds the one thread, and every other client waits.
//!
//! Run it:   cargo run -p lesson8-server
//! Then:     cargo run -p lesson8-client -- --connections 3     (in a second terminal)
//! Bare:     cargo run --example lesson8-server-bare   (the same calls, nothing else)

mod story;

use std::future::Future;
use std::io::{self, ErrorKind};
use std::net::SocketAddr;
use std::pin::{Pin, pin};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::Poll;
use std::time::Duration;

use clap::Parser;
use kernel::tcp_state::close_will_send;
use kit::backoff::Backoff;
use kit::cli;
use kit::net::{BUSY_PREFIX, Patience, bind_choice, resolve_all};
use kit::notes;
use kit::stop::{Count, Tally, print_tally_on_signal};
use shared::bytes::one_line;
use shared::lang::Texts;
use shared::{Call, Explain, Failure, Narrator, Role, count, tr};
use socket2::SockRef;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use tokio::task::JoinSet;

/// The lesson number, for the hints (`cargo run -p lesson8-server`).
const LESSON: u8 = 8;

/// What this lesson says, in English and Chinese (`../locales`).
static TEXTS: Texts = shared::texts!("../locales");

/// How many finished handshakes may wait for `accept` (lesson 5 says why more than 5).
const BACKLOG: u32 = 1024;

/// The greeting article 000's threaded server sends to every client.
const GREETING: &str = "Hello World!";

/// Lesson 8 server: a task per client, every task on one thread.
#[derive(Parser)]
#[command(
    version,
    about,
    after_help = "Then, in a second terminal: cargo run -p lesson8-client -- --connections 3\n\
                  (lesson 5's and 7's clients work too: cargo run -p lesson5-client -- --connections 3)"
)]
// --port in this lesson's words, in place of the address group's line.
#[command(mut_arg("port", |port| port.help(
    "Port to listen on (lessons 4, 5 and 7 use the same one: run one at a time). \
     0 lets the system pick a free port, shown in the `listening on` line"
)))]
struct Args {
    #[command(flatten)]
    address: cli::TcpServerAddress<8888>,

    /// Receive buffer in bytes, per client: the most one recv takes
    #[arg(long, value_name = "BYTES", default_value = "1024", value_parser = cli::buffer_size)]
    buffer: usize,

    /// The most clients served at once, each by a task, all on this one thread.
    /// One more is told `busy` and closed at once. At most what the process may
    /// open (ulimit -n)
    #[arg(long, value_name = "N", default_value = "1000", value_parser = cli::max_clients)]
    max_clients: u64,

    /// Ask the kernel for a send buffer of BYTES per client (SO_SNDBUF; Linux
    /// doubles it and keeps at least about 4 KB): a small one makes a send that
    /// must wait easy to see with a client that does not read
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

fn main() -> ExitCode {
    let args = Args::parse();
    let say = args.look.narrator(Role::Server, LESSON, &TEXTS);
    // The runtime: its event loop (lesson 7's poll, epoll on Linux) and its
    // timers, on this thread alone (current_thread: no thread is started).
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build();
    let served = match runtime {
        Ok(runtime) => runtime.block_on(serve(&args, &say)),
        Err(err) => Err(err).explain(Call::Poll, &args.address.host),
    };
    say.exit_with(served) // a failed call: its explanation, and exit code 1
}

/// Article 000's threaded server, with a task where lesson 5 had a thread.
async fn serve(args: &Args, say: &Narrator) -> Result<(), Failure> {
    let addrs = resolve_all(&args.address.host, args.address.port)?;
    let (addr, choice) = bind_choice(&addrs);
    notes::name_stands_for(say, &args.address.host, &addrs, &choice);
    let tally = Tally::new(&[Count::Clients, Count::TurnedAway, Count::IdleClosed]);
    print_tally_on_signal(say, &tally);

    // 1. socket: a TCP socket (SOCK_STREAM), non-blocking from the start:
    //    tokio makes every socket so (lesson 7's setblocking(False)).
    let socket = match addr {
        SocketAddr::V4(_) => TcpSocket::new_v4(),
        SocketAddr::V6(_) => TcpSocket::new_v6(),
    }
    .explain(Call::Socket, addr)?;
    say.step(1, Call::Socket, tr!("l8-socket"));

    // 2. setsockopt(SO_REUSEADDR): bind at once after a restart (lesson 6's TIME_WAIT).
    socket.set_reuseaddr(true).explain(Call::SetOption, addr)?;
    say.step(2, Call::SetOption, tr!("l8-reuse-address"));

    // 3. bind: claim the address clients will connect to.
    socket.bind(addr).explain(Call::Bind, addr)?;
    let bound = socket.local_addr().explain(Call::GetName, addr)?;
    say.step(3, Call::Bind, tr!("l8-bind", bound = bound));

    // 4. listen: the kernel now finishes handshakes and queues them; the
    //    runtime registers the listener with its poll (lesson 7's register).
    let listener = socket.listen(BACKLOG).explain(Call::Listen, bound)?;
    say.step(4, Call::Listen, story::listening(bound, BACKLOG)); // the article's line, and the ready line
    notes::exposed(say, bound);
    say.detail(tr!("l8-at-most", clients = count(args.max_clients, "client")));
    notes::serving(say, args.serve, "client");

    // How many conversations are running now; each task counts itself out.
    let active = Arc::new(AtomicUsize::new(0));
    let mut tasks = JoinSet::new();
    let mut backoff = Backoff::new();
    while args.serve.is_none_or(|n| tally.get(Count::Clients) < n) {
        // 5. accept: awaited. No connection queued: accept's WouldBlock parks
        //    this task, and the runtime polls for every socket (lesson 7's
        //    poll); the listener readable, it wakes the task, accept goes on.
        let ((connection, peer), waited) = match awaited(listener.accept()).await {
            (Ok(accepted), waited) => (accepted, waited),
            (Err(err), _) if err.kind() == ErrorKind::ConnectionAborted => continue,
            // No file descriptor left, say: said once, then a wait that blocks
            // no task (tokio's sleep, not the thread's).
            (Err(err), _) => {
                let failure = Err::<(), _>(err).explain(Call::Accept, bound).unwrap_err();
                tokio::time::sleep(backoff.after(say, &failure)).await;
                continue;
            }
        };
        backoff.reset(say);

        // Over the cap: one line, then close. The client is told, not left hanging.
        let busy = active.load(Ordering::SeqCst);
        if busy as u64 >= args.max_clients {
            tally.add(Count::TurnedAway);
            say.step(5, Call::Accept, tr!("l8-turned-away", peer = peer, busy = busy));
            let line = format!(
                "{BUSY_PREFIX} {busy} clients are being served, the most this server takes; try again later\n"
            );
            let _ = connection.try_write(line.as_bytes()); // never waits; it may have gone already
            drop(connection); // close: the busy client reads the line, then 0 bytes
            continue;
        }

        say.new_conversation(); // the accept lines of each client have a log budget of their own
        tally.add(Count::Clients);
        let number = tally.get(Count::Clients);
        let place = Place::take(&active);
        say.step(5, Call::Accept, format_args!("[*] Accept connection from: {}:{}", peer.ip(), peer.port()));
        story::accept_waited(say, waited);

        // spawn: a task of its own for this client. It runs when this task
        // next awaits (at the next accept): one thread takes turns.
        let mut client_say = say.for_connection(number);
        let (client_active, client_tally) = (Arc::clone(&active), tally.clone());
        let limits = Limits {
            buffer: args.buffer,
            send_buffer: args.send_buffer,
            idle: args.idle_timeout,
            conversation: args.limits.conversation_limit,
            write: args.limits.write_timeout,
        };
        tasks.spawn(async move {
            let served = serve_client(&mut client_say, connection, place, peer, limits, &client_tally).await;
            if let Err(failure) = served {
                client_say.report(&failure); // this client's trouble only
            }
            let left = client_active.load(Ordering::SeqCst);
            client_say.detail(tr!("l8-served-now", clients = count(left as u64, "client")));
        });
        say.detail(story::new_task(number, active.load(Ordering::SeqCst)));
        while tasks.try_join_next().is_some() {} // let go of the tasks that have ended
    }

    // Only with --serve: wait for the last conversations, then close the
    // listening socket and stop.
    while tasks.join_next().await.is_some() {}
    drop(listener);
    story::stopping(say, &tally.summary(), kernel::limits::threads());
    Ok(())
}

/// What one conversation may take: the receive buffer, the send buffer
/// asked for, how long a read (`--idle-timeout`), the whole conversation
/// (`--conversation-limit`) and a send (`--write-timeout`) may take.
#[derive(Clone, Copy)]
struct Limits {
    buffer: usize,
    send_buffer: Option<usize>,
    idle: Option<Duration>,
    conversation: Option<Duration>,
    write: Duration,
}

/// A place under `--max-clients`, held for one conversation, freed when it
/// is dropped: when the conversation ends or fails, never later.
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

/// One client's conversation, in its own task: greet, then answer each
/// message until `exit` or a read of 0 bytes. A failure ends this task only.
/// (The narrator is lent as `&mut`: a task handed to `tokio::spawn` may hold
/// only what could move to another thread, and a shared `&Narrator` could not.)
async fn serve_client(
    say: &mut Narrator,
    mut connection: TcpStream,
    place: Place,
    peer: SocketAddr,
    limits: Limits,
    tally: &Tally,
) -> Result<(), Failure> {
    let Limits { buffer, send_buffer, idle, conversation, write } = limits;
    let patience = Patience::new(idle, conversation);
    let local = connection.local_addr().explain(Call::GetName, peer)?;

    if let Some(bytes) = send_buffer {
        // 6. setsockopt(SO_SNDBUF): a small send buffer, so that a client that
        //    does not read makes our sends wait soon.
        let sock = SockRef::from(&connection);
        sock.set_send_buffer_size(bytes).explain(Call::SetOption, peer)?;
        let got = sock.send_buffer_size().explain(Call::GetOption, peer)?;
        say.step(6, Call::SetOption, tr!("l8-send-buffer", bytes = got));
    }

    // 7. send: the greeting. write_all sends what the kernel takes; the rest
    //    waits in the future, and the task awaits writable (lesson 7's buffer
    //    and reregister), at most --write-timeout.
    say.sent(7, Call::Send, GREETING.as_bytes(), peer);
    send(say, &mut connection, GREETING.as_bytes(), write).await.explain(Call::Send, peer)?;

    let mut buf = vec![0; buffer];
    loop {
        // 8. recv: awaited. No bytes yet: the read's WouldBlock parks this
        //    task, and the thread serves the other tasks until the runtime's
        //    poll finds this socket readable. At most --idle-timeout, and no
        //    longer than --conversation-limit leaves.
        let read = async {
            patience.unless_ran_out(|| Ok(()))?; // past --conversation-limit: no more reads
            connection.read(&mut buf).await
        };
        let (read, waited) = awaited(within(patience.next_read(), read)).await;
        let n = match read {
            Ok(n) => n,
            Err(err) if err.kind() == ErrorKind::TimedOut && patience.is_limited() => {
                let notice = patience.notice();
                let _ = within(Some(write), connection.write_all(notice.as_bytes())).await; // it may be gone
                tally.add(Count::IdleClosed);
                notes::gave_up_on_client(say, &notice);
                break;
            }
            Err(err) => return Err(err).explain(Call::Recv, peer),
        };
        say.step(8, Call::Recv, story::read(buffer, waited)).received(&buf[..n], peer);
        if n == 0 {
            notes::peer_closed(say, Role::Client);
            break;
        }
        let text = String::from_utf8_lossy(&buf[..n]).into_owned();
        if text == "exit" {
            say.notice(tr!("l8-client-exit"));
            break;
        }
        // The article's log line, the peer's bytes escaped (no terminal tricks).
        say.detail(format_args!("[*] Received from {}:{} : {}", peer.ip(), peer.port(), one_line(&text)));

        // 9. send: a random number and ACK!, awaited as the greeting was.
        let reply = format!("{}：ACK!", fastrand::u16(1..=1000));
        say.sent(9, Call::Send, reply.as_bytes(), peer);
        send(say, &mut connection, reply.as_bytes(), write).await.explain(Call::Send, peer)?;
    }

    // 10. close: into_std takes the socket back from the runtime (its poll
    //     stops watching it: lesson 7's deregister); the drop sends our FIN
    //     (an RST if bytes are unread; nothing after the client's RST).
    drop(place);
    let connection = connection.into_std().explain(Call::Deregister, peer)?;
    let sends = close_will_send(&connection, local, peer);
    drop(connection);
    say.step(10, Call::Close, story::close(sends));
    Ok(())
}

/// Sends all of `data` (write_all) within --write-timeout. If the kernel has
/// no room for it now (the client is not reading), says so before the task
/// waits, so the wait is seen while it lasts.
async fn send(
    say: &mut Narrator,
    connection: &mut TcpStream,
    data: &[u8],
    write: Duration,
) -> io::Result<()> {
    let mut sending = pin!(within(Some(write), connection.write_all(data)));
    if let Some(sent) = at_once(&mut sending).await {
        return sent;
    }
    story::send_waits(say);
    sending.await
}

/// Awaits `io` and tells whether it had to wait: whether the task gave the
/// thread back to the runtime at least once (the call would have blocked).
async fn awaited<T>(io: impl Future<Output = T>) -> (T, bool) {
    let mut io = pin!(io);
    match at_once(&mut io).await {
        Some(done) => (done, false),
        None => (io.await, true),
    }
}

/// Polls `io` once: its output if it is ready now; `None` if it must wait
/// (it has asked the runtime to wake the task: await it again).
async fn at_once<F: Future + Unpin>(io: &mut F) -> Option<F::Output> {
    std::future::poll_fn(|cx| match Pin::new(&mut *io).poll(cx) {
        Poll::Ready(done) => Poll::Ready(Some(done)),
        Poll::Pending => Poll::Ready(None),
    })
    .await
}

/// Awaits `io` for at most `limit` (none: as long as it takes); past it, a
/// timeout (`TimedOut`). The timer is the runtime's: waiting on it blocks no task.
async fn within<T>(limit: Option<Duration>, io: impl Future<Output = io::Result<T>>) -> io::Result<T> {
    match limit {
        Some(limit) => {
            tokio::time::timeout(limit, io).await.unwrap_or_else(|_| Err(ErrorKind::TimedOut.into()))
        }
        None => io.await,
    }
}
