//! The options several lessons share, written once: argument groups that each
//! program flattens into its own `Args` (`#[command(flatten)]`), and the
//! parsers behind them, so a bad value gets a clear message from clap (exit
//! code 2) instead of a panic or a silent surprise.
//!
//! An address group takes the lesson's default port as a const generic:
//! `TcpServerAddress<8888>` shows `[default: 8888]` in `--help`. Where a
//! lesson says more about its port, its `Args` replaces that one help line
//! (`#[command(mut_arg("port", ...))]`).

use std::io::IsTerminal;
use std::time::Duration;

use clap::Args;
use shared::lang::Texts;
use shared::lang::{self, Lang};
use shared::{Colours, Narrator, Role};

/// `--host` and `--port` of a UDP server (lessons 1 and 2), `PORT` the
/// lesson's default port.
#[derive(Args, Debug, Clone)]
pub struct UdpServerAddress<const PORT: u16> {
    /// Address to bind: 127.0.0.1 takes datagrams from this machine only;
    /// 0.0.0.0 would take them from every network this machine is on. A name
    /// such as localhost binds its IPv4 address, as Python's AF_INET socket does
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,

    /// Port to bind: where clients send. 0 lets the system pick a free port,
    /// shown in the `bound to` line
    #[arg(long, default_value = PORT.to_string(), value_parser = port, allow_hyphen_values = true)]
    pub port: u16,
}

/// `--host` and `--port` of a TCP server (lessons 3 to 6), `PORT` the
/// lesson's default port.
#[derive(Args, Debug, Clone)]
pub struct TcpServerAddress<const PORT: u16> {
    /// Address to bind: 127.0.0.1 takes connections from this machine only;
    /// 0.0.0.0 would take them from every network this machine is on. A name
    /// such as localhost binds its IPv4 address, as Python's AF_INET socket does
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,

    /// Port to listen on. 0 lets the system pick a free port, shown in the
    /// `listening on` line
    #[arg(long, default_value = PORT.to_string(), value_parser = port, allow_hyphen_values = true)]
    pub port: u16,
}

/// `--host` and `--port` of a UDP client (lessons 1 and 2), `PORT` the
/// lesson's default port.
#[derive(Args, Debug, Clone)]
pub struct UdpClientAddress<const PORT: u16> {
    /// The server's address, or a name: each address a name stands for is tried
    /// in turn until one answers, each for its share of --timeout
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,

    /// The server's port (the client's own port is chosen by the system)
    #[arg(long, default_value = PORT.to_string(), value_parser = port, allow_hyphen_values = true)]
    pub port: u16,
}

/// `--host` and `--port` of a TCP client (lessons 3 to 6), `PORT` the
/// lesson's default port.
#[derive(Args, Debug, Clone)]
pub struct TcpClientAddress<const PORT: u16> {
    /// The server's address
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,

    /// The server's port (the client's own port is chosen by the system at connect)
    #[arg(long, default_value = PORT.to_string(), value_parser = port, allow_hyphen_values = true)]
    pub port: u16,
}

/// How a program looks: `--color` and `--lang`, the last options of every
/// lesson program.
#[derive(Args, Debug, Clone, Copy)]
pub struct Look {
    /// Colour the output: auto colours a terminal unless NO_COLOR is set
    #[arg(long, value_enum, default_value_t)]
    pub color: ColorChoice,

    /// Language of the explanations: en or zh (default: zh if LC_ALL, LC_MESSAGES or LANG starts with zh); --help stays in English
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
}

impl Look {
    /// The program's narrator, once its options are read: chooses the
    /// language (`--lang`, else the environment's) with the kit's words and
    /// the program's own (`texts`), and the colours of each stream (`--color`).
    pub fn narrator(self, role: Role, lesson: u8, texts: &'static Texts) -> Narrator {
        shared::lang::choose(self.lang, &[&crate::TEXTS, texts]);
        let colours = Colours {
            stdout: self.color.enabled(std::io::stdout().is_terminal()),
            stderr: self.color.enabled(std::io::stderr().is_terminal()),
        };
        Narrator::new(role, lesson, colours)
    }
}

/// The `--color` option every lesson program takes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when printing to a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    /// Always colour, even into a pipe or a file.
    Always,
    /// Never colour.
    Never,
}

impl ColorChoice {
    /// Whether to colour a stream that is (or is not) a terminal.
    pub fn enabled(self, is_terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                is_terminal
                    && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
                    && std::env::var_os("TERM").is_none_or(|term| term != "dumb")
            }
        }
    }
}

/// What the loop servers of lessons 4, 5 and 6 allow one client besides
/// their own `--idle-timeout`: the whole conversation, and each reply.
#[derive(Args, Debug, Clone, Copy)]
pub struct ServerLimits {
    /// Close a client whose whole conversation passes SECS, however it trickles
    /// its bytes: with --idle-timeout alone, one byte a second keeps a client
    /// for ever. Off by default
    #[arg(long, value_name = "SECS", value_parser = seconds)]
    pub conversation_limit: Option<Duration>,

