//! Every failure a lesson program can meet, as a cause and a hint.
//!
//! A learner who sees `Connection refused (os error 111)` learns nothing; one who
//! reads "nothing is listening on 127.0.0.1:8998: start the server first" learns
//! how sockets behave. This module turns an `io::Error` from a socket call into
//! that pair of sentences.
//!
//! A lesson program marks each socket call with the call's name and the address
//! it used, `socket.bind(addr).explain(Call::Bind, addr)?`, and returns the
//! [`Failure`] from one function; `main` hands it to
//! [`Narrator::exit_with`](crate::Narrator::exit_with), which prints the cause,
//! the system's own words and the hint, and exits 1. The happy path reads like
//! the Python.

use std::fmt::Display;
use std::io::{self, ErrorKind};
use std::time::Duration;

/// The socket call that failed, named as the articles name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Call {
    /// `socket`: asking the system for a new socket.
    Socket,
    /// Turning `--host` and `--port` into an address (Python does it inside `bind`/`connect`).
    Resolve,
    /// `bind`: claiming a local address and port.
    Bind,
    /// `listen`: turning a bound TCP socket into one that takes connections.
    Listen,
    /// `accept`: taking the next connection from the listen queue.
    Accept,
    /// `connect`: the TCP three-way handshake.
    Connect,
    /// `send` on a connected TCP socket.
    Send,
    /// `sendto`: one UDP datagram to an address.
    SendTo,
    /// `recv` on a connected TCP socket.
    Recv,
    /// `recvfrom`: one UDP datagram and its sender's address.
    RecvFrom,
    /// `shutdown`: closing one direction of a TCP connection.
    Shutdown,
    /// Setting a socket option, such as the read timeout.
    SetOption,
}

impl Call {
    /// The name of the call as Python's `socket` module spells it.
    pub fn name(self) -> &'static str {
        match self {
            Call::Socket => "socket",
            Call::Resolve => "getaddrinfo",
            Call::Bind => "bind",
            Call::Listen => "listen",
            Call::Accept => "accept",
            Call::Connect => "connect",
            Call::Send => "send",
            Call::SendTo => "sendto",
            Call::Recv => "recv",
            Call::RecvFrom => "recvfrom",
            Call::Shutdown => "shutdown",
            Call::SetOption => "setsockopt",
        }
    }

    /// The failure of this call on `addr` with the system's error `err`, for
    /// the places that look at the error before giving up.
    pub fn failed(self, addr: impl Display, err: io::Error) -> Failure {
        Failure::Call { call: self, addr: addr.to_string(), err }
    }

    fn is_udp(self) -> bool {
        matches!(self, Call::SendTo | Call::RecvFrom)
    }
}

/// What a program knows about itself that a hint needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Context {
    /// The lesson number, so a hint can say `cargo run -p lesson1-server`.
    pub lesson: u8,
    /// How long the program waits for a reply, when it has a timeout.
    pub timeout: Option<Duration>,
}

/// A failure explained: what happened, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// One line: what went wrong, in socket terms.
    pub cause: String,
    /// The system's own words and error number, when a call failed.
    pub system: Option<String>,
    /// What the learner can do next; may span lines.
    pub hint: String,
}

/// Why a lesson program stops: a socket call that failed, or something else
/// that went wrong (standard input, an encoding), each with what to do next.
#[derive(Debug)]
pub enum Failure {
    /// A socket call failed: which call, on which address, and the system's error.
    Call {
        /// The call, named as the articles name it.
        call: Call,
        /// The address the call used, as the learner typed or the system chose it.
        addr: String,
        /// The system's own error.
        err: io::Error,
    },
    /// A failure that is not a socket call's, already explained.
    Other(Explanation),
}

impl Failure {
    /// A failure that is not a socket call's: what went wrong, and what to do.
    pub fn other(cause: impl Into<String>, hint: impl Into<String>) -> Failure {
        Failure::Other(Explanation { cause: cause.into(), system: None, hint: hint.into() })
    }

    /// The cause and the hint, for a program of `context`.
    pub fn explanation(&self, context: &Context) -> Explanation {
        match self {
            Failure::Call { call, addr, err } => explain(*call, addr, err, context),
            Failure::Other(explanation) => explanation.clone(),
        }
    }

    /// The call that failed, if a socket call did.
    pub fn call(&self) -> Option<Call> {
        match self {
            Failure::Call { call, .. } => Some(*call),
            Failure::Other(_) => None,
        }
    }

