//! Wrapping one line into a column: where a row may end.
//!
//! A row ends only where a reader expects a break:
//!
//! - in prose, where the Unicode line-breaking rules allow one (UAX #14, by
//!   the `unicode-linebreak` crate): after a space, between two Chinese
//!   characters, never before closing punctuation (`）`, `，`, `。`, `：`) nor
//!   after opening punctuation (`（`). A run of ASCII with no space in it
//!   (`--max-clients`, `docs/README.md`, `127.0.0.1:8888`) stays whole, as
//!   English text always did;
//! - a bytes literal (`b'\xe8\xbf\x9e'`) that fits in a row is never broken: it
//!   goes whole to the next row. One longer than a row breaks between its
//!   escapes, after its spaces, and only if it must between two characters;
//!   never inside an escape (`\xNN`, `\n`, `\t`, `\\`, `\'`), never between
//!   `b'` and what follows it or before its closing quote.
//!
//! Only a run longer than a whole row is broken elsewhere: between two
//! characters, and before closing punctuation or inside a literal only when
//! there is no other way. Rows are filled first-fit (textwrap's algorithm);
//! widths are terminal columns (a Chinese character takes two).

use textwrap::core::Fragment;
use textwrap::wrap_algorithms::wrap_first_fit;
use unicode_linebreak::{BreakClass, break_property, linebreaks};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `line` wrapped to `width` terminal columns, its rows after the first
/// indented by `indent`; nothing is cut (only a piece wider than a whole row,
/// one escape or one character, can stick out). `None`: one row.
pub fn wrap(line: &str, width: Option<usize>, indent: usize) -> Vec<String> {
    let Some(width) = width else { return vec![line.to_string()] };
    // The room of a row after the first, which the indent shares.
    let room = width.saturating_sub(indent).max(1);
    let pieces = pieces(line, room);
    let rows = wrap_first_fit(&pieces, &[width as f64, room as f64]);
    if rows.is_empty() {
        return vec![String::new()];
    }
    let indent = " ".repeat(indent);
    rows.iter()
        .enumerate()
        .map(|(number, row)| {
            let mut text = if number == 0 { String::new() } else { indent.clone() };
            for (i, piece) in row.iter().enumerate() {
                text.push_str(piece.text);
                if i + 1 < row.len() {
                    text.push_str(piece.space); // the space at a row's end is dropped
                }
            }
            text
        })
        .collect()
}

/// A piece of a line that a row may end after: its text, and the whitespace
/// after it (kept between two pieces of one row, dropped at a row's end).
#[derive(Debug)]
struct Piece<'a> {
    text: &'a str,
    space: &'a str,
    width: usize,
}

impl<'a> Piece<'a> {
    fn new(text: &'a str) -> Self {
        let kept = text.trim_end();
        Piece { text: kept, space: &text[kept.len()..], width: kept.width() }
    }
}

impl Fragment for Piece<'_> {
    fn width(&self) -> f64 {
        self.width as f64
    }

    fn whitespace_width(&self) -> f64 {
        self.space.width() as f64
    }

    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// How good a place to end a row is, best first.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Break {
    /// Where a reader expects a break.
    Good,
    /// Inside a run too long for a row: between two characters, or two
    /// pieces of a literal.
    Overlong,
    /// Only when nothing else fits: before closing punctuation, after
    /// opening punctuation, inside a literal that fits in a row.
    LastResort,
}

/// The smallest part of a line a row may end after: one character (with
/// the marks that combine with it), or one escape of a bytes literal.
struct Unit {
    start: usize,
    end: usize,
    escape: bool,
    /// The bytes literal it belongs to, if any (an index in `literals`).
    literal: Option<usize>,
}

