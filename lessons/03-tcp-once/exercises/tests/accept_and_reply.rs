//! Checks exercise 3.2 (src/accept_and_reply.rs) with a real client on 127.0.0.1.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

use course_check::{OrFail, assert_bytes, say, within};
use lesson3_exercises::accept_and_reply::accept_and_reply;

#[test]
fn the_reply_names_the_client_and_the_connection_is_closed() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let serving = std::thread::spawn(move || accept_and_reply(&listener));
    let mut client = TcpStream::connect(addr).unwrap();
    client.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let me = client.local_addr().unwrap();
    client.write_all(b"I love wangxiaojing").unwrap();
    let mut reply = Vec::new();
    client.read_to_end(&mut reply).or_fail(say!(
        "no reply, then a close, within 5 s: write the reply on the accepted socket and let it drop",
        "5 秒内没有等到回复和关闭：在 accept 得到的套接字上写回复，然后让它 drop"
    ));
    assert_bytes(
        &reply,
        format!("Received msg: I love wangxiaojing from {me}").as_bytes(),
        &say!(
            "the reply quotes the message read (&buf[..n], n from read) and names the client's address \
             (the one accept returned), in one write on the accepted socket",
            "回复引用读到的消息（&buf[..n]，n 来自 read），并写出客户端的地址（accept 返回的那个），\
             在 accept 得到的套接字上写一次"
        ),
    );

    let peer = within(
        Duration::from_secs(5),
        &say!("accept_and_reply did not return", "accept_and_reply 没有返回"),
        move || serving.join().or_fail(say!("accept_and_reply panicked", "accept_and_reply panic 了")),
    );
    assert_eq!(
        peer.or_fail(say!("accept_and_reply returned an error", "accept_and_reply 返回了错误")),
        me,
        "{}",
        say!("return the address accept gave you", "返回 accept 给你的地址")
    );
}
