//! Lesson 6, the half-close: the client.
//!
//! Mirrors the four-way teardown of article 002 and note 9 of article 001. The
//! client connects, sends its messages, then closes in one of three ways
//! (`--close`):
//!
//! - `half` (the default): `shutdown(Write)` sends our FIN, "I am done sending",
//!   while the connection stays open for reading. The server reads 0 bytes,
//!   replies, and closes; we read the reply until our own read returns 0.
//! - `full`: close the whole socket right after sending, and read nothing.
//! - `abort`: set SO_LINGER to 0 first, so closing sends a reset (RST) instead
//!   of a FIN, as a crashed program's connection would. The server sees its read
//!   fail with "connection reset".
//!
//! On Linux it shows the kernel's TCP state at each step: ESTABLISHED, FIN_WAIT1
//! and FIN_WAIT2 after the shutdown, and TIME_WAIT after the close, found in the
//! kernel's table because no socket holds it any more.
//!
//! Run it:   cargo run -p lesson6-client -- --message hello --message world
//!           (after cargo run -p lesson6-server)
//! Bare:     cargo run --example lesson6-client-bare   (the same calls, nothing else)

use std::io::Write;
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Parser, ValueEnum};
use kernel::tcp_state::{self, TcpState, in_kernel_table};
use kit::cli;
use kit::input::Messages;
use kit::net::{is_timeout, read_by, resolve_all, try_each_address};
use kit::notes;
use shared::lang::Texts;
use shared::{Call, Explain, Failure, Narrator, Role, count, tr};
use socket2::{Domain, SockRef, Socket, Type};
use story::Story; // what only this lesson tells: its TCP states, its ways to close

mod story;

/// The lesson number, for the hints (`cargo run -p lesson6-server`).
const LESSON: u8 = 6;

/// What this lesson says, in English and Chinese (`../locales`).
static TEXTS: Texts = shared::texts!("../locales");

/// The longest reply the client keeps reading (1 MiB): a server that sends
/// without end must not fill the memory, the terminal or the time.
const MAX_REPLY: usize = 1 << 20;

/// How long to watch FIN_WAIT1 turn into FIN_WAIT2 (the server's ACK of our
/// FIN can wait for a delayed-ACK timer, about 40 ms on Linux).
const FIN_WAIT1_WATCH: Duration = Duration::from_millis(500);

/// How the client ends the connection after sending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Close {
    /// shutdown(Write): send FIN, keep reading until the server's FIN
    Half,
    /// close the whole socket at once; read no reply
    Full,
    /// SO_LINGER 0, then close: send RST instead of FIN
    Abort,
}

/// Lesson 6 client: send, then half-close (or close, or abort) and watch the teardown.
#[derive(Parser)]
#[command(
    version,
    about,
    after_help = "Start the server first, in another terminal: cargo run -p lesson6-server"
)]
// --port in this lesson's words, in place of the address group's line.
#[command(mut_arg("port", |port| port.help("The server's port")))]
struct Args {
    #[command(flatten)]
    server: cli::TcpClientAddress<7788>,

    /// A message to send, in one write; repeat the option to send several.
    /// Without it, each line of standard input is sent, until the end of input
    #[arg(long, value_name = "TEXT")]
    message: Vec<String>,

    /// How to end the connection after sending: half (shutdown, then read the
    /// reply), full (close at once) or abort (reset)
    #[arg(long, value_enum, default_value_t = Close::Half)]
    close: Close,

    /// Seconds to wait for the connection, for each send to be taken, and for
    /// the whole reply (from our shutdown to the server's FIN)
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
    say.exit_with(talk(args, &say)) // a failed call: its explanation, and exit code 1
}

