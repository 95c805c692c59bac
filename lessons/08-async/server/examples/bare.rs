//! Lesson 8, async/await: the server, bare. Article 000's threaded server
//! with a task where it had a thread: tokio's runtime, on this one thread
//! (current_thread), runs every client's task and polls their sockets.
//! The narrated program is `cargo run -p lesson8-server`.
//!
//! Run: cargo run --example lesson8-server-bare [-- PORT]

use std::io::{self, Write};
use std::net::SocketAddr;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

// writeln! to stdout returns an error where println! would panic (stdout closed: `| head -1`).
async fn handle_client(mut client: TcpStream, address: SocketAddr) -> io::Result<()> {
    writeln!(io::stdout(), "[*] Accept connection from: {address}")?;
    // 7. send: the greeting; if the kernel has no room, the task waits, not the thread.
    client.write_all(b"Hello World!").await?;
    let mut buf = [0; 1024];
    loop {
        // 8. recv: nothing yet? The task yields; the thread serves the other tasks meanwhile.
        let n = client.read(&mut buf).await?;
        let request = String::from_utf8_lossy(&buf[..n]);
        if n == 0 || request == "exit" {
            break;
        }
        // escape_debug: control bytes (ESC ...) are shown as \u{1b}, not obeyed by the terminal.
        writeln!(io::stdout(), "[*] Received from {address} : {}", request.escape_debug())?;
        // 9. send: a random number from 1 to 1000 and ACK!, awaited like the greeting.
        client.write_all(format!("{}：ACK!", fastrand::u16(1..=1000)).as_bytes()).await?;
    }
    // 10. close: this client's socket only (the drop).
    Ok(())
}

// current_thread: one thread runs every task. Never block it: no std read, no thread::sleep.
#[tokio::main(flavor = "current_thread")]
async fn main() -> io::Result<()> {
    // args_os: an argument that is not UTF-8 (or not a number) is an error, not a panic.
    let arg = std::env::args_os().nth(1).unwrap_or("8888".into());
    let port: u16 = arg.to_string_lossy().parse().map_err(io::Error::other)?;
    // 1.-4. socket, setsockopt(SO_REUSEADDR), bind, listen(1024): tokio's bind makes them all.
    let server = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port))).await?;
    writeln!(io::stdout(), "[*] Listening on {}", server.local_addr()?)?;
    loop {
        // 5. accept: awaited; then a new task for this client, on this same thread.
        let (client, address) = server.accept().await?;
        tokio::spawn(async move {
            // Its error (a reset, say) is shown and ends this client only.
            if let Err(e) = handle_client(client, address).await {
                let _ = writeln!(io::stdout(), "[*] {address}: {e}");
            }
        });
    }
}
