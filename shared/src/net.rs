//! Socket helpers that std does not offer directly.

use std::io;
use std::mem::MaybeUninit;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, ToSocketAddrs, UdpSocket};

use socket2::{MaybeUninitSlice, SockRef, Socket};

/// Turns `--host` and `--port` into one socket address, as Python's `bind` and
/// `connect` do with their `(host, port)` tuple.
///
/// A name such as `localhost` may stand for several addresses; the first wins.
pub fn resolve(host: &str, port: u16) -> io::Result<SocketAddr> {
    (host, port)
        .to_socket_addrs()?
        .next()
        .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "the name has no address"))
}

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

/// Lets a restarted server bind its port at once, even while connections of its
/// last run wait out TIME_WAIT (lesson 6 shows that state). std's `TcpListener`
/// does the same; Python programs ask for it with
/// `sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)`.
/// Not on Windows, where SO_REUSEADDR would let another program share the port.
pub fn allow_quick_restart(socket: &Socket) -> io::Result<()> {
    if cfg!(windows) { Ok(()) } else { socket.set_reuse_address(true) }
}

/// How a lesson 5 server that has reached `--max-clients` starts the one line
/// it sends before closing, so that a client can tell "busy" from a greeting.
pub const BUSY_PREFIX: &str = "busy:";

/// The line a server sends a client that stayed silent for `--idle-timeout`.
pub fn idle_line(timeout: std::time::Duration) -> String {
    format!("idle: nothing received for {}; closing the connection\n", crate::explain::seconds(timeout))
}

/// Whether `err` is a read that gave up after its timeout (Unix says
/// `WouldBlock`, Windows `TimedOut`).
pub fn is_timeout(err: &io::Error) -> bool {
    matches!(err.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut)
}

/// One datagram taken by [`recv_from`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Datagram {
    /// How many bytes of it are now in the buffer.
    pub len: usize,
    /// The address it came from: where a reply must go.
    pub from: SocketAddr,
    /// Whether the datagram was longer than the buffer (its end is lost).
    pub truncated: bool,
    /// Its full length, when it was truncated and the system says (Linux does).
    pub full_len: Option<usize>,
}

/// `recvfrom`: takes one datagram, like [`UdpSocket::recv_from`], and also says
/// whether it was cut to fit `buf`.
///
/// std's `recv_from` cannot tell a datagram that filled the buffer exactly
/// from one that was longer (Python cannot either). The system knows: it sets
/// `MSG_TRUNC` (on Windows the call fails with `WSAEMSGSIZE`), and on Linux it
/// also reports the full length when asked with that same flag.
#[allow(unsafe_code)]
pub fn recv_from(socket: &UdpSocket, buf: &mut [u8]) -> io::Result<Datagram> {
    // SAFETY: `[u8]` and `[MaybeUninit<u8>]` have the same layout, and recvmsg only
    // ever writes initialised bytes into the buffer, so `buf` stays initialised.
    let uninit = unsafe { &mut *(buf as *mut [u8] as *mut [MaybeUninit<u8>]) };
    let capacity = uninit.len();
    let mut slices = [MaybeUninitSlice::new(uninit)];
    let (n, flags, from) =
        SockRef::from(socket).recv_from_vectored_with_flags(&mut slices, FULL_LENGTH_FLAG)?;
    let from =
        from.as_socket().ok_or_else(|| io::Error::other("the sender's address is not an IP address"))?;
    let truncated = flags.is_truncated() || n > capacity;
    Ok(Datagram { len: n.min(capacity), from, truncated, full_len: (truncated && n > capacity).then_some(n) })
}

/// Linux returns a truncated datagram's real length when `MSG_TRUNC` is passed in.
#[cfg(any(target_os = "linux", target_os = "android"))]
const FULL_LENGTH_FLAG: std::ffi::c_int = 0x20; // MSG_TRUNC
#[cfg(not(any(target_os = "linux", target_os = "android")))]
const FULL_LENGTH_FLAG: std::ffi::c_int = 0;

#[cfg(test)]
mod tests {
    use super::*;

    fn pair() -> (UdpSocket, UdpSocket) {
        let a = UdpSocket::bind("127.0.0.1:0").expect("bind a");
        let b = UdpSocket::bind("127.0.0.1:0").expect("bind b");
        (a, b)
    }

    #[test]
    fn a_datagram_that_fits_is_whole() {
        let (a, b) = pair();
        a.send_to(b"hello", b.local_addr().unwrap()).unwrap();
        let mut buf = [0; 5];
        let got = recv_from(&b, &mut buf).unwrap();
        assert_eq!((got.len, got.truncated, got.full_len), (5, false, None));
        assert_eq!(got.from, a.local_addr().unwrap());
        assert_eq!(&buf, b"hello");
    }

    #[test]
    fn a_datagram_longer_than_the_buffer_is_truncated() {
        let (a, b) = pair();
        a.send_to(b"hello world", b.local_addr().unwrap()).unwrap();
        let mut buf = [0; 5];
        let got = recv_from(&b, &mut buf).unwrap();
        assert_eq!((got.len, got.truncated), (5, true));
        if cfg!(target_os = "linux") {
            assert_eq!(got.full_len, Some(11));
        }
        assert_eq!(&buf, b"hello");
    }

    #[test]
    fn an_empty_datagram_is_a_datagram() {
        let (a, b) = pair();
        a.send_to(b"", b.local_addr().unwrap()).unwrap();
        let mut buf = [0; 5];
        let got = recv_from(&b, &mut buf).unwrap();
        assert_eq!((got.len, got.truncated), (0, false));
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
    fn localhost_resolves() {
        let addr = resolve("127.0.0.1", 7852).unwrap();
        assert_eq!(addr.to_string(), "127.0.0.1:7852");
    }
}
