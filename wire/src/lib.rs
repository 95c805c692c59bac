//! The wire: what really crossed it in one run, so that what a lesson program
//! says about its packets (a FIN, an RST, a datagram, an ICMP error) can be
//! checked against the packets themselves.
//!
//! - [`Capture`] records every packet of the network namespace it starts in,
//!   on a packet socket (`AF_PACKET`, Linux). Run it in a namespace of its
//!   own (`unshare -rn`: a private loopback, no root needed where the system
//!   allows unprivileged user namespaces), so it sees one run and nothing else.
//! - [`Drops`] reads the packets a firewall rule dropped (nftables' `log
//!   group N drop`), which a capture alone cannot tell from delivered ones.
//! - [`Packet`] is one parsed packet (with `etherparse`): who sent it to whom,
//!   and what it was, written the way `tcpdump` writes it so a learner can
//!   put the two side by side.
//!
//! The course's tests use it as an oracle; it makes no claim of its own.

use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use etherparse::icmpv4::DestUnreachableHeader;
use etherparse::{Icmpv4Type, NetSlice, SlicedPacket, TransportSlice};

mod capture;
mod drops;
pub use capture::Capture;
pub use drops::Drops;

/// The packets a reader thread has read so far, shared with the program
/// that watches them as they come ([`Capture::so_far`], [`Drops::so_far`]).
#[derive(Clone, Default)]
struct Recorded(std::sync::Arc<std::sync::Mutex<Vec<Packet>>>);

impl Recorded {
    fn list(&self) -> std::sync::MutexGuard<'_, Vec<Packet>> {
        // A reader that panicked left whole packets: still worth showing.
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn push(&self, packet: Packet) {
        self.list().push(packet);
    }

    fn so_far(&self) -> Vec<Packet> {
        self.list().clone()
    }

    fn take(&self) -> Vec<Packet> {
        std::mem::take(&mut *self.list())
    }
}

/// One packet seen on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Packet {
    /// When it was seen, from the start of the capture.
    pub at: Duration,
    /// When it was seen, in nanoseconds of the machine's monotonic clock: the
    /// clock of the stamps on the programs' lines (`shared::stamp`), so that
    /// packets and lines can be put in one order.
    pub stamp: u64,
    /// The sending socket's address.
    pub from: SocketAddr,
    /// The address it was sent to.
    pub to: SocketAddr,
    /// What it carried.
    pub kind: Kind,
}

/// What a packet was, as far as the lessons care.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A TCP segment: its flags, and the bytes it carried.
    Tcp { flags: Flags, seq: u32, ack: u32, payload: Vec<u8> },
    /// A UDP datagram, with its bytes.
    Udp { payload: Vec<u8> },
    /// An ICMP "port unreachable": the kernel at `to`'s end saying that the
    /// datagram from `original.0` to `original.1` found no socket.
    PortUnreachable { original: (SocketAddr, SocketAddr) },
    /// Anything else (another ICMP message, IPv6 ICMP, ...).
    Other,
}

/// The TCP flags a lesson talks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Flags {
    /// Opens a connection (the handshake's first two segments).
    pub syn: bool,
    /// "I am done sending": a close, or a `shutdown(Write)`.
    pub fin: bool,
    /// "This connection is over, whatever was in flight": an abort.
    pub rst: bool,
    /// The acknowledgement number is valid.
    pub ack: bool,
    /// Push: hand the bytes to the reader now.
    pub psh: bool,
}

