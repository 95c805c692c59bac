//! Checks exercise 4.1 (src/line_framing.rs) over real TCP connections, with the
//! bytes split at random points.

use std::io::{self, ErrorKind, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::time::Duration;

use course_check::{assert_bytes, python_literal, say, within};
use lesson4_exercises::line_framing::LineReader;

/// Sends `bytes` over a fresh connection in pieces cut at random points (each
/// piece flushed on its own and spaced out, so they arrive apart), then
/// half-closes; returns every result of next_line until None or an error.
fn lines_from(bytes: Vec<u8>, buffer: usize, seed: u64) -> Vec<std::io::Result<Option<Vec<u8>>>> {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream.set_nodelay(true).unwrap();
        let mut rng = fastrand::Rng::with_seed(seed);
        let mut rest = bytes.as_slice();
        while !rest.is_empty() {
            let (piece, more) = rest.split_at(rng.usize(1..=rest.len().min(7)));
            // A reader that gave up has closed; the test reports that, not this.
            if stream.write_all(piece).is_err() {
                return;
            }
            if rng.bool() {
                std::thread::sleep(Duration::from_millis(2));
            }
            rest = more;
        }
        let _ = stream.shutdown(Shutdown::Write);
    });
    let (stream, _) = listener.accept().unwrap();
    within(
        Duration::from_secs(10),
        &say!(
            "next_line never returned: did it wait for more bytes after the peer closed (a read that \
             returned 0 bytes)?",
            "next_line 一直没有返回：对方关闭之后（某次读取返回了 0 字节），它是不是还在等更多字节？"
        ),
        move || {
            let mut reader = LineReader::new(stream, buffer);
            let mut results = Vec::new();
            loop {
                let result = reader.next_line();
                let done = !matches!(result, Ok(Some(_)));
                results.push(result);
                if done || results.len() > 100 {
                    return results;
                }
            }
        },
    )
}

/// A line as the failure messages show it: its `b'…'` literal, then its
/// text when that is not plain ASCII (or a word that it is not UTF-8).
fn shown_line(line: &[u8]) -> String {
    let literal = python_literal(line);
    match std::str::from_utf8(line) {
        Ok(text) if !text.is_ascii() => format!("{literal}  {text}"),
        Ok(_) => literal,
        Err(_) => say!("{literal}  (not UTF-8)", "{literal}  （不是 UTF-8）"),
    }
}

/// One result of next_line as the failure messages show it: a line as a
/// `b'…'` literal, the end, or the error.
fn shown(result: &io::Result<Option<Vec<u8>>>) -> String {
    match result {
        Ok(Some(line)) => format!("Ok(Some({}))", python_literal(line)),
        Ok(None) => "Ok(None)".to_string(),
        Err(err) => format!("Err({:?}: {err})", err.kind()),
    }
}

/// `lines`, one to a row, indented under a heading of the failure message.
fn listed(lines: &[String]) -> String {
    lines.iter().map(|line| format!("\n    {line}")).collect()
}

/// How many lines, in words.
fn lines(count: usize) -> String {
    match count {
        1 => say!("1 line", "1 行"),
        _ => say!("{count} lines", "{count} 行"),
    }
}

fn expect_lines(results: Vec<io::Result<Option<Vec<u8>>>>, expected: &[&str]) {
    let got: Vec<&[u8]> = results.iter().filter_map(|r| r.as_ref().ok()?.as_deref()).collect();
    if got != expected.iter().map(|line| line.as_bytes()).collect::<Vec<_>>() {
        let want = listed(&expected.iter().map(|line| shown_line(line.as_bytes())).collect::<Vec<_>>());
        let have = listed(&got.iter().map(|line| shown_line(line)).collect::<Vec<_>>());
        let (wanted, arrived) = (lines(expected.len()), lines(got.len()));
        panic!(
            "{}",
            say!(
                "next_line must hand out each line exactly once, in order, without its \\n. Lines missing, or \
                 starting in the middle? One read may bring the end of one line and the start of the next \
                 (sticky packets): the bytes after a line's \\n belong to the next call\n  \
                 expected: {wanted}{want}\n  arrived:  {arrived}{have}",
                "next_line 必须把每一行正好交出一次，按顺序，不带它的 \\n。少了几行，或者从中间开始？\
                 一次读取可能带来一行的结尾和下一行的开头（粘包）：一行的 \\n 后面的字节属于下一次调用\n  \
                 期望的是：{wanted}{want}\n  收到的是：{arrived}{have}"
            )
        );
    }
    let last = results.last().map(shown).unwrap_or_default();
    assert!(
        matches!(results.last(), Some(Ok(None))),
        "{}",
        say!(
            "after the last line the peer closed cleanly (its read returned 0 bytes): next_line must then \
             return Ok(None), not {last}",
            "最后一行之后，对方正常关闭了（读取返回 0 字节）：这时 next_line 必须返回 Ok(None)，而不是 {last}"
        )
    );
}

