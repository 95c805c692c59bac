//! Exercise 4.3, wrong on purpose: one client's failure (a reset, say) is
//! passed up with `?` and ends the whole server, where it should end that
//! client's conversation only. `.ci/exercises` proves the exercise's tests
//! fail on it.

use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};

/// The server: clients one after another, forever (or N of them).
pub fn main() -> io::Result<()> {
    let mut args = std::env::args().skip(1);
    let port: u16 = args.next().unwrap_or("8888".into()).parse().map_err(io::Error::other)?;
    let clients: Option<u64> = args.next().map(|n| n.parse().map_err(io::Error::other)).transpose()?;

    // socket + bind + listen: std does the three in one call (and sets SO_REUSEADDR).
    let listener = TcpListener::bind(("127.0.0.1", port))?;
    println!("listening on {}", listener.local_addr()?);

    let mut served = 0;
    while clients.is_none_or(|n| served < n) {
        // accept: the next client, on a socket of its own.
        let (conn, peer) = listener.accept()?;
        println!("connection from {peer}");
        // One client's trouble (a reset, say) ends its conversation, not the server.
        serve(conn)?; // the mistake: one client's error (a reset) ends the server
        served += 1;
    }
    Ok(())
}

/// One client's conversation: the greeting, then a numbered reply per message.
fn serve(mut conn: TcpStream) -> io::Result<()> {
    // send: the greeting, as soon as the client is accepted.
    conn.write_all("连接成功！".as_bytes())?;
    let mut buf = [0; 1024];
    for count in 1.. {
        // recv: 0 bytes means the client closed (its FIN), without `exit`.
        let n = conn.read(&mut buf)?;
        let text = String::from_utf8_lossy(&buf[..n]);
        if n == 0 || text == "exit" {
            break;
        }
        println!("{text}");
        // send: the numbered reply, in one write.
        conn.write_all(format!("第{count}条信息：{text}").as_bytes())?;
    }
    // close: our FIN to this client; the listener stays open.
    Ok(())
}
