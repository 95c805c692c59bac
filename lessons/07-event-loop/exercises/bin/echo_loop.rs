//! Runs exercise 7.2: your server in `src/echo_loop.rs`, or, with
//! `--features solution`, the reference solution.

#[cfg(not(feature = "solution"))]
#[path = "../src/echo_loop.rs"]
mod program;
#[cfg(feature = "solution")]
#[path = "../solutions/echo_loop.rs"]
mod program;

fn main() -> std::io::Result<()> {
    program::main()
}
