//! The wire judges what the UDP lessons say: each datagram a program names
//! (its size, its sender, its bytes), each reply it takes, each "nobody is
//! there" it reports, checked against the packets captured in the same run.
//!
//! Each test runs in a network namespace of its own (the harness's
//! `on_a_private_wire`), so the capture holds that test's packets and nothing
//! else, and a port with nothing bound to it stays free for the whole test. A
//! failure lists the packets, one a line, as `tcpdump -n` would.

use std::net::{SocketAddr, UdpSocket};
use std::time::{Duration, Instant};

use course_tests::{DEADLINE, Server, address_in, capture, client, on_a_private_wire, packets, stdout_of};
use regex::Regex;
use shared::bytes::python_literal;
use wire::{Kind, Packet, listing};

/// A port on 127.0.0.1 with nothing bound to it. In the test's own namespace
/// no other program can take it before the client sends there.
fn a_port_with_nothing_bound() -> SocketAddr {
    UdpSocket::bind("127.0.0.1:0").unwrap().local_addr().unwrap()
}

/// A datagram as the programs name it and as the wire shows it: from, to,
/// and its bytes as a Python literal.
type Datagram = (SocketAddr, SocketAddr, String);

/// Every UDP datagram on the wire, sorted.
fn wire_datagrams(packets: &[Packet]) -> Vec<Datagram> {
    let mut datagrams: Vec<Datagram> = packets
        .iter()
        .filter_map(|packet| match &packet.kind {
            Kind::Udp { payload } => Some((packet.from, packet.to, python_literal(payload))),
            _ => None,
        })
        .collect();
    datagrams.sort();
    datagrams
}

/// The datagrams a program at `me` says it sent (`N bytes to ADDR: b'...'`)
/// and says it received (`N bytes from ADDR`, then `bytes: b'...'`), in order.
/// A line's byte count must be the length of its literal's bytes.
fn named(output: &str, me: SocketAddr) -> (Vec<Datagram>, Vec<Datagram>) {
    let sent = Regex::new(r"(\d+) bytes to (\S+): (b'.*'|b\x22.*\x22)$").unwrap();
    let from = Regex::new(r"^\[\w+\] +(\d+) bytes from (\S+)$").unwrap();
    let lines: Vec<&str> = output.lines().collect();
    let (mut out, mut into) = (Vec::new(), Vec::new());
    for (i, line) in lines.iter().enumerate() {
        if let Some(c) = sent.captures(line) {
            let to: SocketAddr = c[2].parse().unwrap_or_else(|_| panic!("an address in {line:?}"));
            out.push((me, to, c[3].to_string()));
            check_count(&c[1], &c[3], line);
        } else if let Some(c) = from.captures(line) {
            let sender: SocketAddr = c[2].parse().unwrap_or_else(|_| panic!("an address in {line:?}"));
            let literal = lines
                .get(i + 1)
                .and_then(|next| next.split_once("bytes: "))
                .map(|(_, literal)| literal.to_string())
                .unwrap_or_else(|| panic!("no bytes: line after {line:?} in:\n{output}"));
            check_count(&c[1], &literal, line);
            into.push((sender, me, literal));
        }
    }
    (out, into)
}

/// The byte count of a line agrees with the bytes its literal shows.
fn check_count(count: &str, literal: &str, line: &str) {
    assert_eq!(count.parse::<usize>().unwrap(), bytes_in(literal), "the count and the bytes of {line:?}");
}

/// How many bytes a Python bytes literal (`b'a\n\xe8'`) stands for.
fn bytes_in(literal: &str) -> usize {
    let inner = &literal.as_bytes()[2..literal.len() - 1];
    let (mut count, mut i) = (0, 0);
    while i < inner.len() {
        i += match (inner[i], inner.get(i + 1)) {
            (b'\\', Some(b'x')) => 4,
            (b'\\', Some(_)) => 2,
            _ => 1,
        };
        count += 1;
    }
    count
}

/// The ICMP port-unreachables of `packets`, each as the datagram it answers.
fn unreachables(packets: &[Packet]) -> Vec<(SocketAddr, SocketAddr)> {
    packets
        .iter()
        .filter_map(|packet| match packet.kind {
            Kind::PortUnreachable { original } => Some(original),
            _ => None,
        })
        .collect()
}