    /// The system's own error, if a socket call failed.
    pub fn io_error(&self) -> Option<&io::Error> {
        match self {
            Failure::Call { err, .. } => Some(err),
            Failure::Other(_) => None,
        }
    }
}

/// Marks the result of a socket call with the call and the address it used, so
/// that a failure can be explained: `socket.bind(addr).explain(Call::Bind, addr)?`.
pub trait Explain<T> {
    /// Turns an error of `call` on `addr` into a [`Failure`].
    fn explain(self, call: Call, addr: impl Display) -> Result<T, Failure>;
}

impl<T> Explain<T> for io::Result<T> {
    fn explain(self, call: Call, addr: impl Display) -> Result<T, Failure> {
        self.map_err(|err| call.failed(addr, err))
    }
}

/// Explains `err`, returned by `call` on `addr` (the address the call used).
pub fn explain(call: Call, addr: impl Display, err: &io::Error, context: &Context) -> Explanation {
    let server = format!("cargo run -p lesson{}-server", context.lesson);
    let wait = match context.timeout {
        Some(timeout) => format!("within {}", seconds(timeout)),
        None => "in time".to_string(),
    };
    let (cause, hint) = match (call, err.kind()) {
        (Call::Resolve, _) => (
            format!("cannot turn {addr} into an address: {err}"),
            "use an IP address such as 127.0.0.1 or ::1, or a name this machine knows, such as localhost"
                .to_string(),
        ),
        (_, ErrorKind::AddrInUse) => {
            let port = port_of(&addr.to_string());
            (
                format!("{addr} is already in use"),
                format!(
                    "another program holds this port: maybe another lesson's server or an earlier run of this one.\n\
                     Stop it (Ctrl-C in its terminal), or pick another port: --port {} (--port 0 lets the system choose).\n\
                     `ss -tuan | grep :{port}` shows what holds it; TCP connections in TIME_WAIT, left by a server\n\
                     that did not set SO_REUSEADDR (such as the articles' Python servers), hold it for about a minute",
                    suggest_port(port)
                ),
            )
        }
        (Call::Bind, ErrorKind::PermissionDenied) if port_of(&addr.to_string()) < 1024 => (
            format!("permission denied for {addr}"),
            "ports below 1024 are reserved for the administrator on most systems: use a port above 1024".to_string(),
        ),
        (Call::SendTo, ErrorKind::PermissionDenied) => (
            format!("the system refused to send to {addr}"),
            "a broadcast address (such as 255.255.255.255) needs the SO_BROADCAST option, which the lessons do not set:\n\
             send to one machine instead, such as 127.0.0.1"
                .to_string(),
        ),
        (_, ErrorKind::PermissionDenied) => (
            format!("permission denied for {} on {addr}", call.name()),
            "the system or its firewall refused this call for this address: try 127.0.0.1 and a port above 1024"
                .to_string(),
        ),
        (Call::Bind, ErrorKind::AddrNotAvailable) => (
            format!("{addr} is not an address of this machine"),
            "bind to an address this machine has: 127.0.0.1 (reachable from this machine only) or ::1 for IPv6"
                .to_string(),
        ),
        (_, ErrorKind::AddrNotAvailable) => (
            format!("{addr} cannot be reached as a destination"),
            "0.0.0.0 and :: mean \"every address\" to a server, but a client must name one machine:\n\
             --host 127.0.0.1 for a server on this machine"
                .to_string(),
        ),
        (_, _) if is_os_error(err, MESSAGE_TOO_LONG) => (
            format!("{} to {addr} is too long for one datagram", call.name()),
            "one UDP datagram carries at most 65,507 bytes of data over IPv4: send less, or use TCP (lesson 3)"
                .to_string(),
        ),
        (_, _) if is_os_error(err, TOO_MANY_FILES) || is_os_error(err, TOO_MANY_FILES_IN_SYSTEM) => (
            format!("{} on {addr} failed: no file descriptor left for a new socket", call.name()),
            "every socket is a file to the system, and this program (or the whole system) has as many open as it may:\n\
             `ulimit -n` shows the limit; close other programs' connections, or raise it"
                .to_string(),
        ),
        (_, ErrorKind::Interrupted) => (
            format!("{} on {addr} was interrupted by a signal", call.name()),
            "a signal (Ctrl-Z and fg, a resize, a timer) broke into the call before it finished: run the program again"
                .to_string(),
        ),
        (Call::RecvFrom | Call::SendTo, ErrorKind::ConnectionRefused | ErrorKind::ConnectionReset) => (
            format!("{addr} answered 'port unreachable': nothing is bound there"),
            format!("start the server first: {server} (and check that --host and --port match)"),
        ),
        (_, ErrorKind::ConnectionRefused) => (
            format!("connection refused by {addr}: nothing is listening there"),
            format!("start the server first: {server} (and check that --host and --port match)"),
        ),
        (Call::RecvFrom, ErrorKind::WouldBlock | ErrorKind::TimedOut) => (
            format!("no reply from {addr} {wait}"),
            format!(
                "UDP never tells a sender that nobody is listening: the datagram may have reached no server, or been lost.\n\
                 Start the server first: {server}, or wait longer with --timeout"
            ),
        ),
        (Call::Connect, ErrorKind::WouldBlock | ErrorKind::TimedOut) => (
            format!("no answer from {addr} {wait}: the handshake did not complete"),
            "a server whose listen queue is full leaves new handshakes unanswered until it accepts\n\
             (lesson 4 serves one client at a time with listen(5)): wait longer with --timeout, or try again later;\n\
             a machine that drops the SYN never answers at all: check --host"
                .to_string(),
        ),
        (Call::Send | Call::SendTo, ErrorKind::WouldBlock | ErrorKind::TimedOut) => (
            format!("{addr} took nothing we sent {wait}: it is not reading"),
            "a peer that does not read fills its receive buffer, then our send buffer, and send waits;\n\
             the program gives up after its limit (a client's --timeout, a server's --write-timeout)"
                .to_string(),
        ),
        (Call::Recv, ErrorKind::WouldBlock | ErrorKind::TimedOut) if context.lesson == 4 => (
            format!("no data from {addr} {wait}"),
            "a lesson 4 server serves one client at a time: a second client is connected (the listen queue took it)\n\
             but hears nothing until the client before it leaves; wait longer with --timeout"
                .to_string(),
        ),
        (_, ErrorKind::WouldBlock | ErrorKind::TimedOut) => (
            format!("no data from {addr} {wait}"),
            "the connection is open but the peer sent nothing: it may be waiting for us, or stuck; wait longer with --timeout"
                .to_string(),
        ),
        (_, ErrorKind::ConnectionReset) => (
            format!("connection reset by {addr}"),
            "the peer aborted the connection (it was killed, crashed, or closed with data unread): TCP sent RST, not FIN"
                .to_string(),
        ),
        (_, ErrorKind::ConnectionAborted) => (
            format!("connection to {addr} aborted by this machine's network stack"),
            "the connection failed before it was used; try again".to_string(),
        ),
        (_, ErrorKind::BrokenPipe) => (
            format!("{addr} has closed the connection: there is nobody left to send to"),
            "a peer that has closed its socket cannot receive; read its reply (or its 0-byte read) before sending again"
                .to_string(),
        ),
        _ => (
            format!("{} on {addr} failed: {err}", call.name()),
            if call.is_udp() {
                "check --host and --port; UDP sends to whatever address it is given".to_string()
            } else {
                "check --host and --port, and that the other program is running".to_string()
            },
        ),
    };
    Explanation { cause, system: Some(system_words(err)), hint }
}

