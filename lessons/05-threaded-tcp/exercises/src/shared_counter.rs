//! Exercise 5.2: a counter shared by all client threads.
//! 练习 5.2：所有客户端线程共用一个计数器。
//!
//! Every message, from any client, gets the next number: the first message the
//! server ever receives is answered `1`, the next `2`, and so on, whichever
//! client sends it. The clients are served by threads running at the same
//! time, so the counter must be one value that all of them share, and each
//! number must be taken in one step: between reading the count and writing it
//! back, another thread may have taken the same number.
//!
//! Check it: cargo test -p lesson5-exercises --test shared_counter

// (The starter leaves Ordering unused; the lint goes once you use it.)
// （起步代码没有用到 Ordering；用上之后这条 lint 就消失了。）
#![allow(unused_imports)]

use std::io::{self, Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::thread;

use crate::counter::Counter;

// (Remove this line when you are done: it quiets the starter's todo!().)
// （做完后删掉这一行：它只是让起步代码里的 todo!() 不报警告。）
#[allow(unreachable_code, unused_variables, clippy::diverging_sub_expression)]
/// Serves clients forever, a thread each: every read is answered with the
/// number of messages the server has received so far, from all clients,
/// counted on `counter` (an `AtomicU64` that starts at 0).
pub fn serve_numbered<C: Counter + 'static>(listener: TcpListener, counter: Arc<C>) -> io::Result<()> {
    for connection in listener.incoming() {
        let mut connection = connection?;
        // TODO: Every client's thread must count on the same counter: the
        // numbers are the server's, not each client's. This thread will
        // outlive this turn of the loop, so it needs a handle of its own.
        // 中文：每个客户端的线程都必须在同一个计数器上计数：编号是服务器的，不是每个客户端
        // 各自的。这个线程会比这一轮循环活得久，所以它需要一个属于自己的句柄。
        thread::spawn(move || {
            let mut buf = [0; 1024];
            while let Ok(n) = connection.read(&mut buf) {
                if n == 0 {
                    return;
                }
                // TODO: This message's number: one more than every message
                // counted before it, by any thread. Other threads are doing
                // the same thing at the same moment: if looking at the count
                // and writing the new one are two steps, two threads can both
                // look before either writes, and two clients get one number.
                // src/counter.rs lists what the counter can do.
                // 中文：这条消息的编号：比之前任何线程数过的所有消息多一。别的线程此刻也在做同样
                // 的事：如果看计数和写新值是两步，两个线程就可能都先看、后写，两个客户端拿到同一个
                // 编号。src/counter.rs 列出了计数器能做什么。
                let number: u64 = todo!(
                    "the next number, from the counter every thread shares / 下一个编号，取自所有线程共用的计数器"
                );
                if connection.write_all(number.to_string().as_bytes()).is_err() {
                    return;
                }
            }
        });
    }
    Ok(())
}
