//! Addresses, the lessons' small protocol lines, and wrappers around a socket
//! call: one that makes it again after a signal ([`retry`]), and two that
//! bound a whole reply, written ([`write_all_within`]) or read ([`read_by`]).

use std::io::{self, Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

use shared::Narrator;
use shared::explain::{Call, Explain, Failure};

/// Every address `--host` and `--port` stand for, in the system's order, at
/// least one: a client tries each in turn until one answers, as Python's
/// `socket.create_connection` and std's `TcpStream::connect` do; a server
/// binds the one [`bind_choice`] picks. A failure is marked as the name
/// lookup's (`getaddrinfo`), to be explained.
pub fn resolve_all(host: &str, port: u16) -> Result<Vec<SocketAddr>, Failure> {
    (host, port)
        .to_socket_addrs()
        .map(|addrs| addrs.collect::<Vec<_>>())
        .and_then(|addrs| match addrs.is_empty() {
            true => Err(io::Error::new(io::ErrorKind::NotFound, tr!("shared-name-has-no-address"))),
            false => Ok(addrs),
        })
        .explain(Call::Resolve, format_args!("{host}:{port}"))
}

/// Makes `attempt` with each of `addrs` in turn until one succeeds, as
/// Python's `socket.create_connection` does, and returns what it made and the
/// address it reached. The attempt is the lesson's own calls (socket and
/// connect, each with its step), so they stay in the lesson's file; this is
/// only the going round: a failure with an address still to try is reported
/// and the next one tried, and the last address's failure is the result.
pub fn try_each_address<T>(
    say: &Narrator,
    addrs: &[SocketAddr],
    mut attempt: impl FnMut(SocketAddr) -> Result<T, Failure>,
) -> Result<(T, SocketAddr), Failure> {
    let (&last, others) = addrs.split_last().expect("a name stands for at least one address");
    for &addr in others {
        match attempt(addr) {
            Ok(made) => return Ok((made, addr)),
            Err(failure) => say.report(&failure), // try the next address
        }
    }
    attempt(last).map(|made| (made, last))
}

/// The address a server binds among those `--host` stands for, and what it
/// says about the choice when `--host` was a name.
///
/// A name may stand for an IPv6 address first: `localhost` is `::1`, then
/// `127.0.0.1`, on Fedora and macOS. The articles' `socket.socket()` is an
/// AF_INET socket, so Python's `bind(('localhost', port))` looks the name up
/// for IPv4 only and binds 127.0.0.1. A server binds the name's first IPv4
/// address too, so that the default clients and the Python ones (all IPv4)
/// reach it. A name with no IPv4 address: its first (Python's AF_INET socket
/// could not bind it at all).
pub fn bind_choice(addrs: &[SocketAddr]) -> (SocketAddr, String) {
    let ipv6 = addrs.iter().filter(|addr| addr.is_ipv6()).map(SocketAddr::to_string).collect::<Vec<_>>();
    match addrs.iter().find(|addr| addr.is_ipv4()) {
        Some(&ipv4) if ipv6.is_empty() => (ipv4, tr!("shared-bind-ipv4", addr = ipv4.to_string())),
        Some(&ipv4) => {
            let skipped = ipv6.join(", ");
            (ipv4, tr!("shared-bind-ipv4-not-ipv6", addr = ipv4.to_string(), skipped = skipped))
        }
        None => (addrs[0], tr!("shared-bind-ipv6-only", addr = addrs[0].to_string())),
    }
}

/// How long a UDP client waits for a reply at the next of the addresses
/// `--host` stands for: what is left of `timeout` since `started`, shared
/// evenly among the `untried` addresses (this one among them), so that all
/// of them together wait no longer than `timeout`. UDP has no handshake that
/// could be refused: silence is most often the only sign that nobody is there.
pub fn share_of(timeout: Duration, started: Instant, untried: usize) -> Duration {
    let untried = u32::try_from(untried.max(1)).unwrap_or(u32::MAX);
    timeout.saturating_sub(started.elapsed()) / untried
}

/// What a UDP client says when it leaves `server`, which did not answer, for
/// the next address `--host` stands for: that it was silent for its `share`
/// of `--timeout`, or the failure itself.
pub fn udp_moving_on(say: &Narrator, failure: &Failure, server: SocketAddr, share: Duration) {
    match failure.io_error().is_some_and(is_timeout) {
        true => {
            say.notice(tr!("shared-udp-silent-next", addr = server.to_string(), share = share_shown(share)))
        }
        false => {
            say.report(failure);
            say.notice(tr!("shared-udp-failed-next"));
        }
    }
}

/// A UDP client's failure when the last of the addresses it `tried` did not
/// answer either: silence after several addresses is a timeout that names
/// them all; anything else is the last address's own failure.
pub fn udp_none_answered(failure: Failure, tried: &[SocketAddr]) -> Failure {
    match failure {
        Failure::Call { call, err, .. } if tried.len() >= 2 && is_timeout(&err) => {
            let addr = tried.iter().map(SocketAddr::to_string).collect::<Vec<_>>().join(", ");
            Failure::Call { call, addr, err: io::ErrorKind::TimedOut.into(), hint: None }
        }
        failure => failure,
    }
}

/// A duration as a learner would write it on the command line, and as the
/// idle notice sends it (the same in every language): `3 s`, `0.5 s`.
pub fn seconds(duration: Duration) -> String {
    format!("{} s", duration.as_secs_f64())
}

/// A share of a timeout as a person reads it: to the hundredth of a second.
pub fn share_shown(share: Duration) -> String {
    shared::explain::seconds_shown(Duration::from_millis(share.as_millis().div_ceil(10) as u64 * 10))
}

/// How the line a lesson 4, 5 or 6 server sends a client that stayed silent
/// for `--idle-timeout` starts, so that a client can tell it from a reply.
pub const IDLE_PREFIX: &str = "idle:";

/// The local address a client socket binds before it sends to `server`.
///
/// Python's first `sendto` binds the socket implicitly; std asks us to. Port 0
/// lets the system choose a free (ephemeral) port. A client of a server on this
/// machine binds the loopback address, so nothing outside can reach it; a client
/// of another machine binds every interface, as Python does.
pub fn client_bind_addr(server: SocketAddr) -> SocketAddr {
    let ip: IpAddr = match (server.ip().is_loopback(), server) {
        (true, SocketAddr::V4(_)) => Ipv4Addr::LOCALHOST.into(),
        (true, SocketAddr::V6(_)) => Ipv6Addr::LOCALHOST.into(),
        (false, SocketAddr::V4(_)) => Ipv4Addr::UNSPECIFIED.into(),
        (false, SocketAddr::V6(_)) => Ipv6Addr::UNSPECIFIED.into(),
    };
    SocketAddr::new(ip, 0)
}

/// An address as Python prints the tuple `accept()` returns, `('127.0.0.1', 54321)`,
/// so a reply that quotes it is byte for byte what the article's server sends.
pub fn python_address(addr: SocketAddr) -> String {
    match addr {
        SocketAddr::V4(v4) => format!("('{}', {})", v4.ip(), v4.port()),
        SocketAddr::V6(v6) => format!("('{}', {}, {}, {})", v6.ip(), v6.port(), v6.flowinfo(), v6.scope_id()),
    }
}

/// How a lesson 5 server that has reached `--max-clients` starts the one line
/// it sends before closing, so that a client can tell "busy" from a greeting.
pub const BUSY_PREFIX: &str = "busy:";

/// How long a server waits for one client: each read at most `--idle-timeout`,
/// the whole conversation at most `--conversation-limit`, so that neither a
/// silent client nor one that trickles a byte at a time can hold the server.
#[derive(Debug, Clone, Copy)]
pub struct Patience {
    idle: Option<Duration>,
    limit: Option<Duration>,
    started: Instant,
}

impl Patience {
    /// The patience for a conversation starting now.
    pub fn new(idle: Option<Duration>, limit: Option<Duration>) -> Patience {
        Patience { idle, limit, started: Instant::now() }
    }

    /// The read timeout for the next read: the idle limit, cut to what is left
    /// of the conversation (at least a millisecond, the least a timeout may
    /// be); `None` when the server waits as long as it takes.
    pub fn next_read(&self) -> Option<Duration> {
        let left = self
            .limit
            .map(|limit| limit.saturating_sub(self.started.elapsed()).max(Duration::from_millis(1)));
        match (self.idle, left) {
            (Some(idle), Some(left)) => Some(idle.min(left)),
            (idle, left) => idle.or(left),
        }
    }

    /// Makes `read` unless the conversation has passed its limit: then it ends
    /// as if the read had timed out, however fast the client sends.
    pub fn unless_ran_out<T>(&self, read: impl FnOnce() -> io::Result<T>) -> io::Result<T> {
        match self.limit {
            Some(limit) if self.started.elapsed() >= limit => Err(io::ErrorKind::TimedOut.into()),
            _ => read(),
        }
    }

    /// Whether a read that timed out means the server has run out of patience.
    pub fn is_limited(&self) -> bool {
        self.idle.is_some() || self.limit.is_some()
    }

    /// The line the server sends before closing, saying which limit ran out;
    /// it starts with [`IDLE_PREFIX`], so a client can tell it from a reply.
    /// It crosses the wire, so it is English in every language.
    pub fn notice(&self) -> String {
        match self.limit {
            Some(limit) if self.started.elapsed() >= limit => format!(
                "{IDLE_PREFIX} this conversation reached its limit of {} (--conversation-limit); closing the connection\n",
                seconds(limit)
            ),
            _ => format!(
                "{IDLE_PREFIX} nothing received for {} (--idle-timeout); closing the connection\n",
                seconds(self.idle.unwrap_or_default())
            ),
        }
    }
}

/// A client's failure for the server's [`Patience::notice`]: the server ran
/// out of patience and closed, and said which limit ran out.
pub fn idle_notice(line: &[u8]) -> Failure {
    // Printed as one line, whatever the peer sent: the narrator escapes a
    // cause's control characters.
    let said = String::from_utf8_lossy(line).trim_end().to_string();
    Failure::other(tr!("shared-server-closed-saying", said = said), tr!("shared-server-closed-saying-hint"))
}

/// Makes a blocking call again when a signal interrupted it. On Linux, Ctrl-Z
/// and then `fg` make a read with a timeout fail with `EINTR`; Python retries
/// such calls by itself (PEP 475), and so do the lessons.
pub fn retry<T>(mut call: impl FnMut() -> io::Result<T>) -> io::Result<T> {
    loop {
        match call() {
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            done => return done,
        }
    }
}

/// Writes all of `data` to `stream` within `limit` in all, measured from the
/// start: `SO_SNDTIMEO` alone bounds each `send`, and a peer that takes a few
/// hundred bytes now and then would let every `send` finish just in time and
/// hold the writer for as long as it likes. A write that runs out of time
/// fails as a timeout (`TimedOut`), whatever part of `data` was sent.
pub fn write_all_within(stream: &mut TcpStream, mut data: &[u8], limit: Duration) -> io::Result<()> {
    let deadline = Instant::now() + limit;
    while !data.is_empty() {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        stream.set_write_timeout(Some(left))?;
        match stream.write(data) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => data = &data[n..],
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            Err(err) if is_timeout(&err) => return Err(io::ErrorKind::TimedOut.into()),
            Err(err) => return Err(err),
        }
    }
    Ok(())
}

