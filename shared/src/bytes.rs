//! What crossed the wire, shown two ways: the raw bytes as Python prints them,
//! and the text they decode to.
//!
//! The articles print `data` straight after `recvfrom`, so their readers know
//! `b'I love jingjing'`. The lessons show the same literal, then the decoded text,
//! so a learner sees that a socket carries bytes and that text is an interpretation.

use std::fmt::Write;

use crate::tr;

/// Formats `data` exactly as Python's `repr(bytes)` does.
///
/// Single quotes unless the data holds `'` and no `"`; `\\`, `\t`, `\n`, `\r`
/// and the chosen quote escaped; every other byte outside printable ASCII as
/// `\xNN` (lower-case hex, as Python writes it).
pub fn python_literal(data: &[u8]) -> String {
    let quote = if data.contains(&b'\'') && !data.contains(&b'"') { b'"' } else { b'\'' };
    let mut out = String::with_capacity(data.len() + 3);
    out.push('b');
    out.push(quote as char);
    for &byte in data {
        match byte {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            _ if byte == quote => {
                out.push('\\');
                out.push(byte as char);
            }
            0x20..=0x7e => out.push(byte as char),
            _ => {
                let _ = write!(out, "\\x{byte:02x}");
            }
        }
    }
    out.push(quote as char);
    out
}

/// The text that `data` decodes to as UTF-8, ready to print on one line, and
/// what went wrong if it does not decode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decoded {
    /// The text, with bytes that did not decode shown as U+FFFD (�) and control
    /// characters escaped (`\n`), so one datagram stays on one line.
    pub text: String,
    /// `None` when every byte decoded; otherwise why not, in a learner's words.
    pub problem: Option<String>,
}

/// Decodes `data` as UTF-8 (Python's `data.decode()`), never failing.
///
/// Where Python would raise `UnicodeDecodeError`, this keeps going and says
/// where the bad byte is, so a program that receives garbage can show it.
pub(crate) fn decode_utf8(data: &[u8]) -> Decoded {
    let problem = match std::str::from_utf8(data) {
        Ok(_) => None,
        Err(err) => Some(match err.error_len() {
            Some(_) => tr!("shared-not-utf8", at = err.valid_up_to().to_string()),
            None => tr!("shared-utf8-cut", at = err.valid_up_to().to_string()),
        }),
    };
    Decoded { text: one_line(&String::from_utf8_lossy(data)), problem }
}

/// How text becomes bytes and back: the `--encoding` option of lesson 3 (the
/// narrator decodes what it shows with it; `kit::encoding` encodes what is sent).
///
/// Python's `encode()` and `decode()` use UTF-8 unless told otherwise; article
/// 001 passes `"gbk"`, the encoding of Chinese Windows. The same Chinese text is
/// 3 bytes a character in UTF-8 and 2 in GBK, so both sides must agree.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Encoding {
    /// UTF-8, Python's default (`text.encode()`)
    #[default]
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// GBK, as article 001 uses (`text.encode("gbk")`)
    Gbk,
}

impl Encoding {
    /// The name Python uses for this encoding.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Gbk => "gbk",
        }
    }

    /// `data.decode(name)` for display, never failing: bytes that do not decode
    /// show as U+FFFD, control characters escaped.
    pub(crate) fn decode(self, data: &[u8]) -> Decoded {
        match self {
            Encoding::Utf8 => decode_utf8(data),
            Encoding::Gbk => {
                let (text, had_errors) = encoding_rs::GBK.decode_without_bom_handling(data);
                Decoded { text: one_line(&text), problem: had_errors.then(|| tr!("shared-not-gbk")) }
            }
        }
    }
}

