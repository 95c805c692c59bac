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

use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::ExitCode;
use std::thread;
use std::time::Duration;

use clap::Parser;
use shared::explain::seconds;
use shared::net::{allow_quick_restart, resolve};
use shared::tcp_state::{self, TcpState, in_kernel_table};
use shared::{Call, ColorChoice, Narrator, Role, byte_count, cli, count};
use socket2::{Domain, Socket, Type};

/// The lesson number, for the hints (`cargo run -p lesson6-server`).
const LESSON: u8 = 6;

/// How many finished handshakes may wait for `accept` (article 001: `listen(128)`).
const BACKLOG: i32 = 128;

/// Lesson 6 server: read each client to its FIN, reply, close; one client after another.
#[derive(Parser)]
#[command(
    version,
    about,
    after_help = "Then, in a second terminal: cargo run -p lesson6-client -- --message hello"
)]
struct Args {
    /// Address to bind: 127.0.0.1 takes connections from this machine only;
    /// 0.0.0.0 would take them from every network this machine is on
    #[arg(long, default_value = "127.0.0.1")]
    host: String,

    /// Port to listen on (article 001's 7788). 0 lets the system pick a free
    /// port, shown in the `listening on` line
    #[arg(long, default_value_t = 7788)]
    port: u16,

    /// Receive buffer in bytes: the most one recv takes. A small one shows the
    /// data arriving over many reads
    #[arg(long, value_name = "BYTES", default_value = "1024", value_parser = cli::buffer_size)]
    buffer: usize,

    /// Seconds to wait between the client's FIN and the reply: time to watch
    /// CLOSE_WAIT here and FIN_WAIT2 at the client (`ss -tan`). Default: no wait
    #[arg(long, value_name = "SECS", value_parser = cli::seconds)]
    reply_after: Option<Duration>,

    /// Stop after N clients and print a summary (default: serve until Ctrl-C)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    serve: Option<u64>,

    /// Colour the output: auto colours a terminal unless NO_COLOR is set
    #[arg(long, value_enum, default_value_t)]
    color: ColorChoice,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let say = Narrator::new(Role::Server, LESSON, args.color);
    let addr = match resolve(&args.host, args.port) {
        Ok(addr) => addr,
        Err(err) => return say.fail(Call::Resolve, format!("{}:{}", args.host, args.port), &err),
    };

    // 1. socket, 2. bind, 3. listen: as in lessons 3 and 4.
    let socket = match Socket::new(Domain::for_address(addr), Type::STREAM, None) {
        Ok(socket) => socket,
        Err(err) => return say.fail(Call::Socket, addr, &err),
    };
    say.step("socket", "TCP socket (SOCK_STREAM)");
    if let Err(err) = allow_quick_restart(&socket) {
        return say.fail(Call::SetOption, addr, &err);
    }
    if let Err(err) = socket.bind(&addr.into()) {
        return say.fail(Call::Bind, addr, &err);
    }
    let bound = socket
        .local_addr()
        .ok()
        .and_then(|a| a.as_socket())
        .unwrap_or(addr);
    say.step(
        "bind",
        format_args!("claimed {bound}; no connections until listen"),
    );
    if let Err(err) = socket.listen(BACKLOG) {
        return say.fail(Call::Listen, addr, &err);
    }
    let listener = TcpListener::from(socket);
    say.step(
        "listen",
        format_args!("listening on {bound} (backlog {BACKLOG})"),
    );
    match args.serve {
        Some(n) => say.detail(format_args!(
            "serving {}, then stopping (--serve)",
            count(n, "client")
        )),
        None => say.detail("serving until stopped (Ctrl-C)"),
    }

    let mut clients: u64 = 0;
    let mut resets: u64 = 0;
    let loop_top = say.checkpoint();
    while args.serve.is_none_or(|n| clients < n) {
        say.rewind(loop_top);

        // 4. accept: the next client, on a socket of its own.
        say.step("accept", "waiting for a client...");
        let (mut connection, peer) = match listener.accept() {
            Ok(accepted) => accepted,
            Err(err) => {
                say.report(Call::Accept, bound, &err);
                continue;
            }
        };
        clients += 1;
        say.detail(format_args!("client #{clients} connected from {peer}"));
        let state = tcp_state::of(&connection);
        say.tcp_state(state, "");
        if state == Some(TcpState::CloseWait) {
            say.notice("the client sent everything and its FIN before we accepted: the kernel kept it all for us");
        }

        // 5 to 7: read to the FIN, reply, close. A reset ends only this client.
        if !serve_client(&say, &mut connection, peer, args.buffer, args.reply_after) {
            resets += 1;
        }
        say.end_loop();
        let local = connection.local_addr().unwrap_or(bound);
        drop(connection);
        say.step("close", "our FIN goes out: both directions are now closed");
        say.tcp_state(
            in_kernel_table(local, peer),
            "in the kernel's table, just after close",
        );
    }

    drop(listener);
    say.detail(format_args!(
        "served {} ({} reset the connection): stopping",
        count(clients, "client"),
        resets
    ));
    ExitCode::SUCCESS
}

/// Reads until the client's FIN, then replies. Returns false if the client
/// reset the connection (or any call failed), true after a clean half-close.
fn serve_client(
    say: &Narrator,
    connection: &mut TcpStream,
    peer: SocketAddr,
    buffer: usize,
    reply_after: Option<Duration>,
) -> bool {
    let mut buf = vec![0; buffer];
    let mut total = 0;
    let mut reads = 0;
    let loop_top = say.checkpoint();

    // 5. recv, until it returns 0: the data may come in any number of pieces.
    loop {
        say.rewind(loop_top);
        let n = match connection.read(&mut buf) {
            Ok(n) => n,
            Err(err) if err.kind() == ErrorKind::Interrupted => continue,
            Err(err) if err.kind() == ErrorKind::ConnectionReset => {
                say.step(
                    "recv",
                    "failed: the client reset the connection (RST, not FIN)",
                );
                say.notice(
                    "an abort, not a close: no FIN, nothing more to read, nobody to reply to",
                );
                say.notice(format_args!(
                    "{} of data arrived before the reset",
                    byte_count(total)
                ));
                return false;
            }
            Err(err) => {
                say.report(Call::Recv, peer, &err);
                return false;
            }
        };
        if n == 0 {
            say.step("recv", "0 bytes: the client's FIN arrived");
            say.notice("the client has finished sending (a half-close): we can still send to it");
            say.tcp_state(tcp_state::of(connection), "");
            break;
        }
        reads += 1;
        total += n;
        say.step("recv", format_args!("read #{reads}"));
        say.received(&buf[..n], peer);
    }

    if let Some(pause) = reply_after {
        say.detail(format_args!(
            "waiting {} before replying (--reply-after)",
            seconds(pause)
        ));
        thread::sleep(pause);
        say.tcp_state(tcp_state::of(connection), "still, until we close");
    }

    // 6. send: the reply travels the direction that is still open, in one write.
    let reply = format!("received {total} bytes in {reads} reads");
    if let Err(err) = connection.write_all(reply.as_bytes()) {
        say.report(Call::Send, peer, &err);
        return false;
    }
    say.end_loop();
    say.sent("send", reply.as_bytes(), peer);
    true
}
