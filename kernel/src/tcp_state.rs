//! The kernel's view of a TCP connection: its state (ESTABLISHED, FIN_WAIT2,
//! CLOSE_WAIT, TIME_WAIT, ...), so lesson 6 can show the four-way teardown as
//! it happens instead of describing it, and what closing it will send (FIN,
//! RST or nothing), so lessons 4 to 6 say what their close did.
//!
//! Linux answers two ways: `getsockopt(TCP_INFO)` gives the state of a socket we
//! still hold, and the table in `/proc/net/tcp` (and `tcp6`) lists every
//! connection the kernel keeps, including those whose socket is already closed:
//! TIME_WAIT belongs to no descriptor, so that table is the only place to see it.
//! On other systems both answer `None`, and the lessons say the state is not
//! available there.
//!
//! Only the names are here, as `ss` writes them in every language; what each
//! state means, in the learner's language, is lesson 6's to say.

use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

/// A TCP state, numbered as the Linux kernel numbers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TcpState {
    Established,
    SynSent,
    SynRecv,
    FinWait1,
    FinWait2,
    TimeWait,
    Close,
    CloseWait,
    LastAck,
    Listen,
    Closing,
}

impl TcpState {
    /// The state for the kernel's number (`tcpi_state`, the `st` column of /proc/net/tcp).
    fn from_kernel(number: u8) -> Option<TcpState> {
        use TcpState::*;
        Some(match number {
            1 => Established,
            2 => SynSent,
            3 => SynRecv,
            4 => FinWait1,
            5 => FinWait2,
            6 => TimeWait,
            7 => Close,
            8 => CloseWait,
            9 => LastAck,
            10 => Listen,
            11 => Closing,
            _ => return None,
        })
    }

    /// The name `ss` and the TCP books use.
    pub fn name(self) -> &'static str {
        use TcpState::*;
        match self {
            Established => "ESTABLISHED",
            SynSent => "SYN_SENT",
            SynRecv => "SYN_RECV",
            FinWait1 => "FIN_WAIT1",
            FinWait2 => "FIN_WAIT2",
            TimeWait => "TIME_WAIT",
            Close => "CLOSED",
            CloseWait => "CLOSE_WAIT",
            LastAck => "LAST_ACK",
            Listen => "LISTEN",
            Closing => "CLOSING",
        }
    }
}

/// Whether this system lets the lessons read TCP states.
pub const AVAILABLE: bool = cfg!(target_os = "linux");

/// The state of the socket behind `stream`, from `getsockopt(TCP_INFO)`.
pub fn of(stream: &TcpStream) -> Option<TcpState> {
    TcpState::from_kernel(crate::sys::tcp_info_state(stream)?)
}

/// The state of the connection `local`-`peer` that `stream` holds: from
/// `TCP_INFO`, or, once the socket shows CLOSED because the kernel has moved the
/// connection to its own table (TIME_WAIT), from that table. The flag says
/// which answered.
pub fn now(stream: &TcpStream, local: SocketAddr, peer: SocketAddr) -> Option<(TcpState, bool)> {
    match of(stream)? {
        TcpState::Close => Some(match in_kernel_table(local, peer) {
            Some(state) => (state, true),
            None => (TcpState::Close, false),
        }),
        state => Some((state, false)),
    }
}

/// What closing a TCP socket puts on the wire, as the socket tells it just
/// before the close: what a close line may claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CloseSends {
    /// A FIN: "nothing more from me". The peer's next read returns 0 bytes.
    Fin,
    /// An RST instead of a FIN: `unread` bytes (or more) had arrived that
    /// nobody read, and the kernel will not pretend the conversation ended well.
    Rst { unread: usize },
    /// Nothing: the peer's RST ended the connection already.
    NothingAfterReset,
    /// Nothing new: our FIN went out earlier (a `shutdown`), so close only
    /// lets go of the socket.
    NothingMore,
}

