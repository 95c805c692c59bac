//! Lesson 6, the half-close: the server, bare. Read each client until a read
//! returns 0 bytes (its FIN, article 001 note 9), reply on the direction that
//! is still open, close. The narrated program is `cargo run -p lesson6-server`.
//!
//! Run: cargo run --example lesson6-server-bare [-- PORT]

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};

use socket2::{Domain, Socket, Type}; // std joins socket, bind and listen in one call

fn handle_client(mut conn: TcpStream, out: &mut impl Write) -> io::Result<()> {
    // 6. recv, until it returns 0 bytes: the data may come in any number of pieces.
    let (mut n, mut k, mut buf) = (0, 0, [0; 1024]);
    loop {
        let got = conn.read(&mut buf)?;
        if got == 0 {
            break;
        }
        (n, k) = (n + got, k + 1);
    }
    writeln!(out, "recv returned 0 bytes: the client's FIN arrived (it sends no more)")?;
    // 7. send: the reply travels the direction that is still open, in one write.
    conn.write_all(format!("received {n} bytes in {k} reads").as_bytes())?;
    // 8. close: our FIN; the client's reads now return 0 too.
    drop(conn);
    Ok(())
}

fn main() -> io::Result<()> {
    // args_os: an argument that is not UTF-8 (or not a number) is an error, not a panic.
    let arg = std::env::args_os().nth(1).unwrap_or("7788".into());
    let port: u16 = arg.to_string_lossy().parse().map_err(io::Error::other)?;
    // writeln! returns an error where println! would panic (stdout closed: `| head -1`).
    let mut out = io::stdout().lock();

    // 1. socket, 2. setsockopt(SO_REUSEADDR), 3. bind, 4. listen(128)
    let socket = Socket::new(Domain::IPV4, Type::STREAM, None)?;
    socket.set_reuse_address(true)?;
    socket.bind(&SocketAddr::from(([127, 0, 0, 1], port)).into())?;
    socket.listen(128)?;
    let server = TcpListener::from(socket);
    writeln!(out, "listening on {}", server.local_addr()?)?;

    loop {
        // 5. accept
        let (conn, addr) = server.accept()?;
        writeln!(out, "connection from {addr}")?;
        // 6. to 8.: this client; its error (a reset, say) ends it, not the server.
        if let Err(e) = handle_client(conn, &mut out) {
            writeln!(out, "{addr}: {e}")?;
        }
    }
}
