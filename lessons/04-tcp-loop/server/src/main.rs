//! Lesson 4, TCP loop: the server.
//!
//! Mirrors `server.py` of article 000, and the "two `while` loops" of article
//! 001: the outer loop accepts one client after another, forever; the inner loop
//! talks to the current client until it leaves. On accept the server sends
//! `连接成功！`; each message gets the reply `第{n}条信息：{text}` (n counts per
//! connection). A message `exit`, or a read of 0 bytes, ends the conversation.
//!
//! A read of 0 bytes is how TCP says the client closed its side (article 001,
//! note 9): the article's server.py does not check for it and would spin on
//! empty reads; this one stops. While one client is being served, the next one
//! waits in the listen queue: its connect succeeds, but nobody greets it until
//! the first leaves. Lesson 5 removes that wait with a thread per client.
//!
//! Run it:   cargo run -p lesson4-server
//! Then:     cargo run -p lesson4-client        (in a second terminal, or several)
//! Chat:     cargo run -p lesson4-server -- --chat, then cargo run -p lesson4-client -- --chat
//! Bare:     cargo run --example lesson4-server-bare   (the same calls, nothing else)

mod story;

use std::io::{ErrorKind, Read};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use kernel::tcp_state::{CloseSends, close_will_send};
use kit::backoff::Backoff;
use kit::cli;
use kit::input::Messages;
use kit::net::{Patience, bind_choice, is_timeout, resolve_all, write_all_within};
use kit::notes;
use kit::stop::{Count, Tally, print_tally_on_signal};
use shared::lang::Texts;
use shared::{Call, Explain, Failure, Narrator, Role, tr};
use socket2::{Domain, Socket, Type};
use story::Story; // .ready(..) on the listen step, .stopping(..): what only this program says

/// The lesson number, for the hints (`cargo run -p lesson4-server`).
const LESSON: u8 = 4;

/// What this lesson says, in English and Chinese (`../locales`).
static TEXTS: Texts = shared::texts!("../locales");

/// How many finished handshakes may wait for `accept` (article 000: `listen(5)`).
const BACKLOG: i32 = 5;

/// The greeting article 000 sends to every client it accepts.
const GREETING: &str = "连接成功！";

/// Lesson 4 server: serve TCP clients one after another, each until it leaves.
#[derive(Parser)]
#[command(version, about, after_help = "Then, in one or more other terminals: cargo run -p lesson4-client")]
struct Args {
    #[command(flatten)]
    address: cli::TcpServerAddress<8888>,

    /// Receive buffer in bytes: the most one recv takes. A longer message
    /// arrives over several recvs, each answered as if it were a message
    #[arg(long, value_name = "BYTES", default_value = "1024", value_parser = cli::buffer_size)]
    buffer: usize,

    /// Close a client that sends nothing for SECS, after telling it so. Off by
    /// default: one silent client holding up everyone is what this lesson shows
    #[arg(long, value_name = "SECS", value_parser = cli::seconds)]
    idle_timeout: Option<Duration>,

    #[command(flatten)]
    limits: cli::ServerLimits,