fn stderr_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stderr).into_owned()
}

#[test]
#[cfg_attr(no_private_network, ignore = "needs a private network namespace: Linux, unshare -rn and ip")]
fn lesson1_with_no_server_the_port_unreachable_crosses_the_wire_and_the_client_says_it_was_not_told() {
    on_a_private_wire(|| {
        let nobody = a_port_with_nothing_bound();
        let capture = capture();
        let run = client("lesson1-client")
            .args(["--port", &nobody.port().to_string(), "--timeout", "0.5"])
            .assert()
            .code(1);
        let packets = packets(capture);
        let (said, errors) = (stdout_of(&run), stderr_of(&run));
        let me = address_in(&said, "UDP socket on ");
        // The datagram left, and the system at the server's address answered it.
        assert_eq!(
            wire_datagrams(&packets),
            [(me, nobody, "b'I love jingjing'".to_string())],
            "the client said it sent one datagram to {nobody}; the wire shows:\n{}",
            listing(&packets)
        );
        assert_eq!(
            unreachables(&packets),
            [(me, nobody)],
            "an ICMP port unreachable for the client's datagram crosses the wire:\n{}",
            listing(&packets)
        );
        assert_eq!(packets.len(), 2, "the datagram and its ICMP, nothing else:\n{}", listing(&packets));
        // What the client says is what happened: no reply, an ICMP it was never told of.
        assert!(!said.contains("3 recvfrom"), "no reply came, so none is shown:\n{said}");
        assert!(errors.contains(&format!("no reply from {nobody} within 0.5 s")), "{errors}");
        assert!(
            errors.contains("ICMP \"port unreachable\""),
            "the hint names what crossed the wire:\n{errors}"
        );
        assert!(
            errors.contains("has not called connect is never told"),
            "and why we never heard it:\n{errors}"
        );
        assert!(!errors.contains("never tells a sender"), "the system did tell, by ICMP:\n{errors}");
    });
}

/// The test's stand-in for a lesson 1 server: on the client's datagram, first a
/// stray from another socket to the client's address, then the real reply.
/// Returns the server's address, the stray's, and the thread.
fn server_with_a_stray() -> (SocketAddr, SocketAddr, std::thread::JoinHandle<()>) {
    let server = UdpSocket::bind("127.0.0.1:0").unwrap();
    let stranger = UdpSocket::bind("127.0.0.1:0").unwrap();
    let (server_addr, stranger_addr) = (server.local_addr().unwrap(), stranger.local_addr().unwrap());
    server.set_read_timeout(Some(DEADLINE)).unwrap();
    let thread = std::thread::spawn(move || {
        let mut buf = [0; 512];
        let (_, client) = loop {
            match server.recv_from(&mut buf) {
                Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
                received => break received.expect("the client's datagram within the deadline"),
            }
        };
        stranger.send_to(b"FORGED", client).unwrap();
        server.send_to(b"Ich hab keine Hunge", client).unwrap();
    });
    (server_addr, stranger_addr, thread)
}

