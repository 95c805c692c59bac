//! Checks exercise 2.1 (src/count_senders.rs) with real sockets on 127.0.0.1.

use std::net::UdpSocket;
use std::time::Duration;

use course_tests::within;
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
            let (len, from) = socket
                .recv_from(&mut buf)
                .expect("no reply within 5 s: answer each datagram with send_to(b\"success\", sender)");
            assert_eq!(&buf[..len], b"success", "the reply must be exactly b\"success\"");
            assert_eq!(from, addr);
        }
    }
    let counts =
        within(Duration::from_secs(5), "serve_counting did not return after its datagrams", move || {
            serving.join().expect("serve_counting finished")
        })
        .expect("serve_counting returned Ok");
    for (socket, n) in &clients {
        let me = socket.local_addr().unwrap();
        assert_eq!(
            counts.get(&me),
            Some(n),
            "{me} sent {n} datagrams; the count must be keyed by the sender's address"
        );
    }
    assert_eq!(counts.len(), 3, "three clients, three different addresses");
}