/// The system's own words for `err`, as Python shows them too: `Connection
/// refused (os error 111)`, which Python prints as `[Errno 111] Connection refused`.
pub fn system_words(err: &io::Error) -> String {
    match (err.kind(), err.raw_os_error()) {
        // A read timeout (SO_RCVTIMEO) that ran out reads as EAGAIN; Python's
        // settimeout raises TimeoutError instead.
        (ErrorKind::WouldBlock, Some(_)) => format!("{err}: the read timeout ran out; Python: TimeoutError"),
        (_, Some(number)) => format!("{err}; Python: [Errno {number}]"),
        (_, None) => err.to_string(),
    }
}

/// Error numbers that std has no `ErrorKind` for, on the systems the course
/// names them on (elsewhere they never match, and the general explanation stands).
#[cfg(target_os = "linux")]
const MESSAGE_TOO_LONG: i32 = 90; // EMSGSIZE
#[cfg(target_os = "macos")]
const MESSAGE_TOO_LONG: i32 = 40;
#[cfg(not(any(target_os = "linux", target_os = "macos")))]
const MESSAGE_TOO_LONG: i32 = -1;
#[cfg(unix)]
const TOO_MANY_FILES: i32 = 24; // EMFILE: this process
#[cfg(not(unix))]
const TOO_MANY_FILES: i32 = -1;
#[cfg(unix)]
const TOO_MANY_FILES_IN_SYSTEM: i32 = 23; // ENFILE: the whole system
#[cfg(not(unix))]
const TOO_MANY_FILES_IN_SYSTEM: i32 = -1;

