//! Checks exercise 2.2 (src/retry_client.rs) against a lossy server on 127.0.0.1.

use std::io::ErrorKind;
use std::net::UdpSocket;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use course_check::{OrFail, Shown, assert_bytes, say, within};
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
                "ask_with_retries did not return, though it was given 0.1 s a try: its recv_from waited for \
                 a reply with no timeout (look at set_read_timeout)",
                "ask_with_retries 没有返回，可它每试一次只有 0.1 秒：它的 recv_from 在没有超时的情况下\
                 等着回复（看看 set_read_timeout）"
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
                    "the server ignores the first {drop} datagrams; with 4 tries a reply must come, yet \
                     ask_with_retries returned an error: {}",
                    "服务器不理前 {drop} 个数据报；试 4 次一定能等到回复，ask_with_retries 却返回了错误：{}",
                    err.shown()
                )
            )
        });
        assert_bytes(
            &reply,
            b"pong",
            &say!(
                "the server answered with the 4 bytes b'pong': ask_with_retries returns the reply as it came, \
                 the bytes recv_from counted and no others",
                "服务器回答的是 4 个字节 b'pong'：ask_with_retries 要原样返回回复，也就是 recv_from 数出的\
                 那些字节，别的都不要"
            ),
        );
        let (seen, tries) = (seen.load(Ordering::SeqCst), drop + 1);
        assert_eq!(
            seen,
            tries,
            "{}",
            say!(
                "the server ignores the first {drop} datagrams, so it takes {tries} requests, one more after each \
                 timeout, and none once the reply has come; the server got {seen}",
                "服务器不理前 {drop} 个数据报，所以要发 {tries} 次请求：每次超时后再发一次，收到回复之后一次也不再发；\
                 服务器收到了 {seen} 个"
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
            "ask_with_retries did not return, though it was given 0.1 s a try: its recv_from waited for a reply \
             with no timeout (look at set_read_timeout)",
            "ask_with_retries 没有返回，可它每试一次只有 0.1 秒：它的 recv_from 在没有超时的情况下等着回复\
             （看看 set_read_timeout）"
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
        say!(
            "nothing ever answers, so the last try's recv_from times out (WouldBlock or TimedOut): \
             ask_with_retries returns that timeout, yet it returned {}",
            "根本没有人回答，所以最后一次的 recv_from 会超时（WouldBlock 或 TimedOut）：ask_with_retries \
             要返回这个超时，它返回的却是 {}",
            err.shown()
        )
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

// Linux's rules: a connected UDP socket may still send_to another address
// (BSD and macOS refuse with EISCONN), and it gets the ICMP error as an error.
#[cfg(target_os = "linux")]
#[test]
fn an_error_that_is_not_a_timeout_is_returned_at_once() {
    // The server: takes the requests and never answers; the test counts them.
    let server = UdpSocket::bind("127.0.0.1:0").unwrap();
    let server_addr = server.local_addr().unwrap();
    server.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    // A port where nothing takes a datagram from the client: a socket bound
    // there, connected elsewhere, accepts datagrams from that elsewhere only.
    // So the kernel answers the client's datagram with ICMP "port
    // unreachable", and a connected UDP socket gets that as an error
    // (ConnectionRefused) on its next recv_from. The port stays bound to the
    // test all along: no other program can take it.
    let elsewhere = UdpSocket::bind("127.0.0.1:0").unwrap();
    let refusing = UdpSocket::bind("127.0.0.1:0").unwrap();
    refusing.connect(elsewhere.local_addr().unwrap()).unwrap();
    let client = UdpSocket::bind("127.0.0.1:0").unwrap();
    client.connect(refusing.local_addr().unwrap()).unwrap();
    let refused = client.try_clone().unwrap();

    let asking = std::thread::spawn(move || {
        let started = Instant::now();
        let result = ask_with_retries(&client, server_addr, b"ping", Duration::from_secs(1), 3);
        (result, started.elapsed())
    });
    // The first request has reached the server: from now on the client waits
    // for a reply. A datagram to the refusing port makes that wait fail with
    // ConnectionRefused, not with a timeout.
    let mut buf = [0; 64];
    server.recv_from(&mut buf).or_fail(say!(
        "the server got no request from ask_with_retries within 5 s: look at your send_to, and at the address \
         it sends to",
        "5 秒内服务器没有收到 ask_with_retries 的请求：看看你的 send_to，以及它发往的地址"
    ));
    refused.send(b"refused").unwrap();

    let (result, elapsed) = within(
        Duration::from_secs(10),
        &say!(
            "ask_with_retries hung after recv_from failed with ConnectionRefused",
            "recv_from 以 ConnectionRefused 失败之后，ask_with_retries 卡住了"
        ),
        move || asking.join(),
    )
    .or_fail(say!("ask_with_retries panicked", "ask_with_retries panic 了"));
    server.set_nonblocking(true).unwrap();
    let again = std::iter::from_fn(|| server.recv_from(&mut buf).ok()).count();
    let seconds = elapsed.as_secs_f64();
    let got = match &result {
        Ok(reply) => course_check::python_literal(reply),
        Err(err) => format!("{:?} ({err})", err.kind()),
    };
    assert!(
        matches!(&result, Err(err) if err.kind() == ErrorKind::ConnectionRefused) && again == 0,
        "{}",
        say!(
            "recv_from failed with ConnectionRefused on the first try (ICMP \"port unreachable\": an error that \
             is not a timeout), and sending again does not cure it: return that error at once, as it is. \
             Yours sent the request {again} more time(s) and returned {got} after {seconds:.1} s. \
             Retry only when recv_from says WouldBlock or TimedOut",
            "第一次 recv_from 就以 ConnectionRefused 失败了（ICMP “端口不可达”：不是超时的错误），\
             重发也治不好：立刻把这个错误原样返回。你的代码又发了 {again} 次请求，{seconds:.1} 秒后返回了 {got}。\
             只有 recv_from 报 WouldBlock 或 TimedOut 时才重试"
        )
    );
}
