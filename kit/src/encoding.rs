//! Text to bytes and back in the encoding lesson 3's `--encoding` names:
//! UTF-8, Python's default, or GBK, as article 001 uses. (The narrator
//! decodes what it shows by itself.)

use shared::bytes::Encoding;

/// `text.encode(name)`: the bytes that go on the wire, or which character
/// this encoding cannot represent (Python raises `UnicodeEncodeError`).
pub fn encode(encoding: Encoding, text: &str) -> Result<Vec<u8>, String> {
    match encoding {
        Encoding::Utf8 => Ok(text.as_bytes().to_vec()),
        Encoding::Gbk => match text.chars().find(|c| {
            let mut buf = [0; 4];
            encoding_rs::GBK.encode(c.encode_utf8(&mut buf)).2
        }) {
            Some(c) => Err(tr!("shared-gbk-no-code", char = c.to_string())),
            None => Ok(encoding_rs::GBK.encode(text).0.into_owned()),
        },
    }
}

/// `text.encode(name, errors="replace")`: like [`encode`], with `?` for each
/// character the encoding cannot represent.
pub fn encode_lossy(encoding: Encoding, text: &str) -> Vec<u8> {
    match encode(encoding, text) {
        Ok(bytes) => bytes,
        Err(_) => text
            .chars()
            .flat_map(|c| encode(encoding, c.encode_utf8(&mut [0; 4])).unwrap_or_else(|_| b"?".to_vec()))
            .collect(),
    }
}

/// `data.decode(name, errors="replace")`: the text itself, control
/// characters and all, for a reply built from what was received (lesson 3).
/// Bytes that do not decode become U+FFFD.
pub fn text(encoding: Encoding, data: &[u8]) -> String {
    match encoding {
        Encoding::Utf8 => String::from_utf8_lossy(data).into_owned(),
        Encoding::Gbk => encoding_rs::GBK.decode_without_bom_handling(data).0.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_text_is_three_bytes_a_character_in_utf8_and_two_in_gbk() {
        assert_eq!(encode(Encoding::Utf8, "你好").unwrap().len(), 6);
        assert_eq!(encode(Encoding::Gbk, "你好").unwrap(), [0xc4, 0xe3, 0xba, 0xc3]);
        assert_eq!(text(Encoding::Gbk, &[0xc4, 0xe3, 0xba, 0xc3]), "你好");
    }

    #[test]
    fn gbk_cannot_encode_everything() {
        let err = encode(Encoding::Gbk, "ok 🙂").unwrap_err();
        assert!(err.contains("GBK has no code for '🙂'"), "{err}");
    }

    #[test]
    fn lossy_gbk_replaces_what_it_cannot_encode() {
        assert_eq!(encode_lossy(Encoding::Gbk, "a\u{fffd}b"), b"a?b");
        assert_eq!(encode_lossy(Encoding::Utf8, "a\u{fffd}b"), "a\u{fffd}b".as_bytes());
    }
}
