//! Lesson 3, TCP once: the server, bare. Article 004's case 04 (`tcp_srv`) in
//! Rust, for one client: the same calls in the same order, the article's
//! prints, nothing else. The narrated program is `cargo run -p lesson3-server`.
//!
//! Run: cargo run --example lesson3-server-bare [-- PORT]

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener};

use socket2::{Domain, Socket, Type}; // std joins socket, bind and listen in one call

fn main() -> io::Result<()> {
    let port: u16 = std::env::args().nth(1).unwrap_or("8998".into()).parse().map_err(io::Error::other)?;
    println!("Starting tcp server.......");

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
    println!("listening on {}", sock.local_addr()?);

    // 5. accept: a NEW socket, connected to this one client.
    let (mut skt, addr) = sock.accept()?;
    // 6. recv: once, at most 500 bytes.
    let mut buf = [0; 500];
    let n = skt.read(&mut buf)?;
    let msg = String::from_utf8_lossy(&buf[..n]);
    let rst = format!("Received msg: {msg} from ('{}', {})", addr.ip(), addr.port());
    println!("{rst}");
    // 7. send: the reply, in one write.
    skt.write_all(rst.as_bytes())?;

    // 8. close: the connection (our FIN), then the listening socket.
    drop(skt);
    drop(sock);
    println!("Ending tcp server.......");
    Ok(())
}