impl Packet {
    /// Parses one Ethernet frame (loopback frames have one too, with zero
    /// addresses); `None` for what is not IPv4/IPv6 with TCP, UDP or ICMP.
    pub fn parse(at: Duration, frame: &[u8]) -> Option<Packet> {
        let sliced = SlicedPacket::from_ethernet(frame).ok()?;
        let (source, destination) = match sliced.net.as_ref()? {
            NetSlice::Ipv4(ip) => {
                (IpAddr::V4(ip.header().source_addr()), IpAddr::V4(ip.header().destination_addr()))
            }
            NetSlice::Ipv6(ip) => {
                (IpAddr::V6(ip.header().source_addr()), IpAddr::V6(ip.header().destination_addr()))
            }
            NetSlice::Arp(_) => return None,
        };
        let (ports, kind) = match sliced.transport.as_ref()? {
            TransportSlice::Tcp(tcp) => (
                (tcp.source_port(), tcp.destination_port()),
                Kind::Tcp {
                    flags: Flags {
                        syn: tcp.syn(),
                        fin: tcp.fin(),
                        rst: tcp.rst(),
                        ack: tcp.ack(),
                        psh: tcp.psh(),
                    },
                    seq: tcp.sequence_number(),
                    ack: tcp.acknowledgment_number(),
                    payload: tcp.payload().to_vec(),
                },
            ),
            TransportSlice::Udp(udp) => {
                ((udp.source_port(), udp.destination_port()), Kind::Udp { payload: udp.payload().to_vec() })
            }
            TransportSlice::Icmpv4(icmp) => match icmp.icmp_type() {
                Icmpv4Type::DestinationUnreachable(DestUnreachableHeader::Port) => (
                    (0, 0),
                    original_datagram(icmp.payload())
                        .map_or(Kind::Other, |original| Kind::PortUnreachable { original }),
                ),
                _ => ((0, 0), Kind::Other),
            },
            _ => ((0, 0), Kind::Other),
        };
        Some(Packet {
            at,
            stamp: 0,
            from: SocketAddr::new(source, ports.0),
            to: SocketAddr::new(destination, ports.1),
            kind,
        })
    }

    /// The TCP flags, if this is a TCP segment.
    pub fn tcp_flags(&self) -> Option<Flags> {
        match self.kind {
            Kind::Tcp { flags, .. } => Some(flags),
            _ => None,
        }
    }

    /// The bytes it carried (TCP or UDP), else none.
    pub fn payload(&self) -> &[u8] {
        match &self.kind {
            Kind::Tcp { payload, .. } | Kind::Udp { payload } => payload,
            _ => &[],
        }
    }

    /// Whether it went from `a` to `b`.
    pub fn goes(&self, a: SocketAddr, b: SocketAddr) -> bool {
        self.from == a && self.to == b
    }

    /// Whether it belongs to the conversation between `a` and `b`, either way.
    pub fn between(&self, a: SocketAddr, b: SocketAddr) -> bool {
        self.goes(a, b) || self.goes(b, a)
    }
}

/// The addresses of the datagram that an ICMP error quotes: its IPv4 header
/// and the first 8 bytes after it (a UDP header's ports).
fn original_datagram(quoted: &[u8]) -> Option<(SocketAddr, SocketAddr)> {
    let header = etherparse::Ipv4HeaderSlice::from_slice(quoted).ok()?;
    let ports = quoted.get(header.slice().len()..header.slice().len() + 4)?;
    Some((
        SocketAddr::new(IpAddr::V4(header.source_addr()), u16::from_be_bytes([ports[0], ports[1]])),
        SocketAddr::new(IpAddr::V4(header.destination_addr()), u16::from_be_bytes([ports[2], ports[3]])),
    ))
}

impl fmt::Display for Flags {
    /// `tcpdump`'s letters: `S` SYN, `F` FIN, `R` RST, `P` PSH, `.` ACK.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (set, letter) in
            [(self.syn, "S"), (self.fin, "F"), (self.rst, "R"), (self.psh, "P"), (self.ack, ".")]
        {
            if set {
                f.write_str(letter)?;
            }
        }
        Ok(())
    }
}

impl fmt::Display for Packet {
    /// One line, as `tcpdump -n` would write it, with the bytes as Python
    /// writes them: `127.0.0.1:40000 > 127.0.0.1:8998 TCP [P.] 19 bytes b'...'`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} > {} ", self.from, self.to)?;
        self.write_what(f)
    }
}

