//! Recording the packets of one network namespace, on a packet socket.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

use crate::{Packet, Recorded};

/// A recording of every packet that crosses the interfaces of the network
/// namespace it was started in, from [`Capture::start`] to [`Capture::stop`].
pub struct Capture {
    done: Arc<AtomicBool>,
    reader: Option<JoinHandle<io::Result<()>>>,
    packets: Recorded,
    /// How the kernel's time stamps were turned into the programs' clock.
    clocks: linux::Clocks,
}

impl Capture {
    /// Starts recording. Every packet sent after this returns is recorded
    /// (the socket is open and queueing before it returns). Needs
    /// `CAP_NET_RAW` in the namespace: root, or a namespace of one's own.
    pub fn start() -> io::Result<Capture> {
        let done = Arc::new(AtomicBool::new(false));
        let packets = Recorded::default();
        let (reader, clocks) = linux::start(Arc::clone(&done), packets.clone())?;
        Ok(Capture { done, reader: Some(reader), packets, clocks })
    }

    /// The packets recorded so far, in the order the kernel saw them: a copy,
    /// for a program that shows them as they come (the lab). Each is read
    /// within a moment of being sent.
    pub fn so_far(&self) -> Vec<Packet> {
        self.packets.so_far()
    }

    /// Stops recording, once every packet already sent has been read, and
    /// returns them in the order the kernel saw them. An error if the
    /// machine's wall clock was set while recording: the packets' stamps
    /// ([`Packet::stamp`]) would then be wrong (see `Clocks`).
    pub fn stop(mut self) -> io::Result<Vec<Packet>> {
        self.done.store(true, Ordering::SeqCst);
        let reader = self.reader.take().expect("stopped once");
        reader.join().unwrap_or_else(|_| Err(io::Error::other("the capture's reader panicked")))?;
        self.clocks.still_true()?;
        Ok(self.packets.take())
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
    use std::net::UdpSocket;
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

    use crate::{Packet, Recorded};

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
    pub(super) fn start(
        done: Arc<AtomicBool>,
        packets: Recorded,
    ) -> io::Result<(JoinHandle<io::Result<()>>, Clocks)> {
        let probe = stamps_on()?;
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
        let reader = thread::Builder::new().name("wire capture".into()).spawn(move || {
            let _stamps_stay_on = probe;
            read_all(&socket, clocks, &done, &packets)
        })?;
        Ok((reader, clocks))
    }

    /// How long the kernel may take to start stamping packets.
    const STAMPS_LIMIT: Duration = Duration::from_secs(3);

    /// Turns the kernel's time stamps on and waits until they are on. The
    /// first socket on the machine to ask for them (`SO_TIMESTAMPNS`) does not
    /// turn them on at once: the kernel does it a moment later, in a work item
    /// of its own (`net_enable_timestamp`), which a busy machine runs late.
    /// Until then a frame is stamped when the capture *reads* it, later than
    /// it was sent, and would be put after the lines of the calls it made
    /// return. So a probe (a UDP socket sending to itself on loopback, before
    /// the capture opens: the capture never sees it) asks for time stamps,
    /// and sends until a datagram comes stamped before it is read. The probe
    /// stays open while the capture runs, which keeps the stamps on.
    fn stamps_on() -> io::Result<UdpSocket> {
        let probe = UdpSocket::bind("127.0.0.1:0")?;
        setsockopt(&probe, sockopt::ReceiveTimestampns, &true)?;
        probe.connect(probe.local_addr()?)?;
        probe.set_read_timeout(Some(Duration::from_millis(200)))?;
        let started = std::time::Instant::now();
        let mut buffer = [0; 16];
        let mut control = nix::cmsg_space!(TimeSpec);
        loop {
            if probe.send(b"probe").is_err() {
                return Ok(probe); // no loopback here: nothing to capture on it either
            }
            std::thread::sleep(Duration::from_millis(2));
            let before_read = Duration::from(clock_gettime(ClockId::CLOCK_REALTIME)?);
            let mut iov = [IoSliceMut::new(&mut buffer)];
            let received = recvmsg::<()>(probe.as_raw_fd(), &mut iov, Some(&mut control), MsgFlags::empty());
            let stamped = match received {
                Ok(message) => message.cmsgs().ok().and_then(|mut cmsgs| {
                    cmsgs.find_map(|cmsg| match cmsg {
                        ControlMessageOwned::ScmTimestampns(seen) => Some(Duration::from(seen)),
                        _ => None,
                    })
                }),
                Err(_) => return Ok(probe), // the datagram did not come back: nothing to wait for
            };
            if stamped.is_some_and(|stamped| stamped < before_read) {
                return Ok(probe);
            }
            if started.elapsed() > STAMPS_LIMIT {
                return Err(io::Error::other(
                    "the kernel did not start stamping packets within 3 s: their order with the programs' lines cannot be known",
                ));
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// The two clocks, read at the start. The kernel stamps a frame
    /// (`SO_TIMESTAMPNS`) with the wall clock, `CLOCK_REALTIME`; the course's
    /// programs stamp their lines with `CLOCK_MONOTONIC` (`shared::stamp`).
    /// A packet is put on the programs' clock by subtracting the difference
    /// of the two clocks, measured here. That is exact, not an estimate:
    /// Linux keeps the wall clock as the monotonic clock plus an offset, and
    /// the offset changes only when the clock is *set* (`clock_settime`,
    /// `settimeofday`, a step of NTP, a leap second). NTP's slewing speeds
    /// both clocks up or slows them down alike and leaves the offset as it is.
    /// [`Clocks::still_true`] measures the offset again when the capture
    /// stops: if it is the same, no set happened in between, and every
    /// packet's stamp is on the programs' clock to within the measurement
    /// error (the time between two clock reads, well under a microsecond,
    /// against the microseconds between a line's stamp and the system call
    /// it announces). If it changed, the capture says so instead of lying.
    #[derive(Clone, Copy)]
    pub(super) struct Clocks {
        monotonic: Duration,
        realtime: Duration,
        /// How far off the offset may be: half the time between the reads.
        error: Duration,
    }

    impl Clocks {
        /// Reads monotonic, wall, monotonic, and keeps the tightest of a
        /// few tries: the wall clock was read between the two monotonic reads.
        pub(super) fn now() -> io::Result<Clocks> {
            let mut best: Option<Clocks> = None;
            for _ in 0..5 {
                let before = Duration::from(clock_gettime(ClockId::CLOCK_MONOTONIC)?);
                let realtime = Duration::from(clock_gettime(ClockId::CLOCK_REALTIME)?);
                let after = Duration::from(clock_gettime(ClockId::CLOCK_MONOTONIC)?);
                let error = (after - before) / 2;
                let clocks = Clocks { monotonic: before + error, realtime, error };
                if best.is_none_or(|best| clocks.error < best.error) {
                    best = Some(clocks);
                }
            }
            Ok(best.expect("five tries"))
        }

        /// The wall clock minus the monotonic one, in nanoseconds.
        fn offset(&self) -> i128 {
            self.realtime.as_nanos() as i128 - self.monotonic.as_nanos() as i128
        }

        /// Whether the offset measured at the start still holds (see [`Clocks`]).
        pub(super) fn still_true(&self) -> io::Result<()> {
            let now = Clocks::now()?;
            let moved = (now.offset() - self.offset()).unsigned_abs();
            let allowed = (self.error + now.error + Duration::from_micros(1)).as_nanos();
            if moved > allowed {
                return Err(io::Error::other(format!(
                    "the machine's clock was set while the packets were captured (by {} µs): \
                     their times cannot be put in order with the programs' lines; run again",
                    moved / 1000
                )));
            }
            Ok(())
        }

        /// A kernel time stamp as (time since the start, monotonic nanoseconds).
        fn of(&self, seen: TimeSpec) -> (Duration, u64) {
            let since = Duration::from(seen).saturating_sub(self.realtime);
            (since, (self.monotonic + since).as_nanos() as u64)
        }
    }

    /// Reads frames into `packets` until `done` is set and nothing is left to read.
    fn read_all(socket: &OwnedFd, clocks: Clocks, done: &AtomicBool, packets: &Recorded) -> io::Result<()> {
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
                Err(Errno::EAGAIN) => return Ok(()),
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
            if let Some(packet) = Packet::parse(at, &frame[..n]) {
                packets.push(Packet { stamp, ..packet });
            }
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod linux {
    use std::io;
    use std::sync::Arc;
    use std::sync::atomic::AtomicBool;
    use std::thread::JoinHandle;

    use crate::Recorded;

    /// Packet sockets are Linux's; elsewhere there is no capture.
    pub(super) fn start(
        _done: Arc<AtomicBool>,
        _packets: Recorded,
    ) -> io::Result<(JoinHandle<io::Result<()>>, Clocks)> {
        Err(io::Error::new(io::ErrorKind::Unsupported, "capturing packets needs Linux (AF_PACKET)"))
    }

    /// No clocks to compare where nothing is captured.
    #[derive(Clone, Copy)]
    pub(super) struct Clocks;

    impl Clocks {
        pub(super) fn still_true(&self) -> io::Result<()> {
            Ok(())
        }
    }
}
