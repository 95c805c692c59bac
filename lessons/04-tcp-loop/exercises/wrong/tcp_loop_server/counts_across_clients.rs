//! Exercise 4.3, wrong on purpose: one message count for every client, where
//! the protocol counts each client's messages from 1.
//! `.ci/exercises` proves the exercise's tests fail on it.

use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};

/// The server, wrongly.
pub fn main() -> io::Result<()> {
    let mut args = std::env::args().skip(1);
    let port: u16 = args.next().unwrap_or("8888".into()).parse().map_err(io::Error::other)?;
    let clients: Option<u64> = args.next().map(|n| n.parse().map_err(io::Error::other)).transpose()?;

    // socket + bind + listen: std does the three in one call (and sets SO_REUSEADDR).
    let listener = TcpListener::bind(("127.0.0.1", port))?;
    println!("listening on {}", listener.local_addr()?);

    let mut served = 0;
    let mut count = 0; // the mistake: shared by all clients
    while clients.is_none_or(|n| served < n) {
        // accept: the next client, on a socket of its own.
        let (conn, peer) = listener.accept()?;
        println!("connection from {peer}");
        // One client's trouble (a reset, say) ends its conversation, not the server.
        if let Err(err) = serve(conn, &mut count) {
            println!("{peer}: {err}");
        }
        served += 1;
    }
    Ok(())
}

/// One client's conversation: the greeting, then a numbered reply per message.
fn serve(mut conn: TcpStream, count: &mut u64) -> io::Result<()> {
    // send: the greeting, as soon as the client is accepted.
    conn.write_all("连接成功！".as_bytes())?;
    let mut buf = [0; 1024];
    loop {
        // recv: 0 bytes means the client closed (its FIN), without `exit`.
        let n = conn.read(&mut buf)?;
        let text = String::from_utf8_lossy(&buf[..n]);
        if n == 0 || text == "exit" {
            break;
        }
        println!("{text}");
        *count += 1;
        // send: the numbered reply, in one write.
        conn.write_all(format!("第{count}条信息：{text}").as_bytes())?;
    }
    // close: our FIN to this client; the listener stays open.
    Ok(())
}
