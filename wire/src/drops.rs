//! The packets a firewall rule dropped, each one reported by the rule itself.
//!
//! A packet socket ([`crate::Capture`]) sees a packet on loopback as it is
//! sent and again as it comes in, both times before any firewall rule of the
//! receiving side has looked at it: a capture cannot tell a dropped packet
//! from a delivered one. So a rule that drops also reports what it drops
//! (nftables' `log group N drop`) to the kernel's packet log (NFLOG), and
//! [`Drops`] reads that log on a netlink socket: each packet it returns was
//! dropped, by that rule, before any socket could receive it.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

use crate::{Packet, Recorded};

/// The packets dropped by the rules that log to one NFLOG group, from
/// [`Drops::start`] to [`Drops::stop`].
pub struct Drops {
    done: Arc<AtomicBool>,
    reader: Option<JoinHandle<io::Result<()>>>,
    dropped: Recorded,
}

impl Drops {
    /// Starts reading what the rules logging to `group` drop (needs
    /// `CAP_NET_ADMIN` in the network namespace: root, or a namespace of one's own).
    pub fn start(group: u16) -> io::Result<Drops> {
        let done = Arc::new(AtomicBool::new(false));
        let dropped = Recorded::default();
        let reader = nflog::start(group, Arc::clone(&done), dropped.clone())?;
        Ok(Drops { done, reader: Some(reader), dropped })
    }

    /// The packets reported dropped so far, in order: a copy, for a program
    /// that shows them as they come (the lab).
    pub fn so_far(&self) -> Vec<Packet> {
        self.dropped.so_far()
    }

    /// Stops reading, once every report already made has been read, and
    /// returns the dropped packets in the order they were dropped, each
    /// stamped (`stamp`, on the programs' monotonic clock) when its report
    /// was read: at the drop or a little after, never before.
    pub fn stop(mut self) -> io::Result<Vec<Packet>> {
        self.done.store(true, Ordering::SeqCst);
        let reader = self.reader.take().expect("stopped once");
        reader.join().unwrap_or_else(|_| Err(io::Error::other("the drop log's reader panicked")))?;
        Ok(self.dropped.take())
    }
}

impl Drop for Drops {
    fn drop(&mut self) {
        self.done.store(true, Ordering::SeqCst);
    }
}

#[cfg(target_os = "linux")]
mod nflog {
    use std::io;
    use std::os::fd::{AsRawFd, OwnedFd};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::thread::{self, JoinHandle};
    use std::time::Duration;

    use nix::errno::Errno;
    use nix::sys::socket::{
        AddressFamily, MsgFlags, NetlinkAddr, SockFlag, SockProtocol, SockType, bind, recv, sendto,
        setsockopt, socket, sockopt,
    };
    use nix::sys::time::{TimeVal, TimeValLike};
    use nix::time::{ClockId, clock_gettime};

    use crate::{Packet, Recorded};

    /// `NFNL_SUBSYS_ULOG << 8`: the packet log's messages.
    const ULOG: u16 = 4 << 8;
    const MSG_PACKET: u16 = 0;
    const MSG_CONFIG: u16 = 1;
    const NLM_F_REQUEST: u16 = 1;
    const NLM_F_ACK: u16 = 4;
    const NLMSG_ERROR: u16 = 2;
    /// Configuration attributes: a command, the copy mode, the queue threshold.
    const CFG_CMD: u16 = 1;
    const CFG_MODE: u16 = 2;
    const CFG_QTHRESH: u16 = 4;
    const CMD_BIND: u8 = 1;
    /// Copy the whole packet (up to the range given).
    const COPY_PACKET: u8 = 2;
    /// A logged packet's attributes: the packet itself (from its IP header).
    const PACKET_PAYLOAD: u16 = 9;
    /// How long one read waits (see `Capture`'s reader).
    const QUIET_MS: i64 = 50;

    pub(super) fn start(
        group: u16,
        done: Arc<AtomicBool>,
        dropped: Recorded,
    ) -> io::Result<JoinHandle<io::Result<()>>> {
        let socket = socket(
            AddressFamily::Netlink,
            SockType::Raw,
            SockFlag::SOCK_CLOEXEC,
            SockProtocol::NetlinkNetFilter,
        )?;
        bind(socket.as_raw_fd(), &NetlinkAddr::new(0, 0))?;
        setsockopt(&socket, sockopt::ReceiveTimeout, &TimeVal::milliseconds(QUIET_MS))?;
        let _ = setsockopt(&socket, sockopt::RcvBuf, &(4 << 20));
        // Bind the group; copy whole packets; hand each one over at once (a
        // queue threshold of 1), not in batches of a hundred or once a second.
        let mut mode = 0xffff_u32.to_be_bytes().to_vec();
        mode.extend_from_slice(&[COPY_PACKET, 0]);
        configure(&socket, group, &[(CFG_CMD, vec![CMD_BIND])])?;
        configure(&socket, group, &[(CFG_MODE, mode), (CFG_QTHRESH, 1_u32.to_be_bytes().to_vec())])?;
        thread::Builder::new().name("wire drops".into()).spawn(move || read_all(&socket, &done, &dropped))
    }