fn is_os_error(err: &io::Error, number: i32) -> bool {
    err.raw_os_error() == Some(number)
}

/// A duration as a learner would write it: `3 s`, `0.5 s`.
pub fn seconds(duration: Duration) -> String {
    format!("{} s", duration.as_secs_f64())
}

/// The port at the end of an address written `host:port`, or 0.
fn port_of(addr: &str) -> u16 {
    addr.rsplit(':').next().and_then(|port| port.parse().ok()).unwrap_or(0)
}

/// A port number to suggest instead of `port` (its neighbour).
fn suggest_port(port: u16) -> u16 {
    if (1024..u16::MAX).contains(&port) { port + 1 } else { 7001 }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LESSON_1: Context = Context { lesson: 1, timeout: Some(Duration::from_secs(3)) };

    fn explained(call: Call, kind: ErrorKind) -> Explanation {
        explain(call, "127.0.0.1:7852", &io::Error::from(kind), &LESSON_1)
    }

    fn explained_os(call: Call, number: i32) -> Explanation {
        explain(call, "127.0.0.1:7852", &io::Error::from_raw_os_error(number), &LESSON_1)
    }

    #[test]
    fn a_taken_port_names_the_port_and_suggests_another() {
        let e = explained(Call::Bind, ErrorKind::AddrInUse);
        assert_eq!(e.cause, "127.0.0.1:7852 is already in use");
        assert!(e.hint.contains("another lesson's server"), "{}", e.hint);
        assert!(e.hint.contains("--port 7853"), "{}", e.hint);
        assert!(e.hint.contains("--port 0"), "{}", e.hint);
        assert!(e.hint.contains("ss -tuan | grep :7852"), "{}", e.hint);
        assert!(e.hint.contains("TIME_WAIT"), "{}", e.hint);
    }

    #[test]
    fn a_udp_timeout_says_udp_is_silent_and_names_the_server() {
        let e = explained(Call::RecvFrom, ErrorKind::WouldBlock);
        assert_eq!(e.cause, "no reply from 127.0.0.1:7852 within 3 s");
        assert!(e.hint.contains("UDP never tells a sender"), "{}", e.hint);
        assert!(e.hint.contains("cargo run -p lesson1-server"), "{}", e.hint);
    }

    #[test]
    fn windows_reports_a_udp_timeout_as_timed_out() {
        let e = explained(Call::RecvFrom, ErrorKind::TimedOut);
        assert_eq!(e.cause, "no reply from 127.0.0.1:7852 within 3 s");
    }

    #[test]
    fn an_icmp_port_unreachable_on_udp_is_explained() {
        let e = explained(Call::RecvFrom, ErrorKind::ConnectionReset);
        assert!(e.cause.contains("port unreachable"), "{}", e.cause);
        assert!(e.hint.contains("cargo run -p lesson1-server"), "{}", e.hint);
    }

    #[test]
    fn a_refused_connection_says_start_the_server() {
        let context = Context { lesson: 3, timeout: None };
        let err = io::Error::from(ErrorKind::ConnectionRefused);
        let e = explain(Call::Connect, "127.0.0.1:8998", &err, &context);
        assert!(e.cause.contains("nothing is listening"), "{}", e.cause);
        assert!(e.hint.contains("cargo run -p lesson3-server"), "{}", e.hint);
    }

    #[test]
    fn a_low_port_explains_the_privilege() {
        let e = explain(Call::Bind, "127.0.0.1:80", &io::Error::from(ErrorKind::PermissionDenied), &LESSON_1);
        assert!(e.hint.contains("below 1024"), "{}", e.hint);
    }

    #[test]
    fn permission_denied_is_explained_by_the_call_and_the_port() {
        let high_port = explained(Call::Bind, ErrorKind::PermissionDenied);
        assert!(!high_port.hint.contains("below 1024"), "7852 is not a reserved port: {}", high_port.hint);
        let broadcast =
            explain(Call::SendTo, "255.255.255.255:7852", &io::Error::from_raw_os_error(13), &LESSON_1);
        assert!(broadcast.hint.contains("SO_BROADCAST"), "{}", broadcast.hint);
        assert!(!broadcast.hint.contains("1024"), "{}", broadcast.hint);
    }

    #[test]
    fn an_unreachable_destination_is_not_a_bind_problem() {
        let e = explained(Call::Connect, ErrorKind::AddrNotAvailable);
        assert!(e.hint.contains("a client must name one machine"), "{}", e.hint);
        assert!(!e.hint.starts_with("bind"), "{}", e.hint);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn errors_std_has_no_kind_for_are_explained_by_number() {
        let too_long = explained_os(Call::SendTo, 90); // EMSGSIZE
        assert!(too_long.hint.contains("65,507"), "{}", too_long.hint);
        let no_files = explained_os(Call::Accept, 24); // EMFILE
        assert!(no_files.hint.contains("ulimit -n"), "{}", no_files.hint);
        let system_full = explained_os(Call::Socket, 23); // ENFILE
        assert!(system_full.hint.contains("ulimit -n"), "{}", system_full.hint);
        let interrupted = explained_os(Call::RecvFrom, 4); // EINTR
        assert!(interrupted.cause.contains("interrupted by a signal"), "{}", interrupted.cause);
        assert!(!interrupted.hint.contains("--host"), "{}", interrupted.hint);
    }

    #[test]
    fn a_handshake_that_times_out_names_the_listen_queue() {
        // connect_timeout reports TimedOut; a non-blocking connect elsewhere, WouldBlock.
        for kind in [ErrorKind::TimedOut, ErrorKind::WouldBlock] {
            let e = explained(Call::Connect, kind);
            assert_eq!(
                e.cause, "no answer from 127.0.0.1:7852 within 3 s: the handshake did not complete",
                "{kind:?}"
            );
            assert!(e.hint.contains("listen queue is full"), "{}", e.hint);
            assert!(e.hint.contains("lesson 4 serves one client at a time"), "{}", e.hint);
            assert!(e.hint.contains("wait longer with --timeout"), "{}", e.hint);
            assert!(e.hint.contains("check --host"), "{}", e.hint);
            assert!(!e.hint.contains("the peer sent nothing"), "a handshake is no silent peer: {}", e.hint);
        }
    }

    #[test]
    fn a_silent_lesson4_server_is_one_that_serves_someone_else() {
        let lesson4 = Context { lesson: 4, timeout: Some(Duration::from_secs(3)) };
        let e = explain(Call::Recv, "127.0.0.1:8888", &io::Error::from(ErrorKind::WouldBlock), &lesson4);
        assert!(e.hint.contains("one client at a time"), "{}", e.hint);
    }

    #[test]
    fn the_system_speaks_too_in_its_own_words_and_number() {
        let e = explained_os(Call::Connect, 111);
        let system = e.system.expect("a call's failure carries the system's words");
        assert!(system.contains("(os error 111)") && system.contains("[Errno 111]"), "{system}");
        let other = Failure::other("cause", "hint").explanation(&LESSON_1);
        assert_eq!(other.system, None, "a failure that is no call's has no system words");
    }

    #[test]
    fn a_foreign_address_is_not_available() {
        let e = explained(Call::Bind, ErrorKind::AddrNotAvailable);
        assert!(e.cause.contains("not an address of this machine"), "{}", e.cause);
        assert!(e.hint.contains("127.0.0.1"), "{}", e.hint);
    }

    #[test]
    fn a_reset_says_rst() {
        let e = explained(Call::Recv, ErrorKind::ConnectionReset);
        assert!(e.cause.starts_with("connection reset by"), "{}", e.cause);
        assert!(e.hint.contains("RST"), "{}", e.hint);
    }

    #[test]
    fn an_unresolvable_host_suggests_an_ip() {
        let err = io::Error::other("failed to lookup address information");
        let e = explain(Call::Resolve, "not-a-host:7852", &err, &LESSON_1);
        assert!(e.cause.starts_with("cannot turn not-a-host:7852"), "{}", e.cause);
        assert!(e.hint.contains("127.0.0.1"), "{}", e.hint);
    }

    #[test]
    fn anything_else_still_names_the_call() {
        let e = explained(Call::SendTo, ErrorKind::InvalidInput);
        assert!(e.cause.starts_with("sendto on 127.0.0.1:7852 failed"), "{}", e.cause);
    }

    #[test]
    fn durations_print_as_seconds() {
        assert_eq!(seconds(Duration::from_secs(3)), "3 s");
        assert_eq!(seconds(Duration::from_millis(500)), "0.5 s");
    }
}
