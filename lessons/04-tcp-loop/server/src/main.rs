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

use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use shared::net::{idle_line, is_timeout};
use shared::stop::{Tally, print_tally_on_signal};
use shared::{Call, ColorChoice, Narrator, Role, cli, count, tcp};

/// The lesson number, for the hints (`cargo run -p lesson4-server`).
const LESSON: u8 = 4;

/// How many finished handshakes may wait for `accept` (article 000: `listen(5)`).
const BACKLOG: i32 = 5;

/// The greeting article 000 sends to every client it accepts.
const GREETING: &str = "连接成功！";

/// Lesson 4 server: serve TCP clients one after another, each until it leaves.
#[derive(Parser)]
#[command(version, about, after_help = "Then, in one or more other terminals: cargo run -p lesson4-client")]
struct Args {
    /// Address to bind: 127.0.0.1 takes connections from this machine only;
    /// 0.0.0.0 would take them from every network this machine is on
    #[arg(long, default_value = "127.0.0.1")]
    host: String,

    /// Port to listen on. 0 lets the system pick a free port, shown in the
    /// `listening on` line
    #[arg(long, default_value_t = 8888)]
    port: u16,

    /// Receive buffer in bytes: the most one recv takes. A longer message
    /// arrives over several recvs, each answered as if it were a message
    #[arg(long, value_name = "BYTES", default_value = "1024", value_parser = cli::buffer_size)]
    buffer: usize,

    /// Close a client that sends nothing for SECS, after telling it so. Off by
    /// default: one silent client holding up everyone is what this lesson shows
    #[arg(long, value_name = "SECS", value_parser = cli::seconds)]
    idle_timeout: Option<Duration>,

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
    let Ok(addr) = say.resolve(&args.host, args.port) else {
        return ExitCode::FAILURE; // the reason is printed
    };

    // What it served, printed at the end of --serve or on Ctrl-C (installed before
    // the ready line, so a signal never finds the server without it).
    let tally = Tally::new(&["clients", "messages answered"]);
    print_tally_on_signal(&say, &tally);

    // 1. socket, 2. bind, 3. listen: the calls lesson 3 spells out. After listen
    //    the system completes handshakes by itself and queues them, so a second
    //    client can connect while we are busy with the first.
    let (listener, bound) = match tcp::listen(&say, addr, BACKLOG) {
        Ok(listening) => listening,
        Err(code) => return code,
    };
    match args.serve {
        Some(n) => say.detail(format_args!("serving {}, then stopping (--serve)", count(n, "client"))),
        None => say.detail("serving until stopped (Ctrl-C)"),
    }

    // The outer loop: one client after another, forever (or --serve N times).
    let loop_top = say.checkpoint();
    while args.serve.is_none_or(|n| tally.get("clients") < n) {
        say.rewind(loop_top); // each client goes through the same steps

        // 4. accept: the next client from the queue, on a new socket of its own.
        say.step("accept", "waiting for a client...");
        let (mut connection, peer) = match listener.accept() {
            Ok(accepted) => accepted,
            Err(err) => {
                say.report(Call::Accept, bound, &err); // e.g. a client that reset while queued
                continue;
            }
        };
        tally.add("clients");
        let number = tally.get("clients");
        say.detail(format_args!("client #{number} connected from {peer} (a new socket for it)"));
        // With --idle-timeout, a silent client no longer holds the server forever.
        if let Err(err) = connection.set_read_timeout(args.idle_timeout) {
            say.report(Call::SetOption, peer, &err);
        }

        // 5 to 7: the conversation; a client's failure ends only its own conversation.
        converse(&say, &mut connection, peer, &args, &tally);
        say.end_loop();

        // 8. close: closing this client's socket sends our FIN; the listening
        //    socket stays open for the next client.
        drop(connection);
        say.step("close", format_args!("done with client #{number}; back to accept"));
    }

    drop(listener);
    say.detail(format_args!("stopping: {}", tally.summary()));
    ExitCode::SUCCESS
}

/// The inner loop: greet one client, then answer each message until it leaves.
/// A failing call (a reset, say) is reported and ends this conversation only.
fn converse(say: &Narrator, connection: &mut TcpStream, peer: SocketAddr, args: &Args, tally: &Tally) {
    // 5. send: the greeting, one write, as soon as the client is accepted.
    if let Err(err) = connection.write_all(GREETING.as_bytes()) {
        return say.report(Call::Send, peer, &err);
    }
    say.sent("send", GREETING.as_bytes(), peer);

    let mut buf = vec![0; args.buffer];
    let mut answered: u64 = 0;
    let loop_top = say.checkpoint();
    loop {
        say.rewind(loop_top); // each message goes through the same steps

        // 6. recv: whatever has arrived, up to the buffer; blocks until something does.
        let n = match connection.read(&mut buf) {
            Ok(n) => n,
            Err(err) if err.kind() == ErrorKind::Interrupted => continue,
            Err(err) if is_timeout(&err) && args.idle_timeout.is_some() => {
                let idle = args.idle_timeout.unwrap_or_default();
                let _ = connection.write_all(idle_line(idle).as_bytes()); // it may be gone
                return say.idle_client(idle);
            }
            Err(err) => return say.report(Call::Recv, peer, &err),
        };
        say.step("recv", format_args!("read #{} (buffer {} bytes)", answered + 1, args.buffer));
        say.received(&buf[..n], peer);

        // The two ways a conversation ends: the client's FIN, or its `exit`.
        if n == 0 {
            return say.peer_closed();
        }
        if &buf[..n] == b"exit" {
            return say.notice("exit: the client is leaving (it sends nothing more)");
        }
        if n == args.buffer {
            say.buffer_full(args.buffer);
        }

        // 7. send: the numbered reply, in one write (two small writes on one
        //    connection can cost 40 ms: Nagle's algorithm meets delayed ACKs).
        answered += 1;
        // Bytes that are not UTF-8 become U+FFFD: the article's decode() would raise.
        let text = String::from_utf8_lossy(&buf[..n]);
        let reply = format!("第{answered}条信息：{text}");
        if let Err(err) = connection.write_all(reply.as_bytes()) {
            return say.report(Call::Send, peer, &err);
        }
        tally.add("messages answered");
        say.sent("send", reply.as_bytes(), peer);
    }
}
