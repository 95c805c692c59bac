//! Runs exercise 2.3: your client in `src/udp_client.rs`, or, with
//! `--features solution`, the reference solution.

#[cfg(not(feature = "solution"))]
#[path = "../src/udp_client.rs"]
mod program;
#[cfg(feature = "solution")]
#[path = "../solutions/udp_client.rs"]
mod program;

fn main() -> std::io::Result<()> {
    program::main()
}
