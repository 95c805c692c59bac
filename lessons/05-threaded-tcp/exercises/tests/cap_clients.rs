//! Checks exercise 5.1 (src/cap_clients.rs) with real clients on 127.0.0.1.

use std::io::Read;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::time::Duration;

use lesson5_exercises::cap_clients::serve_capped;

fn start(max: usize) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || serve_capped(listener, max));
    addr
}

/// Connects and returns the stream with the first line the server sent.
fn first_line(addr: SocketAddr) -> (TcpStream, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut buf = [0; 64];
    let n = stream.read(&mut buf).unwrap_or_else(|err| {
        panic!("nothing from the server within 5 s ({err}): greet every client, or tell it busy; never leave it waiting")
    });
    (stream, String::from_utf8_lossy(&buf[..n]).into_owned())
}

#[test]
fn clients_within_the_cap_are_greeted_and_the_next_is_told_busy() {
    let addr = start(2);
    let (_a, a) = first_line(addr);
    let (_b, b) = first_line(addr);
    assert_eq!((a.as_str(), b.as_str()), ("hello\n", "hello\n"), "two clients fit a cap of two");
    let (mut c, line) = first_line(addr);
    assert_eq!(line, "busy\n", "the third client must be told busy");
    // The close must come at once: a read that times out means the server
    // kept the connection open (and the client would wait forever).
    c.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
    let mut rest = [0; 8];
    match c.read(&mut rest) {
        Ok(0) => {}
        Ok(n) => {
            panic!("after busy, nothing more: the server sent {:?}", String::from_utf8_lossy(&rest[..n]))
        }
        Err(err) => panic!(
            "after busy the connection must close at once, but no close came within 2 s ({err}): \
             drop the connection after writing busy"
        ),
    }
}

#[test]
fn a_place_frees_up_when_a_client_leaves() {
    let addr = start(1);
    let (first, line) = first_line(addr);
    assert_eq!(line, "hello\n");
    drop(first);
    // The server learns of the close when its read returns 0; give it a moment by retrying.
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    loop {
        let (_next, line) = first_line(addr);
        if line == "hello\n" {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "a client left, but the server still counts it: take one off the count when its thread ends"
        );
        std::thread::sleep(Duration::from_millis(20)); // retrying a check, with a deadline
    }
}