    /// Give up on a client that does not take a whole reply within SECS: a peer
    /// that never reads (or takes a trickle) fills its receive buffer, then
    /// ours, and would hold the server in send forever
    #[arg(long, value_name = "SECS", default_value = "10", value_parser = seconds)]
    pub write_timeout: Duration,
}

/// A value parser's message, in the language of the command line: clap runs
/// the parsers before the program calls [`lang::choose`], so `--lang` is read
/// here from the arguments themselves (else the environment's language).
macro_rules! said {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        crate::TEXTS
            .get(language(), $id, &[$((stringify!($name), lang::IntoValue::into_value($value))),*])
            .unwrap_or_else(|| $id.to_string())
    };
}

/// The language `--lang` asks for on the command line, else the
/// environment's (a value parser's message comes just before clap ends the
/// program: the language it settles is not used again).
fn language() -> Lang {
    let args: Vec<String> = std::env::args_os().map(|arg| arg.to_string_lossy().into_owned()).collect();
    asked_language(&args).unwrap_or_else(crate::language)
}

/// The language of `--lang zh` or `--lang=zh` among `args`, if one is asked.
fn asked_language(args: &[String]) -> Option<Lang> {
    let asked = args.iter().enumerate().find_map(|(at, arg)| match arg.strip_prefix("--lang") {
        Some("") => args.get(at + 1).map(String::as_str),
        Some(value) => value.strip_prefix('='),
        None => None,
    });
    match asked {
        Some("zh") => Some(Lang::Zh),
        Some("en") => Some(Lang::En),
        _ => None,
    }
}

/// The largest receive buffer a lesson accepts: well above the biggest UDP
/// datagram (65,507 bytes over IPv4), small enough to allocate on any machine.
pub const MAX_BUFFER: usize = 1 << 20;

/// Parses `--buffer`: a whole number of bytes from 1 to [`MAX_BUFFER`].
pub fn buffer_size(text: &str) -> Result<usize, String> {
    let bytes: usize = text.parse().map_err(|_| said!("shared-not-whole-bytes", text = text))?;
    match bytes {
        0 => Err(said!("shared-zero-buffer")),
        1..=MAX_BUFFER => Ok(bytes),
        _ => Err(said!("shared-buffer-too-big", max = MAX_BUFFER.to_string())),
    }
}

/// Parses `--timeout`: seconds, fractions allowed, more than 0.
pub fn seconds(text: &str) -> Result<Duration, String> {
    let secs: f64 = text.parse().map_err(|_| said!("shared-not-seconds", text = text))?;
    if secs.is_nan() || secs <= 0.0 {
        return Err(said!("shared-timeout-zero"));
    }
    let duration = Duration::try_from_secs_f64(secs)
        .map_err(|_| said!("shared-seconds-too-long", secs = secs.to_string()))?;
    if duration.is_zero() {
        return Err(said!("shared-seconds-round-to-zero", text = text));
    }
    Ok(duration)
}

/// Parses `--port`: a whole number from 0 to 65535. Negative numbers reach
/// this parser (the option allows a leading `-`) so they get this message.
pub fn port(text: &str) -> Result<u16, String> {
    text.parse().map_err(|_| said!("shared-not-port", text = text))
}

/// File descriptors a server needs besides its clients' sockets: standard
/// input, output and error, the listening socket, the signal handler's pipe,
/// and some room.
const RESERVED_FILES: u64 = 16;

/// Parses lesson 5's `--max-clients`: from 1 to 10,000, and no more than this
/// process may open files, since each client's socket is one (otherwise accept
/// would fail with "too many open files" long before the cap).
pub fn max_clients(text: &str) -> Result<u64, String> {
    let n: u64 = text.parse().map_err(|_| said!("shared-not-whole-clients", text = text))?;
    if !(1..=10_000).contains(&n) {
        return Err(said!("shared-clients-out-of-range", n = n.to_string()));
    }
    if let Some(limit) = kernel::limits::open_files() {
        let room = limit.saturating_sub(RESERVED_FILES);
        if n > room {
            return Err(said!(
                "shared-clients-over-file-limit",
                limit = limit.to_string(),
                room = room.to_string()
            ));
        }
    }
    Ok(n)
}

/// The most data one UDP datagram carries over IPv4: 65,535 bytes, less the
/// IP header (20) and the UDP header (8).
pub const MAX_DATAGRAM: usize = 65_507;

/// Parses the text of one UDP datagram (`--message`, `--reply` of lessons 1
/// and 2): at most [`MAX_DATAGRAM`] bytes, refused here rather than at sendto.
pub fn datagram(text: &str) -> Result<String, String> {
    match text.len() {
        0..=MAX_DATAGRAM => Ok(text.to_string()),
        n => Err(said!("shared-datagram-too-long", n = n.to_string(), max = MAX_DATAGRAM.to_string())),
    }
}

