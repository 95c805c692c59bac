//! Lesson 4, TCP loop: the server, bare. Article 000's `server.py` in Rust:
//! clients one after another, forever (Ctrl-C stops it); the same calls, the
//! article's prints. The narrated program is `cargo run -p lesson4-server`.
//!
//! Run: cargo run --example lesson4-server-bare [-- PORT]

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};

use socket2::{Domain, Socket, Type}; // std joins socket, bind and listen(128) in one call

fn handle_client(mut conn: TcpStream, out: &mut impl Write) -> io::Result<()> {
    // 6. send: the greeting.
    conn.write_all("连接成功！".as_bytes())?;
    let mut buf = [0; 1024];
    for count in 1.. {
        // 7. recv: 0 bytes means the client closed (its FIN).
        let n = conn.read(&mut buf)?;
        if n == 0 {
            break;
        }
        let data = String::from_utf8_lossy(&buf[..n]);
        // escape_debug: control bytes (ESC ...) are shown as \u{1b}, not obeyed by the terminal.
        writeln!(out, "{}", data.escape_debug())?;
        if data == "exit" {
            break;
        }
        // 8. send: the numbered reply, in one write.
        conn.write_all(format!("第{count}条信息：{data}").as_bytes())?;
    }
    // 9. close: our FIN to this client; the listening socket stays open.
    drop(conn);
    Ok(())
}

fn main() -> io::Result<()> {
    // args_os: an argument that is not UTF-8 (or not a number) is an error, not a panic.
    let arg = std::env::args_os().nth(1).unwrap_or("8888".into());
    let port: u16 = arg.to_string_lossy().parse().map_err(io::Error::other)?;
    // writeln! returns an error where println! would panic (stdout closed: `| head -1`).
    let mut out = io::stdout().lock();

    // 1. socket, 2. setsockopt(SO_REUSEADDR), 3. bind, 4. listen(5): up to 5
    //    finished handshakes wait while we serve someone.
    let socket = Socket::new(Domain::IPV4, Type::STREAM, None)?;
    socket.set_reuse_address(true)?;
    socket.bind(&SocketAddr::from(([127, 0, 0, 1], port)).into())?;
    socket.listen(5)?;
    let server = TcpListener::from(socket);
    writeln!(out, "listening on {}", server.local_addr()?)?;

    loop {
        writeln!(out, "等待数据连接中……")?;
        // 5. accept: the next client, on a socket of its own.
        let (conn, address) = server.accept()?;
        // 6. to 9.: this client; its error (a reset, say) ends it, not the server.
        if let Err(e) = handle_client(conn, &mut out) {
            writeln!(out, "{address}: {e}")?;
        }
    }
}
