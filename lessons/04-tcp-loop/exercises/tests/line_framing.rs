//! Checks exercise 4.1 (src/line_framing.rs) over real TCP connections, with the
//! bytes split at random points.

use std::io::{ErrorKind, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::time::Duration;

use course_check::{say, within};
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
            stream.write_all(piece).unwrap();
            if rng.bool() {
                std::thread::sleep(Duration::from_millis(2));
            }
            rest = more;
        }
        stream.shutdown(Shutdown::Write).unwrap();
    });
    let (stream, _) = listener.accept().unwrap();
    within(
        Duration::from_secs(10),
        &say!(
            "next_line never returned: did it wait for more bytes after the peer closed?",
            "next_line 一直没有返回：对方关闭之后，它是不是还在等更多字节？"
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

fn expect_lines(results: Vec<std::io::Result<Option<Vec<u8>>>>, expected: &[&str]) {
    let got: Vec<String> = results
        .iter()
        .filter_map(|r| {
            r.as_ref().ok().and_then(|l| l.as_ref()).map(|l| String::from_utf8_lossy(l).into_owned())
        })
        .collect();
    assert_eq!(
        got,
        expected,
        "{}",
        say!(
            "each line exactly once, in order, without its \\n. Lines missing, or starting in the middle? \
             The bytes after a line's \\n are the start of the next line (sticky packets): keep them for the next call",
            "每一行正好一次，按顺序，不带它的 \\n。少了几行，或者从中间开始？\
             一行的 \\n 后面的字节是下一行的开头（粘包）：把它们留给下一次调用"
        )
    );
    assert!(
        matches!(results.last(), Some(Ok(None))),
        "{}",
        say!(
            "after the last line, a clean close gives Ok(None), not {:?}",
            "最后一行之后，正常关闭应当得到 Ok(None)，而不是 {:?}",
            results.last()
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
    assert!(
        matches!(&results[0], Ok(Some(line)) if line == b"whole"),
        "{}",
        say!("the whole line first: {:?}", "先得到完整的那一行：{:?}", results[0])
    );
    match results.last() {
        Some(Err(err)) => assert_eq!(
            err.kind(),
            ErrorKind::InvalidData,
            "{}",
            say!("use ErrorKind::InvalidData", "用 ErrorKind::InvalidData")
        ),
        other => panic!(
            "{}",
            say!(
                "the peer closed in the middle of a line: next_line must return an error, not {other:?}",
                "对方在一行的中间关闭了：next_line 必须返回错误，而不是 {other:?}"
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
    let got: Vec<_> = results
        .iter()
        .map(|r| match r {
            Ok(Some(line)) => String::from_utf8_lossy(line).into_owned(),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(
        got,
        ["first", "second"],
        "{}",
        say!("the two lines, in order, without their \\n", "两行，按顺序，不带 \\n")
    );
    drop(peer); // held open (the peer waits) until both lines were handed out
}
