//! Lesson 7, an event loop: the server, bare. Article 000's threaded server
//! with no thread: one loop, non-blocking sockets, readiness from `mio`
//! (Python's `selectors`). The narrated program is `cargo run -p lesson7-server`.
//!
//! Run: cargo run --example lesson7-server-bare [-- PORT]

use std::io::{self, ErrorKind::WouldBlock, Read, Write};

use mio::{Events, Interest, Poll, Token, net::TcpListener};

// writeln! to stdout returns an error where println! would panic (stdout closed: `| head -1`).
fn main() -> io::Result<()> {
    let port = std::env::args_os().nth(1).unwrap_or("8888".into()).to_string_lossy().into_owned();
    // 1.-5. socket, setsockopt(SO_REUSEADDR), bind, listen, setblocking(False): mio's bind makes them all.
    let mut server = TcpListener::bind(format!("127.0.0.1:{port}").parse().map_err(io::Error::other)?)?;
    writeln!(io::stdout(), "[*] Listening on {}", server.local_addr()?)?;
    // 6. register: a poll instance (epoll) watches the listener, token 0, for readable.
    let (mut poll, mut events) = (Poll::new()?, Events::with_capacity(1024));
    poll.registry().register(&mut server, Token(0), Interest::READABLE)?;
    let (mut clients, mut id, mut buf) = (std::collections::HashMap::new(), 1, [0; 1024]);
    loop {
        // 7. poll: the one place this thread waits, for any socket at all.
        poll.poll(&mut events, None)?;
        for event in &events {
            // 8. accept until WouldBlock; 10. register each client (greeted once writable).
            while let Some(Ok((mut client, address))) = (event.token() == Token(0)).then(|| server.accept()) {
                writeln!(io::stdout(), "[*] Accept connection from: {address}")?;
                poll.registry().register(&mut client, Token(id), Interest::READABLE | Interest::WRITABLE)?;
                clients.insert(Token(id), (client, address, b"Hello World!".to_vec()));
                id += 1;
            }
            let Some((client, address, waiting)) = clients.get_mut(&event.token()) else { continue };
            // One client's turn, until WouldBlock. Any other error ends this client only.
            let gone = loop {
                let done: io::Result<Option<String>> = match waiting.is_empty() {
                    // 12. send: the kernel may take part; the rest waits for writable, and nothing is read.
                    false => client.write(waiting).map(|n| drop(waiting.drain(..n))).map(|()| None),
                    // 11. recv: never waits: bytes, 0 (the client closed), or WouldBlock (nothing now).
                    true => client.read(&mut buf).map(|n| Some(String::from_utf8_lossy(&buf[..n]).into())),
                };
                match done {
                    Ok(Some(request)) if !request.is_empty() && request != "exit" => {
                        writeln!(io::stdout(), "[*] Received from {address} : {}", request.escape_debug())?;
                        waiting.extend(format!("{}：ACK!", fastrand::u16(1..=1000)).bytes());
                    }
                    Ok(None) => {}
                    // 0 bytes (the client closed), exit, or an error: gone; WouldBlock: back to poll.
                    other => break other.map_or_else(|e| e.kind() != WouldBlock, |_| true),
                }
            };
            // 14. deregister, 15. close (the drop): this client only.
            if gone && let Some((mut client, ..)) = clients.remove(&event.token()) {
                poll.registry().deregister(&mut client)?;
            }
        }
    }
}
