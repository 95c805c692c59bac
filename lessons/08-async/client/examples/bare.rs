//! Lesson 8, async/await: the client, bare. Article 000's `client.py` on N
//! connections at once, a task each, all on one thread (tokio's current_thread
//! runtime). Every connection sends the lines of standard input, read first.
//! The narrated program is `cargo run -p lesson8-client`.
//!
//! Run: cargo run --example lesson8-client-bare [-- PORT [N]]

use std::io::{self, BufRead, Write};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::timeout;

// One conversation, as lesson 5's thread holds it; every wait is 3 s at most.
async fn talk(addr: SocketAddr, messages: Arc<Vec<String>>) -> io::Result<()> {
    let wait = Duration::from_secs(3);
    // 1. socket and 2. connect: awaited; the task waits for the handshake, not the thread.
    let mut client = timeout(wait, TcpStream::connect(addr)).await??;
    let mut buf = [0; 1024];
    // 3. recv: the greeting. 4. send each message, 5. recv its reply; exit: no reply.
    for message in std::iter::once(None).chain(messages.iter().map(Some)) {
        if let Some(message) = message {
            client.write_all(message.as_bytes()).await?;
        }
        if message.is_some_and(|message| message == "exit") {
            break;
        }
        let n = timeout(wait, client.read(&mut buf)).await??;
        if n == 0 {
            break; // the server closed
        }
        writeln!(io::stdout(), "{}", String::from_utf8_lossy(&buf[..n]).escape_debug())?;
    }
    Ok(()) // 6. close: the drop
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> io::Result<()> {
    let mut args = std::env::args_os().skip(1).map(|arg| arg.to_string_lossy().into_owned());
    let port: u16 = args.next().unwrap_or("8888".into()).parse().map_err(io::Error::other)?;
    let n: usize = args.next().unwrap_or("1".into()).parse().map_err(io::Error::other)?;
    let messages = Arc::new(io::stdin().lock().lines().collect::<io::Result<Vec<_>>>()?);
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    // spawn: a task per connection; they run, all on this thread, as main awaits them.
    let tasks: Vec<_> = (0..n).map(|_| tokio::spawn(talk(addr, Arc::clone(&messages)))).collect();
    for task in tasks {
        task.await.map_err(io::Error::other)??;
    }
    Ok(())
}
