//! Runs exercise 5.3: your server in `src/threaded_server.rs`, or, with
//! `--features solution`, the reference solution.

#[cfg(not(feature = "solution"))]
#[path = "../src/threaded_server.rs"]
mod program;
#[cfg(feature = "solution")]
#[path = "../solutions/threaded_server.rs"]
mod program;

fn main() -> std::io::Result<()> {
    program::main()
}
