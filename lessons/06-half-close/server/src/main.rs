//! Lesson 6, the half-close: the server.
//!
//! Mirrors note 9 of article 001 ("when the client closes, recv returns 0") and
//! the four-way teardown of article 002. The server reads until a read returns
//! 0 bytes: that 0 is the client's FIN, its way of saying "I have sent
//! everything". The connection is only half closed then: the client can still
//! receive, so the server replies `received {n} bytes in {k} reads` and only
//! then closes its own side.
//!
//! On Linux both programs show the kernel's TCP state at each step: here,
//! ESTABLISHED after accept and CLOSE_WAIT once the FIN has arrived. A client
//! that aborts (RST instead of FIN) makes the read fail with "connection reset":
//! the server says so and goes on to the next client.
//!
//! Run it:   cargo run -p lesson6-server
//! Then:     cargo run -p lesson6-client -- --message hello --message world
//! Bare:     cargo run --example lesson6-server-bare   (the same calls, nothing else)

use std::io::{ErrorKind, Read};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::ExitCode;
use std::thread;
use std::time::Duration;

use clap::Parser;
use kernel::tcp_state::{self, CloseSends, close_will_send, in_kernel_table};
use kit::backoff::Backoff;
use kit::cli;
use kit::net::{Patience, bind_choice, is_timeout, resolve_all, write_all_within};
use kit::notes;
use kit::stop::{Count, Tally, print_tally_on_signal};
use shared::lang::Texts;
use shared::{Call, Explain, Failure, Narrator, Role, tr};
use socket2::{Domain, Socket, Type};
use story::Story; // what only this lesson tells: its TCP states, the FIN, the reply's fate

mod story;

/// The lesson number, for the hints (`cargo run -p lesson6-server`).
const LESSON: u8 = 6;

/// What this lesson says, in English and Chinese (`../locales`).
static TEXTS: Texts = shared::texts!("../locales");

/// How many finished handshakes may wait for `accept` (article 001: `listen(128)`).
const BACKLOG: i32 = 128;

/// Lesson 6 server: read each client to its FIN, reply, close; one client after another.
#[derive(Parser)]
#[command(
    version,
    about,
    after_help = "Then, in a second terminal: cargo run -p lesson6-client -- --message hello"
)]
// --port in this lesson's words, in place of the address group's line.
#[command(mut_arg("port", |port| port.help(
    "Port to listen on (article 001's 7788). \
     0 lets the system pick a free port, shown in the `listening on` line"
)))]
struct Args {
    #[command(flatten)]
    address: cli::TcpServerAddress<7788>,

    /// Receive buffer in bytes: the most one recv takes. A small one shows the
    /// data arriving over many reads
    #[arg(long, value_name = "BYTES", default_value = "1024", value_parser = cli::buffer_size)]
    buffer: usize,

    /// Seconds to wait between the client's FIN and the reply: time to watch
    /// CLOSE_WAIT here and FIN_WAIT2 at the client (`ss -tan`). Default: no wait
    #[arg(long, value_name = "SECS", value_parser = cli::seconds)]
    reply_after: Option<Duration>,

    /// Close a client that sends nothing for SECS, after telling it so. Off by
    /// default: waiting for the client's FIN, however long, is this lesson's point
    #[arg(long, value_name = "SECS", value_parser = cli::seconds)]
    idle_timeout: Option<Duration>,

    #[command(flatten)]
    limits: cli::ServerLimits,