#[test]
#[cfg_attr(no_private_network, ignore = "needs a private network namespace: Linux, unshare -rn and ip")]
fn lesson1_a_stray_datagram_is_shown_as_ignored_and_the_reply_is_the_servers_twenty_times() {
    // The stray is sent just before the reply: every run, the client must show
    // it as ignored and take the datagram from the server's address as the reply.
    on_a_private_wire(|| {
        client("lesson1-client"); // built now: the stand-in's deadline must not count the build
        for _ in 0..20 {
            let capture = capture();
            let (server, stranger, thread) = server_with_a_stray();
            let run =
                client("lesson1-client").args(["--port", &server.port().to_string()]).assert().success();
            thread.join().expect("the stand-in server's thread");
            let packets = packets(capture);
            let said = stdout_of(&run);
            let me = address_in(&said, "UDP socket on ");
            // The wire: our datagram out, the stray and the reply in, nothing else.
            let mut expected = vec![
                (me, server, "b'I love jingjing'".to_string()),
                (stranger, me, "b'FORGED'".to_string()),
                (server, me, "b'Ich hab keine Hunge'".to_string()),
            ];
            expected.sort();
            assert_eq!(wire_datagrams(&packets), expected, "the wire shows:\n{}", listing(&packets));
            // The client: the stray shown, said to be ignored, then the reply.
            let stray = said
                .find(&format!("not the reply: a datagram from {stranger}, not from {server}; ignored"))
                .unwrap_or_else(|| panic!("the stray from {stranger} is shown as ignored:\n{said}"));
            let reply = said
                .find("3 recvfrom     reply after ")
                .unwrap_or_else(|| panic!("the client shows a reply:\n{said}"));
            assert!(stray < reply, "the stray came first and is shown first:\n{said}");
            assert!(
                said[stray..reply].contains(&format!("6 bytes from {stranger}\n"))
                    && said[stray..reply].contains("bytes: b'FORGED'"),
                "the stray is shown with its sender and bytes:\n{said}"
            );
            let (_, into) = named(&said[reply..], me);
            assert_eq!(
                into,
                [(server, me, "b'Ich hab keine Hunge'".to_string())],
                "the datagram shown as the reply is the one from the server's address:\n{said}\nthe wire:\n{}",
                listing(&packets)
            );
            assert!(!said[reply..].contains("FORGED"), "the stray is not the reply:\n{said}");
            // Nothing else: had the client taken the stray and gone, the real
            // reply would have met a closed port and drawn an ICMP.
            assert_eq!(packets.len(), 3, "three datagrams and nothing else:\n{}", listing(&packets));
        }
    });
}

#[test]
#[cfg_attr(no_private_network, ignore = "needs a private network namespace: Linux, unshare -rn and ip")]
fn lesson2_every_datagram_two_clients_and_the_server_name_crossed_the_wire_and_nothing_more() {
    on_a_private_wire(|| {
        let capture = capture();
        let server = Server::start("lesson2-server", &["--serve", "5"]);
        let port = server.port();
        let (first, second) = std::thread::scope(|scope| {
            let first = scope.spawn(|| {
                client("lesson2-client")
                    .args(["--port", &port, "--message", "123", "--message", "hello", "--message", "你好"])
                    .assert()
                    .success()
            });
            let second = scope.spawn(|| {
                client("lesson2-client")
                    .args(["--port", &port])
                    .write_stdin("one\ntwo\nexit\nnever sent\n")
                    .assert()
                    .success()
            });
            (first.join().expect("the first client"), second.join().expect("the second client"))
        });
        let served = server.finish().success();
        let packets = packets(capture);
        let server_says = stdout_of(&served);
        let server_addr = address_in(&server_says, "bound to ");
        let mut sent_named = Vec::new();
        let mut received_named = Vec::new();
        for (says, marker) in [
            (stdout_of(&first), "UDP socket on "),
            (stdout_of(&second), "UDP socket on "),
            (server_says, "bound to "),
        ] {
            let me = address_in(&says, marker);
            let (out, into) = named(&says, me);
            sent_named.extend(out);
            received_named.extend(into);
        }
        sent_named.sort();
        received_named.sort();
        let on_the_wire = wire_datagrams(&packets);
        assert_eq!(on_the_wire.len(), 10, "five messages, five replies:\n{}", listing(&packets));
        assert_eq!(
            sent_named,
            on_the_wire,
            "each datagram a program says it sent (size, from, to, bytes) is one on the wire, and nothing more \
             crossed; the wire shows:\n{}",
            listing(&packets)
        );
        assert_eq!(
            received_named,
            on_the_wire,
            "each datagram a program says it received (size, sender, bytes) is one on the wire; the wire \
             shows:\n{}",
            listing(&packets)
        );
        assert!(
            on_the_wire.iter().filter(|(from, _, _)| *from == server_addr).all(|(_, _, b)| b == "b'success'"),
            "every reply is b'success':\n{}",
            listing(&packets)
        );
        assert_eq!(packets.len(), 10, "UDP datagrams only, no ICMP:\n{}", listing(&packets));
    });
}