    /// Chat, as article 003 does: no greeting, and each reply is a line typed
    /// here (standard input) instead of the numbered one. The end of the typed
    /// lines closes the connection and stops the server
    #[arg(long)]
    chat: bool,

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

/// Article 000's server.py: the outer loop, one client after another.
fn serve(args: &Args, say: &Narrator) -> Result<(), Failure> {
    // A name may stand for several addresses: localhost is ::1 first, then
    // 127.0.0.1, on some systems. The articles' socket.socket() is AF_INET, so
    // Python's bind takes the name's IPv4 address; so do we, and say which.
    let addrs = resolve_all(&args.address.host, args.address.port)?;
    let (addr, choice) = bind_choice(&addrs);
    notes::name_stands_for(say, &args.address.host, &addrs, &choice);

    // What it served, printed at the end of --serve or on Ctrl-C (installed before
    // the ready line, so a signal never finds the server without it).
    let tally = Tally::new(&[Count::Clients, Count::MessagesAnswered, Count::IdleClosed, Count::Resets]);
    print_tally_on_signal(say, &tally);

    // 1. socket: a TCP socket (SOCK_STREAM), for taking connections only.
    let socket = Socket::new(Domain::for_address(addr), Type::STREAM, None).explain(Call::Socket, addr)?;
    say.step(1, Call::Socket, tr!("l4-socket"));

    // 2. setsockopt(SO_REUSEADDR): bind at once after a restart, though the last
    //    run's connections still wait out TIME_WAIT (lesson 6).
    socket.set_reuse_address(true).explain(Call::SetOption, addr)?;
    say.step(2, Call::SetOption, tr!("l4-reuse-address"));

    // 3. bind: claim the address clients will connect to.
    socket.bind(&addr.into()).explain(Call::Bind, addr)?;
    let bound = socket.local_addr().explain(Call::GetName, addr)?.as_socket().unwrap_or(addr);
    say.step(3, Call::Bind, tr!("l4-bind", bound = bound));

    // 4. listen(5): the system now completes handshakes by itself and queues up
    //    to 5 of them, so a second client can connect while we serve the first.
    socket.listen(BACKLOG).explain(Call::Listen, bound)?;
    let listener = TcpListener::from(socket);
    // `listening on ADDR ` is the ready line scripts wait for, and read the address
    // up to the space: the same in every language.
    say.step(4, Call::Listen, format_args!("listening on {bound} {}", tr!("l4-backlog", backlog = BACKLOG)))
        .ready(bound, args.serve, args.chat);
    let prompt = tr!("l4-prompt-reply");
    let mut replies = Messages::new(Vec::new(), say, &prompt); // read with --chat only

    // The outer loop: one client after another, forever (or --serve N times).
    let mut backoff = Backoff::new();
    while args.serve.is_none_or(|n| tally.get(Count::Clients) < n) {
        // 5. accept: the next client from the queue, on a new socket of its own.
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
        let number = tally.get(Count::Clients);
        say.step(5, Call::Accept, tr!("l4-accept", number = number, peer = peer));

        // 6 to 8: the conversation; a client's failure ends only its own conversation.
        let chat = args.chat.then_some(&mut replies);
        let operator_left = match converse(say, &mut connection, peer, args, &tally, chat) {
            Ok(operator_left) => operator_left,
            Err(failure) => {
                say.report(&failure);
                false
            }
        };

        // 9. close: this client's socket only; the listening socket stays open for
        //    the next client. What the close sends is asked just before it and
        //    shown after it: our FIN; an RST if bytes are unread (sent after
        //    exit, say); nothing if the client's RST came first.
        let local = connection.local_addr().unwrap_or(bound);
        let sends = close_will_send(&connection, local, peer);
        drop(connection);
        if sends == CloseSends::NothingAfterReset {
            tally.add(Count::Resets);
        }
        let last = operator_left || args.serve.is_some_and(|n| tally.get(Count::Clients) >= n);
        say.step(9, Call::Close, story::closed(number, sends, last));
        if operator_left {
            say.detail(tr!("l4-operator-left"));
            break;
        }
    }

    drop(listener);
    say.stopping(&tally);
    Ok(())
}

/// The inner loop: greet one client, then answer each message until it leaves.
/// With `chat` (article 003), each reply is the next line the operator types,
/// and there is no greeting. Returns whether the operator's input ended.
fn converse(
    say: &Narrator,
    connection: &mut TcpStream,
    peer: SocketAddr,
    args: &Args,
    tally: &Tally,
    mut chat: Option<&mut Messages>,
) -> Result<bool, Failure> {
    // --idle-timeout and --conversation-limit: how long this client may keep us.
    let patience = Patience::new(args.idle_timeout, args.limits.conversation_limit);
    // Every reply must be taken within --write-timeout in all (write_all_within):
    // a client that never reads, or reads a trickle, cannot hold the server in send.

    // 6. send: the greeting, one write, as soon as the client is accepted.
    if chat.is_none() {
        say.sent(6, Call::Send, GREETING.as_bytes(), peer);
        write_all_within(connection, GREETING.as_bytes(), args.limits.write_timeout)
            .explain(Call::Send, peer)?;
    }

    let mut buf = vec![0; args.buffer];
    let mut answered: u64 = 0;
    loop {
        // 7. recv: whatever has arrived, up to the buffer; blocks until something does.
        // Each read waits at most --idle-timeout, and no longer than the
        // conversation has left; past that, no more reads: a client that
        // trickles bytes, or sends without end, cannot hold us.
        connection.set_read_timeout(patience.next_read()).explain(Call::SetOption, peer)?;
        let n = match patience.unless_ran_out(|| connection.read(&mut buf)) {
            Ok(n) => n,
            Err(err) if err.kind() == ErrorKind::Interrupted => continue,
            Err(err) if is_timeout(&err) && patience.is_limited() => {
                let notice = patience.notice();
                let _ = write_all_within(connection, notice.as_bytes(), args.limits.write_timeout); // it may be gone
                tally.add(Count::IdleClosed);
                notes::gave_up_on_client(say, &notice);
                return Ok(false);
            }
            Err(err) => return Err(err).explain(Call::Recv, peer),
        };
        say.step(7, Call::Recv, tr!("l4-read", number = answered + 1, buffer = args.buffer))
            .received(&buf[..n], peer);

        // The two ways a conversation ends: the client's FIN, or its `exit`.
        if n == 0 {
            notes::peer_closed(say, Role::Client);
            return Ok(false);
        }
        if &buf[..n] == b"exit" {
            say.notice(tr!("l4-client-exit"));
            return Ok(false);
        }
        if n == args.buffer {
            notes::buffer_full(say, args.buffer);
        }

        // 8. send: the numbered reply (or, with --chat, the operator's line), in
        //    one write: two small writes can cost 40 ms (Nagle meets delayed ACKs).
        answered += 1;
        let reply = match chat.as_deref_mut() {
            Some(typed) => match typed.next() {
                Some(line) => line?,
                None => return Ok(true),
            },
            // Bytes that are not UTF-8 become U+FFFD: the article's decode() would raise.
            None => format!("第{answered}条信息：{}", String::from_utf8_lossy(&buf[..n])).into_bytes(),
        };
        say.sent(8, Call::Send, &reply, peer);
        write_all_within(connection, &reply, args.limits.write_timeout).explain(Call::Send, peer)?;
        tally.add(Count::MessagesAnswered);
    }
}
