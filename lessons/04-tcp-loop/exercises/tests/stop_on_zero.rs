//! Checks exercise 4.2 (src/stop_on_zero.rs) with a real client on 127.0.0.1.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

use course_check::{OrFail, say, within};
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
        client.write_all(message.as_bytes()).unwrap();
        let mut buf = [0; 128];
        let got = client.read(&mut buf).or_fail(say!("no reply within 5 s", "5 秒内没有回复"));
        assert_eq!(String::from_utf8_lossy(&buf[..got]), format!("第{}条信息：{message}", n + 1));
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
            say!("three messages were answered, so return 3", "回答了三条消息，所以返回 3")
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
