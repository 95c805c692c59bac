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

use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::ExitCode;

use clap::Parser;
use shared::bytes::Encoding;
use shared::net::{allow_quick_restart, python_address};
use shared::{Call, ColorChoice, Narrator, Role, cli};
use socket2::{Domain, Socket, Type};

/// The lesson number, for the hints (`cargo run -p lesson3-server`).
const LESSON: u8 = 3;

/// How many finished handshakes may wait for `accept` (Python's `listen(128)`).
const BACKLOG: i32 = 128;

/// Lesson 3 server: accept one TCP connection, read once, reply, exit.
#[derive(Parser)]
#[command(version, about, after_help = "Then, in a second terminal: cargo run -p lesson3-client")]
struct Args {
    /// Address to bind: 127.0.0.1 takes connections from this machine only;
    /// 0.0.0.0 would take them from every network this machine is on
    #[arg(long, default_value = "127.0.0.1")]
    host: String,

    /// Port to listen on. 0 lets the system pick a free port, shown in the
    /// `listening on` line
    #[arg(long, default_value_t = 8998)]
    port: u16,

    /// Receive buffer in bytes: the most the one recv takes. TCP keeps the rest
    /// of a longer message for a next recv, which this server never makes
    #[arg(long, value_name = "BYTES", default_value = "500", value_parser = cli::buffer_size)]
    buffer: usize,

    /// How the received bytes are decoded and the reply encoded (article 001 uses gbk)
    #[arg(long, value_enum, default_value_t)]
    encoding: Encoding,

    /// Colour the output: auto colours a terminal unless NO_COLOR is set
    #[arg(long, value_enum, default_value_t)]
    color: ColorChoice,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let say = Narrator::new(Role::Server, LESSON, args.color).with_encoding(args.encoding);
    let Ok(addr) = say.resolve(&args.host, args.port) else {
        return ExitCode::FAILURE; // the reason is printed
    };

    // 1. socket: a TCP socket (SOCK_STREAM). It will never carry data itself.
    let socket = match Socket::new(Domain::for_address(addr), Type::STREAM, None) {
        Ok(socket) => socket,
        Err(err) => return say.fail(Call::Socket, addr, &err),
    };
    say.step("socket", "TCP socket (SOCK_STREAM)");
    // Let a restarted server bind at once, though its last connection is in TIME_WAIT.
    if let Err(err) = allow_quick_restart(&socket) {
        return say.fail(Call::SetOption, addr, &err);
    }

    // 2. bind: claim the address clients will connect to.
    if let Err(err) = socket.bind(&addr.into()) {
        return say.fail(Call::Bind, addr, &err);
    }
    let bound = socket.local_addr().ok().and_then(|a| a.as_socket()).unwrap_or(addr);
    say.step("bind", format_args!("claimed {bound}; no connections until listen"));

    // 3. listen: from now on the system answers SYNs on this port by itself and
    //    queues finished handshakes, even before we call accept.
    if let Err(err) = socket.listen(BACKLOG) {
        return say.fail(Call::Listen, addr, &err);
    }
    let listener = TcpListener::from(socket);
    let local = listener.local_addr().unwrap_or(addr); // the real port, when --port 0
    say.step("listen", format_args!("listening on {local} (backlog {BACKLOG})"));
    say.warn_if_exposed(local);

    // 4. accept: take one finished handshake off the queue. The result is a NEW
    //    socket, connected to that one client; the listening socket stays as it was.
    say.step("accept", "waiting for a connection...");
    let (mut connection, peer) = match listener.accept() {
        Ok(accepted) => accepted,
        Err(err) => return say.fail(Call::Accept, local, &err),
    };
    say.detail(format_args!("connection from {peer}: a new socket for this client"));
    say.detail("(the listening socket only takes connections; data goes over the new one)");

    // 5. recv: read once, at most --buffer bytes: whatever has arrived so far.
    let mut buf = vec![0; args.buffer];
    let n = match connection.read(&mut buf) {
        Ok(n) => n,
        Err(err) => return say.fail(Call::Recv, peer, &err),
    };
    say.step("recv", format_args!("read once (buffer {} bytes)", args.buffer));
    say.received(&buf[..n], peer);
    match n {
        0 => say.peer_closed(),
        n if n == args.buffer => say.buffer_full(args.buffer),
        _ => {}
    }

    // 6. send: the reply goes back over the connection, in one write; no address needed.
    let text = args.encoding.decode(&buf[..n]).text;
    let reply = format!("Received msg: {text} from {}", python_address(peer));
    let reply = args.encoding.encode_lossy(&reply);
    if let Err(err) = connection.write_all(&reply) {
        return say.fail(Call::Send, peer, &err);
    }
    say.sent("send", &reply, peer);

    // 7. close: closing the connected socket sends our FIN to the client; then the
    //    listening socket closes too, and the port is free again.
    drop(connection);
    drop(listener);
    say.step("close", "connection closed (FIN sent), listening socket closed: done");
    ExitCode::SUCCESS
}