impl Packet {
    /// The packet as a line with its ends named (`client > server TCP [S]`)
    /// by `name`, which gives `None` for an address it does not know.
    pub fn named(&self, name: impl Fn(SocketAddr) -> Option<String>) -> String {
        let end = |addr: SocketAddr| name(addr).unwrap_or_else(|| addr.to_string());
        format!("{} > {} {}", end(self.from), end(self.to), What(self))
    }

    /// What the packet was: `TCP [P.] 19 bytes b'...'`, `UDP 15 bytes b'...'`.
    fn write_what(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Kind::Tcp { flags, payload, .. } if payload.is_empty() => write!(f, "TCP [{flags}]"),
            Kind::Tcp { flags, payload, .. } => {
                write!(f, "TCP [{flags}] {} bytes {}", payload.len(), literal(payload))
            }
            Kind::Udp { payload } => write!(f, "UDP {} bytes {}", payload.len(), literal(payload)),
            Kind::PortUnreachable { original } => {
                write!(f, "ICMP port unreachable (for {} > {})", original.0, original.1)
            }
            Kind::Other => f.write_str("(other)"),
        }
    }
}

/// What a packet was, without its ends.
struct What<'a>(&'a Packet);

impl fmt::Display for What<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.write_what(f)
    }
}

/// The tag of a packet's line in [`interleave`], as `[server]` and `[client]`
/// tag the programs' lines.
pub const WIRE_TAG: &str = "[wire]";

/// The programs' stamped lines (`(stamp, line)`, see `shared::stamp`) and the
/// packets of the same run, in one list in the order they happened: each
/// packet a line `[wire]   client > server TCP [S]`, its ends named by
/// `name`. A pure acknowledgement (no data, no flag but ACK) is left out,
/// except the one that ends a handshake: on loopback when and whether one is
/// sent on its own varies from run to run, and it says nothing a learner
/// looks for.
pub fn interleave(
    lines: &[(u64, String)],
    packets: &[Packet],
    name: impl Fn(SocketAddr) -> Option<String>,
) -> Vec<String> {
    let mut shown: Vec<(u64, String)> = lines.to_vec();
    let mut last_syn_ack: Vec<(SocketAddr, SocketAddr)> = Vec::new();
    for packet in packets {
        if let Some(flags) = packet.tcp_flags() {
            if flags.syn && flags.ack {
                last_syn_ack.push((packet.to, packet.from));
            }
            let pure_ack = flags == Flags { ack: true, ..Flags::default() } && packet.payload().is_empty();
            let ends_handshake = last_syn_ack.contains(&(packet.from, packet.to));
            last_syn_ack.retain(|ends| *ends != (packet.from, packet.to));
            if pure_ack && !ends_handshake {
                continue;
            }
        }
        shown.push((packet.stamp, format!("{WIRE_TAG}{:3}{}", "", packet.named(&name))));
    }
    // A stable sort: lines with one stamp (one write) keep their order.
    shown.sort_by_key(|(stamp, _)| *stamp);
    shown.into_iter().map(|(_, line)| line).collect()
}

/// Bytes as Python's `repr` writes them (`b'I love jingjing'`), the first
/// 48 of them: a listing line stays readable.
fn literal(data: &[u8]) -> String {
    const SHOWN: usize = 48;
    let literal = shared::bytes::python_literal(&data[..data.len().min(SHOWN)]);
    if data.len() > SHOWN { format!("{literal}...") } else { literal }
}

