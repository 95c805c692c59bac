//! The wire is the judge: every line a lesson program prints about what
//! crossed the wire (a datagram and its sender, a FIN, an RST, an ICMP error)
//! checked against the packets captured in the same run.
//!
//! Each test runs in a network namespace of its own (see the harness's
//! `on_a_private_wire`), so the capture holds that test's packets and nothing
//! else. A failure lists the packets, one a line, as `tcpdump -n` would.

use std::net::SocketAddr;

use course_tests::{Server, client, on_a_private_wire};
use wire::{Capture, Kind, Packet, listing};

/// Starts a capture, or fails the test saying why.
fn capture() -> Capture {
    Capture::start().unwrap_or_else(|err| panic!("cannot capture packets in this namespace: {err}"))
}

/// Stops a capture and returns its packets.
fn packets(capture: Capture) -> Vec<Packet> {
    capture.stop().unwrap_or_else(|err| panic!("the capture failed: {err}"))
}

/// The address after `marker` in the first line of `output` that has it.
fn address_in(output: &str, marker: &str) -> SocketAddr {
    output
        .lines()
        .find_map(|line| line.split_once(marker))
        .and_then(|(_, rest)| rest.split_whitespace().next())
        .and_then(|word| word.trim_end_matches([',', ':', ')']).parse().ok())
        .unwrap_or_else(|| panic!("no address after {marker:?} in:\n{output}"))
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

fn stdout(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stdout).into_owned()
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
        let (client_says, server_says) = (stdout(&run), stdout(&served));
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
