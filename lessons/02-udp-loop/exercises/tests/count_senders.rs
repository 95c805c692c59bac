//! Checks exercise 2.1 (src/count_senders.rs) with real sockets on 127.0.0.1.

use std::net::UdpSocket;
use std::time::Duration;

use course_check::{OrFail, assert_bytes, say, within};
use lesson2_exercises::count_senders::serve_counting;

#[test]
fn each_sender_is_counted_and_answered() {
    let server = UdpSocket::bind("127.0.0.1:0").unwrap();
    let addr = server.local_addr().unwrap();
    // Different counts, and more than one each: a count that is not kept per
    // sender, or not added to, cannot come out right.
    let clients: Vec<(UdpSocket, usize)> = [3, 1, 2]
        .into_iter()
        .map(|n| {
            let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
            socket.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            (socket, n)
        })
        .collect();
    let total: usize = clients.iter().map(|(_, n)| n).sum();
    let serving = std::thread::spawn(move || serve_counting(&server, total));

    for (socket, n) in &clients {
        for i in 0..*n {
            socket.send_to(format!("message {i}").as_bytes(), addr).unwrap();
            let mut buf = [0; 64];
            let (len, from) = socket.recv_from(&mut buf).or_fail(say!(
                "no reply within 5 s: each datagram gets its success, sent back to the address it came from",
                "5 秒内没有回复：每个数据报都要得到它的 success，发回它来的那个地址"
            ));
            assert_bytes(
                &buf[..len],
                b"success",
                &say!(
                    "the reply must be exactly b'success', the seven bytes of the protocol",
                    "回复必须正好是 b'success'：协议规定的那 7 个字节"
                ),
            );
            assert_eq!(from, addr);
        }
    }
    let counts = within(
        Duration::from_secs(5),
        &say!(
            "serve_counting did not return after its datagrams",
            "serve_counting 收完它的数据报之后没有返回"
        ),
        move || serving.join().or_fail(say!("serve_counting panicked", "serve_counting panic 了")),
    )
    .or_fail(say!("serve_counting returned an error", "serve_counting 返回了错误"));
    for (socket, n) in &clients {
        let me = socket.local_addr().unwrap();
        assert_eq!(
            counts.get(&me),
            Some(n),
            "{}",
            say!(
                "{me} sent {n} datagrams; the count must be keyed by the sender's address",
                "{me} 发了 {n} 个数据报；计数必须以发送方的地址为键"
            )
        );
    }
    assert_eq!(
        counts.len(),
        3,
        "{}",
        say!("three clients, three different addresses", "三个客户端，三个不同的地址")
    );
}
