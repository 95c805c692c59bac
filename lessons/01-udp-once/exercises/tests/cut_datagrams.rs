//! Checks exercise 1.2 (src/cut_datagrams.rs) with real sockets on 127.0.0.1.

use std::net::UdpSocket;
use std::time::Duration;

use course_tests::within;
use lesson1_exercises::cut_datagrams::{Received, receive_at_most};

/// Sends `datagrams` to a fresh socket, then calls receive_at_most once per datagram.
fn receive(datagrams: &[&[u8]], limit: usize) -> Vec<Received> {
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    let sender = UdpSocket::bind("127.0.0.1:0").unwrap();
    for datagram in datagrams {
        sender.send_to(datagram, socket.local_addr().unwrap()).unwrap();
    }
    let count = datagrams.len();
    within(
        Duration::from_secs(5),
        "receive_at_most did not return: it should read exactly one datagram",
        move || {
            (0..count)
                .map(|_| receive_at_most(&socket, limit).expect("receive_at_most returned Ok"))
                .collect()
        },
    )
}

#[test]
fn a_datagram_that_fits_is_whole() {
    let got = receive(&[b"hello"], 5);
    assert_eq!(
        got[0],
        Received { data: b"hello".to_vec(), cut: false },
        "5 bytes fit a 5-byte limit exactly"
    );
}

#[test]
fn a_longer_datagram_is_cut_and_says_so() {
    let got = receive(&[b"hello world"], 5);
    assert_eq!(got[0].data, b"hello", "keep only the first `limit` bytes");
    assert!(got[0].cut, "an 11-byte datagram does not fit 5 bytes: cut must be true");
}

#[test]
fn the_rest_of_a_cut_datagram_is_gone() {
    let got = receive(&[b"first datagram", b"second"], 5);
    assert_eq!(
        got[1].data, b"secon",
        "after a cut datagram the next recv_from returns the NEXT datagram: UDP keeps no rest"
    );
}
