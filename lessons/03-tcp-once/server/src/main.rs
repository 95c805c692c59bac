//! Lesson 3, TCP once: the server.
//!
//! Mirrors case 04 of article 004 (`tcp_srv`) and the server of article 001,
//! section 4.2: socket, bind, listen, accept one connection, read once (buffer
//! 500), reply `Received msg: {text} from {address}`, close, exit.
//!
//! The point of the lesson is the two sockets. The listening socket only takes
//! connections; `accept` returns a second, connected socket for the one client,
//! and all talking happens on that one. Unlike UDP, the reply needs no address:
//! the connection already knows where the other end is.
//!
//! Run it:   cargo run -p lesson3-server
//! Then:     cargo run -p lesson3-client        (in a second terminal)
//! Bare:     cargo run --example lesson3-server-bare   (the same calls, nothing else)

mod story;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use kit::cli;
use kit::encoding;
use kit::net::{Patience, bind_choice, is_timeout, python_address, resolve_all, retry};
use kit::notes;
use kit::stop::Waiting;
use shared::bytes::Encoding;
use shared::explain::seconds_shown;
use shared::lang::Texts;
use shared::{Call, Explain, Failure, Narrator, Role, tr};
use socket2::{Domain, Socket, Type};

/// The lesson number, for the hints (`cargo run -p lesson3-server`).
const LESSON: u8 = 3;

/// What this lesson says, in English and Chinese (`../locales`).
static TEXTS: Texts = shared::texts!("../locales");

/// How many finished handshakes may wait for `accept` (Python's `listen(128)`).
const BACKLOG: i32 = 128;

/// Lesson 3 server: accept one TCP connection, read once, reply, exit.
#[derive(Parser)]
#[command(version, about, after_help = "Then, in a second terminal: cargo run -p lesson3-client")]
struct Args {
    #[command(flatten)]
    address: cli::TcpServerAddress<8998>,

    /// Receive buffer in bytes: the most the one recv takes. TCP keeps the rest
    /// of a longer message for a next recv, which this server never makes
    #[arg(long, value_name = "BYTES", default_value = "500", value_parser = cli::buffer_size)]
    buffer: usize,

    /// How the received bytes are decoded and the reply encoded (article 001 uses gbk)
    #[arg(long, value_enum, default_value_t)]
    encoding: Encoding,

    /// Give up on a client that connects and sends nothing for SECS: tell it,

    /// close, and end (off by default: the one recv waits as long as it takes,

    /// as the article's does)
    #[arg(long, value_name = "SECS", value_parser = cli::seconds)]
    idle_timeout: Option<Duration>,

    #[command(flatten)]
    look: cli::Look,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let say = args.look.narrator(Role::Server, LESSON, &TEXTS).with_encoding(args.encoding);
    say.exit_with(serve(&args, &say)) // a failed call: its explanation, and exit code 1
}