/// `line` cut into the pieces that rows are filled with: at every good
/// break, and within a run wider than `room` at the breaks it allows.
fn pieces(line: &str, room: usize) -> Vec<Piece<'_>> {
    let (units, breaks) = breaks(line, room);
    let mut pieces = Vec::new();
    let mut start = 0;
    for (at, _) in breaks.iter().filter(|(_, kind)| *kind == Break::Good).chain([&(line.len(), Break::Good)])
    {
        if *at > start {
            split(&line[start..*at], start, &units, &breaks, room, &mut pieces);
        }
        start = *at;
    }
    pieces
}

/// Adds `run` (which starts at byte `offset` of the line, and ends at a good
/// break) as one piece if it fits in a row, else cut at the best breaks that
/// make its pieces fit.
fn split<'a>(
    run: &'a str,
    offset: usize,
    units: &[Unit],
    breaks: &[(usize, Break)],
    room: usize,
    pieces: &mut Vec<Piece<'a>>,
) {
    let whole = Piece::new(run);
    if whole.width <= room {
        pieces.push(whole);
        return;
    }
    let end = offset + run.len();
    let inside = |at: usize| at > offset && at < end;
    // Every break inside the run of at most `worst` kind, then the run's end.
    let cuts = |worst: Break| {
        let mut cuts: Vec<usize> =
            breaks.iter().filter(|(at, kind)| inside(*at) && *kind <= worst).map(|(at, _)| *at).collect();
        cuts.push(end);
        cuts
    };
    let mut start = offset;
    for cut in cuts(Break::Overlong) {
        let part = Piece::new(&run[start - offset..cut - offset]);
        if part.width <= room {
            pieces.push(part);
        } else {
            // Nothing better: between any two units of this part.
            let last_resort =
                units.iter().map(|unit| unit.start).filter(|at| *at > start && *at < cut).chain([cut]);
            let mut from = start;
            for at in last_resort {
                pieces.push(Piece::new(&run[from - offset..at - offset]));
                from = at;
            }
        }
        start = cut;
    }
}

/// The units of `line`, and how good a break each place between two units is.
fn breaks(line: &str, room: usize) -> (Vec<Unit>, Vec<(usize, Break)>) {
    let (units, literals) = units(line);
    // Where the Unicode rules allow a row to end (before the byte at that
    // index), each literal taken as a word: its quotes are not prose quotes
    // (after `b'hi' ` a row may end, as after a word).
    let mut masked = line.to_string();
    for &(start, end) in &literals {
        masked.replace_range(start..end, &"a".repeat(end - start));
    }
    let mut allowed = vec![false; line.len() + 1];
    for (at, _) in linebreaks(&masked) {
        allowed[at] = true;
    }
    let fits: Vec<bool> = literals.iter().map(|&(start, end)| line[start..end].width() <= room).collect();
    let mut breaks = Vec::with_capacity(units.len());
    for pair in units.windows(2) {
        let (prev, next) = (&pair[0], &pair[1]);
        let at = next.start;
        let before = line[..at].chars().next_back().unwrap_or(' ');
        let after = line[at..].chars().next().unwrap_or(' ');
        let kind = match (prev.literal, next.literal) {
            // Inside one literal.
            (Some(a), Some(b)) if a == b => {
                let (start, end) = literals[a];
                if at <= start + "b'".len() || at + 1 >= end || fits[a] {
                    Break::LastResort // b' stays with what follows, the closing quote with what precedes
                } else if prev.escape || next.escape || before == ' ' {
                    Break::Good
                } else {
                    Break::Overlong
                }
            }
            // Where a literal begins, after `: ` or `：`.
            (_, Some(_)) if opening(before) => Break::LastResort,
            (_, Some(_)) => Break::Good,
            // Prose, or where a literal ends.
            _ if allowed[at] => {
                if !before.is_whitespace() && before.is_ascii() && after.is_ascii() {
                    Break::Overlong // an ASCII run stays whole
                } else {
                    Break::Good
                }
            }
            _ if closing(after) || opening(before) || before.is_whitespace() || after.is_whitespace() => {
                Break::LastResort
            }
            _ => Break::Overlong,
        };
        breaks.push((at, kind));
    }
    (units, breaks)
}

