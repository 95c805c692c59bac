//! Checks exercise 6.1 (src/half_close_client.rs) against a server that reads
//! to the end before it replies.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::Duration;

use course_check::{OrFail, say, within};
use lesson6_exercises::half_close_client::send_then_read_reply;

#[test]
fn the_server_sees_the_fin_and_the_reply_comes_back_whole() {
    let seed = fastrand::u64(..);
    eprintln!("seed {seed}");
    let mut rng = fastrand::Rng::with_seed(seed);
    let message: Vec<u8> = (0..rng.usize(1..5000)).map(|_| rng.u8(..)).collect();
    let sent = message.len();

    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap(); // never a hang
        let mut received = Vec::new();
        stream.read_to_end(&mut received).unwrap(); // waits for the client's FIN
        // The reply in two writes, the second well after the first: a client
        // that reads once gets only the first.
        stream.write_all(format!("received {} bytes", received.len()).as_bytes()).unwrap();
        std::thread::sleep(Duration::from_millis(200));
        stream.write_all(&vec![b'.'; 3000]).unwrap();
    });

    let reply = within(
        Duration::from_secs(5),
        &say!(
            "the server is still waiting for your FIN: call shutdown(Shutdown::Write) after sending",
            "服务器还在等你的 FIN：发送完之后调用 shutdown(Shutdown::Write)"
        ),
        move || send_then_read_reply(addr, &message),
    )
    .or_fail(say!("send_then_read_reply returned an error", "send_then_read_reply 返回了错误"));
    let expected = format!("received {sent} bytes");
    assert!(
        reply.starts_with(expected.as_bytes()),
        "{}",
        say!("the reply starts with {expected:?}", "回复应当以 {expected:?} 开头")
    );
    assert_eq!(
        reply.len(),
        expected.len() + 3000,
        "{}",
        say!(
            "the server sent {} bytes in two writes; read the reply to its end: until a read returns 0 bytes",
            "服务器分两次写，一共发了 {} 个字节；把回复读到底：直到某次读取返回 0 字节",
            expected.len() + 3000
        )
    );
}
