//! Checks exercise 3.1 (src/read_to_end.rs): a reply sent in pieces, then a close.

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

use course_check::{OrFail, say, within};
use lesson3_exercises::read_to_end::read_reply;

/// A server that sends `reply` in pieces of the given sizes (the last piece
/// takes what is left), with a pause after each so that they arrive apart,
/// then closes.
fn server_sending_in_pieces(reply: Vec<u8>, sizes: &'static [usize]) -> std::net::SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut rest = reply.as_slice();
        for &size in sizes {
            let (piece, more) = rest.split_at(size.min(rest.len()));
            stream.write_all(piece).unwrap();
            std::thread::sleep(Duration::from_millis(20)); // the pieces arrive apart
            rest = more;
        }
        stream.write_all(rest).unwrap();
    });
    addr
}

#[test]
fn a_reply_in_pieces_is_read_whole() {
    let reply = "Received msg: 你好，服务器 from ('127.0.0.1', 54321)".as_bytes().to_vec();
    // A short piece first (less than one buffer: it is not the end), then
    // pieces of other sizes, each arriving on its own.
    let addr = server_sending_in_pieces(reply.clone(), &[5, 1, 17, 8]);
    let got = within(
        Duration::from_secs(5),
        &say!(
            "read_reply never returned: stop when a read returns 0 bytes",
            "read_reply 一直没有返回：读到 0 字节时就停"
        ),
        move || {
            let mut stream = TcpStream::connect(addr).unwrap();
            read_reply(&mut stream, 8)
        },
    )
    .or_fail(say!("read_reply returned an error", "read_reply 返回了错误"));
    assert!(
        got.len() >= reply.len() || !reply.starts_with(&got),
        "{}",
        say!(
            "got only the first {} of {} bytes: one read returns what has arrived so far, however little; \
             read until a read returns 0",
            "{1} 个字节只拿到了前 {0} 个：一次读取只返回到目前为止已经到达的数据，不管有多少；\
             要一直读，直到某次读取返回 0",
            got.len(),
            reply.len()
        )
    );
    assert_eq!(
        got,
        reply,
        "{}",
        say!("the whole reply, byte for byte, in order", "整个回复，逐字节，按顺序")
    );
}

#[test]
fn an_empty_reply_is_empty() {
    let addr = server_sending_in_pieces(Vec::new(), &[]);
    let got = within(
        Duration::from_secs(5),
        &say!(
            "read_reply never returned: stop when a read returns 0 bytes",
            "read_reply 一直没有返回：读到 0 字节时就停"
        ),
        move || {
            let mut stream = TcpStream::connect(addr).unwrap();
            read_reply(&mut stream, 8)
        },
    );
    assert_eq!(
        got.or_fail(say!("read_reply returned an error", "read_reply 返回了错误")),
        b"",
        "{}",
        say!("a server that closes at once sends nothing", "立刻关闭的服务器什么也没发")
    );
}