/// Asks `stream` (the connection `local`-`peer`), just before it is closed,
/// what its close will send: its pending error (`SO_ERROR`: a reset that
/// arrived), its TCP state (our FIN already sent? a reset?), and `recv` with
/// `MSG_PEEK`, not waiting (bytes unread?).
/// It leaves the socket non-blocking: call it right before the close, so that
/// nothing can arrive in between. The close line is best printed after the
/// close, for the same reason.
pub fn close_will_send(stream: &TcpStream, local: SocketAddr, peer: SocketAddr) -> CloseSends {
    if matches!(stream.take_error(), Ok(Some(_))) {
        return CloseSends::NothingAfterReset;
    }
    // A socket whose connection is over shows CLOSED: the kernel's table
    // still holds it (TIME_WAIT) if both FINs crossed, and not after a reset.
    match now(stream, local, peer).map(|(state, _)| state) {
        Some(TcpState::Close) => return CloseSends::NothingAfterReset,
        Some(
            TcpState::FinWait1
            | TcpState::FinWait2
            | TcpState::Closing
            | TcpState::TimeWait
            | TcpState::LastAck,
        ) => {
            return CloseSends::NothingMore;
        }
        _ => {}
    }
    let mut look = [0; 1 << 16];
    let _ = stream.set_nonblocking(true);
    match stream.peek(&mut look) {
        Ok(0) => CloseSends::Fin,
        Ok(unread) => CloseSends::Rst { unread },
        // The peer's RST arrived since we asked for a pending error.
        Err(err) if err.kind() == std::io::ErrorKind::ConnectionReset => CloseSends::NothingAfterReset,
        Err(_) => CloseSends::Fin, // WouldBlock: nothing unread
    }
}

