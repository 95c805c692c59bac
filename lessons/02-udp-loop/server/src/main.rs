//! Lesson 2, UDP loop: the server.
//!
//! Mirrors example 3 of article 002 (a UDP server that answers `success` to every
//! datagram) and article 004's note that a server runs forever, in a loop. One
//! socket serves every client: each datagram brings its sender's address, so the
//! server can answer many clients without ever connecting to one.
//!
//! Run it:   cargo run -p lesson2-server
//! Then:     cargo run -p lesson2-client        (in a second terminal, or several)

use std::collections::HashSet;
use std::io::ErrorKind;
use std::net::UdpSocket;
use std::process::ExitCode;

use clap::Parser;
use shared::net::recv_from;
use shared::stop::{Tally, print_tally_on_signal};
use shared::{Call, ColorChoice, Narrator, Role, cli, count};

/// The lesson number, for the hints (`cargo run -p lesson2-server`).
const LESSON: u8 = 2;

/// Lesson 2 server: answer every UDP datagram, from any client, until stopped.
#[derive(Parser)]
#[command(version, about, after_help = "Then, in one or more other terminals: cargo run -p lesson2-client")]
struct Args {
    /// Address to bind: 127.0.0.1 takes datagrams from this machine only;
    /// 0.0.0.0 would take them from every network this machine is on
    #[arg(long, default_value = "127.0.0.1")]
    host: String,

    /// Port to bind: where clients send. 0 lets the system pick a free port,
    /// shown in the `bound to` line
    #[arg(long, default_value_t = 5555)]
    port: u16,

    /// Receive buffer in bytes: the most one recvfrom takes. A longer datagram
    /// is cut to fit and the rest is lost (UDP keeps no rest for a next read)
    #[arg(long, value_name = "BYTES", default_value = "1024", value_parser = cli::buffer_size)]
    buffer: usize,

    /// The reply to every datagram, sent back to the address it came from
    #[arg(long, value_name = "TEXT", default_value = "success")]
    reply: String,

    /// Stop after N datagrams and print a summary (default: serve until Ctrl-C)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    serve: Option<u64>,

    /// Colour the output: auto colours a terminal unless NO_COLOR is set
    #[arg(long, value_enum, default_value_t)]
    color: ColorChoice,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let say = Narrator::new(Role::Server, LESSON, args.color);

    // 1. socket + bind: one UDP socket, one address, for every client to come.
    let Ok(addr) = say.resolve(&args.host, args.port) else {
        return ExitCode::FAILURE; // the reason is printed
    };
    let socket = match UdpSocket::bind(addr) {
        Ok(socket) => socket,
        Err(err) => return say.fail(Call::Bind, addr, &err),
    };
    let bound = socket.local_addr().unwrap_or(addr); // the real port, when --port 0
    // What it served, printed at the end of --serve or on Ctrl-C. The handler goes
    // in before the ready line, so a signal never finds the server without it.
    let tally = Tally::new(&["datagrams", "senders"]);
    print_tally_on_signal(&say, &tally);
    say.step("socket+bind", format_args!("bound to {bound} (UDP: no listen, no accept)"));
    say.warn_if_exposed(bound);
    match args.serve {
        Some(n) => say.detail(format_args!("serving {}, then stopping (--serve)", count(n, "datagram"))),
        None => say.detail("serving until stopped (Ctrl-C)"),
    }

    // The loop of article 002's example 3: every datagram gets a reply, forever.
    let mut buf = vec![0; args.buffer];
    let mut senders = HashSet::new();
    let loop_top = say.checkpoint();
    while args.serve.is_none_or(|n| tally.get("datagrams") < n) {
        say.rewind(loop_top); // each datagram goes through the same two steps

        // 2. recvfrom: block until the next datagram, from whichever client sends.
        let number = tally.get("datagrams") + 1;
        say.step(
            "recvfrom",
            format_args!("waiting for datagram #{number} (buffer {} bytes)...", args.buffer),
        );
        let datagram = match recv_from(&socket, &mut buf) {
            Ok(datagram) => datagram,
            // Windows reports an earlier reply that reached no one (ICMP "port
            // unreachable") on the next recvfrom. That client is gone; serve on.
            Err(err) if err.kind() == ErrorKind::ConnectionReset => {
                say.report(Call::RecvFrom, "an earlier client", &err);
                continue;
            }
            Err(err) => return say.fail(Call::RecvFrom, bound, &err),
        };
        tally.add("datagrams");
        senders.insert(datagram.from);
        tally.set("senders", senders.len() as u64);
        say.received(&buf[..datagram.len], datagram.from);
        if datagram.truncated {
            say.truncated(args.buffer, datagram.full_len);
        }

        // 3. sendto: the reply goes to this datagram's sender, and only to it.
        let reply = args.reply.as_bytes();
        match socket.send_to(reply, datagram.from) {
            Ok(_) => say.sent("sendto", reply, datagram.from),
            Err(err) => say.report(Call::SendTo, datagram.from, &err), // one client's trouble
        }
    }
    say.end_loop();

    // 4. close: only reached with --serve; Ctrl-C stops the server inside the loop.
    drop(socket);
    say.step("close", format_args!("stopping: {}", tally.summary()));
    ExitCode::SUCCESS
}
