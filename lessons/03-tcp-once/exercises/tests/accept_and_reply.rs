//! Checks exercise 3.2 (src/accept_and_reply.rs) with a real client on 127.0.0.1.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

use course_tests::within;
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
    let mut reply = String::new();
    client
        .read_to_string(&mut reply)
        .expect("a reply, then a close, within 5 s: write the reply on the accepted socket and let it drop");
    assert_eq!(reply, format!("Received msg: I love wangxiaojing from {me}"));

    let peer =
        within(Duration::from_secs(5), "accept_and_reply did not return", move || serving.join().unwrap());
    assert_eq!(peer.expect("accept_and_reply returned Ok"), me, "return the address accept gave you");
}