/// Parses lesson 3's `--message`: TCP sends nothing for an empty one, and the
/// server would wait for bytes that never come.
pub fn nonempty(text: &str) -> Result<String, String> {
    if text.is_empty() { Err(said!("shared-empty-message")) } else { Ok(text.to_string()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_and_always_ignore_the_terminal() {
        assert!(!ColorChoice::Never.enabled(true));
        assert!(ColorChoice::Always.enabled(false));
    }

    #[test]
    fn auto_is_off_into_a_pipe() {
        assert!(!ColorChoice::Auto.enabled(false));
    }

    #[test]
    fn buffers_are_positive_and_bounded() {
        assert_eq!(buffer_size("500"), Ok(500));
        assert!(buffer_size("0").unwrap_err().contains("0-byte buffer"));
        assert!(buffer_size("abc").unwrap_err().contains("not a whole number"));
        assert!(buffer_size("99999999").unwrap_err().contains("at most"));
    }

    #[test]
    fn timeouts_are_positive_seconds() {
        assert_eq!(seconds("3"), Ok(Duration::from_secs(3)));
        assert_eq!(seconds("0.25"), Ok(Duration::from_millis(250)));
        assert!(seconds("0").unwrap_err().contains("more than 0"));
        assert!(seconds("-1").unwrap_err().contains("more than 0"));
        assert!(seconds("NaN").unwrap_err().contains("more than 0"));
        assert!(seconds("soon").unwrap_err().contains("not a number"));
        assert!(seconds("1e300").unwrap_err().contains("too long"));
        assert!(seconds("1e-10").unwrap_err().contains("rounds to 0"));
    }

    #[test]
    fn ports_are_whole_numbers_up_to_65535() {
        assert_eq!(port("0"), Ok(0));
        assert_eq!(port("65535"), Ok(65535));
        assert!(port("-1").unwrap_err().contains("'-1' is not a port"));
        assert!(port("65536").unwrap_err().contains("0 to 65535"));
    }

    #[test]
    fn a_bad_value_is_explained_in_the_language_of_the_command_line() {
        let args = |line: &str| line.split(' ').map(str::to_string).collect::<Vec<_>>();
        assert_eq!(asked_language(&args("lesson1-client --lang zh --port x")), Some(Lang::Zh));
        assert_eq!(asked_language(&args("lesson1-client --port x --lang=en")), Some(Lang::En));
        assert_eq!(asked_language(&args("lesson1-client --port x")), None);
        let port = crate::TEXTS
            .get(Lang::Zh, "shared-not-port", &[("text", lang::IntoValue::into_value("x"))])
            .unwrap();
        assert_eq!(port, "'x' 不是端口：端口是 0 到 65535 之间的整数（0 让系统挑一个空闲的端口）");
        let too_long =
            [("n", lang::IntoValue::into_value("65508")), ("max", lang::IntoValue::into_value("65507"))];
        let english = crate::TEXTS.get(Lang::En, "shared-datagram-too-long", &too_long).unwrap();
        assert_eq!(
            english,
            "65508 bytes do not fit in one UDP datagram, which carries at most 65507 bytes of data over IPv4"
        );
    }

    #[test]
    fn max_clients_is_from_1_to_10000_and_within_the_open_files_limit() {
        // Fails if a cap the server could never reach (past the files it may
        // open) or one out of range is taken, or a good one refused.
        assert!(max_clients("0").unwrap_err().contains("0 is not in 1..=10000"));
        assert!(max_clients("10001").unwrap_err().contains("10001 is not in 1..=10000"));
        assert!(max_clients("many").unwrap_err().contains("not a whole number of clients"));
        let room = kernel::limits::open_files().map_or(10_000, |limit| limit.saturating_sub(RESERVED_FILES));
        if room >= 2 {
            assert_eq!(max_clients("2"), Ok(2));
        }
        if (1..=10_000).contains(&room) {
            assert_eq!(max_clients(&room.to_string()), Ok(room), "as many as the limit leaves room for");
        }
        if room < 10_000 {
            let over = max_clients(&(room + 1).to_string()).unwrap_err();
            assert!(over.contains("ulimit -n") && over.contains(&format!("pass at most {room}")), "{over}");
        }
    }

    #[test]
    fn a_datagram_holds_at_most_65507_bytes_and_a_tcp_message_at_least_one() {
        assert!(datagram(&"x".repeat(MAX_DATAGRAM)).is_ok());
        assert!(datagram(&"x".repeat(MAX_DATAGRAM + 1)).unwrap_err().contains("at most 65507"));
        assert!(nonempty("").unwrap_err().contains("puts nothing on the wire"));
        assert_eq!(nonempty("hi"), Ok("hi".to_string()));
    }
}