/// The units of `line`, and where its bytes literals are (`b'` to the
/// closing quote, as byte ranges).
fn units(line: &str) -> (Vec<Unit>, Vec<(usize, usize)>) {
    let mut units: Vec<Unit> = Vec::new();
    let mut literals = Vec::new();
    let mut at = 0;
    while at < line.len() {
        if let Some(end) = literal_at(line, at) {
            let number = Some(literals.len());
            literals.push((at, end));
            let mut inner = at;
            while inner < end {
                // `b` and the opening quote, then escapes and characters, then the closing quote.
                let rest = &line[inner..end];
                let escape = inner > at + 1 && inner + 1 < end && rest.starts_with('\\');
                let len = if escape { escape_len(rest) } else { char_len(rest) };
                units.push(Unit { start: inner, end: inner + len, escape, literal: number });
                inner += len;
            }
            at = end;
            continue;
        }
        let c = line[at..].chars().next().unwrap_or(' ');
        let joins =
            matches!(break_property(c as u32), BreakClass::CombiningMark | BreakClass::ZeroWidthJoiner)
                || c.width() == Some(0);
        match units.last_mut() {
            // A mark that combines with the character before it stays with it.
            Some(last) if joins && last.end == at && last.literal.is_none() => last.end += c.len_utf8(),
            _ => units.push(Unit { start: at, end: at + c.len_utf8(), escape: false, literal: None }),
        }
        at += c.len_utf8();
    }
    (units, literals)
}

/// If a bytes literal (`b'...'` or `b"..."`, Python's `repr` of bytes)
/// begins at byte `at` of `line`: where it ends, after its closing quote.
fn literal_at(line: &str, at: usize) -> Option<usize> {
    let rest = &line[at..];
    let quote = match rest.as_bytes() {
        [b'b', quote @ (b'\'' | b'"'), ..] => *quote as char,
        _ => return None,
    };
    // `b` must begin a word: not the end of `web'` or of a name.
    if line[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_') {
        return None;
    }
    let mut inner = "b'".len();
    while inner < rest.len() {
        let tail = &rest[inner..];
        if tail.starts_with(quote) {
            return Some(at + inner + 1);
        }
        inner += if tail.starts_with('\\') { escape_len(tail) } else { char_len(tail) };
    }
    None // not closed: not a literal
}

/// The length in bytes of the escape `text` begins with (`\xNN`, or `\`
/// and one character).
fn escape_len(text: &str) -> usize {
    let hex =
        text.as_bytes().get(1..4).is_some_and(|b| b[0] == b'x' && b[1..].iter().all(u8::is_ascii_hexdigit));
    if hex { 4 } else { 1 + text[1..].chars().next().map_or(0, char::len_utf8) }
}

fn char_len(text: &str) -> usize {
    text.chars().next().map_or(1, char::len_utf8)
}

/// Punctuation a row must not begin with: closing brackets and quotes,
/// `，。：；、！？…` and their kin (UAX #14's CL, CP, EX, IS, NS, IN classes).
pub fn closing(c: char) -> bool {
    use BreakClass::*;
    matches!(
        break_property(c as u32),
        ClosePunctuation | CloseParenthesis | Exclamation | InfixSeparator | NonStarter | Inseparable
    ) || matches!(c, '”' | '’' | '»' | '›')
}

