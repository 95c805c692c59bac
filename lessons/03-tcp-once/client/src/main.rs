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
//! Bare:     cargo run --example lesson3-client-bare   (the same calls, nothing else)

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use kit::cli;
use kit::encoding;
use kit::net::{resolve_all, retry, try_each_address};
use kit::notes;
use shared::bytes::Encoding;
use shared::lang::Texts;
use shared::{Call, Explain, Failure, Narrator, Role, count, tr};
use socket2::{Domain, Socket, Type};

/// The lesson number, for the hints (`cargo run -p lesson3-server`).
const LESSON: u8 = 3;

/// What this lesson says, in English and Chinese (`../locales`).
static TEXTS: Texts = shared::texts!("../locales");

/// Lesson 3 client: connect over TCP, send one message, read the reply once.
#[derive(Parser)]
#[command(
    version,
    about,
    after_help = "Start the server first, in another terminal: cargo run -p lesson3-server"
)]
struct Args {
    #[command(flatten)]
    server: cli::TcpClientAddress<8998>,

    /// The text to send
    #[arg(long, value_name = "TEXT", default_value = "I love wangxiaojing", value_parser = cli::nonempty)]
    message: String,

    /// How the message is encoded and the reply decoded (article 001 uses gbk)
    #[arg(long, value_enum, default_value_t)]
    encoding: Encoding,

    /// Seconds to wait for the connection, for the send to be taken and for
    /// the reply (fractions allowed)
    #[arg(long, value_name = "SECS", default_value = "3", value_parser = cli::seconds)]
    timeout: Duration,

    /// Receive buffer in bytes: the most the one recv takes
    #[arg(long, value_name = "BYTES", default_value = "500", value_parser = cli::buffer_size)]
    buffer: usize,

    #[command(flatten)]
    look: cli::Look,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let say = args
        .look
        .narrator(Role::Client, LESSON, &TEXTS)
        .with_timeout(args.timeout)
        .with_encoding(args.encoding);
    say.exit_with(talk(&args, &say)) // a failed call: its explanation, and exit code 1
}

/// Article 004's case 05, one call per step.
fn talk(args: &Args, say: &Narrator) -> Result<(), Failure> {
    let servers = resolve_all(&args.server.host, args.server.port)?;
    notes::name_stands_for(say, &args.server.host, &servers, &tr!("l3-client-name"));
    let message = encoding::encode(args.encoding, &args.message)
        .map_err(|problem| Failure::other(problem, tr!("l3-client-encode-hint")))?;

    // 1. socket and 2. connect, to each address --host stands for until one
    //    answers, as Python's create_connection does (an IP address is one).
    let (socket, server) = try_each_address(say, &servers, |server| {
        // 1. socket: a TCP socket (SOCK_STREAM). No bind: connect will choose our port.
        let socket =
            Socket::new(Domain::for_address(server), Type::STREAM, None).explain(Call::Socket, server)?;
        say.step(1, Call::Socket, tr!("l3-client-socket"));

        // 2. connect: the three-way handshake (SYN, SYN-ACK, ACK). When it returns, the
        //    connection exists, and the system has given us a port of its choosing.
        socket.connect_timeout(&server.into(), args.timeout).explain(Call::Connect, server)?;
        Ok(socket)
    })?;
    let mut connection = TcpStream::from(socket);
    // The article's recv would wait forever for a reply; ours gives up.
    connection.set_read_timeout(Some(args.timeout)).explain(Call::SetOption, server)?;
    connection.set_write_timeout(Some(args.timeout)).explain(Call::SetOption, server)?; // and every send
    let local = connection.local_addr().explain(Call::GetName, server)?;
    say.step(2, Call::Connect, tr!("l3-client-connect", server = server, local = local));

    // 3. send: the message, in one write. No address: the connection knows the way.
    say.sent(3, Call::Send, &message, server);
    connection.write_all(&message).explain(Call::Send, server)?;

    // 4. recv: read the reply once, as the article does.
    let mut buf = vec![0; args.buffer];
    let n = retry(|| connection.read(&mut buf)).explain(Call::Recv, server)?;
    say.step(4, Call::Recv, tr!("l3-client-recv", buffer = args.buffer)).received(&buf[..n], server);
    match n {
        0 => notes::peer_closed(say, Role::Server),
        n if n == args.buffer => notes::buffer_full(say, args.buffer),
        _ => {}
    }

    // 5. close: our FIN tells the server we are done. What the close sends is
    //    asked just before it, and shown after it (the server's RST must not
    //    slip in while we print): nothing if the server's RST is already here
    //    (SO_ERROR, or the peek failing); an RST if part of the reply is still
    //    unread (recv with MSG_PEEK, not waiting); else a FIN. A server whose
    //    reply does not hold our whole message read only part of it, and its
    //    close is an RST that may reach us before our close or just after it:
    //    then the line says which way it can go.
    let whole = buf[..n].windows(message.len()).any(|window| window == message.as_slice());
    let mut reset = connection.take_error().explain(Call::GetOption, server)?.is_some();
    connection.set_nonblocking(true).explain(Call::SetOption, server)?;
    let unread = match connection.peek(&mut buf) {
        Ok(unread) if !reset => unread,
        Err(err) if err.kind() == ErrorKind::ConnectionReset => {
            reset = true;
            0
        }
        _ => 0, // WouldBlock: nothing unread
    };
    drop(connection);
    let close = match (reset, unread, whole) {
        (true, _, _) => tr!("l3-client-close-reset"),
        (false, 0, true) => tr!("l3-client-close"),
        (false, 0, false) => tr!("l3-client-close-or-nothing"),
        (false, unread, true) => tr!("l3-client-close-unread", bytes = count(unread, "byte")),
        (false, unread, false) => tr!("l3-client-close-unread-or-nothing", bytes = count(unread, "byte")),
    };
    say.step(5, Call::Close, close);
    Ok(())
}
