//! Parsers for the options every lesson shares, so a bad value gets a clear
//! message from clap (exit code 2) instead of a panic or a silent surprise.

use std::time::Duration;

use shared::lang::{self, Lang};

/// A value parser's message, in the language of the command line: clap runs
/// the parsers before the program calls [`lang::choose`], so `--lang` is read
/// here from the arguments themselves (else the environment's language).
macro_rules! said {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        crate::TEXTS
            .get(language(), $id, &[$((stringify!($name), lang::value($value))),*])
            .unwrap_or_else(|| $id.to_string())
    };
}

/// The language `--lang` asks for on the command line, else the environment's;
/// it does not choose the program's language (that is the program's first call).
fn language() -> Lang {
    let args: Vec<String> = std::env::args_os().map(|arg| arg.to_string_lossy().into_owned()).collect();
    asked_language(&args).unwrap_or_else(environment_language)
}

/// The environment's language; in this crate's own unit tests English, so
/// that they pass in any locale.
fn environment_language() -> Lang {
    if cfg!(test) { Lang::En } else { lang::from_environment() }
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
    if let Some(limit) = open_files_limit() {
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

/// How many files this process may have open (`ulimit -n`), where the
/// system says (rustix's safe getrlimit; `None` for "unlimited").
fn open_files_limit() -> Option<u64> {
    rustix::process::getrlimit(rustix::process::Resource::Nofile).current
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
        let port = crate::TEXTS.get(Lang::Zh, "shared-not-port", &[("text", lang::value("x"))]).unwrap();
        assert_eq!(port, "'x' 不是端口：端口是 0 到 65535 之间的整数（0 让系统挑一个空闲的端口）");
        let too_long = [("n", lang::value("65508")), ("max", lang::value("65507"))];
        let english = crate::TEXTS.get(Lang::En, "shared-datagram-too-long", &too_long).unwrap();
        assert_eq!(
            english,
            "65508 bytes do not fit in one UDP datagram, which carries at most 65507 bytes of data over IPv4"
        );
    }

    #[test]
    fn a_datagram_holds_at_most_65507_bytes_and_a_tcp_message_at_least_one() {
        assert!(datagram(&"x".repeat(MAX_DATAGRAM)).is_ok());
        assert!(datagram(&"x".repeat(MAX_DATAGRAM + 1)).unwrap_err().contains("at most 65507"));
        assert!(nonempty("").unwrap_err().contains("puts nothing on the wire"));
        assert_eq!(nonempty("hi"), Ok("hi".to_string()));
    }
}
