//! Runs exercise 1.3: your server in `src/udp_server.rs`, or, with
//! `--features solution`, the reference solution.

#[cfg(not(feature = "solution"))]
#[path = "../src/udp_server.rs"]
mod program;
#[cfg(feature = "solution")]
#[path = "../solutions/udp_server.rs"]
mod program;

fn main() -> std::io::Result<()> {
    program::main()
}
