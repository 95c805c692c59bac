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
//!
//! The cause and the hint are in the language the program chose; the system's
//! own text and Python's error number stay as they are.

use std::fmt::Display;
use std::io::{self, ErrorKind};
use std::time::Duration;

use crate::lang::{self, Lang};
use crate::tr;

/// `tr!` in a language given, not the one chosen: `tr_in!(lang, "id", name = value)`.
macro_rules! tr_in {
    ($lang:expr, $id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::lang::text_in($lang, $id, &[$((stringify!($name), $crate::lang::IntoValue::into_value($value))),*])
    };
}

/// A socket call, named as the articles name it: the name of a step, and the
/// call a failure is explained by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Call {
    /// `socket`: asking the system for a new socket.
    Socket,
    /// `socket` and `bind` in one: std's `UdpSocket::bind` makes both calls.
    SocketAndBind,
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
    /// `send` on a connected UDP socket: one datagram to the address `connect` fixed.
    UdpSend,
    /// `recv` on a connected UDP socket: one datagram from that address, or the
    /// ICMP error the system at that address sent back (`ECONNREFUSED`).
    UdpRecv,
    /// `shutdown`: closing one direction of a TCP connection.
    Shutdown,
    /// Setting a socket option, such as the read timeout.
    SetOption,
    /// `getsockopt`: reading a socket option, such as the pending error
    /// (`SO_ERROR`, std's `take_error`).
    GetOption,
    /// `getsockname`: the local address a socket was given (the real port after
    /// `--port 0`, or the one `connect` chose).
    GetName,
    /// `close`: giving the socket back to the system (a drop, in Rust).
    Close,
    /// `setblocking(False)`: a call on the socket returns at once, with
    /// `WouldBlock` when it would have to wait (lesson 7).
    SetBlocking,
    /// `register`: asking the system to watch a socket for readiness (epoll_ctl ADD).
    Register,
    /// `reregister`: changing what the system watches a socket for (epoll_ctl MOD).
    Reregister,
    /// `deregister`: the system stops watching a socket (epoll_ctl DEL).
    Deregister,
    /// `poll`: waiting until one of the watched sockets is ready (epoll_wait).
    Poll,
}

impl Call {
    /// The name of the call as Python's `socket` module spells it.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Call::Socket => "socket",
            Call::SocketAndBind => "socket+bind",
            Call::Resolve => "getaddrinfo",
            Call::Bind => "bind",
            Call::Listen => "listen",
            Call::Accept => "accept",
            Call::Connect => "connect",
            Call::Send => "send",
            Call::SendTo => "sendto",
            Call::Recv => "recv",
            Call::RecvFrom => "recvfrom",
            Call::UdpSend => "send",
            Call::UdpRecv => "recv",
            Call::Shutdown => "shutdown",
            Call::SetOption => "setsockopt",
            Call::GetOption => "getsockopt",
            Call::GetName => "getsockname",
            Call::Close => "close",
            Call::SetBlocking => "setblocking",
            Call::Register => "register",
            Call::Reregister => "reregister",
            Call::Deregister => "deregister",
            Call::Poll => "poll",
        }
    }

    /// The failure of this call on `addr` with the system's error `err`, for
    /// the places that look at the error before giving up.
    pub(crate) fn failed(self, addr: impl Display, err: io::Error) -> Failure {
        Failure::Call { call: self, addr: addr.to_string(), err, hint: None }
    }

    fn is_udp(self) -> bool {
        matches!(self, Call::SendTo | Call::RecvFrom | Call::UdpSend | Call::UdpRecv)
    }
}

/// What a program knows about itself that a hint needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Context {
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
        /// What the lesson says to do, in place of the usual hint: what only
        /// one lesson can say about a failure (lesson 4's "the server serves
        /// one client at a time" for a greeting that never came) stays in
        /// that lesson's code.
        hint: Option<String>,
    },
    /// A failure that is not a socket call's, already explained.
    Other(Explanation),
}

