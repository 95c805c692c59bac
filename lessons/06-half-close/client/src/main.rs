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

use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, ValueEnum};
use shared::input::Messages;
use shared::tcp_state::{self, TcpState, in_kernel_table};
use shared::{Call, ColorChoice, Narrator, Role, byte_count, cli, tcp};
use socket2::SockRef;

/// The lesson number, for the hints (`cargo run -p lesson6-server`).
const LESSON: u8 = 6;

/// How long to watch FIN_WAIT1 turn into FIN_WAIT2 (the peer's ACK of our FIN
/// can wait for a delayed-ACK timer, about 40 ms on Linux).
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
struct Args {
    /// The server's address
    #[arg(long, default_value = "127.0.0.1")]
    host: String,

    /// The server's port
    #[arg(long, default_value_t = 7788)]
    port: u16,

    /// A message to send, in one write; repeat the option to send several.
    /// Without it, each line of standard input is sent, until the end of input
    #[arg(long, value_name = "TEXT")]
    message: Vec<String>,

    /// How to end the connection after sending: half (shutdown, then read the
    /// reply), full (close at once) or abort (reset)
    #[arg(long, value_enum, default_value_t = Close::Half)]
    close: Close,

    /// Seconds to wait for the connection and for each read of the reply
    #[arg(long, value_name = "SECS", default_value = "3", value_parser = cli::seconds)]
    timeout: Duration,

    /// Receive buffer in bytes: the most one recv takes
    #[arg(long, value_name = "BYTES", default_value = "1024", value_parser = cli::buffer_size)]
    buffer: usize,

    /// Colour the output: auto colours a terminal unless NO_COLOR is set
    #[arg(long, value_enum, default_value_t)]
    color: ColorChoice,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let say = Narrator::new(Role::Client, LESSON, args.color).with_timeout(args.timeout);
    let Ok(server) = say.resolve(&args.host, args.port) else {
        return ExitCode::FAILURE; // the reason is printed
    };

    // 1. socket, 2. connect: the calls of lesson 3.
    let mut connection = match tcp::connect(&say, server, args.timeout) {
        Ok(connection) => connection,
        Err(code) => return code,
    };
    let local = match connection.local_addr() {
        Ok(local) => local,
        Err(err) => return say.fail(Call::Connect, server, &err),
    };
    say.tcp_state(tcp_state::of(&connection), "");

    // 3. send: each message in one write; the server may read them in any pieces.
    let mut sent = 0;
    let loop_top = say.checkpoint();
    for message in Messages::new(args.message.clone(), &say, "message (Ctrl-D to finish): ") {
        let message = match message {
            Ok(message) => message,
            Err(err) => {
                return say.error(
                    &format!("cannot read standard input: {err}"),
                    "pipe text lines in, or use --message",
                );
            }
        };
        say.rewind(loop_top);
        if let Err(err) = connection.write_all(&message) {
            return say.fail(Call::Send, server, &err);
        }
        sent += message.len();
        say.sent("send", &message, server);
    }
    say.end_loop();
    say.detail(format_args!("{} sent in all", byte_count(sent)));

    match args.close {
        Close::Half => half_close(&say, connection, args.buffer),
        Close::Full => {
            // 4. close: the whole socket, both directions, now. The kernel still
            //    sends our FIN (and what we wrote); any reply meets a closed socket.
            drop(connection);
            say.step("close", "closed both directions at once: FIN sent, no reply will be read");
            say.notice(
                "a reply the server sends now reaches a socket that is gone: our kernel answers it with RST",
            );
            say.tcp_state(in_kernel_table(local, server), "in the kernel's table, just after close");
            ExitCode::SUCCESS
        }
        Close::Abort => {
            // 4. SO_LINGER 0, then close: the kernel discards the connection and
            //    sends RST instead of FIN. The server's next read fails.
            if let Err(err) = SockRef::from(&connection).set_linger(Some(Duration::ZERO)) {
                return say.fail(Call::SetOption, server, &err);
            }
            drop(connection);
            say.step("close", "aborted: SO_LINGER 0 made close send RST, not FIN");
            say.notice("the server's recv fails with 'connection reset'; nothing of this connection is left");
            say.tcp_state(in_kernel_table(local, server), "in the kernel's table, just after the abort");
            ExitCode::SUCCESS
        }
    }
}

/// Half-closes `connection` and reads the server's reply to the end, showing
/// each TCP state on the way.
fn half_close(say: &Narrator, mut connection: TcpStream, buffer: usize) -> ExitCode {
    let (local, server) = match (connection.local_addr(), connection.peer_addr()) {
        (Ok(local), Ok(server)) => (local, server),
        (Err(err), _) | (_, Err(err)) => return say.fail(Call::Shutdown, "the server", &err),
    };

    // 4. shutdown(Write): our FIN goes out. We can send no more, but the other
    //    direction stays open: the server can still answer.
    if let Err(err) = connection.shutdown(Shutdown::Write) {
        return say.fail(Call::Shutdown, server, &err);
    }
    say.step("shutdown", "shutdown(Write): FIN sent; done sending, still listening");
    if tcp_state::of(&connection) == Some(TcpState::FinWait1) {
        say.tcp_state(Some(TcpState::FinWait1), "right after shutdown");
        // Watch for the server's ACK of our FIN instead of looking once.
        if let Some((_, after)) = tcp_state::wait_while(&connection, TcpState::FinWait1, FIN_WAIT1_WATCH) {
            let when = format!("{:.1} ms after shutdown", after.as_secs_f64() * 1000.0);
            say.tcp_state_now(&connection, local, server, &when);
        }
    } else {
        // A quick server can answer and close before we look: we see what is left.
        say.tcp_state_now(&connection, local, server, "right after shutdown");
    }

    // 5. recv until 0: the reply may come in pieces; 0 bytes is the server's FIN.
    let mut buf = vec![0; buffer];
    let mut reply = Vec::new();
    let loop_top = say.checkpoint();
    loop {
        say.rewind(loop_top);
        let n = match connection.read(&mut buf) {
            Ok(n) => n,
            Err(err) => return say.fail(Call::Recv, server, &err),
        };
        if n == 0 {
            say.step("recv", "0 bytes: the server's FIN arrived; the reply is complete");
            say.tcp_state_now(&connection, local, server, "");
            break;
        }
        say.step("recv", format_args!("{} of the reply", byte_count(n)));
        say.received(&buf[..n], server);
        reply.extend_from_slice(&buf[..n]);
    }
    say.detail(format_args!("the whole reply: {}", String::from_utf8_lossy(&reply)));

    // 6. close: we closed first, so the kernel keeps the connection in TIME_WAIT.
    say.end_loop();
    drop(connection);
    say.step("close", "socket closed");
    say.tcp_state(in_kernel_table(local, server), "in the kernel's table, after close");
    ExitCode::SUCCESS
}
