//! The packets of a run as a learner reads them between the two columns:
//! `SYN`, `SYN-ACK`, `ACK`, `5 bytes`, `FIN`, `RST`, `UDP 15 bytes`, `ICMP
//! port unreachable`, each from the side that sent it, put in one order with
//! the programs' lines.
//!
//! The order is the stamps' order. A line is stamped (`shared::stamp`, the
//! machine's monotonic clock) when its program writes it, and a program
//! writes the line of a call that sends before the call; a packet is stamped
//! by the kernel while the call sends it, on the same clock once `wire`
//! has converted it (see `wire::Capture::stop`, which checks that the
//! conversion held for the whole run). So a send's line comes before its
//! packet, and the packet before the line of the read it lets return.

use std::collections::HashSet;
use std::net::SocketAddr;

use shared::tr;
use wire::{Flags, Kind, Packet};

use crate::layout::Side;
use crate::run::{Outcome, Said};

/// One entry of the run, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A line a program printed.
    Line { side: Side, text: String },
    /// A packet: who sent it, what it was (`SYN`, `5 bytes`), and whether
    /// the lab's loss rule dropped it before it arrived.
    Packet { from: Side, label: String, lost: bool },
}

/// The lines and the packets of `outcome` in one order.
pub fn entries(outcome: &Outcome) -> Vec<Entry> {
    merge(&outcome.lines, &outcome.packets, &outcome.lost, outcome.server.port())
}

/// Programs' lines and packets in one order: `lost` says which packets (by
/// index) the lab's loss rule dropped, `server` is the server's port (its
/// packets are the server's; every other one is a client's).
pub fn merge(lines: &[Said], packets: &[Packet], lost: &HashSet<usize>, server: u16) -> Vec<Entry> {
    let mut all: Vec<(u64, u64, Entry)> = lines
        .iter()
        .map(|Said { stamp, read, side, text }| {
            (*stamp, *read, Entry::Line { side: *side, text: text.clone() })
        })
        .collect();
    let mut seen: HashSet<(SocketAddr, u32, Vec<u8>, bool, bool)> = HashSet::new();
    let mut handshakes: Vec<(SocketAddr, SocketAddr)> = Vec::new();
    let mut fins: Vec<(SocketAddr, u32)> = Vec::new();
    for (index, packet) in packets.iter().enumerate() {
        let from = side_of(packet, server);
        let is_lost = lost.contains(&index);
        let Some(mut label) = label(packet, &mut handshakes, &mut fins, is_lost) else { continue };
        if let Kind::Tcp { flags, seq, payload, .. } = &packet.kind {
            let key = (packet.from, *seq, payload.clone(), flags.syn, flags.fin);
            let carries = flags.syn || flags.fin || !payload.is_empty();
            if carries && !seen.insert(key) {
                label = tr!("lab-resent", what = label);
            }
        }
        if is_lost {
            label = tr!("lab-lost", what = label);
        }
        // Packets come after the lines of the same stamp: the line was written first.
        all.push((packet.stamp, u64::MAX, Entry::Packet { from, label, lost: is_lost }));
    }
    all.sort_by_key(|(stamp, read, _)| (*stamp, *read));
    all.into_iter().map(|(_, _, entry)| entry).collect()
}

/// Which side sent a packet: the server's port is the server's; an ICMP
/// error comes from the host of the datagram it answers.
fn side_of(packet: &Packet, server: u16) -> Side {
    let port = match &packet.kind {
        Kind::PortUnreachable { original } => original.1.port(),
        _ => packet.from.port(),
    };
    if port == server { Side::Server } else { Side::Client }
}

/// What a packet is, in a word or two; `None` for one a learner does not
/// look for: an acknowledgement alone, except the one that ends a handshake
/// and one that acknowledges a FIN (on loopback, when and whether other
/// lone ACKs are sent varies from run to run). A lost one is always shown.
fn label(
    packet: &Packet,
    handshakes: &mut Vec<(SocketAddr, SocketAddr)>,
    fins: &mut Vec<(SocketAddr, u32)>,
    lost: bool,
) -> Option<String> {
    match &packet.kind {
        Kind::Tcp { flags, seq, ack, payload } => {
            let Flags { syn, fin, rst, ack: acks, .. } = *flags;
            if syn && acks {
                handshakes.push((packet.to, packet.from));
            }
            if fin {
                fins.push((packet.to, seq.wrapping_add(payload.len() as u32).wrapping_add(1)));
            }
            let mut words = Vec::new();
            if syn {
                words.push(if acks { "SYN-ACK".to_string() } else { "SYN".to_string() });
            }
            if !payload.is_empty() {
                words.push(tr!("lab-bytes", count = payload.len()));
            }
            if fin {
                words.push("FIN".to_string());
            }
            if rst {
                words.push("RST".to_string());
            }
            if words.is_empty() {
                // A lone ACK: the handshake's last, one of a FIN, or (lost) any.
                let ends_handshake = handshakes.contains(&(packet.from, packet.to));
                handshakes.retain(|ends| *ends != (packet.from, packet.to));
                let of_fin = fins.contains(&(packet.from, *ack));
                fins.retain(|(to, number)| (*to, *number) != (packet.from, *ack));
                return match (ends_handshake, of_fin, lost) {
                    (true, _, _) => Some("ACK".to_string()),
                    (_, true, _) => Some(tr!("lab-ack-of-fin")),
                    (_, _, true) => Some("ACK".to_string()),
                    _ => None,
                };
            }
            Some(words.join(" + "))
        }
        Kind::Udp { payload } => Some(tr!("lab-datagram", count = payload.len())),
        Kind::PortUnreachable { .. } => Some(tr!("lab-port-unreachable")),
        Kind::Other => None,
    }
}