impl Failure {
    /// A failure that is not a socket call's: what went wrong, and what to do.
    /// The cause prints as one line whatever it holds (it may quote a peer,
    /// as a server's idle notice does): its control characters are escaped.
    pub fn other(cause: impl Into<String>, hint: impl Into<String>) -> Failure {
        let cause = crate::bytes::one_line(&cause.into());
        Failure::Other(Explanation { cause, system: None, hint: hint.into() })
    }

    /// The cause and the hint, for a program of `context`.
    pub(crate) fn explanation(&self, context: &Context) -> Explanation {
        match self {
            Failure::Call { call, addr, err, hint } => {
                let explanation = explain(*call, addr, err, context);
                match hint {
                    Some(hint) => Explanation { hint: hint.clone(), ..explanation },
                    None => explanation,
                }
            }
            Failure::Other(explanation) => explanation.clone(),
        }
    }

    /// The same failure with another hint (the tests'; a lesson sets `hint`
    /// of a [`Failure::Call`] to say what only it can say).
    #[cfg(test)]
    fn with_hint(self, hint: String) -> Failure {
        match self {
            Failure::Call { call, addr, err, .. } => Failure::Call { call, addr, err, hint: Some(hint) },
            Failure::Other(explanation) => Failure::Other(Explanation { hint, ..explanation }),
        }
    }

    /// The call that failed, if a socket call did.
    pub(crate) fn call(&self) -> Option<Call> {
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
        crate::stamp::call_returned();
        self.map_err(|err| call.failed(addr, err))
    }
}

/// Explains `err`, returned by `call` on `addr` (the address the call used),
/// in the language the program chose.
pub(crate) fn explain(call: Call, addr: impl Display, err: &io::Error, context: &Context) -> Explanation {
    explain_in(lang::current(), call, addr, err, context)
}

