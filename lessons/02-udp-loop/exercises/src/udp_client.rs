//! Exercise 2.3: the lesson's UDP client, from scratch.
//! 练习 2.3：从零写出 UDP 客户端。
//!
//! Write article 002's UDP client in a loop yourself, from the article and
//! the chapter alone: each line typed is one datagram, each reply is shown.
//! The narrated `lesson2-server` and the article's Python server
//! (`python/server.py`) must both answer it.
//!
//! Run it:   cargo run -p lesson2-exercises --bin lesson2-udp_client [-- PORT]
//! Check it: cargo test -p lesson2-exercises --test udp_client

/// The client: one datagram per line of standard input, one reply each.
pub fn main() -> std::io::Result<()> {
    // TODO: write the client. What the tests rely on:
    // - the server's port is the first command-line argument, 5555 when there
    //   is none; the server is at 127.0.0.1;
    // - one UDP socket (bound to 127.0.0.1:0: the system picks your port) for
    //   every message, with a read timeout of a few seconds (10 at most): a
    //   lost reply must not hang the client; then it fails with an error;
    // - for each line of standard input: the line `exit` ends the client and
    //   is NOT sent (UDP has no connection to end); any other line is sent as
    //   one datagram, its bytes without the newline; then receive the reply
    //   (a buffer of 1024 bytes) and print its text on a line;
    // - at the end of input, or after `exit`, return Ok(()): exit code 0.
    todo!("send each line of stdin as one datagram, print each reply, stop at `exit`")
}
