//! Parsers for the options every lesson shares, so a bad value gets a clear
//! message from clap (exit code 2) instead of a panic or a silent surprise.

use std::time::Duration;

/// The largest receive buffer a lesson accepts: well above the biggest UDP
/// datagram (65,507 bytes over IPv4), small enough to allocate on any machine.
pub const MAX_BUFFER: usize = 1 << 20;

/// Parses `--buffer`: a whole number of bytes from 1 to [`MAX_BUFFER`].
pub fn buffer_size(text: &str) -> Result<usize, String> {
    let bytes: usize = text.parse().map_err(|_| format!("'{text}' is not a whole number of bytes"))?;
    match bytes {
        0 => Err("a 0-byte buffer can hold nothing: recv would return 0 at once, which reads as \"the peer closed\"".into()),
        1..=MAX_BUFFER => Ok(bytes),
        _ => Err(format!("at most {MAX_BUFFER} bytes (the largest UDP datagram is 65507)")),
    }
}

/// Parses `--timeout`: seconds, fractions allowed, more than 0.
pub fn seconds(text: &str) -> Result<Duration, String> {
    let secs: f64 = text.parse().map_err(|_| format!("'{text}' is not a number of seconds"))?;
    if secs.is_nan() || secs <= 0.0 {
        return Err("must be more than 0: a read timeout of 0 is not allowed (std rejects it; to the system it means wait forever)".into());
    }
    let duration = Duration::try_from_secs_f64(secs).map_err(|_| format!("{secs} seconds is too long"))?;
    if duration.is_zero() {
        return Err(format!(
            "{text} seconds rounds to 0 (the smallest step is a nanosecond), and a timeout of 0 is not allowed"
        ));
    }
    Ok(duration)
}

/// Parses `--port`: a whole number from 0 to 65535. Negative numbers reach
/// this parser (the option allows a leading `-`) so they get this message.
pub fn port(text: &str) -> Result<u16, String> {
    text.parse().map_err(|_| {
        format!("'{text}' is not a port: a port is a whole number from 0 to 65535 (0 lets the system pick a free one)")
    })
}

/// File descriptors a server needs besides its clients' sockets: standard
/// input, output and error, the listening socket, the signal handler's pipe,
/// and some room.
const RESERVED_FILES: u64 = 16;

/// Parses lesson 5's `--max-clients`: from 1 to 10,000, and no more than this
/// process may open files, since each client's socket is one (otherwise accept
/// would fail with "too many open files" long before the cap).
pub fn max_clients(text: &str) -> Result<u64, String> {
    let n: u64 = text.parse().map_err(|_| format!("'{text}' is not a whole number of clients"))?;
    if !(1..=10_000).contains(&n) {
        return Err(format!("{n} is not in 1..=10000"));
    }
    if let Some(limit) = open_files_limit() {
        let room = limit.saturating_sub(RESERVED_FILES);
        if n > room {
            return Err(format!(
                "this process may have {limit} files open (ulimit -n), and each client's socket is one: \
                 pass at most {room}, or raise the limit first"
            ));
        }
    }
    Ok(n)
}

/// How many files this process may have open (`ulimit -n`), where the system says.
#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
pub fn open_files_limit() -> Option<u64> {
    let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: getrlimit writes one rlimit into the struct it is given.
    let rc = unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) };
    (rc == 0).then_some(limit.rlim_cur)
}

/// How many files this process may have open: not asked off Linux.
#[cfg(not(target_os = "linux"))]
pub fn open_files_limit() -> Option<u64> {
    None
}

/// The most data one UDP datagram carries over IPv4: 65,535 bytes, less the
/// IP header (20) and the UDP header (8).
pub const MAX_DATAGRAM: usize = 65_507;

/// Parses the text of one UDP datagram (`--message`, `--reply` of lessons 1
/// and 2): at most [`MAX_DATAGRAM`] bytes, refused here rather than at sendto.
pub fn datagram(text: &str) -> Result<String, String> {
    match text.len() {
        0..=MAX_DATAGRAM => Ok(text.to_string()),
        n => Err(format!(
            "{n} bytes do not fit in one UDP datagram, which carries at most {MAX_DATAGRAM} bytes of data over IPv4"
        )),
    }
}

/// Parses lesson 3's `--message`: TCP sends nothing for an empty one, and the
/// server would wait for bytes that never come.
pub fn nonempty(text: &str) -> Result<String, String> {
    if text.is_empty() {
        Err("an empty message puts nothing on the wire: the server's recv would wait for bytes that never come".into())
    } else {
        Ok(text.to_string())
    }
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
    fn a_datagram_holds_at_most_65507_bytes_and_a_tcp_message_at_least_one() {
        assert!(datagram(&"x".repeat(MAX_DATAGRAM)).is_ok());
        assert!(datagram(&"x".repeat(MAX_DATAGRAM + 1)).unwrap_err().contains("at most 65507"));
        assert!(nonempty("").unwrap_err().contains("puts nothing on the wire"));
        assert_eq!(nonempty("hi"), Ok("hi".to_string()));
    }
}