    /// Sends one configuration message for `group` and waits for its acknowledgement.
    fn configure(socket: &OwnedFd, group: u16, attributes: &[(u16, Vec<u8>)]) -> io::Result<()> {
        // The netfilter header: AF_UNSPEC (every family), version 0, the group.
        let mut body = vec![0, 0];
        body.extend_from_slice(&group.to_be_bytes());
        for (kind, value) in attributes {
            let length = 4 + value.len();
            body.extend_from_slice(&(length as u16).to_ne_bytes());
            body.extend_from_slice(&kind.to_ne_bytes());
            body.extend_from_slice(value);
            body.resize(body.len().next_multiple_of(4), 0);
        }
        let mut message = Vec::new();
        message.extend_from_slice(&((16 + body.len()) as u32).to_ne_bytes());
        message.extend_from_slice(&(ULOG | MSG_CONFIG).to_ne_bytes());
        message.extend_from_slice(&(NLM_F_REQUEST | NLM_F_ACK).to_ne_bytes());
        message.extend_from_slice(&[0; 8]); // sequence number, port id
        message.extend_from_slice(&body);
        sendto(socket.as_raw_fd(), &message, &NetlinkAddr::new(0, 0), MsgFlags::empty())?;
        let mut answer = vec![0; 8192];
        let n = recv(socket.as_raw_fd(), &mut answer, MsgFlags::empty())?;
        for (kind, payload) in messages(&answer[..n]) {
            if kind == NLMSG_ERROR && payload.len() >= 4 {
                let code = i32::from_ne_bytes([payload[0], payload[1], payload[2], payload[3]]);
                if code != 0 {
                    return Err(io::Error::from_raw_os_error(-code));
                }
            }
        }
        Ok(())
    }

    /// The netlink messages in a buffer: (type, payload).
    fn messages(mut buffer: &[u8]) -> Vec<(u16, &[u8])> {
        let mut found = Vec::new();
        while buffer.len() >= 16 {
            let length = u32::from_ne_bytes([buffer[0], buffer[1], buffer[2], buffer[3]]) as usize;
            if length < 16 || length > buffer.len() {
                break;
            }
            found.push((u16::from_ne_bytes([buffer[4], buffer[5]]), &buffer[16..length]));
            buffer = &buffer[length.next_multiple_of(4).min(buffer.len())..];
        }
        found
    }

    /// The attributes after a message's 4-byte netfilter header: (type, value).
    fn attributes(payload: &[u8]) -> Vec<(u16, &[u8])> {
        let mut found = Vec::new();
        let mut rest = payload.get(4..).unwrap_or_default();
        while rest.len() >= 4 {
            let length = u16::from_ne_bytes([rest[0], rest[1]]) as usize;
            if length < 4 || length > rest.len() {
                break;
            }
            found.push((u16::from_ne_bytes([rest[2], rest[3]]) & 0x3fff, &rest[4..length]));
            rest = &rest[length.next_multiple_of(4).min(rest.len())..];
        }
        found
    }

    /// Reads reports until `done` is set and nothing is left to read. A drop
    /// is stamped when it is read: the report is made as the rule drops, and
    /// read at once (a queue threshold of 1), so the stamp is the drop's time
    /// or a little after, never before.
    fn read_all(socket: &OwnedFd, done: &AtomicBool, dropped: &Recorded) -> io::Result<()> {
        let mut buffer = vec![0; 1 << 17];
        loop {
            let n = match recv(socket.as_raw_fd(), &mut buffer, MsgFlags::empty()) {
                Ok(n) => n,
                Err(Errno::EAGAIN | Errno::EINTR) if !done.load(Ordering::SeqCst) => continue,
                Err(Errno::EAGAIN) => return Ok(()),
                Err(Errno::EINTR) => continue,
                Err(err) => return Err(err.into()),
            };
            let now = Duration::from(clock_gettime(ClockId::CLOCK_MONOTONIC)?);
            for (kind, payload) in messages(&buffer[..n]) {
                if kind != ULOG | MSG_PACKET {
                    continue;
                }
                let Some((_, ip)) = attributes(payload).into_iter().find(|(kind, _)| *kind == PACKET_PAYLOAD)
                else {
                    continue;
                };
                // A frame around it, as the capture's packets have.
                let mut frame = vec![0; 12];
                frame.extend_from_slice(if ip.first().is_some_and(|b| b >> 4 == 6) {
                    &[0x86, 0xdd]
                } else {
                    &[8, 0]
                });
                frame.extend_from_slice(ip);
                if let Some(packet) = Packet::parse(Duration::ZERO, &frame) {
                    dropped.push(Packet { stamp: now.as_nanos() as u64, ..packet });
                }
            }
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod nflog {
    use std::io;
    use std::sync::Arc;
    use std::sync::atomic::AtomicBool;
    use std::thread::JoinHandle;

    use crate::Recorded;

    pub(super) fn start(
        _group: u16,
        _done: Arc<AtomicBool>,
        _dropped: Recorded,
    ) -> io::Result<JoinHandle<io::Result<()>>> {
        Err(io::Error::new(io::ErrorKind::Unsupported, "the kernel's packet log (NFLOG) is Linux's"))
    }
}
