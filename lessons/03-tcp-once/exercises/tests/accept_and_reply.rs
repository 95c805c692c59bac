//! Checks exercise 3.2 (src/accept_and_reply.rs) with a real client on 127.0.0.1.

use std::io::Write;
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
    let reply = course_tests::read_to_close(&mut client).or_fail(say!(
        "no reply followed by a close within 5 s: the client reads until the connection closes (look at your \
         write on the socket accept returned, and at when that socket is closed)",
        "5 秒内没有等到回复和随后的关闭：客户端会一直读到连接关闭（看看你在 accept 返回的套接字上的写，\
         以及那个套接字什么时候关闭）"
    ));
    assert_bytes(
        &reply,
        format!("Received msg: I love wangxiaojing from {me}").as_bytes(),
        &say!(
            "the reply quotes the message as it arrived (only the bytes your read counted, not the rest of \
             the buffer) and names the client's address as accept returned it, in one write on the accepted \
             socket",
            "回复引用到达的消息（只是你的 read 数出的那些字节，不是缓冲区的其余部分），并写出 accept 返回的\
             客户端地址，在 accept 得到的套接字上写一次"
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
