//! Checks exercise 6.1 (src/half_close_client.rs) against a server that reads
//! to the end before it replies.

use std::io::Write;
use std::net::TcpListener;
use std::time::Duration;

use course_check::{OrFail, assert_bytes, python_literal, say, within};
use lesson6_exercises::half_close_client::send_then_read_reply;

#[test]
fn the_server_sees_the_fin_and_the_reply_comes_back_whole() {
    let seed = fastrand::u64(..);
    eprintln!("seed {seed}");
    let mut rng = fastrand::Rng::with_seed(seed);
    let message: Vec<u8> = (0..rng.usize(1..5000)).map(|_| rng.u8(..)).collect();
    let sent = message.len();
    // The reply's second piece: letters, never a zero byte and never the same
    // byte twice in a row, so bytes left over in a buffer cannot pass for it.
    let second: Vec<u8> = (0..3000).map(|i| b'a' + (i % 26) as u8).collect();
    let second_piece = second.clone();

    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap(); // never a hang
        // Waits for the client's FIN. A client that never sends it, that has
        // gone, or that sends without end, gets no reply: the test reports
        // that, not this thread.
        let Ok(received) = course_tests::read_to_close(&mut stream) else { return };
        // The reply in two writes, the second well after the first: a client
        // that reads once gets only the first.
        if stream.write_all(format!("received {} bytes", received.len()).as_bytes()).is_err() {
            return;
        }
        std::thread::sleep(Duration::from_millis(200));
        let _ = stream.write_all(&second_piece);
    });

    let reply = within(
        Duration::from_secs(5),
        &say!(
            "the server reads until your FIN and only then replies, and it is still waiting for it: look at \
             shutdown, after your write_all (close your sending direction only: the reply must still come in)",
            "服务器要一直读到你的 FIN 才回复，而它还在等：看看 write_all 之后的 shutdown\
             （只关闭你发送的方向：回复还得能进来）"
        ),
        move || send_then_read_reply(addr, &message),
    )
    .or_fail(say!("send_then_read_reply returned an error", "send_then_read_reply 返回了错误"));
    let expected = format!("received {sent} bytes");
    // The reply's first bytes, as many as `expected` has (fewer if it is shorter).
    let start = &reply[..reply.len().min(expected.len())];
    assert_bytes(
        start,
        expected.as_bytes(),
        &say!(
            "you sent {sent} bytes, then your FIN: the server's reply starts with these bytes (shown: the start \
             of what send_then_read_reply returned). Nothing at all? Did your reading side stay open after \
             shutdown?",
            "你发了 {sent} 个字节，然后是你的 FIN：服务器的回复以这些字节开头（下面是 send_then_read_reply \
             返回的开头部分）。什么也没有？shutdown 之后你读取的那一边还开着吗？"
        ),
    );
    let total = expected.len() + 3000;
    let tail = if reply.len() > 60 { "…" } else { "" };
    assert_eq!(
        reply.len(),
        total,
        "{}",
        say!(
            "the server sent {total} bytes in two writes, the second 0.2 s after the first, then closed; \
             send_then_read_reply returned {} bytes: {}{tail}. Read the reply to its end: until a read \
             returns 0 bytes (the server's FIN)",
            "服务器分两次写，第二次在第一次之后 0.2 秒，一共发了 {total} 个字节，然后关闭；\
             send_then_read_reply 返回了 {} 个字节：{}{tail}。把回复读到底：直到某次读取返回 0 字节\
             （服务器的 FIN）",
            reply.len(),
            python_literal(&reply[..reply.len().min(60)])
        )
    );
    // The right length is not yet the right bytes: from the first byte that
    // differs, a window of them, as literals.
    let wanted = [expected.as_bytes(), &second].concat();
    if let Some(at) = reply.iter().zip(&wanted).position(|(got, want)| got != want) {
        let end = (at + 40).min(total);
        assert_bytes(
            &reply[at..end],
            &wanted[at..end],
            &say!(
                "the reply is {total} bytes long, as the server sent it, but from byte {at} on its bytes are not the \
                 server's (shown: bytes {at} to {end}). Each read puts only as many bytes as it returned at the start \
                 of the buffer; the rest of the buffer still holds older bytes",
                "回复有 {total} 个字节，和服务器发的一样长，但从第 {at} 个字节起就不是服务器发的字节了\
                 （下面是第 {at} 到第 {end} 个字节）。每次读取只在缓冲区开头放进它返回的那么多字节；\
                 缓冲区其余的部分还是以前的字节"
            ),
        );
    }
}
