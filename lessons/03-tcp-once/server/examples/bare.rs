//! Lesson 3, TCP once: the server, bare. Article 004's case 04 (`tcp_srv`) in
//! Rust, for one client: the same calls in the same order, the article's
//! prints, nothing else. The narrated program is `cargo run -p lesson3-server`.
//!
//! Run: cargo run --example lesson3-server-bare [-- PORT]

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener};

use socket2::{Domain, Socket, Type}; // std joins socket, bind and listen in one call

fn main() -> io::Result<()> {
    // args_os: an argument that is not UTF-8 (or not a number) is an error, not a panic.
    let arg = std::env::args_os().nth(1).unwrap_or("8998".into());
    let port: u16 = arg.to_string_lossy().parse().map_err(io::Error::other)?;
    // writeln! returns an error where println! would panic (stdout closed: `| head -1`).
    let mut out = io::stdout().lock();
    writeln!(out, "Starting tcp server.......")?;

    // 1. socket
    let sock = Socket::new(Domain::IPV4, Type::STREAM, None)?;
    // 2. setsockopt(SO_REUSEADDR): start again at once, though the last run's
    //    connection still waits out TIME_WAIT.
    sock.set_reuse_address(true)?;
    // 3. bind
    sock.bind(&SocketAddr::from(([127, 0, 0, 1], port)).into())?;
    // 4. listen: the system now completes handshakes by itself.
    sock.listen(128)?;
    let sock = TcpListener::from(sock);
    writeln!(out, "listening on {}", sock.local_addr()?)?;

    // 5. accept: a NEW socket, connected to this one client.
    let (mut skt, addr) = sock.accept()?;
    // 6. recv: once, at most 500 bytes.
    let mut buf = [0; 500];
    let n = skt.read(&mut buf)?;
    let msg = String::from_utf8_lossy(&buf[..n]);
    let rst = format!("Received msg: {msg} from ('{}', {})", addr.ip(), addr.port());
    // Control bytes (ESC ...) the client sent are shown as �, not obeyed by the terminal
    // (escape_debug would also put a backslash before each quote of the reply).
    writeln!(out, "{}", rst.replace(char::is_control, "�"))?;
    // 7. send: the reply, in one write.
    skt.write_all(rst.as_bytes())?;

    // 8. close: the connection (our FIN), then the listening socket.
    drop(skt);
    drop(sock);
    writeln!(out, "Ending tcp server.......")?;
    Ok(())
}
