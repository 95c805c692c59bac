//! Runs exercise 8.1: the lesson 8 server's accept loop, on one thread, with
//! your task (`src/per_client_task.rs`) for each client; or, with
//! `--features solution`, the reference solution's.
//!
//! Run it:   cargo run -p lesson8-exercises --bin lesson8-per_client_task [-- PORT]
//! Then:     cargo run -p lesson8-client -- --connections 3 --message hi --message exit

use std::io::{self, Write};
use std::net::SocketAddr;

use lesson8_exercises::per_client_task::serve_client;
use tokio::net::TcpListener;

// current_thread: every task runs on this one thread, so one that blocks stops them all.
#[tokio::main(flavor = "current_thread")]
async fn main() -> io::Result<()> {
    let arg = std::env::args_os().nth(1).unwrap_or("8888".into());
    let port: u16 = arg.to_string_lossy().parse().map_err(io::Error::other)?;
    let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port))).await?;
    writeln!(io::stdout(), "[*] Listening on {}", listener.local_addr()?)?;
    loop {
        let (client, address) = listener.accept().await?;
        writeln!(io::stdout(), "[*] Accept connection from: {address}")?;
        // Your task, one per client.
        tokio::spawn(async move {
            if let Err(err) = serve_client(client, address).await {
                let _ = writeln!(io::stdout(), "[*] {address}: {err}");
            }
        });
    }
}
