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
    Duration::try_from_secs_f64(secs).map_err(|_| format!("{secs} seconds is too long"))
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
    }
}