/// Escapes what a peer could use to take over a terminal, so that text from
/// the network prints as one honest line: control characters (`\n`, `\x1b`),
/// the bidirectional overrides and isolates that reorder what follows them
/// (U+202A to U+202E, U+2066 to U+2069, and the marks U+200E, U+200F, U+061C),
/// and the line and paragraph separators U+2028 and U+2029.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let reorders_or_breaks = matches!(
            c,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{2028}' | '\u{2029}'
        );
        if c.is_control() || reorders_or_breaks {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_ascii_uses_single_quotes() {
        assert_eq!(python_literal(b"I love jingjing"), "b'I love jingjing'");
    }

    #[test]
    fn empty_data_is_an_empty_literal() {
        assert_eq!(python_literal(b""), "b''");
    }

    #[test]
    fn single_quote_alone_switches_to_double_quotes() {
        assert_eq!(python_literal(b"it's"), "b\"it's\"");
    }

    #[test]
    fn both_quotes_keep_single_quotes_and_escape_the_single_one() {
        assert_eq!(python_literal(b"it's \"x\""), "b'it\\'s \"x\"'");
    }

    #[test]
    fn double_quote_alone_needs_no_escape() {
        assert_eq!(python_literal(b"say \"hi\""), "b'say \"hi\"'");
    }

    #[test]
    fn nothing_a_peer_sends_can_take_over_the_terminal() {
        let hostile = "\x1b[2J\x1b]0;owned\x07\u{202E}evil\u{2066}x\u{2028}[server] 4 accept";
        let shown = one_line(hostile);
        assert!(!shown.chars().any(|c| c.is_control()), "{shown}");
        for c in ['\u{202E}', '\u{2066}', '\u{2028}'] {
            assert!(!shown.contains(c), "{c:?} is escaped: {shown}");
        }
        assert!(shown.contains("\\u{202e}evil"), "{shown}");
    }

    #[test]
    fn backslash_and_whitespace_escapes() {
        assert_eq!(python_literal(b"a\\b\tc\nd\re"), "b'a\\\\b\\tc\\nd\\re'");
    }

    #[test]
    fn other_control_bytes_and_delete_are_hex() {
        assert_eq!(python_literal(&[0x00, 0x1b, 0x7f]), "b'\\x00\\x1b\\x7f'");
    }

    #[test]
    fn multi_byte_utf8_is_hex_like_python() {
        // Python: "连接成功！".encode() == b'\xe8\xbf\x9e\xe6\x8e\xa5\xe6\x88\x90\xe5\x8a\x9f\xef\xbc\x81'
        assert_eq!(
            python_literal("连接成功！".as_bytes()),
            "b'\\xe8\\xbf\\x9e\\xe6\\x8e\\xa5\\xe6\\x88\\x90\\xe5\\x8a\\x9f\\xef\\xbc\\x81'"
        );
    }

    #[test]
    fn invalid_bytes_are_shown_not_rejected() {
        assert_eq!(python_literal(&[0xff, b'a', 0xfe]), "b'\\xffa\\xfe'");
    }

    #[test]
    fn valid_utf8_decodes_without_a_problem() {
        let decoded = decode_utf8("第1条信息：hi".as_bytes());
        assert_eq!(decoded.text, "第1条信息：hi");
        assert_eq!(decoded.problem, None);
    }

    #[test]
    fn invalid_utf8_is_replaced_and_located() {
        let decoded = decode_utf8(&[b'o', b'k', 0xff, b'!']);
        assert_eq!(decoded.text, "ok\u{fffd}!");
        let problem = decoded.problem.expect("0xff is never valid UTF-8");
        assert!(problem.contains("from byte 2"), "{problem}");
    }

    #[test]
    fn a_character_cut_in_half_is_explained() {
        let bytes = "好".as_bytes();
        let decoded = decode_utf8(&bytes[..2]);
        let problem = decoded.problem.expect("half a character");
        assert!(problem.contains("ends inside a UTF-8 character"), "{problem}");
    }

    /// GBK as article 001 writes it: 你好 is c4 e3 ba c3.
    const NI_HAO_GBK: [u8; 4] = [0xc4, 0xe3, 0xba, 0xc3];

    #[test]
    fn gbk_decodes_for_display() {
        assert_eq!(Encoding::Gbk.decode(&NI_HAO_GBK).text, "你好");
        assert_eq!(Encoding::Gbk.decode(&NI_HAO_GBK).problem, None);
    }

    #[test]
    fn gbk_bytes_read_as_utf8_are_garbage_but_shown() {
        let decoded = Encoding::Utf8.decode(&NI_HAO_GBK);
        assert!(decoded.problem.is_some());
        assert!(decoded.text.contains('\u{fffd}'));
    }

    #[test]
    fn invalid_gbk_is_reported() {
        let decoded = Encoding::Gbk.decode(&[0x81, 0x20, b'A']);
        assert!(decoded.problem.expect("0x81 0x20 is not GBK").contains("not valid GBK"));
    }

    #[test]
    fn control_characters_stay_on_one_line() {
        assert_eq!(decode_utf8(b"a\nb\tc").text, "a\\nb\\tc");
    }
}
