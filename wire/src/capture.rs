//! Recording the packets of one network namespace, on a packet socket.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

use crate::Packet;

/// A recording of every packet that crosses the interfaces of the network
/// namespace it was started in, from [`Capture::start`] to [`Capture::stop`].
pub struct Capture {
    done: Arc<AtomicBool>,
    reader: Option<JoinHandle<io::Result<Vec<Packet>>>>,
}

impl Capture {
    /// Starts recording. Every packet sent after this returns is recorded
    /// (the socket is open and queueing before it returns). Needs
    /// `CAP_NET_RAW` in the namespace: root, or a namespace of one's own.
    pub fn start() -> io::Result<Capture> {
        let done = Arc::new(AtomicBool::new(false));
        let reader = linux::start(Arc::clone(&done))?;
        Ok(Capture { done, reader: Some(reader) })
    }

    /// Stops recording, once every packet already sent has been read, and
    /// returns them in the order the kernel saw them.
    pub fn stop(mut self) -> io::Result<Vec<Packet>> {
        self.done.store(true, Ordering::SeqCst);
        let reader = self.reader.take().expect("stopped once");
        reader.join().unwrap_or_else(|_| Err(io::Error::other("the capture's reader panicked")))
    }
}

impl Drop for Capture {
    /// A capture dropped without [`Capture::stop`] (a failing test) still ends its thread.
    fn drop(&mut self) {
        self.done.store(true, Ordering::SeqCst);
    }
}

#[cfg(target_os = "linux")]
mod linux {
    use std::io::{self, IoSliceMut};
    use std::os::fd::{AsRawFd, OwnedFd};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::thread::{self, JoinHandle};
    use std::time::Duration;

    use nix::errno::Errno;
    use nix::sys::socket::{
        AddressFamily, ControlMessageOwned, LinkAddr, MsgFlags, SockFlag, SockProtocol, SockType, recvmsg,
        setsockopt, socket, sockopt,
    };
    use nix::sys::time::{TimeSpec, TimeVal, TimeValLike};
    use nix::time::{ClockId, clock_gettime};

    use crate::Packet;

    /// `sll_pkttype` of a frame this namespace sent.
    const PACKET_OUTGOING: u8 = 4;
    /// `sll_hatype` of the loopback interface. Each of its frames is seen
    /// twice, going out and coming in; the going-out copy is kept, because it
    /// is queued here within the sender's own call (the coming-in copy may
    /// wait for the kernel's next round of receive work). A program that has
    /// returned from its call has its packet recorded.
    const ARPHRD_LOOPBACK: u16 = 772;
    /// How long one read waits: after `stop`, a read that waits this long
    /// with nothing to read ends the recording (the kernel's own answers, an
    /// ACK or an RST sent while receiving, come a moment after the call that
    /// caused them).
    const QUIET_MS: i64 = 50;

    /// Opens the packet socket and starts the thread that reads it.
    pub(super) fn start(done: Arc<AtomicBool>) -> io::Result<JoinHandle<io::Result<Vec<Packet>>>> {
        // socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL)): every frame of every
        // interface of this namespace, with its link-layer header.
        let socket =
            socket(AddressFamily::Packet, SockType::Raw, SockFlag::SOCK_CLOEXEC, SockProtocol::EthAll)?;
        setsockopt(&socket, sockopt::ReceiveTimeout, &TimeVal::milliseconds(QUIET_MS))?;
        // SO_TIMESTAMPNS: each frame comes with the time the kernel saw it.
        setsockopt(&socket, sockopt::ReceiveTimestampns, &true)?;
        // Room for a burst (a flood test's thousands of segments) while the reader catches up.
        let _ = setsockopt(&socket, sockopt::RcvBuf, &(8 << 20));
        let clocks = Clocks::now()?;
        thread::Builder::new().name("wire capture".into()).spawn(move || read_all(&socket, clocks, &done))
    }

    /// The two clocks at the start: the kernel stamps frames with the wall
    /// clock; the course's programs stamp their lines with the monotonic one
    /// (`shared::stamp`), and a packet is told in both.
    #[derive(Clone, Copy)]
    struct Clocks {
        monotonic: Duration,
        realtime: Duration,
    }

    impl Clocks {
        fn now() -> io::Result<Clocks> {
            let monotonic = Duration::from(clock_gettime(ClockId::CLOCK_MONOTONIC)?);
            let realtime = Duration::from(clock_gettime(ClockId::CLOCK_REALTIME)?);
            Ok(Clocks { monotonic, realtime })
        }

        /// A kernel time stamp as (time since the start, monotonic nanoseconds).
        fn of(&self, seen: TimeSpec) -> (Duration, u64) {
            let since = Duration::from(seen).saturating_sub(self.realtime);
            (since, (self.monotonic + since).as_nanos() as u64)
        }
    }

    /// Reads frames until `done` is set and nothing is left to read.
    fn read_all(socket: &OwnedFd, clocks: Clocks, done: &AtomicBool) -> io::Result<Vec<Packet>> {
        let mut packets = Vec::new();
        let mut frame = vec![0; 1 << 17];
        let mut control = nix::cmsg_space!(TimeSpec);
        loop {
            let mut iov = [IoSliceMut::new(&mut frame)];
            let received =
                recvmsg::<LinkAddr>(socket.as_raw_fd(), &mut iov, Some(&mut control), MsgFlags::empty());
            let (n, from, seen) = match received {
                Ok(message) => {
                    let seen = message.cmsgs().ok().and_then(|mut cmsgs| {
                        cmsgs.find_map(|cmsg| match cmsg {
                            ControlMessageOwned::ScmTimestampns(seen) => Some(seen),
                            _ => None,
                        })
                    });
                    (message.bytes, message.address, seen)
                }
                Err(Errno::EAGAIN | Errno::EINTR) if !done.load(Ordering::SeqCst) => continue,
                Err(Errno::EAGAIN) => return Ok(packets),
                Err(Errno::EINTR) => continue,
                Err(err) => return Err(err.into()),
            };
            let echo = |from: LinkAddr| from.hatype() == ARPHRD_LOOPBACK && from.pkttype() != PACKET_OUTGOING;
            if from.is_some_and(echo) {
                continue;
            }
            let seen =
                seen.unwrap_or_else(|| clock_gettime(ClockId::CLOCK_REALTIME).unwrap_or(TimeSpec::new(0, 0)));
            let (at, stamp) = clocks.of(seen);
            packets.extend(Packet::parse(at, &frame[..n]).map(|packet| Packet { stamp, ..packet }));
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod linux {
    use std::io;
    use std::sync::Arc;
    use std::sync::atomic::AtomicBool;
    use std::thread::JoinHandle;

    use crate::Packet;

    /// Packet sockets are Linux's; elsewhere there is no capture.
    pub(super) fn start(_done: Arc<AtomicBool>) -> io::Result<JoinHandle<io::Result<Vec<Packet>>>> {
        Err(io::Error::new(io::ErrorKind::Unsupported, "capturing packets needs Linux (AF_PACKET)"))
    }
}
