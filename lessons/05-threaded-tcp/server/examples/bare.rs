//! Lesson 5, a thread per client: the server, bare. Article 000's threaded
//! server in Rust, with `accept` in the main thread (the article's threads each
//! call accept: see the chapter). The narrated program is `cargo run -p lesson5-server`.
//!
//! Run: cargo run --example lesson5-server-bare [-- PORT]

use std::hash::{BuildHasher, RandomState};
use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};

use socket2::{Domain, Socket, Type}; // std joins socket, bind and listen(128) in one call

// writeln! to stdout returns an error where println! would panic (stdout closed: `| head -1`).
fn handle_client(mut client: TcpStream, address: SocketAddr) -> io::Result<()> {
    writeln!(io::stdout(), "[*] Accept connection from: {address}")?;
    // 6. send: the greeting.
    client.write_all(b"Hello World!")?;
    let mut buf = [0; 1024];
    loop {
        // 7. recv: only this thread waits here; the other clients' threads go on.
        let n = client.read(&mut buf)?;
        let request = String::from_utf8_lossy(&buf[..n]);
        if n == 0 || request == "exit" {
            break;
        }
        // escape_debug: control bytes (ESC ...) are shown as \u{1b}, not obeyed by the terminal.
        writeln!(io::stdout(), "[*] Received from {address} : {}", request.escape_debug())?;
        // 8. send: a random number from 1 to 1000 and ACK!, in one write.
        let random = RandomState::new().hash_one(&request) % 1000 + 1;
        client.write_all(format!("{random}：ACK!").as_bytes())?;
    }
    // 9. close: this client's socket only.
    drop(client);
    Ok(())
}

fn main() -> io::Result<()> {
    // args_os: an argument that is not UTF-8 (or not a number) is an error, not a panic.
    let arg = std::env::args_os().nth(1).unwrap_or("8888".into());
    let port: u16 = arg.to_string_lossy().parse().map_err(io::Error::other)?;
    // 1. socket, 2. setsockopt(SO_REUSEADDR), 3. bind, 4. listen(5)
    let socket = Socket::new(Domain::IPV4, Type::STREAM, None)?;
    socket.set_reuse_address(true)?;
    socket.bind(&SocketAddr::from(([127, 0, 0, 1], port)).into())?;
    socket.listen(5)?;
    let server = TcpListener::from(socket);
    writeln!(io::stdout(), "[*] Listening on {}", server.local_addr()?)?;
    loop {
        // 5. accept: here, in the main thread; then one new thread for this client.
        //    Its error (a reset, say) is shown and ends this client only.
        let (client, address) = server.accept()?;
        let work =
            move || handle_client(client, address).or_else(|e| writeln!(io::stdout(), "[*] {address}: {e}"));
        // thread::Builder: a thread the system cannot make is shown (the client is
        //    closed), where thread::spawn would panic.
        if let Err(e) = std::thread::Builder::new().spawn(work) {
            writeln!(io::stdout(), "[*] {address}: no thread: {e}")?;
        }
    }
}
