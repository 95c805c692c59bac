//! Exercise 5.3, wrong on purpose: lesson 4's server: each client is served in the
//! main thread, so a client that stays connected keeps every other waiting.
//! `.ci/exercises` proves the exercise's tests fail on it.

use std::hash::{BuildHasher, RandomState};
use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::thread;

/// The server, wrongly.
pub fn main() -> io::Result<()> {
    let mut args = std::env::args().skip(1);
    let port: u16 = args.next().unwrap_or("8888".into()).parse().map_err(io::Error::other)?;
    let clients: Option<usize> = args.next().map(|n| n.parse().map_err(io::Error::other)).transpose()?;

    // socket + bind + listen: std does the three in one call (and sets SO_REUSEADDR).
    let listener = TcpListener::bind(("127.0.0.1", port))?;
    println!("[*] Listening on {}", listener.local_addr()?);

    let mut threads = Vec::new();
    let mut accepted = 0;
    while clients.is_none_or(|n| accepted < n) {
        // accept: here, in the main thread, which goes straight back to accept.
        let (conn, peer) = listener.accept()?;
        accepted += 1;
        println!("[*] Accept connection from: {}:{}", peer.ip(), peer.port());
        // the mistake: served here, not on a thread of its own
        let thread = thread::spawn(|| {});
        if let Err(err) = handle_client(conn, peer) {
            println!("[*] {peer}: {err}");
        }
        if clients.is_some() {
            threads.push(thread); // kept only to wait for the N clients at the end
        }
    }
    for thread in threads {
        let _ = thread.join();
    }
    Ok(())
}

/// One client's conversation, on its own thread: a read here blocks no one else.
fn handle_client(mut conn: TcpStream, peer: SocketAddr) -> io::Result<()> {
    conn.write_all(b"Hello World!")?;
    let mut buf = [0; 1024];
    loop {
        // recv: 0 bytes is the client's FIN.
        let n = conn.read(&mut buf)?;
        let text = String::from_utf8_lossy(&buf[..n]);
        if n == 0 || text == "exit" {
            break;
        }
        println!("[*] Received from {}:{} : {text}", peer.ip(), peer.port());
        // Each RandomState has keys of its own: its hash is a fresh random number.
        let random = RandomState::new().hash_one(()) % 1000 + 1;
        conn.write_all(format!("{random}：ACK!").as_bytes())?;
    }
    // close: this client's socket only.
    Ok(())
}
