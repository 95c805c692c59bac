//! Checks exercise 3.1 (src/read_to_end.rs): a reply sent in pieces, then a close.

use std::io::{self, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::time::{Duration, Instant};

use course_check::{OrFail, assert_bytes, say, within};
use lesson3_exercises::read_to_end::read_reply;

/// Calls your read_reply (with a buffer of 8 bytes) on a connection whose
/// server sends `reply` in pieces of the given sizes (the last piece takes
/// what is left), then closes. Each piece waits until your code has read
/// the one before it: every piece comes in reads of its own, however fast
/// or slow your code reads.
fn read_in_pieces(reply: Vec<u8>, sizes: &'static [usize]) -> io::Result<Vec<u8>> {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let mut stream = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
    let watched = stream.try_clone().unwrap();
    let (mut server, _) = listener.accept().unwrap();
    std::thread::spawn(move || {
        let mut rest = reply.as_slice();
        for &size in sizes {
            let (piece, more) = rest.split_at(size.min(rest.len()));
            // A client that stopped reading closes; the test reports that, not this.
            let _ = server.write_all(piece);
            read_out(&watched);
            rest = more;
        }
        let _ = server.write_all(rest);
    });
    within(
        Duration::from_secs(5),
        &say!(
            "read_reply never returned, though the server sent its reply and closed the connection: after \
             the close, a read returns 0 bytes (look at what your loop does with that read)",
            "服务器发完回复并关闭了连接，read_reply 却一直没有返回：连接关闭之后，read 返回 0 字节\
             （看看你的循环拿这次读取怎么办）"
        ),
        move || read_reply(&mut stream, 8),
    )
}

/// Waits until the bytes that came to `stream` have been read by the code
/// under test (at most 2 s), then 20 ms more.
fn read_out(stream: &TcpStream) {
    let deadline = Instant::now() + Duration::from_secs(2);
    while Instant::now() < deadline && unread(stream) {
        std::thread::sleep(Duration::from_millis(1));
    }
    std::thread::sleep(Duration::from_millis(20));
}

/// Whether bytes wait unread in `stream`'s receive queue: the column
/// rx_queue of this connection in Linux's /proc/net/tcp (elsewhere, never:
/// only the pause of `read_out` is left).
fn unread(stream: &TcpStream) -> bool {
    // /proc/net/tcp writes an address as the IPv4 address's 4 bytes read as
    // one number in the machine's order, then the port, both in hex.
    let hex = |addr: SocketAddr| match addr {
        SocketAddr::V4(addr) => format!("{:08X}:{:04X}", u32::from_ne_bytes(addr.ip().octets()), addr.port()),
        SocketAddr::V6(_) => String::new(),
    };
    let (Ok(local), Ok(peer)) = (stream.local_addr(), stream.peer_addr()) else { return false };
    let (local, peer) = (hex(local), hex(peer));
    let Ok(table) = std::fs::read_to_string("/proc/net/tcp") else { return false };
    table.lines().any(|line| {
        let fields: Vec<&str> = line.split_whitespace().collect();
        fields.len() > 4
            && fields[1] == local
            && fields[2] == peer
            && fields[4].split(':').nth(1).is_some_and(|queued| queued != "00000000")
    })
}

#[test]
fn a_reply_in_pieces_is_read_whole() {
    let reply = "Received msg: 你好，服务器 from ('127.0.0.1', 54321)".as_bytes().to_vec();
    // A short piece first (less than one buffer: it is not the end), then
    // pieces of other sizes, each read on its own.
    let got = read_in_pieces(reply.clone(), &[5, 1, 17, 8])
        .or_fail(say!("read_reply returned an error", "read_reply 返回了错误"));
    assert!(
        got.len() >= reply.len() || !reply.starts_with(&got),
        "{}",
        say!(
            "got only the first {} of {} bytes: one read returns what has arrived so far, however little; \
             only a read that returns 0 bytes says the server has closed, with everything sent",
            "{1} 个字节只拿到了前 {0} 个：一次读取只返回到目前为止已经到达的数据，不管有多少；\
             只有返回 0 字节的读取才说明服务器已经关闭，全部发完了",
            got.len(),
            reply.len()
        )
    );
    assert_bytes(
        &got,
        &reply,
        &say!(
            "the whole reply, byte for byte, in order: each read puts only as many bytes as it returned at \
             the start of the buffer, and the rest of the buffer still holds older bytes",
            "整个回复，逐字节，按顺序：每次读取只在缓冲区开头放进它返回的那么多字节，缓冲区其余的部分\
             还是以前的字节"
        ),
    );
}

#[test]
fn an_empty_reply_is_empty() {
    let got = read_in_pieces(Vec::new(), &[]);
    assert_bytes(
        &got.or_fail(say!("read_reply returned an error", "read_reply 返回了错误")),
        b"",
        &say!(
            "a server that closes at once sends nothing: the first read returns 0",
            "立刻关闭的服务器什么也没发：第一次读取就返回 0"
        ),
    );
}
