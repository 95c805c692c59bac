//! Lesson 5, a thread per client: the server.
//!
//! Mirrors the "多线程通信" server of article 000: every client gets a thread of
//! its own, so a slow or silent client no longer holds up the others as it did
//! in lesson 4. The log lines are the article's: `[*] Listening on ...`,
//! `[*] Accept connection from: IP:PORT`, `[*] Received from IP:PORT : text`;
//! the greeting is `Hello World!` and each reply `{random 1..=1000}：ACK!`.
//!
//! One thing is deliberately different. The article's main loop is
//! `while True: threading.Thread(target=handle_client).start()`, and each thread
//! begins with `server.accept()`. That loop never waits for anything: it starts
//! threads as fast as it can, every one of them blocked in `accept`, until the
//! machine runs out of threads or memory. Here `accept` stays in the main thread,
//! the one place that waits for clients, and a thread is started only for a
//! client that has actually arrived.
//!
//! Threads are not free either, so `--max-clients` caps how many conversations
//! run at once: a client over the cap gets one line, `busy: ...`, and is closed
//! at once, never left waiting without a word.
//!
//! Run it:   cargo run -p lesson5-server
//! Then:     cargo run -p lesson5-client -- --connections 3     (in a second terminal)

use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

use clap::Parser;
use shared::net::{BUSY_PREFIX, idle_line, is_timeout};
use shared::stop::{Tally, print_tally_on_signal};
use shared::{Call, ColorChoice, Narrator, Role, cli, count, tcp};

/// The lesson number, for the hints (`cargo run -p lesson5-server`).
const LESSON: u8 = 5;

/// How many finished handshakes may wait for `accept`. Article 000 says
/// `listen(5)`; a server built to take many clients at once needs more: when the
/// queue is full, Linux drops the newcomers' handshakes and they retry after 1,
/// then 2, 4, 8 seconds. The system caps the number (`net.core.somaxconn`).
const BACKLOG: i32 = 1024;

/// The greeting article 000's threaded server sends to every client.
const GREETING: &str = "Hello World!";

/// Lesson 5 server: one thread per client, at most --max-clients at once.
#[derive(Parser)]
#[command(
    version,
    about,
    after_help = "Then, in a second terminal: cargo run -p lesson5-client -- --connections 3"
)]
struct Args {
    /// Address to bind: 127.0.0.1 takes connections from this machine only;
    /// 0.0.0.0 would take them from every network this machine is on
    #[arg(long, default_value = "127.0.0.1")]
    host: String,

    /// Port to listen on (lesson 4 uses the same one: run one at a time).
    /// 0 lets the system pick a free port, shown in the `listening on` line
    #[arg(long, default_value_t = 8888)]
    port: u16,

    /// Receive buffer in bytes, per client: the most one recv takes
    #[arg(long, value_name = "BYTES", default_value = "1024", value_parser = cli::buffer_size)]
    buffer: usize,

    /// The most clients served at once, each by its own thread. One more is told
    /// `busy` and closed at once
    #[arg(long, value_name = "N", default_value_t = 64, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    max_clients: u64,

    /// Close a client that sends nothing for SECS, after telling it so (off by
    /// default: a silent client holds only its own thread, and a place under the cap)
    #[arg(long, value_name = "SECS", value_parser = cli::seconds)]
    idle_timeout: Option<Duration>,

    /// Stop after serving N clients (waiting for the last ones to finish) and
    /// print a summary (default: serve until Ctrl-C)
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
    // the ready line); the client threads add to it too.
    let tally = Tally::new(&["clients", "turned away", "idle closed"]);
    print_tally_on_signal(&say, &tally);

    // 1. socket, 2. bind, 3. listen: the calls of lesson 3, with a longer queue.
    //    Only the main thread uses this socket.
    let (listener, bound) = match tcp::listen(&say, addr, BACKLOG) {
        Ok(listening) => listening,
        Err(code) => return code,
    };
    say.detail(format_args!("[*] Listening on {bound}"));
    say.detail(format_args!("at most {} served at once (--max-clients)", count(args.max_clients, "client")));
    if let Some(n) = args.serve {
        say.detail(format_args!("serving {}, then stopping (--serve)", count(n, "client")));
    }

