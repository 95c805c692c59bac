//! Runs exercise 6.3: your client in `src/shutdown_client.rs`, or, with
//! `--features solution`, the reference solution.

#[cfg(not(feature = "solution"))]
#[path = "../src/shutdown_client.rs"]
mod program;
#[cfg(feature = "solution")]
#[path = "../solutions/shutdown_client.rs"]
mod program;

fn main() -> std::io::Result<()> {
    program::main()
}
