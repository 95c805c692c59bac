//! Checks exercise 3.1 (src/read_to_end.rs): a reply sent in pieces, then a close.

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

use course_tests::within;
use lesson3_exercises::read_to_end::read_reply;

/// A server that sends `reply` in pieces (split at random points, with short
/// pauses so they arrive apart), then closes.
fn server_sending_in_pieces(reply: Vec<u8>, seed: u64) -> std::net::SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut rng = fastrand::Rng::with_seed(seed);
        let mut rest = reply.as_slice();
        while !rest.is_empty() {
            let (piece, more) = rest.split_at(rng.usize(1..=rest.len()));
            stream.write_all(piece).unwrap();
            std::thread::sleep(Duration::from_millis(20)); // the pieces arrive apart
            rest = more;
        }
    });
    addr
}

#[test]
fn a_reply_in_pieces_is_read_whole() {
    let seed = fastrand::u64(..);
    eprintln!("seed {seed}");
    let reply = "Received msg: 你好，服务器 from ('127.0.0.1', 54321)".as_bytes().to_vec();
    let addr = server_sending_in_pieces(reply.clone(), seed);
    let got = within(
        Duration::from_secs(5),
        "read_reply never returned: stop when a read returns 0 bytes",
        move || {
            let mut stream = TcpStream::connect(addr).unwrap();
            read_reply(&mut stream, 8)
        },
    )
    .expect("read_reply returned Ok");
    assert!(
        got.len() >= reply.len() || !reply.starts_with(&got),
        "got only the first {} of {} bytes: one read returns what has arrived so far; read until a read returns 0",
        got.len(),
        reply.len()
    );
    assert_eq!(got, reply, "the whole reply, byte for byte, in order");
}

#[test]
fn an_empty_reply_is_empty() {
    let addr = server_sending_in_pieces(Vec::new(), 1);
    let got = within(
        Duration::from_secs(5),
        "read_reply never returned: stop when a read returns 0 bytes",
        move || {
            let mut stream = TcpStream::connect(addr).unwrap();
            read_reply(&mut stream, 8)
        },
    );
    assert_eq!(got.expect("read_reply returned Ok"), b"", "a server that closes at once sends nothing");
}
