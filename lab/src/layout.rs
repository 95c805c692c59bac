//! How the tour and the lab lay out a lesson's lines: the server on the left
//! and the client on the right when the width allows (one column of
//! role-tagged lines otherwise), long lines wrapped inside their column with a
//! hanging indent (see [`wrap`](crate::wrap)), colours for the role tags, the
//! steps and the data, and the packets drawn between the two columns.
//!
//! [`Columns`] only turns one line into the rows to print; printing them
//! (and saving, pausing) is left to the program.

use colored::Colorize;
use unicode_width::UnicodeWidthStr;

use crate::wrap::wrap;

/// A terminal at least this wide shows the two programs side by side.
pub const TWO_COLUMNS: usize = 120;

/// The width of a lesson line's tag and step columns (`[server] 5 accept       `):
/// the hanging indent of its wrapped lines, when it fits.
pub const STEP_COLUMNS: usize = 24;

/// Which program printed a line, or sent a packet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Side {
    Server,
    Client,
}

/// The layout of one run: two columns or one, wrapped or not, coloured or not.
#[derive(Debug, Clone, Copy)]
pub struct Columns {
    /// The width of each column, when there are two.
    pub column: Option<usize>,
    /// The width to wrap a single column at, if any.
    pub wrap: Option<usize>,
    pub colour: bool,
}

impl Columns {
    /// The layout for `width` terminal columns (`None`: a pipe, whole lines).
    pub fn new(width: Option<usize>, colour: bool) -> Columns {
        Columns {
            column: width.filter(|w| *w >= TWO_COLUMNS).map(|w| (w - 3) / 2),
            wrap: width.filter(|w| *w < TWO_COLUMNS),
            colour,
        }
    }

    /// The whole width, if the rows are wrapped at all.
    pub fn width(&self) -> Option<usize> {
        self.column.map(|c| 2 * c + 3).or(self.wrap)
    }

    /// A line across the whole width (a program's own words), wrapped.
    pub fn line(&self, text: &str) -> Vec<String> {
        wrap(text, self.width(), 4)
    }

    /// The two columns' heading (two rows), when there are two columns.
    pub fn heading(&self, server: &str, client: &str) -> Vec<String> {
        let Some(column) = self.column else { return Vec::new() };
        let padding = column.saturating_sub(server.width());
        vec![format!("{server}{:padding$} | {client}", ""), format!("{:-<column$}-+-{:-<column$}", "", "")]
    }

    /// The rows of one line a program printed, in its column, coloured.
    pub fn rows(&self, text: &str, side: Side) -> Vec<String> {
        let width = self.column.or(self.wrap);
        let rows = wrap(text, width, hanging_indent(text, width));
        let data = is_data(text);
        rows.iter()
            .enumerate()
            .map(|(number, row)| {
                let painted = self.paint(row, side, number == 0, data);
                match (self.column, side) {
                    (None, _) => painted,
                    (Some(column), Side::Server) => {
                        let padding = column.saturating_sub(row.width());
                        format!("{painted}{:padding$} |", "")
                    }
                    (Some(column), Side::Client) => format!("{:column$} | {painted}", ""),
                }
            })
            .collect()
    }

    /// The row of a packet sent by `from`: in two columns, `label` drawn
    /// across the line between them, its arrow pointing at the receiver
    /// (`← SYN` from the client on the right, `SYN-ACK →` from the server on
    /// the left); in one column, `arrow` (`client → server`) says which way.
    /// `lost` paints it red.
    pub fn packet(&self, label: &str, arrow: &str, from: Side, lost: bool) -> Vec<String> {
        let paint = |text: String| match (self.colour, lost) {
            (false, _) => text,
            (true, true) => text.red().to_string(),
            (true, false) => text.yellow().to_string(),
        };
        let Some(column) = self.column else {
            return wrap(&format!("{WIRE_TAG}{:3}{arrow}  {label}", ""), self.wrap, STEP_COLUMNS)
                .into_iter()
                .map(paint)
                .collect();
        };
        // The label sits on the line between the columns, starting at it
        // (server to client) or ending at it (client to server).
        let drawn = match from {
            Side::Server => format!("{label} →"),
            Side::Client => format!("← {label}"),
        };
        let room = column.saturating_sub(4);
        let mut rows = Vec::new();
        for (number, piece) in wrap(&drawn, Some(room), 2).into_iter().enumerate() {
            let piece = if number == 0 { piece } else { piece.trim_start().to_string() };
            let row = match from {
                Side::Server => {
                    format!("{:column$} |{}{}", "", if number == 0 { "─" } else { " " }, paint(piece))
                }
                Side::Client => {
                    let padding = column.saturating_sub(piece.width());
                    format!("{:padding$}{}{}|", "", paint(piece), if number == 0 { "─" } else { " " })
                }
            };
            rows.push(row.trim_end().to_string());
        }
        rows
    }

