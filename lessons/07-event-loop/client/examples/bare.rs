//! Lesson 7, an event loop: the client, bare. Article 000's `client.py` on N
//! connections at once, in one thread: non-blocking sockets and `mio`'s poll.
//! Every connection sends the lines of standard input, read first, in turn.
//! The narrated program is `cargo run -p lesson7-client`.
//!
//! Run: cargo run --example lesson7-client-bare [-- PORT [N]]

use std::io::{self, BufRead, ErrorKind::WouldBlock, Read, Write};
use std::time::Duration;

use mio::{Events, Interest, Poll, Token, net::TcpStream};

// writeln! to stdout returns an error where println! would panic (stdout closed: `| head -1`).
fn main() -> io::Result<()> {
    let mut args = std::env::args_os().skip(1).map(|arg| arg.to_string_lossy().into_owned());
    let addr =
        format!("127.0.0.1:{}", args.next().unwrap_or("8888".into())).parse().map_err(io::Error::other)?;
    let n: usize = args.next().unwrap_or("1".into()).parse().map_err(io::Error::other)?;
    let messages: Vec<String> = io::stdin().lock().lines().collect::<io::Result<_>>()?;
    let (mut poll, mut events, mut buf) = (Poll::new()?, Events::with_capacity(1024), [0; 1024]);
    let mut clients = std::collections::HashMap::new();
    for id in 0..n {
        // 1.-3. socket, setblocking(False), connect: mio's connect starts the handshake and returns.
        let mut client = TcpStream::connect(addr)?;
        // 4. register: watch it for readable (the greeting, each reply).
        poll.registry().register(&mut client, Token(id), Interest::READABLE)?;
        clients.insert(Token(id), (client, messages.iter()));
    }
    while !clients.is_empty() {
        // 5. poll: wait for any connection's bytes, 3 s at most.
        poll.poll(&mut events, Some(Duration::from_secs(3)))?;
        if events.is_empty() {
            return Err(io::Error::new(io::ErrorKind::TimedOut, "no reply within 3 s"));
        }
        for event in &events {
            let Some((client, next)) = clients.get_mut(&event.token()) else { continue };
            // 6. recv: the greeting or a reply; WouldBlock: not here yet.
            let n = match client.read(&mut buf) {
                Err(e) if e.kind() == WouldBlock => continue,
                result => result?,
            };
            writeln!(io::stdout(), "{}", String::from_utf8_lossy(&buf[..n]))?;
            // 7. send: the next message (a few bytes: the kernel's send buffer takes them whole).
            let message = next.next().filter(|_| n > 0);
            if let Some(message) = message {
                client.write_all(message.as_bytes())?;
            }
            // 8. deregister and 9. close: after exit, at the end of input, or when the server closed.
            if message.is_none_or(|message| message == "exit") {
                clients.remove(&event.token()).map(|(mut client, _)| poll.registry().deregister(&mut client));
            }
        }
    }
    Ok(())
}
