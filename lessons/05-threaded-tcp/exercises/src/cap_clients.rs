//! Exercise 5.1: cap the number of clients served at once.
//! 练习 5.1：限制同时服务的客户端数。
//!
//! A thread per client serves everyone at once, but every thread costs memory,
//! and a client may stay as long as it likes. Cap the conversations: a client
//! that arrives when `max_clients` are being served gets `busy\n` and is
//! closed at once, instead of being left waiting without a word. When a client
//! leaves, its place is free for the next one.
//!
//! Check it: cargo test -p lesson5-exercises --test cap_clients

// (The starter leaves some of these unused; the lint goes once you use them.)
// （起步代码没有用到其中一些；用上之后这条 lint 就消失了。）
#![allow(unused_imports)]

use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

/// Serves clients forever, each in its own thread, at most `max_clients` at once.
pub fn serve_capped(listener: TcpListener, max_clients: usize) -> io::Result<()> {
    // How many clients are being served now, shared with every client thread.
    let active = Arc::new(AtomicUsize::new(0));
    for connection in listener.incoming() {
        let connection = connection?;
        // TODO: Serve this client (greet_and_echo, in a thread of its own) if
        // fewer than `max_clients` are being served; if not, tell it b"busy\n"
        // and close it at once. A client that was told but left open keeps
        // waiting for more: only your close (its read of 0 bytes) lets it go.
        // The accept loop and the client threads run at the same time, so the
        // count in `active` is the one they all must share; a client counts
        // from the moment it is let in (the next accept may come at once)
        // until it leaves, and then its place is free for the next.
        // 中文：如果正在服务的客户端少于 `max_clients` 个，就服务这个客户端（greet_and_echo，
        // 在它自己的线程里）；否则告诉它 b"busy\n"，并立刻关闭它。被告知了却没有被关闭
        // 的客户端会一直等下去：只有你的关闭（它读到 0 字节）才能让它走。accept 循环和各个
        // 客户端线程同时运行，所以 `active` 里的计数必须由它们共用；一个客户端从被放进来
        // 的那一刻起就算数（下一次 accept 可能马上就来），直到它离开，然后它的位置空出来
        // 留给下一个。
        let _ = (connection, &active, max_clients);
        todo!(
            "serve at most max_clients at once; tell the others busy / 同时最多服务 max_clients 个；告诉其余的 busy"
        )
    }
    Ok(())
}

/// One client's conversation: `hello\n`, then every read echoed back, until the
/// client closes. Errors end this conversation only.
pub fn greet_and_echo(mut connection: TcpStream) {
    if connection.write_all(b"hello\n").is_err() {
        return;
    }
    let mut buf = [0; 1024];
    while let Ok(n) = connection.read(&mut buf) {
        if n == 0 || connection.write_all(&buf[..n]).is_err() {
            return;
        }
    }
}
