//! Exercise 7.2, the reference solution: an event-loop echo server.

use std::collections::HashMap;
use std::io::{self, ErrorKind, Read, Write};

use mio::net::{TcpListener, TcpStream};
use mio::{Events, Interest, Poll, Token};

/// The listener's token; clients get 1, 2, 3, ...
const LISTENER: Token = Token(0);

/// The server: one thread, one poll, every client echoed.
pub fn main() -> io::Result<()> {
    let mut args = std::env::args().skip(1);
    let port: u16 = args.next().unwrap_or("8888".into()).parse().map_err(io::Error::other)?;
    let serve: Option<usize> = args.next().map(|n| n.parse().map_err(io::Error::other)).transpose()?;
    let mut listener = TcpListener::bind(([127, 0, 0, 1], port).into())?;
    println!("[*] Listening on {}", listener.local_addr()?);
    let mut poll = Poll::new()?;
    poll.registry().register(&mut listener, LISTENER, Interest::READABLE)?;
    let mut events = Events::with_capacity(1024);
    // Each client: its socket and the bytes a send has not taken yet.
    let mut clients: HashMap<Token, (TcpStream, Vec<u8>)> = HashMap::new();
    let (mut accepted, mut buf) = (0, [0; 4096]);
    while serve.is_none_or(|n| accepted < n) || !clients.is_empty() {
        poll.poll(&mut events, None).or_else(|err| match err.kind() {
            ErrorKind::Interrupted => Ok(()),
            _ => Err(err),
        })?;
        for event in &events {
            if event.token() == LISTENER {
                while serve.is_none_or(|n| accepted < n) {
                    let (mut client, _) = match listener.accept() {
                        Ok(accepted) => accepted,
                        Err(err) if err.kind() == ErrorKind::WouldBlock => break,
                        Err(err) => return Err(err),
                    };
                    accepted += 1;
                    let token = Token(accepted);
                    poll.registry().register(&mut client, token, Interest::READABLE | Interest::WRITABLE)?;
                    clients.insert(token, (client, Vec::new()));
                }
                continue;
            }
            let Some((client, waiting)) = clients.get_mut(&event.token()) else { continue };
            if turn(client, waiting, &mut buf).is_err() {
                // The client left (0 bytes) or failed: deregister, then drop (close).
                if let Some((mut client, _)) = clients.remove(&event.token()) {
                    poll.registry().deregister(&mut client)?;
                }
            }
        }
    }
    Ok(())
}

/// One client's turn: send what waits; when nothing does, read and echo,
/// until WouldBlock. An error: the client has left (a read of 0 bytes is
/// `UnexpectedEof`) or failed.
fn turn(client: &mut TcpStream, waiting: &mut Vec<u8>, buf: &mut [u8]) -> io::Result<()> {
    loop {
        while !waiting.is_empty() {
            match client.write(waiting) {
                Ok(n) => drop(waiting.drain(..n)),
                Err(err) if err.kind() == ErrorKind::WouldBlock => return Ok(()), // writable later
                Err(err) if err.kind() == ErrorKind::Interrupted => {}
                Err(err) => return Err(err),
            }
        }
        match client.read(buf) {
            Ok(0) => return Err(ErrorKind::UnexpectedEof.into()),
            Ok(n) => waiting.extend_from_slice(&buf[..n]),
            Err(err) if err.kind() == ErrorKind::WouldBlock => return Ok(()),
            Err(err) if err.kind() == ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
        }
    }
}
