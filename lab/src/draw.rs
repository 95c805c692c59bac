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
use std::time::Duration;

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
    ordered(lines, packets, lost, server).into_iter().map(|(_, entry)| entry).collect()
}

/// [`merge`], each entry with its stamp.
fn ordered(lines: &[Said], packets: &[Packet], lost: &HashSet<usize>, server: u16) -> Vec<(u64, Entry)> {
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
    all.into_iter().map(|(stamp, _, entry)| (stamp, entry)).collect()
}

/// How long the lab holds what it has read before showing it, while the
/// run goes on: a program's line and a packet reach the lab a moment after
/// they happened (through a pipe, through the capture), and an entry shown
/// must not be overtaken by one that happened before it.
pub const HOLD: Duration = Duration::from_millis(300);

/// The run drawn as it happens: at each look, the entries that can no longer
/// be overtaken, in order. Two things can overtake: anything that happened
/// within [`HOLD`] (not yet read), and the client's `connect` line, which is
/// written when the call returns but stamped before its first SYN: while a
/// client SYN has been seen and the client is still running without having
/// said `connect`, the lab holds everything from that SYN on.
#[derive(Default)]
pub struct Live {
    /// The entries shown so far.
    shown: Vec<Entry>,
}

/// What one look at a run in progress found.
pub struct Look {
    /// The entries to show now, after those shown before.
    pub new: Vec<Entry>,
    /// How many SYNs the client has sent while the lab holds its entries
    /// (its `connect` has not returned yet): 0 when nothing is held for it.
    pub in_connect: usize,
}

impl Live {
    /// Looks at the run so far (`now` on the programs' clock).
    pub fn look(
        &mut self,
        lines: &[Said],
        packets: &[Packet],
        lost: &HashSet<usize>,
        server: u16,
        client_running: bool,
        now: u64,
    ) -> Look {
        let mut until = now.saturating_sub(HOLD.as_nanos() as u64);
        let said_connect =
            lines.iter().any(|said| said.side == Side::Client && step_name(&said.text) == Some("connect"));
        let syns: Vec<&Packet> = packets
            .iter()
            .filter(|packet| {
                side_of(packet, server) == Side::Client && packet.tcp_flags().is_some_and(|f| f.syn && !f.ack)
            })
            .collect();
        let in_connect = if client_running && !said_connect { syns.len() } else { 0 };
        if let Some(first) = syns.first().filter(|_| in_connect > 0) {
            until = until.min(first.stamp.saturating_sub(1));
        }
        let ready: Vec<Entry> = ordered(lines, packets, lost, server)
            .into_iter()
            .take_while(|(stamp, _)| *stamp <= until)
            .map(|(_, entry)| entry)
            .collect();
        let new = ready.get(self.shown.len()..).unwrap_or_default().to_vec();
        self.shown.extend(new.iter().cloned());
        Look { new, in_connect }
    }

    /// At the end, given the whole run in order: what is left to show, or
    /// `None` if something shown was out of its place (the machine was too
    /// busy for [`HOLD`]): then the whole run must be shown again.
    pub fn rest(&self, all: &[Entry]) -> Option<Vec<Entry>> {
        all.starts_with(&self.shown).then(|| all[self.shown.len()..].to_vec())
    }
}

/// The socket call a program's line is the step of: `connect` in
/// `[client] 2 connect      connected to ...`.
fn step_name(text: &str) -> Option<&str> {
    let (_, step) = text.split_once("] ")?;
    let mut words = step.split_whitespace();
    words.next()?.parse::<u8>().ok()?;
    words.next()
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

#[cfg(test)]
mod tests {
    use super::*;
    use wire::Flags;

    const SERVER: &str = "127.0.0.1:9000";
    const CLIENT: &str = "127.0.0.1:50000";
    const MS: u64 = 1_000_000;

    fn line(stamp: u64, side: Side, text: &str) -> Said {
        Said { stamp: stamp * MS, read: stamp, side, text: text.to_string() }
    }

    fn segment(stamp: u64, from: &str, to: &str, syn: bool, ack: bool) -> Packet {
        let flags = Flags { syn, ack, ..Flags::default() };
        let kind = Kind::Tcp { flags, seq: 1, ack: u32::from(ack), payload: Vec::new() };
        Packet {
            at: Duration::ZERO,
            stamp: stamp * MS,
            from: from.parse().unwrap(),
            to: to.parse().unwrap(),
            kind,
        }
    }

    fn texts(entries: &[Entry]) -> Vec<String> {
        entries
            .iter()
            .map(|entry| match entry {
                Entry::Line { text, .. } => text.clone(),
                Entry::Packet { label, .. } => label.clone(),
            })
            .collect()
    }

    #[test]
    fn a_client_inside_connect_holds_its_syn_until_its_connect_line_comes() {
        shared::lang::choose(Some(shared::lang::Lang::En), &[&crate::TEXTS]);
        let mut live = Live::default();
        let mut lines = vec![line(1, Side::Client, "[client] 1 socket      TCP socket")];
        let mut packets = vec![segment(10, CLIENT, SERVER, true, false)];
        let none = HashSet::new();
        // A second later: the socket line is shown, the SYN held (connect has not returned).
        let look = live.look(&lines, &packets, &none, 9000, true, 1000 * MS);
        assert_eq!(texts(&look.new), ["[client] 1 socket      TCP socket"]);
        assert_eq!(look.in_connect, 1);
        packets.push(segment(1010, CLIENT, SERVER, true, false));
        let look = live.look(&lines, &packets, &none, 9000, true, 2000 * MS);
        assert!(look.new.is_empty());
        assert_eq!(look.in_connect, 2, "the resent SYN counted");
        // The handshake completes: the connect line, stamped before the first SYN, comes.
        packets.push(segment(2000, SERVER, CLIENT, true, true));
        packets.push(segment(2001, CLIENT, SERVER, false, true));
        lines.push(line(5, Side::Client, "[client] 2 connect     connected"));
        let look = live.look(&lines, &packets, &none, 9000, true, 3000 * MS);
        assert_eq!(
            texts(&look.new),
            ["[client] 2 connect     connected", "SYN", "SYN (resent)", "SYN-ACK", "ACK"]
        );
        assert_eq!(look.in_connect, 0);
        assert_eq!(live.rest(&merge(&lines, &packets, &none, 9000)), Some(Vec::new()));
    }

    #[test]
    fn what_happened_within_the_hold_waits_and_what_overtakes_is_caught() {
        let mut live = Live::default();
        let mut lines = vec![line(100, Side::Server, "[server] 4 listen")];
        let none = HashSet::new();
        let hold = HOLD.as_nanos() as u64;
        let look = live.look(&lines, &[], &none, 9000, true, 100 * MS + hold - 1);
        assert!(look.new.is_empty(), "shown before the hold was over");
        let look = live.look(&lines, &[], &none, 9000, true, 100 * MS + hold);
        assert_eq!(texts(&look.new), ["[server] 4 listen"]);
        // A line that happened before one already shown, read too late: the
        // end must show the run again.
        lines.push(line(50, Side::Client, "[client] 1 socket"));
        live.look(&lines, &[], &none, 9000, true, 1000 * MS);
        assert_eq!(live.rest(&merge(&lines, &[], &none, 9000)), None);
    }
}
