//! Checks exercise 1.2 (src/cut_datagrams.rs) with real sockets on 127.0.0.1.

use std::net::UdpSocket;
use std::time::Duration;

use course_check::{OrFail, assert_bytes, say, within};
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
        &say!(
            "receive_at_most did not return: it should read exactly one datagram",
            "receive_at_most 没有返回：它应当正好读一个数据报"
        ),
        move || {
            (0..count)
                .map(|_| {
                    receive_at_most(&socket, limit)
                        .or_fail(say!("receive_at_most returned an error", "receive_at_most 返回了错误"))
                })
                .collect()
        },
    )
}

#[test]
fn a_datagram_that_fits_is_whole() {
    let got = receive(&[b"hello"], 5);
    assert_bytes(
        &got[0].data,
        b"hello",
        &say!(
            "a 5-byte datagram under a 5-byte limit fits exactly: the data is its 5 bytes, as many as \
             recv_from counted, and nothing from the rest of the buffer",
            "5 字节的数据报正好装得下 5 字节的上限：数据就是它的 5 个字节，也就是 recv_from 数出的那么多，\
             缓冲区其余的部分一个字节也不算"
        ),
    );
    assert!(
        !got[0].cut,
        "{}",
        say!(
            "a 5-byte datagram under a 5-byte limit fits exactly and lost nothing: cut must be false. A \
             datagram as long as the limit is whole, not cut",
            "5 字节的数据报正好装得下 5 字节的上限，什么也没丢：cut 必须是 false。和上限一样长的数据报是完整的，\
             没有被截断"
        )
    );
}

#[test]
fn a_shorter_datagram_is_its_own_bytes() {
    let got = receive(&[b"hi"], 5);
    assert_bytes(
        &got[0].data,
        b"hi",
        &say!(
            "a 2-byte datagram under a 5-byte limit: the data is those 2 bytes; the rest of the buffer was \
             never filled (how many bytes did recv_from count?)",
            "上限 5 字节，数据报 2 个字节：数据就是这 2 个字节；缓冲区其余的部分根本没有被填过\
             （recv_from 数出了多少个字节？）"
        ),
    );
    assert!(
        !got[0].cut,
        "{}",
        say!("2 bytes fit in 5: cut must be false", "5 个字节装得下 2 个字节：cut 必须是 false")
    );
}

#[test]
fn a_longer_datagram_is_cut_and_says_so() {
    let got = receive(&[b"hello world"], 5);
    assert_bytes(
        &got[0].data,
        b"hello",
        &say!(
            "an 11-byte datagram under a 5-byte limit: the data is its first 5 bytes, never more than `limit`",
            "11 字节的数据报，5 字节的上限：数据是它的前 5 个字节，永远不超过 `limit` 个"
        ),
    );
    assert!(
        got[0].cut,
        "{}",
        say!(
            "an 11-byte datagram does not fit 5 bytes: cut must be true",
            "11 字节的数据报装不进 5 个字节：cut 必须是 true"
        )
    );
}

#[test]
fn the_rest_of_a_cut_datagram_is_gone() {
    let got = receive(&[b"first datagram", b"second"], 5);
    assert_bytes(
        &got[1].data,
        b"secon",
        &say!(
            "after a cut datagram the next recv_from returns the NEXT datagram: UDP keeps no rest",
            "一个数据报被截断之后，下一次 recv_from 返回的是下一个数据报：UDP 不会留下剩余的部分"
        ),
    );
}
