//! Checks exercise 1.1 (src/echo_bytes.rs) with real sockets on 127.0.0.1.

use std::net::UdpSocket;
use std::time::Duration;

use course_check::{OrFail, assert_bytes, say, within};
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
    let nothing_back = say!(
        "your echo_once sent nothing back: the sender of the datagram is still waiting for its bytes (look at what your function sends, and to whom)",
        "你的 echo_once 什么也没有发回：数据报的发送方还在等它的字节（看看你的函数发了什么，发给了谁）"
    );
    let n =
        within(LIMIT, &nothing_back, move || client.recv_from(&mut reply).map(|(n, _)| reply[..n].to_vec()))
            .or_fail(nothing_back.clone());
    let (count, from) = within(
        LIMIT,
        &say!(
            "echo_once sent its reply but did not return: receive one datagram, reply once, then return",
            "echo_once 发出了回复，却没有返回：收一个数据报，回复一次，然后返回"
        ),
        move || echoed.join(),
    )
    .or_fail(say!("echo_once panicked (see the message above)", "echo_once panic 了（看上面的消息）"))
    .or_fail(say!("echo_once returned an error", "echo_once 返回了错误"));
    assert_eq!(
        from,
        sender,
        "{}",
        say!(
            "echo_once must return the address the datagram came from",
            "echo_once 必须返回数据报的来源地址"
        )
    );
    (n, count)
}

#[test]
fn a_short_message_comes_back_exactly() {
    let (reply, count) = echo(b"hello".to_vec(), 1024);
    let what_it_carried = if reply.len() == 1024 {
        say!("the whole 1024-byte buffer", "整个 1024 字节的缓冲区")
    } else {
        say!("something else", "别的东西")
    };
    assert_eq!(
        reply.len(),
        5,
        "{}",
        say!(
            "the reply was {} bytes for a 5-byte datagram: it carried {what_it_carried}, not only the 5 bytes \
             recv_from counted",
            "5 字节的数据报，回复却有 {} 字节：它带的是{what_it_carried}，而不只是 recv_from 数出的那 5 个字节",
            reply.len()
        )
    );
    assert_bytes(
        &reply,
        b"hello",
        &say!(
            "the echo of b'hello' must be b'hello', and nothing more: which bytes of the buffer did recv_from fill?",
            "b'hello' 的回显必须正好是 b'hello'：recv_from 填了缓冲区里的哪些字节？"
        ),
    );
    assert_eq!(
        count,
        5,
        "{}",
        say!("echo_once must return how many bytes it received", "echo_once 必须返回它收到了多少字节")
    );
}

#[test]
fn random_bytes_come_back_exactly() {
    let seed = fastrand::u64(..);
    eprintln!("seed {seed}");
    let mut rng = fastrand::Rng::with_seed(seed);
    for _ in 0..5 {
        let message: Vec<u8> = (0..rng.usize(0..500)).map(|_| rng.u8(..)).collect();
        let (reply, count) = echo(message.clone(), 500);
        assert_bytes(
            &reply,
            &message,
            &say!(
                "a {}-byte datagram must come back byte for byte: which bytes of the buffer did recv_from fill?",
                "{} 字节的数据报必须逐字节原样发回：recv_from 填了缓冲区里的哪些字节？",
                message.len()
            ),
        );
        assert_eq!(count, message.len());
    }
}

#[test]
fn zero_bytes_at_the_end_are_part_of_the_message() {
    // The buffer starts as zeros, so trailing zeros cannot tell where a datagram
    // ends: only the count recv_from returns can.
    for message in [&b"ends in zeros\0\0\0"[..], b"\0", b"\0\0\0\0"] {
        let (reply, count) = echo(message.to_vec(), 64);
        assert_bytes(
            &reply,
            message,
            &say!(
                "a {}-byte datagram ending in zero bytes came back as {} bytes: zero bytes are data like any \
                 other, and the bytes cannot say where a datagram ends; only the count recv_from returns can",
                "一个以零字节结尾的 {} 字节数据报，发回来是 {} 字节：零字节和别的字节一样是数据，\
                 字节本身说不出数据报在哪里结束；只有 recv_from 返回的字节数说得出",
                message.len(),
                reply.len()
            ),
        );
        assert_eq!(count, message.len());
    }
}

#[test]
fn an_empty_datagram_comes_back_empty() {
    let (reply, count) = echo(Vec::new(), 64);
    assert!(
        reply.is_empty(),
        "{}",
        say!(
            "an empty datagram's echo is empty, not {} bytes",
            "空数据报的回显也是空的，而不是 {} 字节",
            reply.len()
        )
    );
    assert_eq!(count, 0);
}
