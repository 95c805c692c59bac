//! Checks exercise 5.1 (src/cap_clients.rs) with real clients on 127.0.0.1.

use std::io::Read;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::time::Duration;

use course_check::say;
use lesson5_exercises::cap_clients::serve_capped;

fn start(max: usize) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || serve_capped(listener, max));
    addr
}

/// Connects and returns the stream with the first line the server sent.
fn first_line(addr: SocketAddr) -> (TcpStream, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut buf = [0; 64];
    let n = stream.read(&mut buf).unwrap_or_else(|err| {
        panic!(
            "{}",
            say!(
                "nothing from the server within 5 s ({err}): greet every client, or tell it busy; never leave it waiting",
                "5 秒内服务器什么也没发（{err}）：每个客户端要么问候，要么告诉它 busy；绝不让它干等"
            )
        )
    });
    (stream, String::from_utf8_lossy(&buf[..n]).into_owned())
}

#[test]
fn clients_within_the_cap_are_greeted_and_the_next_is_told_busy() {
    let addr = start(2);
    let (_a, a) = first_line(addr);
    let (_b, b) = first_line(addr);
    assert_eq!(
        (a.as_str(), b.as_str()),
        ("hello\n", "hello\n"),
        "{}",
        say!("two clients fit a cap of two", "上限是两个，两个客户端正好装得下")
    );
    let (mut c, line) = first_line(addr);
    assert_eq!(line, "busy\n", "{}", say!("the third client must be told busy", "第三个客户端必须收到 busy"));
    // The close must come at once: a read that times out means the server
    // kept the connection open (and the client would wait forever).
    c.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
    let mut rest = [0; 8];
    match c.read(&mut rest) {
        Ok(0) => {}
        Ok(n) => {
            panic!(
                "{}",
                say!(
                    "after busy, nothing more: the server sent {:?}",
                    "busy 之后不该再有别的：服务器却发来了 {:?}",
                    String::from_utf8_lossy(&rest[..n])
                )
            )
        }
        Err(err) => panic!(
            "{}",
            say!(
                "after busy the connection must close at once, but no close came within 2 s ({err}): \
                 drop the connection after writing busy",
                "发完 busy 连接必须立刻关闭，可是 2 秒内没有关闭（{err}）：\
                 写完 busy 就 drop 这个连接"
            )
        ),
    }
}

#[test]
fn a_place_frees_up_when_a_client_leaves() {
    let addr = start(1);
    let (first, line) = first_line(addr);
    assert_eq!(line, "hello\n", "{}", say!("one client fits a cap of one", "上限是一个，一个客户端装得下"));
    drop(first);
    // The server learns of the close when its read returns 0; give it a moment by retrying.
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    loop {
        let (_next, line) = first_line(addr);
        if line == "hello\n" {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{}",
            say!(
                "a client left, but the server still counts it: take one off the count when its thread ends",
                "一个客户端已经离开，服务器却还在算它：它的线程结束时把计数减一"
            )
        );
        std::thread::sleep(Duration::from_millis(20)); // retrying a check, with a deadline
    }
}
