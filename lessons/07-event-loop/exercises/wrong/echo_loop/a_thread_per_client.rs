//! Exercise 7.2, known wrong: lesson 5's way, a thread per client. Every
//! byte comes back, but the server is not one thread.

use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::thread;

/// The server: a thread for each client (wrong: this exercise wants one thread).
pub fn main() -> io::Result<()> {
    let mut args = std::env::args().skip(1);
    let port: u16 = args.next().unwrap_or("8888".into()).parse().map_err(io::Error::other)?;
    let serve: Option<usize> = args.next().map(|n| n.parse().map_err(io::Error::other)).transpose()?;
    let listener = TcpListener::bind(("127.0.0.1", port))?;
    println!("[*] Listening on {}", listener.local_addr()?);
    let mut threads = Vec::new();
    let mut accepted = 0;
    while serve.is_none_or(|n| accepted < n) {
        let (client, _) = listener.accept()?;
        accepted += 1;
        threads.push(thread::spawn(move || echo(client)));
    }
    for thread in threads {
        let _ = thread.join();
    }
    Ok(())
}

fn echo(mut client: TcpStream) -> io::Result<()> {
    let mut buf = [0; 4096];
    loop {
        let n = client.read(&mut buf)?;
        if n == 0 {
            return Ok(());
        }
        client.write_all(&buf[..n])?;
    }
}