#[test]
fn two_lines_in_one_read_are_two_lines() {
    // One piece holding both lines: a big buffer takes them in one read.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let mut client = TcpStream::connect(addr).unwrap();
    client.write_all(b"first\nsecond\n").unwrap();
    client.shutdown(Shutdown::Write).unwrap();
    let (stream, _) = listener.accept().unwrap();
    let results = within(
        Duration::from_secs(5),
        &say!("next_line never returned", "next_line 一直没有返回"),
        move || {
            let mut reader = LineReader::new(stream, 1024);
            (0..3).map(|_| reader.next_line()).collect::<Vec<_>>()
        },
    );
    expect_lines(results, &["first", "second"]);
}

#[test]
fn lines_split_at_random_points_come_out_whole() {
    let seed = fastrand::u64(..);
    eprintln!("seed {seed}");
    let text = "hello\n你好，世界\n\nI love wangxiaojing\n第1条信息：ok\n";
    expect_lines(
        lines_from(text.as_bytes().to_vec(), 16, seed),
        &["hello", "你好，世界", "", "I love wangxiaojing", "第1条信息：ok"],
    );
}

#[test]
fn a_one_byte_buffer_still_gives_whole_lines() {
    let seed = fastrand::u64(..);
    eprintln!("seed {seed}");
    expect_lines(lines_from(b"one\ntwo\nthree\n".to_vec(), 1, seed), &["one", "two", "three"]);
}

#[test]
fn a_close_in_the_middle_of_a_line_is_an_error() {
    let results = lines_from(b"whole\nhalf a li".to_vec(), 64, 7);
    let first = say!(
        "the peer sent b'whole\\n', then b'half a li' and its FIN: the first call to next_line must hand out \
         the whole line",
        "对方先发了 b'whole\\n'，然后是 b'half a li' 和它的 FIN：第一次调用 next_line 必须交出完整的那一行"
    );
    match &results[0] {
        Ok(Some(line)) => assert_bytes(line, b"whole", &first),
        other => panic!("{}", say!("{first}, not {}", "{first}，而不是 {}", shown(other))),
    }
    match results.last() {
        Some(Err(err)) => assert_eq!(
            err.kind(),
            ErrorKind::InvalidData,
            "{}",
            say!(
                "the peer closed in the middle of a line: next_line's error must be of kind InvalidData, \
                 not {:?} ({err})",
                "对方在一行的中间关闭了：next_line 返回的错误必须是 InvalidData 类的，而不是 {:?}（{err}）",
                err.kind()
            )
        ),
        other => panic!(
            "{}",
            say!(
                "the peer closed (a read returned 0 bytes) in the middle of a line, after b'half a li': that \
                 line can never be whole, so next_line must return an error, not {}",
                "对方在一行的中间关闭了（读取返回 0 字节），就在 b'half a li' 之后：那一行永远不会完整了，\
                 所以 next_line 必须返回错误，而不是 {}",
                other.map(shown).unwrap_or_default()
            )
        ),
    }
}

#[test]
fn a_line_already_read_is_handed_out_without_another_read() {
    // A request/response peer: it sends two requests in one write (so one
    // read takes both), then waits for the answers, and sends nothing more
    // until it has them. The second line is already in `pending`: a read
    // before looking there would wait for bytes that never come.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let mut peer = TcpStream::connect(addr).unwrap();
    peer.write_all(b"first\nsecond\n").unwrap();
    // Over loopback, the write is in the receive buffer when it returns:
    // the first read takes both lines.
    let (stream, _) = listener.accept().unwrap();
    let results = within(
        Duration::from_secs(5),
        &say!(
            "the peer sent two lines in one write and now waits for the answers, sending nothing more. \
             The second line had already arrived with the first: did next_line call read before \
             looking at the bytes it kept from the last read?",
            "对方一次写入发来两行，现在在等回答，不会再发任何东西。第二行早已和第一行一起到达：\
             next_line 是不是先调用了 read，而没有先看看上一次读取留下的字节？"
        ),
        move || {
            let mut reader = LineReader::new(stream, 1024);
            (0..2).map(|_| reader.next_line()).collect::<Vec<_>>()
        },
    );
    let got: Vec<Option<&[u8]>> = results.iter().map(|r| r.as_ref().ok()?.as_deref()).collect();
    let expected: [Option<&[u8]>; 2] = [Some(b"first"), Some(b"second")];
    let have = listed(&results.iter().map(shown).collect::<Vec<_>>());
    assert!(
        got == expected,
        "{}",
        say!(
            "the peer sent b'first\\nsecond\\n' in one write: two calls to next_line must hand out the two \
             lines, in order, without their \\n\n  expected:\n    Ok(Some(b'first'))\n    \
             Ok(Some(b'second'))\n  arrived:{have}",
            "对方一次写入发来 b'first\\nsecond\\n'：两次调用 next_line 必须交出这两行，按顺序，不带 \\n\n  \
             期望的是：\n    Ok(Some(b'first'))\n    Ok(Some(b'second'))\n  收到的是：{have}"
        )
    );
    drop(peer); // held open (the peer waits) until both lines were handed out
}