#[test]
#[cfg_attr(no_private_network, ignore = "needs a private network namespace: Linux, unshare -rn and ip")]
fn lesson2_connected_with_no_server_the_icmp_crosses_the_wire_and_recv_says_connection_refused() {
    on_a_private_wire(|| {
        let nobody = a_port_with_nothing_bound();
        let mut program = client("lesson2-client");
        let capture = capture();
        let started = Instant::now();
        let run = program
            .args(["--port", &nobody.port().to_string(), "--connect", "--timeout", "5"])
            .args(["--message", "anyone", "--message", "never sent"])
            .assert()
            .code(1);
        let took = started.elapsed();
        let packets = packets(capture);
        let (said, errors) = (stdout_of(&run), stderr_of(&run));
        let me = address_in(&said, "UDP socket on ");
        // connect sends nothing: one datagram, then the ICMP for it.
        assert!(said.contains(&format!("1 connect      connected to {nobody}: no packet sent")), "{said}");
        assert!(said.contains(&format!("2 send         6 bytes to {nobody}: b'anyone'")), "{said}");
        assert_eq!(
            wire_datagrams(&packets),
            [(me, nobody, "b'anyone'".to_string())],
            "one datagram, and connect put nothing on the wire:\n{}",
            listing(&packets)
        );
        assert_eq!(unreachables(&packets), [(me, nobody)], "the ICMP for it:\n{}", listing(&packets));
        assert_eq!(packets.len(), 2, "the datagram and its ICMP, nothing else:\n{}", listing(&packets));
        // The connected socket heard it: recv failed with ECONNREFUSED, at once.
        assert!(errors.contains(&format!("{nobody} answered 'port unreachable'")), "{errors}");
        assert!(errors.contains("Connection refused (os error 111)"), "the system's words:\n{errors}");
        assert!(errors.contains("a connected UDP socket is told so"), "{errors}");
        assert!(!said.contains("never sent"), "the client stopped at the error:\n{said}");
        assert!(took < Duration::from_secs(4), "recv failed at the ICMP, not at the 5 s timeout: {took:?}");
    });
}

/// The UDP datagrams of `packets` from `from` to `to`.
fn datagrams(packets: &[Packet], from: SocketAddr, to: SocketAddr) -> Vec<Vec<u8>> {
    packets
        .iter()
        .filter(|packet| packet.goes(from, to))
        .filter_map(|packet| match &packet.kind {
            Kind::Udp { payload } => Some(payload.clone()),
            _ => None,
        })
        .collect()
}

#[test]
#[cfg_attr(no_private_network, ignore = "needs a private network namespace: Linux, unshare -rn and ip")]
fn lesson1_each_datagram_a_program_names_crossed_the_wire_as_named() {
    on_a_private_wire(|| {
        let capture = capture();
        let server = Server::start("lesson1-server", &[]);
        let run = client("lesson1-client").args(["--port", &server.port()]).assert().success();
        let served = server.finish().success();
        let packets = packets(capture);
        let (client_says, server_says) = (stdout_of(&run), stdout_of(&served));
        let me = address_in(&client_says, "UDP socket on ");
        let server_addr = address_in(&server_says, "bound to ");
        // The client: "2 sendto 15 bytes to SERVER: b'I love jingjing'".
        assert!(
            client_says.contains(&format!("15 bytes to {server_addr}: b'I love jingjing'")),
            "{client_says}"
        );
        assert_eq!(
            datagrams(&packets, me, server_addr),
            [b"I love jingjing".to_vec()],
            "the client said it sent one 15-byte datagram to {server_addr}; the wire shows:\n{}",
            listing(&packets)
        );
        // The server: "15 bytes from CLIENT", then "19 bytes to CLIENT".
        assert!(server_says.contains(&format!("15 bytes from {me}")), "{server_says}");
        assert!(server_says.contains(&format!("19 bytes to {me}: b'Ich hab keine Hunge'")), "{server_says}");
        assert_eq!(
            datagrams(&packets, server_addr, me),
            [b"Ich hab keine Hunge".to_vec()],
            "the server said it answered with one 19-byte datagram to {me}; the wire shows:\n{}",
            listing(&packets)
        );
        assert_eq!(packets.len(), 2, "one datagram each way, and nothing else:\n{}", listing(&packets));
    });
}
