//! Checks exercise 4.2 (src/stop_on_zero.rs) with a real client on 127.0.0.1.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

use course_tests::within;
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
        let got = client.read(&mut buf).expect("a reply within 5 s");
        assert_eq!(String::from_utf8_lossy(&buf[..got]), format!("第{}条信息：{message}", n + 1));
    }
    drop(client); // closes without saying exit

    let answered = within(
        Duration::from_secs(3),
        "the server read 0 bytes and kept looping: a read of 0 means the peer closed; return then",
        move || serving.join().expect("serve_conversation finished"),
    );
    match answered {
        Ok(count) => assert_eq!(count, 3, "three messages were answered, so return 3"),
        Err(err) => panic!(
            "after the client closed, the server went on and failed ({err}): \
             it read 0 bytes and kept looping; a read of 0 means the peer closed, so stop there"
        ),
    }
}