/// Article 004's case 04, one call per step.
fn serve(args: &Args, say: &Narrator) -> Result<(), Failure> {
    // A name may stand for several addresses: localhost is ::1 first, then
    // 127.0.0.1, on some systems. The articles' socket.socket() is AF_INET, so
    // Python's bind takes the name's IPv4 address; so do we, and say which.
    let addrs = resolve_all(&args.address.host, args.address.port)?;
    let (addr, choice) = bind_choice(&addrs);
    notes::name_stands_for(say, &args.address.host, &addrs, &choice);

    // Ctrl-C (or SIGTERM) while waiting: say for what, and exit 130, as a shell
    // reports a program it stopped. Installed before the ready line.
    let waiting = Waiting::told_on_signal(say, tr!("l3-server-waiting-accept"));

    // 1. socket: a TCP socket (SOCK_STREAM). It will never carry data itself.
    let socket = Socket::new(Domain::for_address(addr), Type::STREAM, None).explain(Call::Socket, addr)?;
    say.step(1, Call::Socket, tr!("l3-server-socket"));

    // 2. setsockopt(SO_REUSEADDR): bind at once after a restart, though the last
    //    run's connection still waits out TIME_WAIT (lesson 6).
    socket.set_reuse_address(true).explain(Call::SetOption, addr)?;
    say.step(2, Call::SetOption, tr!("l3-server-setsockopt"));

    // 3. bind: claim the address clients will connect to.
    socket.bind(&addr.into()).explain(Call::Bind, addr)?;
    let bound = socket.local_addr().explain(Call::GetName, addr)?.as_socket().unwrap_or(addr);
    say.step(3, Call::Bind, tr!("l3-server-bind", addr = bound));

    // 4. listen(128): from now on the system answers SYNs on this port by itself
    //    and queues finished handshakes, even before we call accept.
    socket.listen(BACKLOG).explain(Call::Listen, bound)?;
    let listener = TcpListener::from(socket);
    say.step(4, Call::Listen, tr!("l3-server-listen", addr = bound, backlog = BACKLOG));
    notes::exposed(say, bound);

    // 5. accept: take one finished handshake off the queue. The result is a NEW
    //    socket, connected to that one client; the listening socket stays as it was.
    let (mut connection, peer) = listener.accept().explain(Call::Accept, bound)?;
    waiting.now(tr!("l3-server-waiting-recv", peer = peer));
    say.step(5, Call::Accept, tr!("l3-server-accept", peer = peer));
    say.detail(tr!("l3-server-accept-why"));

    // 6. recv: read once, at most --buffer bytes: whatever has arrived so far.
    //    With --idle-timeout, wait no longer than that for it.
    let patience = Patience::new(args.idle_timeout, None);
    if patience.is_limited() {
        connection.set_read_timeout(patience.next_read()).explain(Call::SetOption, peer)?;
    }
    let mut buf = vec![0; args.buffer];
    let n = match retry(|| connection.read(&mut buf)) {
        Ok(n) => n,
        // Nothing within --idle-timeout: tell the client, close, and end.
        Err(err) if is_timeout(&err) && patience.is_limited() => {
            let notice = patience.notice();
            let _ = connection.write_all(notice.as_bytes()); // it may have gone
            notes::gave_up_on_client(say, &notice);
            drop(connection);
            drop(listener);
            say.step(8, Call::Close, tr!("l3-server-close-idle"));
            let seconds = seconds_shown(args.idle_timeout.unwrap_or_default());
            return Err(Failure::other(
                tr!("l3-server-idle", peer = peer, seconds = seconds),
                tr!("l3-server-idle-hint"),
            ));
        }
        Err(err) => return Err(err).explain(Call::Recv, peer),
    };
    say.step(6, Call::Recv, tr!("l3-server-recv", buffer = args.buffer)).received(&buf[..n], peer);
    match n {
        0 => notes::peer_closed(say, Role::Client),
        n if n == args.buffer => notes::buffer_full(say, args.buffer),
        _ => {}
    }

    // 7. send: the reply goes back over the connection, in one write; no address
    //    needed. It is built as the article builds it: the received bytes decoded,
    //    formatted with the peer's address as Python prints it, encoded again.
    let text = encoding::text(args.encoding, &buf[..n]);
    let reply =
        encoding::encode_lossy(args.encoding, &format!("Received msg: {text} from {}", python_address(peer)));
    say.sent(7, Call::Send, &reply, peer);
    connection.write_all(&reply).explain(Call::Send, peer)?;

    // 8. close: the connected socket first, then the listening one; the port is
    //    free again. What the close sends is asked just before it, and shown
    //    after it (a peer's RST must not slip in while we print): nothing if the
    //    client's RST is already here (SO_ERROR); an RST if bytes are still
    //    unread (recv with MSG_PEEK, not waiting); else a FIN.
    let reset = connection.take_error().explain(Call::GetOption, peer)?.is_some();
    connection.set_nonblocking(true).explain(Call::SetOption, peer)?;
    let unread = if reset { 0 } else { connection.peek(&mut buf).unwrap_or(0) }; // WouldBlock: none
    drop(connection);
    drop(listener);
    let closed = say.step(8, Call::Close, tr!("l3-server-close"));
    match reset {
        true => closed.notice(tr!("l3-server-reset")),
        false => story::unread_at_close(&closed, unread, buf.len()),
    }
    Ok(())
}