    // How many conversations are running now; each thread counts itself out.
    let active = Arc::new(AtomicUsize::new(0));
    let mut threads = Vec::new();
    let loop_top = say.checkpoint();
    while args.serve.is_none_or(|n| tally.get("clients") < n) {
        say.rewind(loop_top);

        // 4. accept: here, in the main thread, and nowhere else.
        let (mut connection, peer) = match listener.accept() {
            Ok(accepted) => accepted,
            Err(err) => {
                say.report(Call::Accept, bound, &err);
                continue;
            }
        };

        // Over the cap: one line, then close. The client is told, not left hanging.
        let busy = active.load(Ordering::SeqCst);
        if busy as u64 >= args.max_clients {
            tally.add("turned away");
            let line = format!(
                "{BUSY_PREFIX} {busy} clients are being served, the most this server takes; try again later\n"
            );
            let _ = connection.write_all(line.as_bytes()); // it may have gone already; nothing to lose
            say.step(
                "accept",
                format_args!("{peer} turned away: {busy} clients already being served (--max-clients)"),
            );
            continue; // dropping `connection` closes it
        }

        tally.add("clients");
        let accepted = tally.get("clients");
        let now = active.fetch_add(1, Ordering::SeqCst) + 1;
        say.step("accept", format_args!("[*] Accept connection from: {}:{}", peer.ip(), peer.port()));
        say.detail(format_args!(
            "client #{accepted}: a new thread serves it; {} being served now",
            count(now as u64, "client")
        ));

        // The connection moves into a thread of its own, named after the client.
        let client_say = say.for_connection(accepted);
        let client_active = Arc::clone(&active);
        let client_tally = tally.clone();
        let (buffer, idle) = (args.buffer, args.idle_timeout);
        let spawned = thread::Builder::new().name(peer.to_string()).spawn(move || {
            serve_client(&client_say, connection, peer, buffer, idle, &client_tally);
            let left = client_active.fetch_sub(1, Ordering::SeqCst) - 1;
            client_say.detail(format_args!("{} being served now", count(left as u64, "client")));
        });
        match spawned {
            Ok(handle) => threads.push(handle),
            Err(err) => {
                // No thread to be had: this client is closed (its socket dropped
                // with the closure); the others go on.
                active.fetch_sub(1, Ordering::SeqCst);
                say.notice(format_args!("could not start a thread for {peer}: {err}; connection closed"));
            }
        }
        threads.retain(|handle| !handle.is_finished());
    }

    // Only with --serve: wait for the last conversations, then stop.
    drop(listener);
    for handle in threads {
        let _ = handle.join();
    }
    say.end_loop();
    say.step("close", format_args!("stopping: {}", tally.summary()));
    ExitCode::SUCCESS
}

/// One client's conversation, in its own thread: greet, then answer each message
/// until `exit` or a read of 0 bytes. Failures end this conversation only.
fn serve_client(
    say: &Narrator,
    mut connection: TcpStream,
    peer: SocketAddr,
    buffer: usize,
    idle: Option<Duration>,
    tally: &Tally,
) {
    // With --idle-timeout, a silent client gives its place up after a while.
    if let Err(err) = connection.set_read_timeout(idle) {
        return say.report(Call::SetOption, peer, &err);
    }
    // 5. send: the greeting, in one write.
    if let Err(err) = connection.write_all(GREETING.as_bytes()) {
        return say.report(Call::Send, peer, &err);
    }
    say.sent("send", GREETING.as_bytes(), peer);

    let mut buf = vec![0; buffer];
    let loop_top = say.checkpoint();
    loop {
        say.rewind(loop_top);

        // 6. recv: this thread blocks here; the other clients' threads do not care.
        let n = match connection.read(&mut buf) {
            Ok(n) => n,
            Err(err) if err.kind() == ErrorKind::Interrupted => continue,
            Err(err) if is_timeout(&err) && idle.is_some() => {
                let idle = idle.unwrap_or_default();
                let _ = connection.write_all(idle_line(idle).as_bytes()); // it may be gone
                tally.add("idle closed");
                say.idle_client(idle);
                break;
            }
            Err(err) => return say.report(Call::Recv, peer, &err),
        };
        say.step("recv", format_args!("read (buffer {buffer} bytes)"));
        say.received(&buf[..n], peer);
        if n == 0 {
            say.peer_closed();
            break;
        }
        let text = String::from_utf8_lossy(&buf[..n]);
        if text == "exit" {
            say.notice("exit: the client is leaving");
            break;
        }
        say.detail(format_args!("[*] Received from {}:{} : {text}", peer.ip(), peer.port()));

        // 7. send: a random number and ACK!, in one write.
        let reply = format!("{}：ACK!", fastrand::u16(1..=1000));
        if let Err(err) = connection.write_all(reply.as_bytes()) {
            return say.report(Call::Send, peer, &err);
        }
        say.sent("send", reply.as_bytes(), peer);
    }

    // 8. close: this client's socket only; the server goes on.
    say.end_loop();
    drop(connection);
    say.step("close", "connection closed; this thread ends");
}
