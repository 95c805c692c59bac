//! Exercise 8.1: the per-client task.
//! 练习 8.1：每个客户端的任务。
//!
//! The reference solution: lesson 5's thread, as a task. Every wait (the
//! send, the read, the pause) is an `.await`, so the one thread serves the
//! other clients meanwhile.

use std::io::{self, Write};
use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// How long the server "thinks" before each reply (as if it looked something up).
pub const THINK: Duration = Duration::from_millis(100);

/// One client's conversation, run as a task of its own.
pub async fn serve_client(mut client: TcpStream, address: SocketAddr) -> io::Result<()> {
    // send: the greeting; if the kernel has no room, the task waits, not the thread.
    client.write_all(b"Hello World!").await?;
    let mut buf = [0; 1024];
    loop {
        // recv: nothing yet? The task yields, and the thread runs the others.
        let n = client.read(&mut buf).await?;
        let request = String::from_utf8_lossy(&buf[..n]);
        if n == 0 || request == "exit" {
            return Ok(()); // close: the drop of `client`
        }
        let _ = writeln!(io::stdout(), "[*] Received from {address} : {}", request.escape_debug());
        // Think without blocking: the runtime's timer wakes this task; std's
        // thread::sleep would stop every client.
        tokio::time::sleep(THINK).await;
        // send: the reply, in one write_all.
        client.write_all(format!("{}：ACK!", fastrand::u16(1..=1000)).as_bytes()).await?;
    }
}