/// Explains `err`, returned by `call` on `addr`, in `lang`.
pub(crate) fn explain_in(
    lang: Lang,
    call: Call,
    addr: impl Display,
    err: &io::Error,
    context: &Context,
) -> Explanation {
    let addr = addr.to_string();
    let server = format!("cargo run -p lesson{}-server", context.lesson);
    let wait = match context.timeout {
        Some(timeout) => tr_in!(lang, "explain-within", secs = timeout.as_secs_f64().to_string()),
        None => tr_in!(lang, "explain-in-time"),
    };
    let name = call.name();
    let (cause, hint) = match (call, err.kind()) {
        (Call::Resolve, _) => (
            tr_in!(lang, "explain-resolve", addr = &addr, err = err.to_string()),
            tr_in!(lang, "explain-resolve-hint"),
        ),
        (_, ErrorKind::AddrInUse) => {
            let port = port_of(&addr);
            (
                tr_in!(lang, "explain-in-use", addr = &addr),
                tr_in!(
                    lang,
                    "explain-in-use-hint",
                    suggest = suggest_port(port).to_string(),
                    port = port.to_string()
                ),
            )
        }
        (Call::Bind, ErrorKind::PermissionDenied) if port_of(&addr) < 1024 => {
            (tr_in!(lang, "explain-low-port", addr = &addr), tr_in!(lang, "explain-low-port-hint"))
        }
        (Call::SendTo, ErrorKind::PermissionDenied) => {
            (tr_in!(lang, "explain-broadcast", addr = &addr), tr_in!(lang, "explain-broadcast-hint"))
        }
        (_, ErrorKind::PermissionDenied) => {
            (tr_in!(lang, "explain-denied", call = name, addr = &addr), tr_in!(lang, "explain-denied-hint"))
        }
        (Call::Bind, ErrorKind::AddrNotAvailable) => {
            (tr_in!(lang, "explain-not-ours", addr = &addr), tr_in!(lang, "explain-not-ours-hint"))
        }
        (_, ErrorKind::AddrNotAvailable) => (
            tr_in!(lang, "explain-not-a-destination", addr = &addr),
            tr_in!(lang, "explain-not-a-destination-hint"),
        ),
        (_, _) if is_os_error(err, MESSAGE_TOO_LONG) => (
            tr_in!(lang, "explain-too-long", call = name, addr = &addr),
            tr_in!(lang, "explain-too-long-hint"),
        ),
        (_, _) if is_os_error(err, TOO_MANY_FILES) || is_os_error(err, TOO_MANY_FILES_IN_SYSTEM) => (
            tr_in!(lang, "explain-no-files", call = name, addr = &addr),
            tr_in!(lang, "explain-no-files-hint"),
        ),
        (_, ErrorKind::Interrupted) => (
            tr_in!(lang, "explain-interrupted", call = name, addr = &addr),
            tr_in!(lang, "explain-interrupted-hint"),
        ),
        // A connected UDP socket hears the ICMP "port unreachable" (Linux: ECONNREFUSED).
        (Call::UdpRecv | Call::UdpSend, ErrorKind::ConnectionRefused | ErrorKind::ConnectionReset) => (
            tr_in!(lang, "explain-port-unreachable", addr = &addr),
            tr_in!(lang, "explain-port-unreachable-connected-hint", server = &server),
        ),
        // Windows tells an unconnected socket too, on its next recvfrom.
        (Call::RecvFrom | Call::SendTo, ErrorKind::ConnectionRefused | ErrorKind::ConnectionReset) => (
            tr_in!(lang, "explain-port-unreachable", addr = &addr),
            tr_in!(lang, "explain-start-server-hint", server = &server),
        ),
        (_, ErrorKind::ConnectionRefused) => (
            tr_in!(lang, "explain-refused", addr = &addr),
            tr_in!(lang, "explain-start-server-hint", server = &server),
        ),
        (Call::RecvFrom, ErrorKind::WouldBlock | ErrorKind::TimedOut) => (
            tr_in!(lang, "explain-no-reply", addr = &addr, wait = &wait),
            tr_in!(lang, "explain-no-reply-hint", server = &server),
        ),
        (Call::UdpRecv, ErrorKind::WouldBlock | ErrorKind::TimedOut) => (
            tr_in!(lang, "explain-no-reply", addr = &addr, wait = &wait),
            tr_in!(lang, "explain-no-reply-connected-hint", server = &server),
        ),
        (Call::Connect, ErrorKind::WouldBlock | ErrorKind::TimedOut) => (
            tr_in!(lang, "explain-no-handshake", addr = &addr, wait = &wait),
            tr_in!(lang, "explain-no-handshake-hint"),
        ),
        (Call::Send | Call::SendTo, ErrorKind::WouldBlock | ErrorKind::TimedOut) => (
            tr_in!(lang, "explain-not-reading", addr = &addr, wait = &wait),
            tr_in!(lang, "explain-not-reading-hint"),
        ),
        (_, ErrorKind::WouldBlock | ErrorKind::TimedOut) => (
            tr_in!(lang, "explain-no-data", addr = &addr, wait = &wait),
            tr_in!(lang, "explain-no-data-hint"),
        ),
        (_, ErrorKind::ConnectionReset) => {
            (tr_in!(lang, "explain-reset", addr = &addr), tr_in!(lang, "explain-reset-hint"))
        }
        (_, ErrorKind::ConnectionAborted) => {
            (tr_in!(lang, "explain-aborted", addr = &addr), tr_in!(lang, "explain-aborted-hint"))
        }
        (_, ErrorKind::BrokenPipe) => {
            (tr_in!(lang, "explain-broken-pipe", addr = &addr), tr_in!(lang, "explain-broken-pipe-hint"))
        }
        _ => (
            tr_in!(lang, "explain-failed", call = name, addr = &addr, err = err.to_string()),
            if call.is_udp() {
                tr_in!(lang, "explain-failed-udp-hint")
            } else {
                tr_in!(lang, "explain-failed-hint")
            },
        ),
    };
    Explanation { cause, system: Some(system_words_in(lang, err)), hint }
}

