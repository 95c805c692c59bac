//! Checks exercise 1.1 (src/echo_bytes.rs) with real sockets on 127.0.0.1.

use std::net::UdpSocket;
use std::time::Duration;

use course_tests::within;
use lesson1_exercises::echo_bytes::echo_once;

const LIMIT: Duration = Duration::from_secs(5);

/// Starts `echo_once` on a fresh socket, sends `message`, returns the reply.
fn echo(message: Vec<u8>, buffer: usize) -> (Vec<u8>, usize) {
    let server = UdpSocket::bind("127.0.0.1:0").unwrap();
    let addr = server.local_addr().unwrap();
    let client = UdpSocket::bind("127.0.0.1:0").unwrap();
    client.set_read_timeout(Some(LIMIT)).unwrap();
    let sender = client.local_addr().unwrap();
    let echoed = std::thread::spawn(move || echo_once(&server, buffer));
    client.send_to(&message, addr).unwrap();
    let mut reply = vec![0; 70_000];
    let n =
        within(LIMIT, "your echo_once sent nothing back: reply with send_to(&buf[..n], sender)", move || {
            client.recv_from(&mut reply).map(|(n, _)| reply[..n].to_vec())
        })
        .expect("a reply within the deadline");
    let (count, from) = within(
        LIMIT,
        "echo_once sent its reply but did not return: receive one datagram, reply once, then return",
        move || echoed.join(),
    )
    .expect("echo_once finished without a panic")
    .expect("echo_once returned Ok");
    assert_eq!(from, sender, "echo_once must return the address the datagram came from");
    (n, count)
}

#[test]
fn a_short_message_comes_back_exactly() {
    let (reply, count) = echo(b"hello".to_vec(), 1024);
    assert_eq!(
        reply.len(),
        5,
        "the reply was {} bytes for a 5-byte datagram: send &buf[..n], not the whole buffer",
        reply.len()
    );
    assert_eq!(reply, b"hello");
    assert_eq!(count, 5, "echo_once must return how many bytes it received");
}

#[test]
fn random_bytes_come_back_exactly() {
    let seed = fastrand::u64(..);
    eprintln!("seed {seed}");
    let mut rng = fastrand::Rng::with_seed(seed);
    for _ in 0..5 {
        let message: Vec<u8> = (0..rng.usize(0..500)).map(|_| rng.u8(..)).collect();
        let (reply, count) = echo(message.clone(), 500);
        assert_eq!(reply, message, "a {}-byte datagram must come back byte for byte", message.len());
        assert_eq!(count, message.len());
    }
}

#[test]
fn zero_bytes_at_the_end_are_part_of_the_message() {
    // The buffer starts as zeros, so trailing zeros cannot tell where a datagram
    // ends: only the count recv_from returns can.
    for message in [&b"ends in zeros\0\0\0"[..], b"\0", b"\0\0\0\0"] {
        let (reply, count) = echo(message.to_vec(), 64);
        assert_eq!(
            reply,
            message,
            "a {}-byte datagram ending in zero bytes came back as {} bytes: \
             the datagram is &buf[..n], with n from recv_from, whatever its last bytes are",
            message.len(),
            reply.len()
        );
        assert_eq!(count, message.len());
    }
}

#[test]
fn an_empty_datagram_comes_back_empty() {
    let (reply, count) = echo(Vec::new(), 64);
    assert!(reply.is_empty(), "an empty datagram's echo is empty, not {} bytes", reply.len());
    assert_eq!(count, 0);
}