/// Send everything, then end the connection the way `--close` says.
fn talk(args: Args, say: &Narrator) -> Result<(), Failure> {
    let servers = resolve_all(&args.server.host, args.server.port)?;
    notes::name_stands_for(say, &args.server.host, &servers, &tr!("l6-try-each"));

    // 1. socket and 2. connect, to each address --host stands for until one
    //    answers, as Python's create_connection does (an IP address is one).
    let (socket, server) = try_each_address(say, &servers, |server| {
        // 1. socket: a TCP socket (SOCK_STREAM). No bind: connect will choose our port.
        let socket =
            Socket::new(Domain::for_address(server), Type::STREAM, None).explain(Call::Socket, server)?;
        say.step(1, Call::Socket, tr!("l6-client-socket"));

        // 2. connect: the three-way handshake; the connection is open both ways.
        socket.connect_timeout(&server.into(), args.timeout).explain(Call::Connect, server)?;
        Ok(socket)
    })?;
    let mut connection = TcpStream::from(socket);
    // Every recv below gives up after --timeout.
    connection.set_read_timeout(Some(args.timeout)).explain(Call::SetOption, server)?;
    connection.set_write_timeout(Some(args.timeout)).explain(Call::SetOption, server)?; // and every send
    let local = connection.local_addr().explain(Call::GetName, server)?;
    say.step(2, Call::Connect, tr!("l6-connected", server = server, local = local));
    say.state_after_connect(tcp_state::of(&connection)); // ESTABLISHED

    // 3. send: each message in one write; the server may read them in any pieces.
    let mut sent = 0;
    let prompt = tr!("l6-prompt-message");
    for message in Messages::new(args.message, say, &prompt) {
        let message = message?;
        say.sent(3, Call::Send, &message, server);
        connection.write_all(&message).explain(Call::Send, server)?;
        sent += message.len();
    }
    say.sent_in_all(sent);

    match args.close {
        // 4. shutdown and 5. recv until 0: the half-close, then the reply.
        Close::Half => half_close(say, &mut connection, local, server, args.buffer, args.timeout)?,
        // No shutdown, no reply: the close below ends both directions at once.
        Close::Full => {}
        Close::Abort => {
            // 6. setsockopt(SO_LINGER, 0): a linger time of 0 makes close discard
            //    the connection and send RST instead of FIN.
            SockRef::from(&connection).set_linger(Some(Duration::ZERO)).explain(Call::SetOption, server)?;
            say.step(6, Call::SetOption, tr!("l6-linger"));
        }
    }

    // 7. close: after the half-close our FIN went first, so our side keeps the
    //    connection in TIME_WAIT for a while. A full close sends what we wrote,
    //    then our FIN, and any reply meets a closed socket; after SO_LINGER 0,
    //    close is the abort: RST, and the server's next recv fails with a reset.
    say.step(7, Call::Close, story::closing(args.close));
    drop(connection);
    say.after_close(args.close, in_kernel_table(local, server)); // TIME_WAIT, or nothing
    Ok(())
}

/// Steps 4 and 5: half-close `connection`, then read the server's reply to the
/// end, showing each TCP state on the way.
fn half_close(
    say: &Narrator,
    connection: &mut TcpStream,
    local: SocketAddr,
    server: SocketAddr,
    buffer: usize,
    timeout: Duration,
) -> Result<(), Failure> {
    // 4. shutdown(Write): our FIN goes out. We can send no more, but the other
    //    direction stays open: the server can still answer.
    say.step(4, Call::Shutdown, tr!("l6-shutdown"));
    connection.shutdown(Shutdown::Write).explain(Call::Shutdown, server)?;
    let after_shutdown = tcp_state::now(connection, local, server);
    say.state_after_shutdown(after_shutdown);
    // FIN_WAIT1 lasts until the server's ACK of our FIN: watch it turn into FIN_WAIT2.
    if let Some((TcpState::FinWait1, _)) = after_shutdown
        && let Some((_, after)) = tcp_state::wait_while(connection, TcpState::FinWait1, FIN_WAIT1_WATCH)
    {
        say.state_after_ack(after, tcp_state::now(connection, local, server));
    }

    // 5. recv until 0: the reply may come in pieces; 0 bytes is the server's FIN.
    //    The whole reply must come within --timeout: a server that drips a
    //    byte now and then, and never closes, cannot hold us.
    let mut buf = vec![0; buffer];
    let mut reply = Vec::new();
    let deadline = Instant::now() + timeout;
    loop {
        let n = match read_by(connection, &mut buf, deadline) {
            Err(err) if is_timeout(&err) && !reply.is_empty() => {
                return Err(story::reply_too_slow(timeout, reply.len()));
            }
            read => read.explain(Call::Recv, server)?,
        };
        if n == 0 {
            // The server's FIN: the reply is whole, and we closed first (TIME_WAIT).
            say.step(5, Call::Recv, tr!("l6-server-fin"))
                .reply_complete(tcp_state::now(connection, local, server), &reply);
            return Ok(());
        }
        say.step(5, Call::Recv, tr!("l6-reply-part", bytes = count(n, "byte"))).received(&buf[..n], server);
        reply.extend_from_slice(&buf[..n]);
        if reply.len() > MAX_REPLY {
            return Err(story::reply_too_long(MAX_REPLY));
        }
    }
}
