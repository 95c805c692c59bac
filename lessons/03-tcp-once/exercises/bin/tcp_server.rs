//! Runs exercise 3.3: your server in `src/tcp_server.rs`, or, with
//! `--features solution`, the reference solution.

#[cfg(not(feature = "solution"))]
#[path = "../src/tcp_server.rs"]
mod program;
#[cfg(feature = "solution")]
#[path = "../solutions/tcp_server.rs"]
mod program;

fn main() -> std::io::Result<()> {
    program::main()
}
