//! Exercise 8.1: the per-client task.
//! 练习 8.1：每个客户端的任务。
//!
//! Known wrong: it turns the socket back into a blocking std socket and
//! reads the way lesson 5's thread did. A thread of its own could wait there;
//! a task cannot: while one client says nothing, the read holds the one
//! thread, and no other client is even accepted.

use std::io::{self, Read, Write};
use std::net::SocketAddr;
use std::time::Duration;

use tokio::net::TcpStream;

/// How long the server "thinks" before each reply (as if it looked something up).
pub const THINK: Duration = Duration::from_millis(100);

/// One client's conversation, run as a task of its own.
pub async fn serve_client(client: TcpStream, _address: SocketAddr) -> io::Result<()> {
    let mut client = client.into_std()?;
    client.set_nonblocking(false)?;
    client.write_all(b"Hello World!")?;
    let mut buf = [0; 1024];
    loop {
        let n = client.read(&mut buf)?; // waits here, and the whole server with it
        if n == 0 || &buf[..n] == b"exit" {
            return Ok(());
        }
        tokio::time::sleep(THINK).await;
        client.write_all(format!("{}：ACK!", fastrand::u16(1..=1000)).as_bytes())?;
    }
}
