//! Exercise 8.1: the per-client task.
//! 练习 8.1：每个客户端的任务。
//!
//! Known wrong: it thinks with std::thread::sleep. The task does not yield:
//! the one thread sleeps, and every other client's task waits with it, so
//! twenty clients thinking at once take twenty pauses instead of one.

use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// How long the server "thinks" before each reply (as if it looked something up).
pub const THINK: Duration = Duration::from_millis(100);

/// One client's conversation, run as a task of its own.
pub async fn serve_client(mut client: TcpStream, _address: SocketAddr) -> io::Result<()> {
    client.write_all(b"Hello World!").await?;
    let mut buf = [0; 1024];
    loop {
        let n = client.read(&mut buf).await?;
        if n == 0 || &buf[..n] == b"exit" {
            return Ok(());
        }
        std::thread::sleep(THINK); // blocks the thread, not just this task
        client.write_all(format!("{}：ACK!", fastrand::u16(1..=1000)).as_bytes()).await?;
    }
}