/// The packets of a run, one a line: what a failure message shows.
pub fn listing(packets: &[Packet]) -> String {
    packets.iter().map(|packet| format!("  {:>8.3} ms  {packet}\n", packet.at.as_secs_f64() * 1e3)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An Ethernet frame of loopback (zero addresses) around an IPv4 packet.
    fn frame(protocol: u8, transport: &[u8]) -> Vec<u8> {
        let mut frame = vec![0; 12];
        frame.extend_from_slice(&[0x08, 0x00]);
        let total = (20 + transport.len()) as u16;
        let mut ip = vec![0x45, 0, (total >> 8) as u8, total as u8, 0, 0, 0x40, 0, 64, protocol, 0, 0];
        ip.extend_from_slice(&[127, 0, 0, 1, 127, 0, 0, 2]);
        frame.extend_from_slice(&ip);
        frame.extend_from_slice(transport);
        frame
    }

    #[test]
    fn a_udp_datagram_shows_its_ends_and_bytes() {
        let mut udp = vec![0x9c, 0x40, 0x1e, 0xac, 0, 23, 0, 0];
        udp.extend_from_slice(b"I love jingjing");
        let packet = Packet::parse(Duration::ZERO, &frame(17, &udp)).expect("a UDP packet");
        assert_eq!(packet.to_string(), "127.0.0.1:40000 > 127.0.0.2:7852 UDP 15 bytes b'I love jingjing'");
    }

    #[test]
    fn a_tcp_segment_shows_its_flags_as_tcpdump_does() {
        // FIN + ACK, no payload: data offset 5 words, flags 0x11.
        let tcp = [0x9c, 0x40, 0x23, 0x26, 0, 0, 0, 1, 0, 0, 0, 2, 0x50, 0x11, 0xff, 0xff, 0, 0, 0, 0];
        let packet = Packet::parse(Duration::ZERO, &frame(6, &tcp)).expect("a TCP segment");
        assert_eq!(packet.to_string(), "127.0.0.1:40000 > 127.0.0.2:8998 TCP [F.]");
        let flags = packet.tcp_flags().unwrap();
        assert!(flags.fin && flags.ack && !flags.rst && !flags.syn);
    }

    #[test]
    fn a_port_unreachable_names_the_datagram_it_answers() {
        let mut icmp = vec![3, 3, 0, 0, 0, 0, 0, 0];
        let quoted = frame(17, &[0x9c, 0x40, 0x1e, 0xac, 0, 8, 0, 0]);
        icmp.extend_from_slice(&quoted[14..]);
        let packet = Packet::parse(Duration::ZERO, &frame(1, &icmp)).expect("an ICMP packet");
        assert_eq!(
            packet.kind,
            Kind::PortUnreachable {
                original: ("127.0.0.1:40000".parse().unwrap(), "127.0.0.2:7852".parse().unwrap())
            }
        );
    }

    #[test]
    fn packets_and_lines_go_in_one_order_without_the_pure_acks() {
        let tcp = |from: u16, to: u16, flags: u8, stamp: u64| Packet {
            at: Duration::ZERO,
            stamp,
            from: SocketAddr::from(([127, 0, 0, 1], from)),
            to: SocketAddr::from(([127, 0, 0, 1], to)),
            kind: Kind::Tcp {
                flags: Flags {
                    fin: flags & 0x01 != 0,
                    syn: flags & 0x02 != 0,
                    rst: flags & 0x04 != 0,
                    psh: flags & 0x08 != 0,
                    ack: flags & 0x10 != 0,
                },
                seq: 0,
                ack: 0,
                payload: Vec::new(),
            },
        };
        // SYN, SYN-ACK, the handshake's ACK, a later pure ACK, a FIN.
        let packets = [
            tcp(1, 2, 0x02, 10),
            tcp(2, 1, 0x12, 20),
            tcp(1, 2, 0x10, 30),
            tcp(2, 1, 0x10, 50),
            tcp(1, 2, 0x11, 60),
        ];
        let lines = [(5, "[client] 2 connect".to_string()), (40, "[server] 5 accept".to_string())];
        let shown = interleave(&lines, &packets, |addr| Some(format!("port{}", addr.port())));
        assert_eq!(
            shown,
            [
                "[client] 2 connect",
                "[wire]   port1 > port2 TCP [S]",
                "[wire]   port2 > port1 TCP [S.]",
                "[wire]   port1 > port2 TCP [.]",
                "[server] 5 accept",
                "[wire]   port1 > port2 TCP [F.]",
            ]
        );
    }

    #[test]
    fn bytes_are_written_as_python_writes_them() {
        assert_eq!(literal(b"a\n\xe8"), "b'a\\n\\xe8'");
        assert_eq!(literal(&[b'x'; 50]), format!("b'{}'...", "x".repeat(48)));
    }
}
