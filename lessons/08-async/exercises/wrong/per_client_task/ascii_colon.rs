//! Exercise 8.1: the per-client task.
//! 练习 8.1：每个客户端的任务。
//!
//! Known wrong: the reply has an ASCII colon, `{n}:ACK!`, where the
//! article's server writes the full-width one, `：` (3 bytes in UTF-8).

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
        tokio::time::sleep(THINK).await;
        client.write_all(format!("{}:ACK!", fastrand::u16(1..=1000)).as_bytes()).await?;
    }
}