/// Reads once from `stream`, waiting no later than `deadline`: one read of a
/// reply that must come whole by then, however its bytes are paced. A read
/// that runs out of time, or is asked for after the deadline, fails as a
/// timeout; one that a signal interrupts is made again.
pub fn read_by(stream: &mut TcpStream, buf: &mut [u8], deadline: Instant) -> io::Result<usize> {
    let left = deadline.saturating_duration_since(Instant::now());
    if left.is_zero() {
        return Err(io::ErrorKind::TimedOut.into());
    }
    stream.set_read_timeout(Some(left))?;
    retry(|| stream.read(buf))
}

/// Whether `err` is a read that gave up after its timeout (Unix says
/// `WouldBlock`, Windows `TimedOut`).
pub fn is_timeout(err: &io::Error) -> bool {
    matches!(err.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_print_as_seconds() {
        assert_eq!(seconds(Duration::from_secs(3)), "3 s");
        assert_eq!(seconds(Duration::from_millis(500)), "0.5 s");
    }

    #[test]
    fn clients_of_this_machine_stay_on_loopback() {
        let v4 = client_bind_addr("127.0.0.1:7852".parse().unwrap());
        assert_eq!(v4.to_string(), "127.0.0.1:0");
        let v6 = client_bind_addr("[::1]:7852".parse().unwrap());
        assert_eq!(v6.to_string(), "[::1]:0");
        let remote = client_bind_addr("192.0.2.1:7852".parse().unwrap());
        assert_eq!(remote.to_string(), "0.0.0.0:0");
    }

    #[test]
    fn addresses_print_as_python_tuples() {
        assert_eq!(python_address("127.0.0.1:54321".parse().unwrap()), "('127.0.0.1', 54321)");
        assert_eq!(python_address("[::1]:8998".parse().unwrap()), "('::1', 8998, 0, 0)");
    }

    #[test]
    fn a_read_waits_no_longer_than_the_conversation_has_left() {
        let none = Patience::new(None, None);
        assert_eq!(none.next_read(), None);
        assert!(!none.is_limited());
        let idle = Patience::new(Some(Duration::from_secs(5)), None);
        assert_eq!(idle.next_read(), Some(Duration::from_secs(5)));
        assert!(idle.notice().starts_with("idle: nothing received for 5 s"));
        let both = Patience::new(Some(Duration::from_secs(5)), Some(Duration::from_secs(2)));
        assert!(both.next_read().unwrap() <= Duration::from_secs(2));
        let over = Patience { started: Instant::now() - Duration::from_secs(3), ..both };
        assert_eq!(over.next_read(), Some(Duration::from_millis(1)));
        assert!(over.notice().contains("reached its limit of 2 s"), "{}", over.notice());
    }

    /// The address a failed call names.
    fn address_of(failure: &Failure) -> &str {
        match failure {
            Failure::Call { addr, .. } => addr,
            Failure::Other(_) => "",
        }
    }

    #[test]
    fn silence_everywhere_names_every_address_tried() {
        let addrs: Vec<SocketAddr> = vec!["[::1]:7852".parse().unwrap(), "127.0.0.1:7852".parse().unwrap()];
        let failed = |call, kind: io::ErrorKind| Failure::Call {
            call,
            addr: addrs[1].to_string(),
            err: kind.into(),
            hint: None,
        };
        let silent = || failed(Call::RecvFrom, io::ErrorKind::TimedOut);
        assert_eq!(address_of(&udp_none_answered(silent(), &addrs)), "[::1]:7852, 127.0.0.1:7852");
        assert_eq!(address_of(&udp_none_answered(silent(), &addrs[1..])), "127.0.0.1:7852");
        let refused = failed(Call::UdpRecv, io::ErrorKind::ConnectionRefused);
        let kept = udp_none_answered(refused, &addrs);
        assert!(matches!(kept, Failure::Call { call: Call::UdpRecv, .. }), "{kept:?}");
    }

    #[test]
    fn localhost_resolves() {
        let addrs = resolve_all("127.0.0.1", 7852).unwrap();
        assert_eq!(addrs, ["127.0.0.1:7852".parse().unwrap()]);
    }

    #[test]
    fn a_server_binds_the_ipv4_address_of_a_name_as_pythons_af_inet_socket_does() {
        let both: Vec<SocketAddr> = vec!["[::1]:8998".parse().unwrap(), "127.0.0.1:8998".parse().unwrap()];
        let (addr, why) = bind_choice(&both);
        assert_eq!(addr.to_string(), "127.0.0.1:8998");
        assert!(why.contains("binding 127.0.0.1:8998, the IPv4 one"), "{why}");
        assert!(why.contains("[::1]:8998 stays unbound"), "{why}");
        let ipv4 = ["127.0.0.1:8998".parse().unwrap()];
        assert_eq!(bind_choice(&ipv4).0, ipv4[0]);
        let ipv6: Vec<SocketAddr> = vec!["[::1]:8998".parse().unwrap(), "[fe80::1]:8998".parse().unwrap()];
        let (addr, why) = bind_choice(&ipv6);
        assert_eq!(addr, ipv6[0]);
        assert!(why.contains("no IPv4 address"), "{why}");
    }

    #[test]
    fn a_name_with_only_an_ipv4_address_says_nothing_is_left_unbound() {
        // Fails if a server bound to a name's one IPv4 address claims an IPv6
        // address stays unbound.
        let (addr, why) = bind_choice(&["127.0.0.1:8998".parse().unwrap()]);
        assert_eq!(addr.to_string(), "127.0.0.1:8998");
        assert_eq!(why, "binding 127.0.0.1:8998, as Python's bind does on the articles' AF_INET socket");
    }

    #[test]
    fn a_silent_address_is_left_with_its_share_and_a_failed_one_with_its_failure() {
        // Fails if a UDP client moves on to the next address without saying
        // why: the silence of its share of --timeout, or the failure itself.
        use shared::capture::capture;
        use shared::{Colours, Role};
        let say = Narrator::new(Role::Client, 1, Colours::default());
        let server: SocketAddr = "[::1]:7852".parse().unwrap();
        let failed = |err: io::Error| Failure::Call {
            call: Call::RecvFrom,
            addr: server.to_string(),
            err,
            hint: None,
        };
        let share = Duration::from_millis(1500);
        let silent =
            capture(|| udp_moving_on(&say, &failed(io::ErrorKind::WouldBlock.into()), server, share))
                .stdout();
        assert!(
            silent.ends_with(
                " no reply from [::1]:7852 within 1.5 s, its share of --timeout: trying the next address\n"
            ),
            "{silent}"
        );
        let refused = failed(io::ErrorKind::ConnectionRefused.into());
        let out = capture(|| udp_moving_on(&say, &refused, server, share)).stdout();
        assert!(out.contains("[::1]:7852 answered 'port unreachable'"), "{out}");
        assert!(out.ends_with(" trying the next address\n") && !out.contains("its share"), "{out}");
    }

    #[test]
    fn one_silent_address_keeps_the_systems_own_words() {
        // Fails if a client of one address has its timeout rewritten (the
        // system's EAGAIN and its number lost), or if a refusal after several
        // addresses is blamed on all of them.
        let addr: SocketAddr = "127.0.0.1:7852".parse().unwrap();
        let silent = Failure::Call {
            call: Call::RecvFrom,
            addr: addr.to_string(),
            err: io::Error::from_raw_os_error(11),
            hint: None,
        };
        let kept = udp_none_answered(silent, &[addr]);
        assert_eq!(kept.io_error().and_then(io::Error::raw_os_error), Some(11));
        let both: Vec<SocketAddr> = vec!["[::1]:7852".parse().unwrap(), addr];
        let refused = Failure::Call {
            call: Call::UdpRecv,
            addr: addr.to_string(),
            err: io::ErrorKind::ConnectionRefused.into(),
            hint: None,
        };
        assert_eq!(address_of(&udp_none_answered(refused, &both)), "127.0.0.1:7852");
    }

    #[test]
    fn a_conversation_past_its_limit_reads_no_more_and_says_which_limit_ran_out() {
        // Fails if a client that trickles bytes can hold the server past
        // --conversation-limit, or if one within it is cut off, or told the
        // wrong limit.
        let limit = Some(Duration::from_secs(60));
        let fresh = Patience::new(Some(Duration::from_secs(5)), limit);
        assert_eq!(fresh.unless_ran_out(|| Ok(7)).unwrap(), 7, "within its limit, the read is made");
        assert!(
            fresh.notice().starts_with("idle: nothing received for 5 s (--idle-timeout)"),
            "{}",
            fresh.notice()
        );
        let over = Patience { started: Instant::now() - Duration::from_secs(61), ..fresh };
        let err = over.unless_ran_out(|| Ok(7)).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::TimedOut);
        let unlimited = Patience::new(None, None);
        assert_eq!(unlimited.unless_ran_out(|| Ok(7)).unwrap(), 7);
    }

    #[test]
    fn either_limit_makes_a_timed_out_read_the_end_of_patience() {
        // Fails if a server with only --idle-timeout or only
        // --conversation-limit takes a read that timed out for a failure.
        assert!(Patience::new(Some(Duration::from_secs(5)), None).is_limited());
        assert!(Patience::new(None, Some(Duration::from_secs(5))).is_limited());
        assert!(!Patience::new(None, None).is_limited());
    }

    #[test]
    fn a_call_a_signal_interrupted_is_made_again_and_no_other_failure_is() {
        // Fails if Ctrl-Z then fg ends a read (EINTR), or if a real failure
        // is retried for ever.
        let mut calls = 0;
        let done = retry(|| {
            calls += 1;
            if calls < 3 { Err(io::ErrorKind::Interrupted.into()) } else { Ok(calls) }
        });
        assert_eq!(done.unwrap(), 3);
        let mut calls = 0;
        let failed = retry(|| -> io::Result<()> {
            calls += 1;
            Err(io::ErrorKind::ConnectionReset.into())
        });
        assert_eq!((failed.unwrap_err().kind(), calls), (io::ErrorKind::ConnectionReset, 1));
    }

    #[test]
    fn only_a_read_that_ran_out_of_time_is_a_timeout() {
        // Fails if a reset or a refusal is taken for silence.
        assert!(is_timeout(&io::ErrorKind::WouldBlock.into()));
        assert!(is_timeout(&io::ErrorKind::TimedOut.into()));
        assert!(!is_timeout(&io::ErrorKind::ConnectionReset.into()));
        assert!(!is_timeout(&io::ErrorKind::ConnectionRefused.into()));
    }

    /// A connected pair of TCP sockets on loopback: ours, and the peer's.
    fn connected() -> (TcpStream, TcpStream) {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let ours = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (peer, _) = listener.accept().unwrap();
        (ours, peer)
    }

    #[test]
    fn a_write_within_its_limit_sends_everything() {
        // Fails if a reply is not written whole, or not at all.
        let (mut ours, peer) = connected();
        let data = vec![7u8; 3 << 20]; // more than the socket buffers take at once
        let reader = std::thread::spawn(move || {
            let mut got = Vec::new();
            let mut peer = peer;
            peer.read_to_end(&mut got).map(|_| got)
        });
        write_all_within(&mut ours, &data, Duration::from_secs(60)).unwrap();
        drop(ours);
        assert!(reader.join().unwrap().unwrap() == data, "the peer read all of it, in order");
    }

    #[test]
    fn a_write_to_a_peer_that_does_not_read_times_out() {
        // Fails if a peer that never reads holds the writer past its limit, or
        // if running out of time is not said as a timeout.
        let (mut ours, _peer) = connected();
        // The buffers full already, as a peer that stopped reading leaves
        // them: the write makes no progress at all before its limit.
        ours.set_nonblocking(true).unwrap();
        while ours.write(&[7u8; 64 << 10]).is_ok() {}
        ours.set_nonblocking(false).unwrap();
        let err = write_all_within(&mut ours, b"more", Duration::from_millis(200)).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::TimedOut);
    }

    #[test]
    fn a_write_to_a_peer_that_has_gone_fails_as_what_it_is() {
        // Fails if a peer that closed (or reset) is reported as a slow one,
        // or if the writer keeps trying after the connection broke.
        let (mut ours, peer) = connected();
        drop(peer);
        let data = vec![7u8; 64 << 20];
        let err = write_all_within(&mut ours, &data, Duration::from_secs(30)).unwrap_err();
        assert!(matches!(err.kind(), io::ErrorKind::BrokenPipe | io::ErrorKind::ConnectionReset), "{err:?}");
    }

    #[test]
    fn a_read_by_a_deadline_returns_what_came_and_none_after_it() {
        // Fails if a read loses the bytes that came, or is made after its deadline.
        let (mut ours, mut peer) = connected();
        peer.write_all(b"hello").unwrap();
        let mut buf = [0; 16];
        let n = read_by(&mut ours, &mut buf, Instant::now() + Duration::from_secs(60)).unwrap();
        assert_eq!(&buf[..n], b"hello");
        peer.write_all(b"late").unwrap();
        let err = read_by(&mut ours, &mut buf, Instant::now() - Duration::from_millis(1)).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::TimedOut);
    }

    #[test]
    fn the_addresses_of_a_name_share_the_timeout() {
        let started = Instant::now();
        let share = share_of(Duration::from_secs(3), started, 2);
        assert!(share <= Duration::from_millis(1500) && share > Duration::from_millis(1400), "{share:?}");
        assert_eq!(share_of(Duration::from_secs(3), started - Duration::from_secs(4), 1), Duration::ZERO);
        // "1.5 s" or "1.5 秒": the printer's words follow the locale the tests run in.
        assert!(share_shown(Duration::from_micros(1_499_800)).starts_with("1.5 "));
        assert!(share_shown(Duration::from_millis(1000)).starts_with("1 "));
    }
}
