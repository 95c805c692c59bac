//! Lesson 3, TCP once: the client.
//!
//! Mirrors case 05 of article 004 (`tcp_clt`) and the client of article 001,
//! section 4.1: socket, connect, send `I love wangxiaojing`, read the reply once
//! (buffer 500), close. The client never binds: `connect` gives it a free port
//! of the system's choosing, and the output shows which.
//!
//! Like the article's client it reads once. A reply longer than the buffer, or
//! one that arrives in pieces, would need more reads: that is an exercise.
//!
//! Run it:   cargo run -p lesson3-client        (after cargo run -p lesson3-server)

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use shared::bytes::Encoding;
use shared::{Call, ColorChoice, Narrator, Role, cli};
use socket2::{Domain, Socket, Type};

/// The lesson number, for the hints (`cargo run -p lesson3-server`).
const LESSON: u8 = 3;

/// Lesson 3 client: connect over TCP, send one message, read the reply once.
#[derive(Parser)]
#[command(
    version,
    about,
    after_help = "Start the server first, in another terminal: cargo run -p lesson3-server"
)]
struct Args {
    /// The server's address
    #[arg(long, default_value = "127.0.0.1")]
    host: String,

    /// The server's port (the client's own port is chosen by the system at connect)
    #[arg(long, default_value_t = 8998)]
    port: u16,

    /// The text to send
    #[arg(long, value_name = "TEXT", default_value = "I love wangxiaojing")]
    message: String,

    /// How the message is encoded and the reply decoded (article 001 uses gbk)
    #[arg(long, value_enum, default_value_t)]
    encoding: Encoding,

    /// Seconds to wait for the connection and for the reply (fractions allowed)
    #[arg(long, value_name = "SECS", default_value = "3", value_parser = cli::seconds)]
    timeout: Duration,

    /// Receive buffer in bytes: the most the one recv takes
    #[arg(long, value_name = "BYTES", default_value = "500", value_parser = cli::buffer_size)]
    buffer: usize,

    /// Colour the output: auto colours a terminal unless NO_COLOR is set
    #[arg(long, value_enum, default_value_t)]
    color: ColorChoice,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let say = Narrator::new(Role::Client, LESSON, args.color)
        .with_timeout(args.timeout)
        .with_encoding(args.encoding);
    let Ok(server) = say.resolve(&args.host, args.port) else {
        return ExitCode::FAILURE; // the reason is printed
    };
    let message = match args.encoding.encode(&args.message) {
        Ok(message) => message,
        Err(problem) => return say.error(&problem, "pick another --encoding or another --message"),
    };

    // 1. socket: a TCP socket (SOCK_STREAM). No bind: connect will choose our port.
    let socket = match Socket::new(Domain::for_address(server), Type::STREAM, None) {
        Ok(socket) => socket,
        Err(err) => return say.fail(Call::Socket, server, &err),
    };
    say.step("socket", "TCP socket (SOCK_STREAM), not bound: connect picks our port");

    // 2. connect: the three-way handshake (SYN, SYN-ACK, ACK). When it returns, the
    //    connection exists, and the system has given us a port of its choosing.
    if let Err(err) = socket.connect_timeout(&server.into(), args.timeout) {
        return say.fail(Call::Connect, server, &err);
    }
    let mut connection = TcpStream::from(socket);
    // The article's recv would wait forever for a reply; ours gives up.
    if let Err(err) = connection.set_read_timeout(Some(args.timeout)) {
        return say.fail(Call::SetOption, server, &err);
    }
    match connection.local_addr() {
        Ok(local) => say.step(
            "connect",
            format_args!("connected to {server} from {local} (our port, chosen by the system)"),
        ),
        Err(_) => say.step("connect", format_args!("connected to {server}")),
    }

    // 3. send: the message, in one write. No address: the connection knows the way.
    if let Err(err) = connection.write_all(&message) {
        return say.fail(Call::Send, server, &err);
    }
    say.sent("send", &message, server);

    // 4. recv: read the reply once, as the article does.
    let mut buf = vec![0; args.buffer];
    let n = match connection.read(&mut buf) {
        Ok(n) => n,
        Err(err) => return say.fail(Call::Recv, server, &err),
    };
    say.step("recv", format_args!("read once (buffer {} bytes)", args.buffer));
    say.received(&buf[..n], server);
    match n {
        0 => say.peer_closed(),
        n if n == args.buffer => say.buffer_full(args.buffer),
        _ => {}
    }

    // 5. close: our FIN tells the server we are done.
    drop(connection);
    say.step("close", "connection closed: done");
    ExitCode::SUCCESS
}