    /// Colours one row: the role tag in its program's colour, the step's name
    /// in bold, the data (`bytes:` and `text:` lines) in green.
    fn paint(&self, row: &str, side: Side, first: bool, data: bool) -> String {
        if !self.colour {
            return row.to_string();
        }
        if !first {
            let text = row.trim_start();
            let indent = &row[..row.len() - text.len()];
            return if data { format!("{indent}{}", text.green()) } else { row.to_string() };
        }
        let Some(end) = row.starts_with('[').then(|| row.find("] ")).flatten() else {
            return row.to_string(); // not a lesson line (an error on stderr, say)
        };
        let (tag, rest) = row.split_at(end + 1);
        let tag = match side {
            Side::Server => tag.cyan().bold(),
            Side::Client => tag.magenta().bold(),
        };
        let body = rest.trim_start();
        let gap = &rest[..rest.len() - body.len()];
        let body = if let Some(value) = body.strip_prefix("bytes: ").or_else(|| body.strip_prefix("text:  "))
        {
            format!("{}{}", &body[..body.len() - value.len()], value.green())
        } else if gap == " " && body.starts_with(|c: char| c.is_ascii_digit()) {
            // A step's number and call follow the tag directly; details are indented.
            let name_end = body.find("  ").unwrap_or(body.len());
            let rest = &body[name_end..];
            // A send's line ends with the bytes it sends: data, in green (after
            // an English colon and space, or a Chinese full-width colon).
            let literal = [": b'", ": b\"", "：b'", "：b\""]
                .iter()
                .find_map(|before| rest.find(before).map(|at| at + before.len() - "b'".len()));
            let rest = match literal {
                Some(at) => format!("{}{}", &rest[..at], rest[at..].green()),
                None => rest.to_string(),
            };
            format!("{}{rest}", body[..name_end].bold())
        } else {
            body.to_string()
        };
        format!("{tag}{gap}{body}")
    }
}

/// The tag of a packet's row in one column, as `[server]` and `[client]` tag
/// the programs' lines.
pub const WIRE_TAG: &str = wire::WIRE_TAG;

/// Whether a lesson line begins a step: `[server] 5 accept ...` (the tag, one
/// space, the step's number).
pub fn is_step(line: &str) -> bool {
    line.split_once("] ")
        .is_some_and(|(tag, rest)| tag.starts_with('[') && rest.starts_with(|c: char| c.is_ascii_digit()))
}

/// Whether a lesson line shows data that crossed the wire.
pub fn is_data(line: &str) -> bool {
    line.split_once("] ").is_some_and(|(_, rest)| {
        let rest = rest.trim_start();
        rest.starts_with("bytes: ") || rest.starts_with("text:  ")
    })
}

/// How far a line's wrapped rows are indented: under its text, past the tag
/// and the step (`[server] 5 accept       `), or 4 columns on a narrow view.
pub fn hanging_indent(line: &str, width: Option<usize>) -> usize {
    // `[server #2]` is three columns wider than `[server]`.
    let tag = line.starts_with('[').then(|| line.find("] ")).flatten();
    let under_text = tag.map_or(4, |end| STEP_COLUMNS + end + 1 - "[server]".len());
    match width {
        Some(width) if under_text * 2 > width => 4,
        _ => under_text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_wrap_under_their_text_and_lose_no_word() {
        let line = "[server]                TCP state: CLOSE_WAIT: the peer's FIN arrived: it sends no more; we can still send";
        let rows = wrap(line, Some(60), hanging_indent(line, Some(60)));
        assert!(rows.len() > 1, "{rows:?}");
        assert!(rows.iter().all(|row| row.width() <= 60), "{rows:?}");
        assert!(rows[1..].iter().all(|row| row.starts_with(&" ".repeat(STEP_COLUMNS))), "{rows:?}");
        let words = |text: &str| text.split_whitespace().map(str::to_string).collect::<Vec<_>>();
        assert_eq!(words(&rows.join(" ")), words(line));
    }

    #[test]
    fn chinese_text_takes_two_columns_a_character() {
        let line = "[client]                text:  第1条信息：你好，服务器，你好，服务器，你好，服务器";
        let rows = wrap(line, Some(50), hanging_indent(line, Some(50)));
        assert!(rows.iter().all(|row| row.width() <= 50), "{rows:?}");
        assert_eq!(
            rows.concat().chars().filter(|c| !c.is_whitespace()).count(),
            line.chars().filter(|c| !c.is_whitespace()).count()
        );
    }

    #[test]
    fn wrapped_rows_start_under_the_text_whatever_the_tag() {
        assert_eq!(hanging_indent("[server] 5 accept       x", Some(200)), STEP_COLUMNS);
        assert_eq!(hanging_indent("[client #2] 2 connect      x", Some(200)), STEP_COLUMNS + 3);
        assert_eq!(hanging_indent("error: not a lesson line", Some(200)), 4);
        assert!(
            is_step("[server #3] 6 send         12 bytes") && !is_step("[server]                bytes: b''")
        );
    }

    #[test]
    fn a_pipe_gets_whole_lines() {
        assert_eq!(wrap("a long line that stays whole", None, 4), ["a long line that stays whole"]);
    }

    #[test]
    fn packets_point_from_their_sender_to_the_other_column() {
        let columns = Columns::new(Some(121), false);
        let column = columns.column.unwrap();
        let from_client = columns.packet("SYN", "client → server", Side::Client, false);
        assert_eq!(from_client, [format!("{:w$}← SYN─|", "", w = column - 5)]);
        let from_server = columns.packet("SYN-ACK", "server → client", Side::Server, false);
        assert_eq!(from_server, [format!("{:column$} |─SYN-ACK →", "")]);
        let narrow = Columns::new(None, false);
        assert_eq!(
            narrow.packet("FIN", "client → server", Side::Client, false),
            ["[wire]   client → server  FIN"]
        );
        // The line between the columns stays where the programs' rows have it.
        let line_at = |row: &str| row[..row.find('|').unwrap()].width();
        let said = columns.rows("[client] 2 connect", Side::Client);
        for row in from_client.iter().chain(&from_server).chain(&said) {
            assert_eq!(line_at(row), column + 1, "{row:?}");
        }
    }
}
