//! Checks exercise 2.2 (src/retry_client.rs) against a lossy server on 127.0.0.1.

use std::io::ErrorKind;
use std::net::UdpSocket;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use course_check::{say, within};
use lesson2_exercises::retry_client::ask_with_retries;

/// A server that ignores the first `drop` datagrams, then answers `pong`.
/// Returns its address and a count of the datagrams it saw.
fn lossy_server(drop: usize) -> (std::net::SocketAddr, Arc<AtomicUsize>) {
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    let addr = socket.local_addr().unwrap();
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&seen);
    std::thread::spawn(move || {
        let mut buf = [0; 64];
        while let Ok((_, from)) = socket.recv_from(&mut buf) {
            if counter.fetch_add(1, Ordering::SeqCst) >= drop {
                let _ = socket.send_to(b"pong", from);
            }
        }
    });
    (addr, seen)
}

#[test]
fn lost_requests_are_sent_again() {
    for drop in 0..=2 {
        let (server, seen) = lossy_server(drop);
        let reply = within(
            Duration::from_secs(5),
            &say!(
                "ask_with_retries hung: set a read timeout before recv_from",
                "ask_with_retries 卡住了：在 recv_from 之前设置读超时"
            ),
            move || {
                let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
                ask_with_retries(&socket, server, b"ping", Duration::from_millis(100), 4)
            },
        );
        let reply = reply.unwrap_or_else(|err| {
            panic!(
                "{}",
                say!(
                    "the server ignores the first {drop} datagrams; with 4 tries a reply must come, not {err:?}",
                    "服务器不理前 {drop} 个数据报；试 4 次一定能等到回复，而不是 {err:?}"
                )
            )
        });
        assert_eq!(reply.as_slice(), b"pong", "{}", say!("return the reply's bytes", "返回回复的字节"));
        assert_eq!(
            seen.load(Ordering::SeqCst),
            drop + 1,
            "{}",
            say!(
                "the server ignores the first {drop} datagrams: send again after each timeout, and stop once answered",
                "服务器不理前 {drop} 个数据报：每次超时后重发，收到回复就停"
            )
        );
    }
}

#[test]
fn after_the_last_try_the_timeout_is_returned() {
    let (server, seen) = lossy_server(usize::MAX);
    let started = Instant::now();
    let result = within(
        Duration::from_secs(5),
        &say!(
            "ask_with_retries hung: set a read timeout before recv_from",
            "ask_with_retries 卡住了：在 recv_from 之前设置读超时"
        ),
        move || {
            let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
            ask_with_retries(&socket, server, b"ping", Duration::from_millis(100), 3)
        },
    );
    let Err(err) = result else {
        panic!(
            "{}",
            say!(
                "nothing ever answers: ask_with_retries must return an error",
                "根本没有人回答：ask_with_retries 必须返回错误"
            )
        )
    };
    assert!(
        matches!(err.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut),
        "{}",
        say!("return the timeout error, not {err:?}", "返回超时错误，而不是 {err:?}")
    );
    assert_eq!(
        seen.load(Ordering::SeqCst),
        3,
        "{}",
        say!("three tries means three datagrams sent", "试三次就是发三个数据报")
    );
    assert!(
        started.elapsed() >= Duration::from_millis(300),
        "{}",
        say!("wait the timeout after each try", "每试一次都要等满超时")
    );
}