/// Polls the state of `stream` every millisecond while it is `from`, for at
/// most `within`. Returns the state it ended in and how long that took: on
/// loopback some states last only milliseconds, so one look would miss them.
pub fn wait_while(stream: &TcpStream, from: TcpState, within: Duration) -> Option<(TcpState, Duration)> {
    let started = Instant::now();
    loop {
        let state = of(stream)?;
        if state != from || started.elapsed() >= within {
            return Some((state, started.elapsed()));
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// The state of the connection between `local` and `peer` in the kernel's
/// table, found even after its socket is closed (TIME_WAIT). `None` when the
/// kernel no longer keeps it, or off Linux.
pub fn in_kernel_table(local: SocketAddr, peer: SocketAddr) -> Option<TcpState> {
    match ask_the_kernel(local, peer) {
        Ok(state) => state,
        Err(_) => scan_the_table(local, peer), // no netlink here: read the table
    }
}

/// Asks the kernel for the one connection between `local` and `peer`, by its
/// four numbers (a netlink `sock_diag` query): the answer costs the same
/// however many connections the kernel keeps. `Ok(None)`: it keeps none such.
#[cfg(target_os = "linux")]
fn ask_the_kernel(local: SocketAddr, peer: SocketAddr) -> std::io::Result<Option<TcpState>> {
    use socket2::{Domain, Protocol, Socket, Type};
    use std::io::{Read, Write};

    const AF_NETLINK: i32 = 16;
    const NETLINK_SOCK_DIAG: i32 = 4;
    const SOCK_DIAG_BY_FAMILY: u16 = 20;
    const NLM_F_REQUEST: u16 = 1;
    const NLMSG_ERROR: u16 = 2;
    let family: u8 = if local.is_ipv4() { 2 } else { 10 }; // AF_INET, AF_INET6
    let ip = |addr: SocketAddr| -> [u8; 16] {
        let mut bytes = [0; 16];
        match addr.ip() {
            std::net::IpAddr::V4(v4) => bytes[..4].copy_from_slice(&v4.octets()),
            std::net::IpAddr::V6(v6) => bytes = v6.octets(),
        }
        bytes
    };
    // struct nlmsghdr, then struct inet_diag_req_v2 (linux/inet_diag.h).
    let mut request = Vec::with_capacity(72);
    request.extend_from_slice(&72u32.to_ne_bytes()); // nlmsg_len
    request.extend_from_slice(&SOCK_DIAG_BY_FAMILY.to_ne_bytes()); // nlmsg_type
    request.extend_from_slice(&NLM_F_REQUEST.to_ne_bytes()); // nlmsg_flags: one socket, not a dump
    request.extend_from_slice(&[0; 8]); // nlmsg_seq, nlmsg_pid
    request.extend_from_slice(&[family, 6, 0, 0]); // sdiag_family, IPPROTO_TCP, idiag_ext, pad
    request.extend_from_slice(&u32::MAX.to_ne_bytes()); // idiag_states: every state
    request.extend_from_slice(&local.port().to_be_bytes()); // idiag_sport
    request.extend_from_slice(&peer.port().to_be_bytes()); // idiag_dport
    request.extend_from_slice(&ip(local)); // idiag_src
    request.extend_from_slice(&ip(peer)); // idiag_dst
    request.extend_from_slice(&[0; 4]); // idiag_if
    request.extend_from_slice(&[0xff; 8]); // idiag_cookie: INET_DIAG_NOCOOKIE
    let mut socket =
        Socket::new(Domain::from(AF_NETLINK), Type::DGRAM, Some(Protocol::from(NETLINK_SOCK_DIAG)))?;
    socket.set_read_timeout(Some(Duration::from_millis(200)))?;
    socket.write_all(&request)?;
    let mut answer = [0; 512];
    let n = socket.read(&mut answer)?;
    let kind = answer.get(4..6).map(|b| u16::from_ne_bytes([b[0], b[1]]));
    // The answer's struct inet_diag_msg: family, state, timer, retrans, then the
    // socket's id, whose ports and addresses must be ours: with our connection
    // gone, the lookup can find the listening socket of the same port instead.
    let ours = |at: usize, expected: &[u8]| answer.get(at..at + expected.len()) == Some(expected);
    let id_matches = ours(20, &local.port().to_be_bytes())
        && ours(22, &peer.port().to_be_bytes())
        && ours(24, &ip(local))
        && ours(40, &ip(peer));
    match (n, kind) {
        // idiag_state of our connection
        (56.., Some(SOCK_DIAG_BY_FAMILY)) if id_matches => Ok(TcpState::from_kernel(answer[17])),
        // another socket (the listener), or none at all
        (_, Some(SOCK_DIAG_BY_FAMILY | NLMSG_ERROR)) => Ok(None),
        _ => Err(std::io::Error::other("an answer netlink does not give")),
    }
}

#[cfg(not(target_os = "linux"))]
fn ask_the_kernel(_local: SocketAddr, _peer: SocketAddr) -> std::io::Result<Option<TcpState>> {
    Ok(None)
}

/// The table's way: `/proc/net/tcp`, read until the connection's row.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn scan_the_table(local: SocketAddr, peer: SocketAddr) -> Option<TcpState> {
    use std::io::BufRead;
    let table = if local.is_ipv4() { "/proc/net/tcp" } else { "/proc/net/tcp6" };
    // The kernel writes the table as it is read: reading line by line and
    // stopping at the connection's row spares it the rest of the table, and the
    // row's two addresses are compared as the text they are written in.
    let (want_local, want_peer) = (proc_addr(local), proc_addr(peer));
    let rows = std::io::BufReader::new(std::fs::File::open(table).ok()?);
    rows.lines().skip(1).map_while(Result::ok).find_map(|line| {
        let mut fields = line.split_whitespace().skip(1);
        let (row_local, row_peer, state) = (fields.next()?, fields.next()?, fields.next()?);
        (row_local == want_local && row_peer == want_peer)
            .then(|| TcpState::from_kernel(u8::from_str_radix(state, 16).ok()?))
            .flatten()
    })
}

/// An address as /proc/net/tcp writes it (the inverse of [`parse_proc_addr`]):
/// the IP as 32-bit words in hex, each in the machine's byte order, then `:`
/// and the port in hex, all in capitals.
fn proc_addr(addr: SocketAddr) -> String {
    let octets: Vec<u8> = match addr.ip() {
        std::net::IpAddr::V4(v4) => v4.octets().to_vec(),
        std::net::IpAddr::V6(v6) => v6.octets().to_vec(),
    };
    let words: String = octets
        .chunks(4)
        .map(|word| format!("{:08X}", u32::from_ne_bytes([word[0], word[1], word[2], word[3]])))
        .collect();
    format!("{words}:{:04X}", addr.port())
}

/// Parses an address as /proc/net/tcp writes it: the IP as 32-bit words in
/// hex, each in the machine's byte order, then `:` and the port in hex.
#[cfg(test)]
fn parse_proc_addr(text: &str) -> Option<SocketAddr> {
    let (ip, port) = text.split_once(':')?;
    let port = u16::from_str_radix(port, 16).ok()?;
    let mut bytes = Vec::with_capacity(16);
    for word in ip.as_bytes().chunks(8) {
        let word = u32::from_str_radix(std::str::from_utf8(word).ok()?, 16).ok()?;
        bytes.extend_from_slice(&word.to_ne_bytes());
    }
    let ip: std::net::IpAddr = match bytes.len() {
        4 => <[u8; 4]>::try_from(bytes).ok()?.into(),
        16 => <[u8; 16]>::try_from(bytes).ok()?.into(),
        _ => return None,
    };
    Some(SocketAddr::new(ip.to_canonical(), port))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kernel_state_number_has_its_own_name() {
        // The numbers of the Linux kernel's include/net/tcp_states.h (TCP_ESTABLISHED = 1, ...);
        // the kernel's TCP_CLOSE is shown as CLOSED, the RFC's name. A swap here
        // would show FIN_WAIT2 where the kernel says FIN_WAIT1.
        let kernel = [
            (1, "ESTABLISHED"),
            (2, "SYN_SENT"),
            (3, "SYN_RECV"),
            (4, "FIN_WAIT1"),
            (5, "FIN_WAIT2"),
            (6, "TIME_WAIT"),
            (7, "CLOSED"),
            (8, "CLOSE_WAIT"),
            (9, "LAST_ACK"),
            (10, "LISTEN"),
            (11, "CLOSING"),
        ];
        for (number, name) in kernel {
            let state = TcpState::from_kernel(number);
            assert_eq!(state.map(TcpState::name), Some(name), "kernel state number {number} is {name}");
        }
        for number in [0, 12, 255] {
            assert_eq!(TcpState::from_kernel(number), None, "the kernel has no TCP state {number}");
        }
    }

    #[test]
    fn addresses_are_written_as_the_kernel_table_writes_them() {
        for addr in ["127.0.0.1:7788", "[::1]:7788", "10.1.2.3:1"] {
            let addr: SocketAddr = addr.parse().unwrap();
            assert_eq!(parse_proc_addr(&proc_addr(addr)), Some(addr), "{}", proc_addr(addr));
        }
        if cfg!(target_endian = "little") {
            assert_eq!(proc_addr("127.0.0.1:7788".parse().unwrap()), "0100007F:1E6C");
        }
    }
    use std::io::Read;
    use std::net::{Shutdown, TcpListener};

    #[cfg(target_os = "linux")]
    #[test]
    fn the_kernel_and_its_table_agree_and_a_listener_is_not_the_connection() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (server, _) = listener.accept().unwrap();
        let (client_end, server_end) = (client.local_addr().unwrap(), server.local_addr().unwrap());
        assert_eq!(ask_the_kernel(client_end, server_end).unwrap(), Some(TcpState::Established));
        drop(client); // the client closes first: its side waits in TIME_WAIT
        drop(server);
        let asked = wait_for_the_table(|| ask_the_kernel(client_end, server_end).unwrap());
        assert_eq!(asked, Some(TcpState::TimeWait));
        assert_eq!(scan_the_table(client_end, server_end), Some(TcpState::TimeWait));
        // The server's side is gone; the same port still has a listening socket,
        // which the lookup must not take for the connection.
        assert_eq!(ask_the_kernel(server_end, client_end).unwrap(), None);
        assert_eq!(scan_the_table(server_end, client_end), None);
    }

    /// The kernel's answer once the teardown has settled (it takes a moment).
    #[cfg(target_os = "linux")]
    fn wait_for_the_table(mut look: impl FnMut() -> Option<TcpState>) -> Option<TcpState> {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let state = look();
            if state == Some(TcpState::TimeWait) || Instant::now() > deadline {
                return state;
            }
            std::thread::yield_now();
        }
    }

    #[test]
    fn proc_addresses_parse_on_this_machine() {
        if cfg!(target_endian = "little") {
            assert_eq!(parse_proc_addr("0100007F:1F90"), Some("127.0.0.1:8080".parse().unwrap()));
            assert_eq!(
                parse_proc_addr("00000000000000000000000001000000:1E61"),
                Some("[::1]:7777".parse().unwrap())
            );
        }
        assert_eq!(parse_proc_addr("nonsense"), None);
    }

    #[test]
    fn the_teardown_is_visible_on_linux() {
        if !AVAILABLE {
            return;
        }
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (mut server, _) = listener.accept().unwrap();
        assert_eq!(of(&client), Some(TcpState::Established));

        client.shutdown(Shutdown::Write).unwrap();
        let (state, _) = wait_while(&client, TcpState::FinWait1, Duration::from_secs(2)).unwrap();
        assert_eq!(state, TcpState::FinWait2);
        assert_eq!(server.read(&mut [0; 8]).unwrap(), 0, "the FIN reads as 0 bytes");
        assert_eq!(of(&server), Some(TcpState::CloseWait));

        let (local, peer) = (client.local_addr().unwrap(), client.peer_addr().unwrap());
        drop(server);
        let mut client = client;
        assert_eq!(client.read(&mut [0; 8]).unwrap(), 0);
        drop(client);
        assert_eq!(in_kernel_table(local, peer), Some(TcpState::TimeWait));
    }
}
