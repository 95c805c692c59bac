//! Checks exercise 4.2 (src/stop_on_zero.rs) with a real client on 127.0.0.1.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

use course_check::{OrFail, assert_bytes, python_literal, say, within};
use lesson4_exercises::stop_on_zero::serve_conversation;

#[test]
fn the_server_stops_when_the_client_closes() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let serving = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        serve_conversation(&mut stream)
    });
    let mut client = TcpStream::connect(addr).unwrap();
    client.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    for (n, message) in ["hello", "你好", "bye"].iter().enumerate() {
        client.write_all(message.as_bytes()).or_fail(say!(
            "could not send message #{} to serve_conversation: did it close the connection?",
            "没能把第 {} 条消息发给 serve_conversation：它是不是关闭了连接？",
            n + 1
        ));
        let mut buf = [0; 128];
        let got = client.read(&mut buf).or_fail(say!(
            "no reply within 5 s to message #{} ({}): serve_conversation answers each read with write_all",
            "第 {} 条消息（{}）5 秒内没有得到回复：serve_conversation 对每次读取都用 write_all 回复",
            n + 1,
            python_literal(message.as_bytes())
        ));
        let expected = format!("第{}条信息：{message}", n + 1);
        assert_bytes(
            &buf[..got],
            expected.as_bytes(),
            &say!(
                "message #{} was {} ({} bytes, a whole read on its own): the reply is `{expected}`. If nothing \
                 arrived, your server closed the connection (or panicked: see above) instead of answering: \
                 a read that returns fewer bytes than the buffer holds is not the client's close",
                "第 {} 条消息是 {}（{} 个字节，自己就是完整的一次读取）：回复是 `{expected}`。如果什么也没有\
                 收到，说明你的服务器没有回答，而是关闭了连接（或者 panic 了：看上面）：\
                 读取返回的字节比缓冲区能装的少，并不是客户端的关闭",
                n + 1,
                python_literal(message.as_bytes()),
                message.len()
            ),
        );
    }
    drop(client); // closes without saying exit

    let answered = within(
        Duration::from_secs(3),
        &say!(
            "the server read 0 bytes and kept looping: a read of 0 means the peer closed; return then",
            "服务器读到 0 字节后还在循环：读到 0 表示对方已经关闭；这时就该返回"
        ),
        move || serving.join().or_fail(say!("serve_conversation panicked", "serve_conversation panic 了")),
    );
    match answered {
        Ok(count) => assert_eq!(
            count,
            3,
            "{}",
            say!(
                "three messages were answered, then the client closed: serve_conversation must return 3, the \
                 messages it answered (the read of 0 bytes that ended it is not a message)",
                "回答了三条消息，然后客户端关闭了：serve_conversation 必须返回 3，即它回答过的消息数\
                 （结束它的那次 0 字节的读取不是一条消息）"
            )
        ),
        Err(err) => panic!(
            "{}",
            say!(
                "after the client closed, the server went on and failed ({err}): \
                 it read 0 bytes and kept looping; a read of 0 means the peer closed, so stop there",
                "客户端关闭之后，服务器还在继续，然后失败了（{err}）：\
                 它读到 0 字节后还在循环；读到 0 表示对方已经关闭，应当就此停下"
            )
        ),
    }
}