/// Punctuation a row must not end with: opening brackets and quotes.
fn opening(c: char) -> bool {
    break_property(c as u32) == BreakClass::OpenPunctuation || matches!(c, '“' | '‘' | '«' | '‹')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The escapes of the literals in `line`, as byte ranges: found here by a
    /// scan of its own, not by the code under test.
    fn escapes(line: &str) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        let bytes = line.as_bytes();
        let mut in_literal = None;
        let mut i = 0;
        while i < bytes.len() {
            match (in_literal, bytes[i]) {
                (None, b'b') if matches!(bytes.get(i + 1), Some(b'\'' | b'"')) => {
                    in_literal = Some(bytes[i + 1]);
                    i += 2;
                }
                (Some(_), b'\\') => {
                    let len = if bytes.get(i + 1) == Some(&b'x') { 4 } else { 2 };
                    found.push((i, i + len));
                    i += len;
                }
                (Some(quote), c) if c == quote => {
                    in_literal = None;
                    i += 1;
                }
                _ => i += 1,
            }
        }
        found
    }

    /// Where each row of `rows` (wrapped from `line` with `indent`) ends, as
    /// byte offsets in `line`; checks that the rows are `line`, in order, less
    /// the indent and the whitespace at the breaks.
    fn ends(line: &str, rows: &[String], indent: usize) -> Vec<usize> {
        let mut at = 0;
        rows.iter()
            .enumerate()
            .map(|(number, row)| {
                let text = if number == 0 { row.as_str() } else { &row[indent..] };
                at += line[at..].len() - line[at..].trim_start().len();
                assert!(
                    line[at..].starts_with(text),
                    "row {number} {text:?} is not what follows in {line:?}"
                );
                at += text.len();
                at
            })
            .collect()
    }

    /// The bytes Chinese text takes: escapes only.
    const GREETING: &str = r"b'\xe8\xbf\x9e\xe6\x8e\xa5\xe6\x88\x90\xe5\x8a\x9f\xef\xbc\x81'";
    /// Every kind of escape, characters between them, and spaces: 119 columns,
    /// longer than a row at every width tried.
    const MIXED: &str = r"b'\xe7\xac\xac1\xe6\x9d\xa1\n\t\\\'ok\xef\xbc\x9ahello world\r\x00\x7f\xff said \'hi\' \\\\ \xe4\xbd\xa0\xe5\xa5\xbd\n'";

    #[test]
    fn an_escape_at_every_position_is_never_split() {
        for width in [40, 41, 42, 43, 60, 80, 100] {
            for indent in [4, 24, 27] {
                for literal in [GREETING, MIXED, r#"b"it's \xe2\x80\x9cquoted\xe2\x80\x9d\n""#] {
                    // The literal after a prefix of every length: its escapes meet the row's end at every offset.
                    for prefix in 0..2 * width {
                        let words: String = (0..prefix).map(|i| if i % 7 == 6 { ' ' } else { 'a' }).collect();
                        let line = format!("{words}: {literal} (end)");
                        let rows = wrap(&line, Some(width), indent);
                        let room = width - indent;
                        for (number, row) in rows.iter().enumerate() {
                            assert!(row.width() <= width, "row {number} wider than {width}: {rows:#?}");
                        }
                        let ends = ends(&line, &rows, indent);
                        for end in &ends {
                            for (start, stop) in escapes(&line) {
                                assert!(
                                    !(start < *end && *end < stop),
                                    "width {width}, indent {indent}: a row ends inside the escape {:?}:\n{rows:#?}",
                                    &line[start..stop]
                                );
                            }
                        }
                        let literal_at = line.find(literal).unwrap();
                        let literal_end = literal_at + literal.len();
                        let inside: Vec<_> =
                            ends.iter().filter(|end| (literal_at..literal_end).contains(end)).collect();
                        if literal.width() <= room {
                            // Short: whole on one row.
                            assert!(
                                inside.iter().all(|end| **end == literal_end),
                                "width {width}, indent {indent}: a literal that fits in a row is broken:\n{rows:#?}"
                            );
                        } else {
                            // Long: `b'` stays with its first escape, the quote with the last, and
                            // a row of escapes only is full (the next escape would not fit).
                            for (number, end) in ends.iter().enumerate() {
                                if (literal_at..literal_end).contains(end) {
                                    assert!(*end > literal_at + 2 && *end + 1 < literal_end, "{rows:#?}");
                                    // (The last escape goes with the quote: 5 columns.)
                                    assert!(
                                        literal != GREETING || rows[number].width() + 5 > width,
                                        "width {width}, indent {indent}: row {number} is not filled:\n{rows:#?}"
                                    );
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Rows of `line` at `width` with a hanging indent of 24 (at most half the width).
    fn rows(line: &str, width: usize) -> Vec<String> {
        wrap(line, Some(width), if 48 > width { 4 } else { 24 })
    }

    #[test]
    fn chinese_breaks_between_characters_never_before_closing_punctuation() {
        let lines = [
            "[server]                TCP 状态：CLOSE_WAIT（一直保持，直到我们 close）：对端的 FIN 已经到达：它不再发送；我们仍然可以发送，并且必须关闭",
            "[server]                FIN 的意思是“我这边没有更多数据了”：客户端不再发送。对方是还在读（半关闭），还是已经完全关闭，单凭 FIN 看不出来！",
            "[client]                2 次对话，共用时 1.20 秒（两端各自给看到的连接编号：请按端口号对应）",
            "注意看：一次只服务一个客户端：两个连接同时 connect 成功，但第二个被 accept 的连接要等第一个离开后才收到欢迎语（两端各自给自己的连接编号：请按端口号对应）",
        ];
        for line in lines {
            for width in 40..=120 {
                let rows = rows(line, width);
                for (number, row) in rows.iter().enumerate() {
                    assert!(row.width() <= width, "row {number} wider than {width}: {rows:#?}");
                    let first = row.trim_start().chars().next();
                    assert!(
                        !first.is_some_and(closing),
                        "width {width}: row {number} begins with {first:?}:\n{rows:#?}"
                    );
                    let last = row.chars().next_back();
                    assert!(
                        !last.is_some_and(opening),
                        "width {width}: row {number} ends with {last:?}:\n{rows:#?}"
                    );
                }
                // Nothing lost, nothing added but the indent.
                let letters = |text: &str| text.chars().filter(|c| !c.is_whitespace()).collect::<String>();
                assert_eq!(letters(&rows.concat()), letters(line));
                // A row that goes on with Chinese ends only where the next character
                // (with the punctuation that goes with it) does not fit: no word
                // ("TCP", "FIN") left alone before a long Chinese run.
                for pair in rows.windows(2) {
                    let mut next = pair[1].trim_start().chars().peekable();
                    let Some(first) = next.next().filter(|c| !c.is_ascii()) else { continue };
                    let (mut needed, mut last) = (first.width().unwrap_or(0), first);
                    while let Some(c) = next.next_if(|c| opening(last) || closing(*c)) {
                        (needed, last) = (needed + c.width().unwrap_or(0), c);
                    }
                    let space = usize::from(pair[0].ends_with(|c: char| c.is_ascii_alphanumeric()));
                    assert!(
                        pair[0].width() + space + needed > width,
                        "width {width}: a row ends before a character that fits:\n{rows:#?}"
                    );
                }
            }
        }
    }

    #[test]
    fn ascii_words_stay_whole_and_break_only_at_spaces() {
        let line = "[server]                serving at most 64 clients at once (--max-clients); see docs/README.md and 127.0.0.1:8888";
        for width in 40..=100 {
            let rows = rows(line, width);
            for word in ["(--max-clients);", "docs/README.md", "127.0.0.1:8888"] {
                assert!(
                    rows.iter().any(|row| row.contains(word)),
                    "width {width}: {word} is broken:\n{rows:#?}"
                );
            }
        }
    }

    #[test]
    fn a_run_longer_than_a_row_is_broken_but_nothing_is_cut() {
        let line = format!("[client]                text:  {}", "无".repeat(60) + &"x".repeat(90));
        for width in [40, 60, 80] {
            let rows = rows(&line, width);
            assert!(rows.iter().all(|row| row.width() <= width), "{rows:#?}");
            let letters = |text: &str| text.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            assert_eq!(letters(&rows.concat()), letters(&line));
        }
        assert_eq!(wrap("", Some(40), 4), [""]);
    }
}
