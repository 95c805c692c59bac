//! Exercise 8.1: the per-client task.
//! 练习 8.1：每个客户端的任务。
//!
//! The lesson 8 server's accept loop is written for you (`bin/per_client_task.rs`):
//! it runs on one thread (a current_thread runtime) and gives each client a
//! task that runs `serve_client`. Write that task: lesson 5's conversation,
//! with a pause before each reply, as a server that has work to do.
//!
//! Run it:   cargo run -p lesson8-exercises --bin lesson8-per_client_task
//! Check it: cargo test -p lesson8-exercises --test per_client_task

use std::io;
use std::net::SocketAddr;
use std::time::Duration;

// What you will need, besides std.
#[allow(unused_imports)]
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// How long the server "thinks" before each reply (as if it looked something up).
pub const THINK: Duration = Duration::from_millis(100);

/// One client's conversation, run as a task of its own.
pub async fn serve_client(client: TcpStream, address: SocketAddr) -> io::Result<()> {
    let _ = (client, address);
    // TODO: write the conversation. What the tests rely on:
    // - greet the client: the 12 bytes `Hello World!`, sent with write_all(..).await;
    // - then, in a loop, read into a buffer of 1024 bytes with read(..).await:
    //   0 bytes (the client closed) or the 4 bytes `exit` end the conversation:
    //   the task returns (Ok), which drops the socket and closes it;
    // - before each reply, think: wait THINK, without blocking the thread
    //   (every other client's task runs on it too);
    // - then reply, in one write_all, `{n}：ACK!`: n a random number from 1 to
    //   1000 (`fastrand::u16(1..=1000)`), `：` the full-width colon;
    // - never block: no std read or write, no std::thread::sleep. Every wait is an .await.
    // 中文：写出这段对话。测试依赖的是：
    // - 先问候客户端：12 个字节的 `Hello World!`，用 write_all(..).await 发出；
    // - 然后在循环里用 read(..).await 读进一个 1024 字节的缓冲区：
    //   读到 0 字节（客户端关闭了）或者 4 个字节的 `exit`，对话就结束：任务返回（Ok），
    //   socket 随之被 drop 并关闭；
    // - 每次回复之前先“想一想”：等 THINK 这么久，但不能阻塞线程（其他客户端的任务也都在它上面跑）；
    // - 然后用一次 write_all 回复 `{n}：ACK!`：n 是 1 到 1000 之间的随机数
    //   （`fastrand::u16(1..=1000)`），`：` 是全角冒号；
    // - 绝不阻塞：不用 std 的 read 或 write，不用 std::thread::sleep。每一次等待都是一个 .await。
    todo!("greet, then read, think and reply until exit / 问候，然后读取、想一想、回复，直到 exit")
}
