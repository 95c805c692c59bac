//! Checks exercise 5.2 (src/shared_counter.rs): many clients at once, one count.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

use lesson5_exercises::shared_counter::serve_numbered;

#[test]
fn every_message_from_every_client_gets_its_own_number() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || serve_numbered(listener));

    let clients: Vec<_> = (0..10)
        .map(|_| {
            std::thread::spawn(move || {
                let mut stream = TcpStream::connect(addr).unwrap();
                stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
                let mut numbers = Vec::new();
                for _ in 0..20 {
                    stream.write_all(b"next").unwrap();
                    let mut buf = [0; 32];
                    let n = stream.read(&mut buf).expect("a number within 5 s");
                    let text = String::from_utf8_lossy(&buf[..n]).into_owned();
                    numbers.push(text.parse::<u64>().unwrap_or_else(|_| panic!("not a number: {text:?}")));
                }
                numbers
            })
        })
        .collect();
    let mut all: Vec<u64> = clients
        .into_iter()
        .flat_map(|c| {
            c.join().expect("a client thread failed: did the server answer? (see the message above)")
        })
        .collect();
    all.sort_unstable();
    let distinct = {
        let mut d = all.clone();
        d.dedup();
        d.len()
    };
    assert_eq!(
        distinct, 200,
        "two clients got the same number: the counter must be one, shared by all threads"
    );
    assert_eq!(all, (1..=200).collect::<Vec<u64>>(), "200 messages, numbered 1 to 200");
}