/// Whether `cause` begins by naming `call` ("accept on ..." in English), in
/// the chosen language: a report that puts the call's name before a cause
/// leaves these as they are.
pub(crate) fn names_call(cause: &str, call: Call) -> bool {
    cause.starts_with(&tr!("explain-call-on", call = call.name()))
}

/// The system's own words for `err`, with what the course adds in `lang`.
pub(crate) fn system_words_in(lang: Lang, err: &io::Error) -> String {
    match (err.kind(), err.raw_os_error()) {
        // A read timeout (SO_RCVTIMEO) that ran out reads as EAGAIN; Python's
        // settimeout raises TimeoutError instead.
        (ErrorKind::WouldBlock, Some(_)) => {
            format!(
                "{}; Python: TimeoutError",
                tr_in!(lang, "explain-timeout-ran-out", err = err.to_string())
            )
        }
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

/// A duration as a person reads it, in the chosen language: "0.5 s", "0.5 秒".
/// (What crosses the wire, such as the idle notice, stays the same in every
/// language: `kit::net::seconds`.)
pub fn seconds_shown(duration: Duration) -> String {
    crate::tr!("seconds-shown", seconds = duration.as_secs_f64().to_string())
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
    use crate::lang::text_in;

    const LESSON_1: Context = Context { lesson: 1, timeout: Some(Duration::from_secs(3)) };

    fn explained(call: Call, kind: ErrorKind) -> Explanation {
        explain_in(Lang::En, call, "127.0.0.1:7852", &io::Error::from(kind), &LESSON_1)
    }

    fn explained_os(call: Call, number: i32) -> Explanation {
        explain_in(Lang::En, call, "127.0.0.1:7852", &io::Error::from_raw_os_error(number), &LESSON_1)
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
    fn a_udp_timeout_says_the_icmp_never_reaches_an_unconnected_socket() {
        let e = explained(Call::RecvFrom, ErrorKind::WouldBlock);
        assert_eq!(e.cause, "no reply from 127.0.0.1:7852 within 3 s");
        assert!(e.hint.contains("ICMP \"port unreachable\""), "{}", e.hint);
        assert!(e.hint.contains("a firewall may drop it"), "{}", e.hint);
        assert!(e.hint.contains("has not called connect is never told"), "{}", e.hint);
        assert!(!e.hint.contains("never tells a sender"), "the system does tell, by ICMP: {}", e.hint);
        assert!(e.hint.contains("cargo run -p lesson1-server"), "{}", e.hint);
    }

    #[test]
    fn a_connected_udp_socket_hears_the_port_unreachable() {
        let e = explained(Call::UdpRecv, ErrorKind::ConnectionRefused);
        assert_eq!(e.cause, "127.0.0.1:7852 answered 'port unreachable': nothing is bound there");
        assert!(e.hint.contains("a connected UDP socket is told so"), "{}", e.hint);
        assert!(e.hint.contains("cargo run -p lesson1-server"), "{}", e.hint);
        let silent = explained(Call::UdpRecv, ErrorKind::WouldBlock);
        assert_eq!(silent.cause, "no reply from 127.0.0.1:7852 within 3 s");
        assert!(silent.hint.contains("this socket is connected"), "{}", silent.hint);
        assert!(!silent.hint.contains("never told"), "a connected socket would be told: {}", silent.hint);
        assert_eq!(Call::UdpRecv.name(), "recv");
        assert_eq!(Call::UdpSend.name(), "send");
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
    fn a_refused_sendto_is_a_port_unreachable_not_a_refused_connection() {
        // UDP has no connection to refuse: an earlier datagram's ICMP "port
        // unreachable", reported on the next sendto (Windows, and Linux for a
        // socket that once had a peer), is said as what it is.
        let e = explained(Call::SendTo, ErrorKind::ConnectionRefused);
        assert!(e.cause.contains("port unreachable"), "{}", e.cause);
        assert!(!e.cause.contains("connection refused"), "{}", e.cause);
        assert!(e.hint.contains("cargo run -p lesson1-server"), "{}", e.hint);
    }

    #[test]
    fn a_refused_connection_says_start_the_server() {
        let context = Context { lesson: 3, timeout: None };
        let err = io::Error::from(ErrorKind::ConnectionRefused);
        let e = explain_in(Lang::En, Call::Connect, "127.0.0.1:8998", &err, &context);
        assert!(e.cause.contains("nothing is listening"), "{}", e.cause);
        assert!(e.hint.contains("cargo run -p lesson3-server"), "{}", e.hint);
    }

    #[test]
    fn a_low_port_explains_the_privilege() {
        let e = explain_in(
            Lang::En,
            Call::Bind,
            "127.0.0.1:80",
            &io::Error::from(ErrorKind::PermissionDenied),
            &LESSON_1,
        );
        assert!(e.hint.contains("below 1024"), "{}", e.hint);
        // The edge: 1023 is the last privileged port, 1024 the first free one.
        let denied = |addr| {
            explain_in(Lang::En, Call::Bind, addr, &io::Error::from(ErrorKind::PermissionDenied), &LESSON_1)
        };
        assert!(denied("127.0.0.1:1023").hint.contains("below 1024"), "1023 is privileged");
        assert!(!denied("127.0.0.1:1024").hint.contains("below 1024"), "1024 is not privileged");
    }

    #[test]
    fn permission_denied_is_explained_by_the_call_and_the_port() {
        let high_port = explained(Call::Bind, ErrorKind::PermissionDenied);
        assert!(!high_port.hint.contains("below 1024"), "7852 is not a reserved port: {}", high_port.hint);
        let broadcast = explain_in(
            Lang::En,
            Call::SendTo,
            "255.255.255.255:7852",
            &io::Error::from_raw_os_error(13),
            &LESSON_1,
        );
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
    fn a_lesson_may_give_its_own_hint_and_keep_the_cause() {
        let context = Context { lesson: 4, timeout: Some(Duration::from_secs(3)) };
        let usual = Call::Recv.failed("127.0.0.1:8888", io::Error::from(ErrorKind::WouldBlock));
        let usual = usual.explanation(&context);
        let own = Call::Recv.failed("127.0.0.1:8888", io::Error::from(ErrorKind::WouldBlock));
        let own = own.with_hint("the lesson's own words".to_string()).explanation(&context);
        assert_eq!((own.cause, own.system), (usual.cause, usual.system));
        assert_eq!(own.hint, "the lesson's own words");
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
        let e = explain_in(Lang::En, Call::Resolve, "not-a-host:7852", &err, &LESSON_1);
        assert!(e.cause.starts_with("cannot turn not-a-host:7852"), "{}", e.cause);
        assert!(e.hint.contains("127.0.0.1"), "{}", e.hint);
    }

    #[test]
    fn anything_else_still_names_the_call() {
        let e = explained(Call::SendTo, ErrorKind::InvalidInput);
        assert!(e.cause.starts_with("sendto on 127.0.0.1:7852 failed"), "{}", e.cause);
    }

    #[test]
    fn every_explanation_formats_in_both_languages() {
        let calls = [
            Call::Socket,
            Call::Resolve,
            Call::Bind,
            Call::Listen,
            Call::Accept,
            Call::Connect,
            Call::Send,
            Call::SendTo,
            Call::Recv,
            Call::RecvFrom,
            Call::UdpSend,
            Call::UdpRecv,
            Call::Shutdown,
            Call::SetOption,
        ];
        let kinds = [
            ErrorKind::AddrInUse,
            ErrorKind::PermissionDenied,
            ErrorKind::AddrNotAvailable,
            ErrorKind::Interrupted,
            ErrorKind::ConnectionRefused,
            ErrorKind::ConnectionReset,
            ErrorKind::ConnectionAborted,
            ErrorKind::WouldBlock,
            ErrorKind::TimedOut,
            ErrorKind::BrokenPipe,
            ErrorKind::InvalidInput,
        ];
        let lesson4 = Context { lesson: 4, timeout: None };
        for lang in [Lang::En, Lang::Zh] {
            for call in calls {
                let errors = kinds
                    .map(io::Error::from)
                    .into_iter()
                    .chain([4, 11, 23, 24, 90].map(io::Error::from_raw_os_error));
                for err in errors {
                    for (addr, context) in [("127.0.0.1:80", &LESSON_1), ("127.0.0.1:8888", &lesson4)] {
                        let e = explain_in(lang, call, addr, &err, context);
                        let text = format!("{} {:?} {}", e.cause, e.system, e.hint);
                        assert!(
                            !text.contains("explain-"),
                            "{lang:?} {call:?} {err:?}: a message is missing: {text}"
                        );
                        assert!(!e.cause.is_empty() && !e.hint.is_empty(), "{lang:?} {call:?} {err:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn explanations_speak_chinese_when_asked() {
        let lesson3 = Context { lesson: 3, timeout: None };
        let refused = io::Error::from(ErrorKind::ConnectionRefused);
        let e = explain_in(Lang::Zh, Call::Connect, "127.0.0.1:8998", &refused, &lesson3);
        assert_eq!(e.cause, "127.0.0.1:8998 拒绝了连接：那里没有程序在监听");
        assert_eq!(e.hint, "请先启动服务器：cargo run -p lesson3-server（并检查 --host 和 --port 是否一致）");
        let silent = explain_in(
            Lang::Zh,
            Call::RecvFrom,
            "127.0.0.1:7852",
            &io::Error::from_raw_os_error(11),
            &LESSON_1,
        );
        assert_eq!(silent.cause, "在 3 秒内没有收到 127.0.0.1:7852 的回复");
        assert!(silent.hint.contains("没有调用过 connect 的 UDP 套接字永远不会得知"), "{}", silent.hint);
        let system = silent.system.expect("a call's failure carries the system's words");
        assert!(system.contains("(os error 11)：读超时时间到了; Python: TimeoutError"), "{system}");
        let in_use = explain_in(
            Lang::Zh,
            Call::Bind,
            "127.0.0.1:7852",
            &io::Error::from(ErrorKind::AddrInUse),
            &LESSON_1,
        );
        assert_eq!(in_use.cause, "127.0.0.1:7852 已经被占用");
        assert!(in_use.hint.contains("--port 7853（--port 0 让系统来选）"), "{}", in_use.hint);
        assert!(in_use.hint.contains("ss -tuan | grep :7852"), "{}", in_use.hint);
    }

    #[test]
    fn a_failure_no_case_covers_gets_the_hint_of_its_protocol() {
        // Fails if a UDP call's failure tells the learner to check that the
        // other program runs (UDP sends whether or not it does), or a TCP
        // call's forgets to.
        let udp = explained(Call::SendTo, ErrorKind::InvalidInput);
        assert_eq!(udp.hint, "check --host and --port; UDP sends to whatever address it is given");
        for call in [Call::RecvFrom, Call::UdpSend, Call::UdpRecv] {
            assert_eq!(explained(call, ErrorKind::InvalidInput).hint, udp.hint, "{call:?}");
        }
        let tcp = explained(Call::Connect, ErrorKind::InvalidInput);
        assert_eq!(tcp.hint, "check --host and --port, and that the other program is running");
    }

    #[test]
    fn permission_denied_elsewhere_names_the_call_and_the_firewall() {
        // Fails if a refused connect is explained as an unknown failure
        // instead of a permission the system or its firewall refused.
        let e = explained(Call::Connect, ErrorKind::PermissionDenied);
        assert_eq!(e.cause, "permission denied for connect on 127.0.0.1:7852");
        assert!(e.hint.contains("the system or its firewall refused this call"), "{}", e.hint);
    }

    #[test]
    fn a_send_that_times_out_says_the_peer_is_not_reading() {
        // Fails if a send that waited for a peer's full buffers is explained
        // as a peer that sent nothing.
        for call in [Call::Send, Call::SendTo] {
            for kind in [ErrorKind::WouldBlock, ErrorKind::TimedOut] {
                let e = explained(call, kind);
                assert_eq!(
                    e.cause,
                    "127.0.0.1:7852 did not take all we sent within 3 s: it is not reading, or reads too slowly",
                    "{call:?} {kind:?}"
                );
                assert!(e.hint.contains("fills its receive buffer"), "{}", e.hint);
            }
        }
    }

    #[test]
    fn a_tcp_read_that_times_out_says_the_peer_sent_nothing() {
        // Fails if a silent TCP peer is explained as anything but silence.
        for kind in [ErrorKind::WouldBlock, ErrorKind::TimedOut] {
            let e = explained(Call::Recv, kind);
            assert_eq!(e.cause, "no data from 127.0.0.1:7852 within 3 s", "{kind:?}");
            assert!(e.hint.contains("the peer sent nothing"), "{}", e.hint);
        }
        let untimed = Context { lesson: 4, timeout: None };
        let e = explain_in(
            Lang::En,
            Call::Recv,
            "127.0.0.1:8888",
            &io::Error::from(ErrorKind::WouldBlock),
            &untimed,
        );
        assert_eq!(e.cause, "no data from 127.0.0.1:8888 in time");
    }

    #[test]
    fn an_aborted_connection_and_a_broken_pipe_say_who_ended_it() {
        // Fails if ECONNABORTED or EPIPE fall to the general "failed" cause:
        // one is this machine's stack, the other a peer that has closed.
        let aborted = explained(Call::Accept, ErrorKind::ConnectionAborted);
        assert_eq!(aborted.cause, "connection to 127.0.0.1:7852 aborted by this machine's network stack");
        assert_eq!(aborted.hint, "the connection failed before it was used; try again");
        let broken = explained(Call::Send, ErrorKind::BrokenPipe);
        assert_eq!(broken.cause, "127.0.0.1:7852 has closed the connection: there is nobody left to send to");
        assert!(broken.hint.contains("read its reply (or its 0-byte read)"), "{}", broken.hint);
    }

    #[test]
    fn a_calls_failure_keeps_the_systems_error_for_the_lesson() {
        // Fails if a lesson can no longer look at what the system said (lesson
        // 2's server goes on after an ICMP "port unreachable", ECONNRESET).
        let reset = Call::RecvFrom.failed("127.0.0.1:7852", io::Error::from_raw_os_error(104));
        let err = reset.io_error().expect("a call's failure has the system's error");
        assert_eq!((err.kind(), err.raw_os_error()), (ErrorKind::ConnectionReset, Some(104)));
        assert!(Failure::other("cause", "hint").io_error().is_none());
        assert_eq!(reset.call(), Some(Call::RecvFrom));
        assert_eq!(Failure::other("cause", "hint").call(), None);
    }

    #[test]
    fn a_duration_reads_in_seconds() {
        // Fails if the lessons' "waited 0.5 s" loses its number or its unit.
        assert_eq!(seconds_shown(Duration::from_millis(500)), "0.5 s");
        assert_eq!(seconds_shown(Duration::from_secs(3)), "3 s");
    }

    #[test]
    fn a_cause_that_names_its_call_is_known_in_each_language() {
        let on = |lang| {
            text_in(lang, "explain-call-on", &[("call", crate::lang::IntoValue::into_value("accept"))])
        };
        assert_eq!(on(Lang::En), "accept on ");
        let too_many = explained_os(Call::Accept, 24);
        assert!(too_many.cause.starts_with(&on(Lang::En)), "{}", too_many.cause);
        let chinese = explain_in(
            Lang::Zh,
            Call::Accept,
            "127.0.0.1:8888",
            &io::Error::from_raw_os_error(24),
            &LESSON_1,
        );
        assert!(chinese.cause.starts_with(&on(Lang::Zh)), "{}", chinese.cause);
    }
}
