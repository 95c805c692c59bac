//! Runs exercise 4.3: your server in `src/tcp_loop_server.rs`, or, with
//! `--features solution`, the reference solution.

#[cfg(not(feature = "solution"))]
#[path = "../src/tcp_loop_server.rs"]
mod program;
#[cfg(feature = "solution")]
#[path = "../solutions/tcp_loop_server.rs"]
mod program;

fn main() -> std::io::Result<()> {
    program::main()
}