    /// Stop after N clients and print a summary (default: serve until Ctrl-C)
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

/// Read each client to its FIN, reply, close; one client after another.
fn serve(args: &Args, say: &Narrator) -> Result<(), Failure> {
    // A name may stand for several addresses: localhost is ::1 first, then
    // 127.0.0.1, on some systems. The articles' socket.socket() is AF_INET, so
    // Python's bind takes the name's IPv4 address; so do we, and say which.
    let addrs = resolve_all(&args.address.host, args.address.port)?;
    let (addr, choice) = bind_choice(&addrs);
    notes::name_stands_for(say, &args.address.host, &addrs, &choice);

    // What it served, printed at the end of --serve or on Ctrl-C (installed before
    // the ready line, so a signal never finds the server without it).
    let tally = Tally::new(&[Count::Clients, Count::Resets, Count::IdleClosed]);
    print_tally_on_signal(say, &tally);

    // 1. socket: a TCP socket (SOCK_STREAM), for taking connections only.
    let socket = Socket::new(Domain::for_address(addr), Type::STREAM, None).explain(Call::Socket, addr)?;
    say.step(1, Call::Socket, tr!("l6-socket"));

    // 2. setsockopt(SO_REUSEADDR): bind at once after a restart, though the last
    //    run's connections still wait out TIME_WAIT (this lesson shows that state).
    socket.set_reuse_address(true).explain(Call::SetOption, addr)?;
    say.step(2, Call::SetOption, tr!("l6-reuse-address"));

    // 3. bind: claim the address clients will connect to.
    socket.bind(&addr.into()).explain(Call::Bind, addr)?;
    let bound = socket.local_addr().explain(Call::GetName, addr)?.as_socket().unwrap_or(addr);
    say.step(3, Call::Bind, tr!("l6-bind", bound = bound));

    // 4. listen(128): the system completes handshakes by itself and queues them.
    socket.listen(BACKLOG).explain(Call::Listen, bound)?;
    let listener = TcpListener::from(socket);
    // `listening on ADDR ` is the ready line scripts wait for, and read the address
    // up to the space: the same in every language.
    say.step(4, Call::Listen, format_args!("listening on {bound} {}", tr!("l6-backlog", backlog = BACKLOG)));
    notes::exposed(say, bound);
    notes::serving(say, args.serve, "client");

    let mut backoff = Backoff::new();
    while args.serve.is_none_or(|n| tally.get(Count::Clients) < n) {
        // 5. accept: the next client, on a socket of its own.
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
        say.new_conversation(); // a fresh log budget for this client
        tally.add(Count::Clients);
        say.step(5, Call::Accept, tr!("l6-accept", number = tally.get(Count::Clients), peer = peer));
        say.state_after_accept(tcp_state::of(&connection)); // ESTABLISHED, or CLOSE_WAIT already

        // 6 and 7: read to the FIN, reply. A reset ends only this client.
        if let Err(failure) = serve_client(say, &mut connection, peer, args, &tally) {
            say.report(&failure);
        }

        // 8. close: our FIN goes out, and both directions are closed. What the
        //    close sends is asked just before it and shown after it: nothing if
        //    the client's RST came first (a full close or an abort).
        let local = connection.local_addr().unwrap_or(bound);
        let sends = close_will_send(&connection, local, peer);
        drop(connection);
        say.step(8, Call::Close, story::close_line(sends));
        if sends == CloseSends::Fin {
            // After our FIN the kernel may still hold the connection (LAST_ACK).
            say.state_after_close(in_kernel_table(local, peer));
        }
    }

    drop(listener);
    say.stopping(tally.summary());
    Ok(())
}

/// Reads until the client's FIN, then replies. A reset (before or after the
/// reply) and an idle client are counted and reported here.
fn serve_client(
    say: &Narrator,
    connection: &mut TcpStream,
    peer: SocketAddr,
    args: &Args,
    tally: &Tally,
) -> Result<(), Failure> {
    // --idle-timeout and --conversation-limit: how long this client may keep us.
    let patience = Patience::new(args.idle_timeout, args.limits.conversation_limit);
    // Every reply must be taken within --write-timeout in all (write_all_within):
    // a client that never reads, or reads a trickle, cannot hold the server in send.

    // 6. recv, until it returns 0: the data may come in any number of pieces.
    let mut buf = vec![0; args.buffer];
    let mut total = 0;
    let mut reads = 0;
    loop {
        // Each read waits at most --idle-timeout, and no longer than the
        // conversation has left; past that, no more reads: a client that
        // trickles bytes, or sends without end, cannot hold us.
        connection.set_read_timeout(patience.next_read()).explain(Call::SetOption, peer)?;
        let n = match patience.unless_ran_out(|| connection.read(&mut buf)) {
            Ok(n) => n,
            Err(err) if err.kind() == ErrorKind::Interrupted => continue,
            Err(err) if err.kind() == ErrorKind::ConnectionReset => {
                say.step(6, Call::Recv, tr!("l6-reset")).peer_reset(total);
                tally.add(Count::Resets);
                return Ok(());
            }
            Err(err) if is_timeout(&err) && patience.is_limited() => {
                let notice = patience.notice();
                let _ = write_all_within(connection, notice.as_bytes(), args.limits.write_timeout); // it may be gone
                tally.add(Count::IdleClosed);
                notes::gave_up_on_client(say, &notice);
                return Ok(());
            }
            Err(err) => return Err(err).explain(Call::Recv, peer),
        };
        if n == 0 {
            // The client's FIN, and the state it leaves us in: CLOSE_WAIT.
            say.step(6, Call::Recv, tr!("l6-client-fin")).fin_arrived(tcp_state::of(connection));
            break;
        }
        reads += 1;
        total += n;
        say.step(6, Call::Recv, tr!("l6-read", number = reads)).received(&buf[..n], peer);
    }

    if let Some(pause) = args.reply_after {
        say.replying_after(pause);
        thread::sleep(pause);
        say.state_until_close(tcp_state::of(connection)); // CLOSE_WAIT lasts until we close
    }

    // 7. send: the reply travels the direction that is still open, in one write.
    let reply = format!("received {total} bytes in {reads} reads");
    say.sent(7, Call::Send, reply.as_bytes(), peer);
    write_all_within(connection, reply.as_bytes(), args.limits.write_timeout).explain(Call::Send, peer)?;
    // getsockopt(SO_ERROR): a client that closed fully answers the reply with
    // RST, which on loopback is back before write_all returns.
    if say.reply_fate(connection.take_error().explain(Call::GetOption, peer)?) {
        tally.add(Count::Resets);
    }
    Ok(())
}
