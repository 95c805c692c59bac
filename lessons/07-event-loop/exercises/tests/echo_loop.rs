//! Checks exercise 7.2 (src/echo_loop.rs): your server, started as a program
//! on port 0, echoes twenty clients at once while one more says nothing, in
//! one thread, and sends a big echo whole to a client that reads late.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::thread;
use std::time::Duration;

use course_check::{OrFail, assert_bytes, say};
use course_tests::{Server, learners_server, proc_status};

/// Your program (src/echo_loop.rs), started with port 0 for `clients` clients;
/// waits for its `[*] Listening on ADDR` line.
fn your_server(clients: usize) -> Server {
    learners_server(env!("CARGO_BIN_EXE_lesson7-echo_loop"), &["0", &clients.to_string()])
}

/// A client of your server, each read waiting at most 5 s.
fn connect(server: &Server) -> TcpStream {
    let stream =
        TcpStream::connect(server.addr()).or_fail(say!("cannot connect to your server", "连不上你的服务器"));
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    stream
}

/// Sends `message` and reads back as many bytes, which must be the same.
fn echoed(stream: &mut TcpStream, message: &[u8]) {
    stream.write_all(message).or_fail(say!("could not send to your server", "没能发给你的服务器"));
    let mut got = vec![0; message.len()];
    stream.read_exact(&mut got).or_fail(say!(
        "no whole echo within 5 s while another client stays connected and silent: one client must not hold up the others",
        "5 秒内没有收到完整的回显，而另一个客户端连着却一言不发：一个客户端不能拖住其他客户端"
    ));
    assert_bytes(&got, message, &say!("the echo is the bytes sent", "回显就是发出的那些字节"));
}

#[test]
fn twenty_clients_are_echoed_at_once_by_one_thread() {
    let server = your_server(21);
    let silent = connect(&server); // connected, says nothing, for the whole test
    let mut talking: Vec<TcpStream> = (0..20).map(|_| connect(&server)).collect();
    for round in 0..5 {
        for (number, stream) in talking.iter_mut().enumerate() {
            echoed(stream, format!("client {number}, message {round}").as_bytes());
        }
    }
    // All 21 connections are open now: a server with a thread per client has 21 more.
    if let Some(threads) = proc_status(server.pid(), "Threads") {
        assert_eq!(
            threads,
            1,
            "{}",
            say!(
                "your server runs {threads} threads while it holds 21 clients: one thread, one poll, for all of them",
                "你的服务器持有 21 个客户端时有 {threads} 个线程：应该只有一个线程、一个 poll，服务所有客户端"
            )
        );
    }
    drop(talking);
    drop(silent);
    server.finish().success();
}

#[test]
fn a_big_echo_to_a_client_that_reads_late_comes_back_whole() {
    const SIZE: usize = 4 << 20;
    /// Three clients, one after another: a send that the kernel takes only in
    /// part comes when the send buffer is nearly full, which each round makes
    /// likely and three rounds make all but certain.
    const ROUNDS: usize = 3;
    let server = your_server(ROUNDS);
    for _ in 0..ROUNDS {
        big_echo_read_late(&server, SIZE);
    }
    server.finish().success();
}

/// One client that sends `size` bytes before reading any, then reads the
/// echo to the server's close and checks it is whole and in order.
fn big_echo_read_late(server: &Server, size: usize) {
    let data: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
    let mut stream = connect(server);
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    // Send it all before reading a byte: your server's sends fill our receive
    // buffer and its send buffer, and must wait for writable with the rest.
    let mut writer = stream.try_clone().unwrap();
    let sending = thread::spawn(move || {
        let sent = writer.write_all(&data).is_ok();
        let _ = writer.shutdown(Shutdown::Write);
        (sent, data)
    });
    thread::sleep(Duration::from_millis(300));
    let mut got = Vec::new();
    let read = stream.read_to_end(&mut got);
    let (sent, data) = sending.join().unwrap();
    assert!(sent, "{}", say!("your server stopped taking our bytes", "你的服务器不再接收我们的字节了"));
    read.or_fail(say!(
        "the echo did not end within 10 s of its last byte: does your server close once the client has closed and all is sent?",
        "回显在最后一个字节之后 10 秒内没有结束：客户端关闭、全部发完以后，你的服务器关闭连接了吗？"
    ));
    assert_eq!(
        got.len(),
        size,
        "{}",
        say!(
            "{size} bytes sent, {} echoed: the rest of a partial send must wait for writable, not be lost",
            "发出 {size} 字节，回显了 {} 字节：部分发送剩下的字节必须等到可写时再发，不能丢",
            got.len()
        )
    );
    assert!(got == data, "{}", say!("the echo is the bytes sent, in order", "回显就是按顺序发出的那些字节"));
}
