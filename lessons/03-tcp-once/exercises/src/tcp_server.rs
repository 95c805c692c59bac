//! Exercise 3.3: the lesson's TCP server, from scratch.
//! 练习 3.3：从零写出 TCP 服务器。
//!
//! Write article 004's `tcp_srv` (case 04) yourself, from the article and the
//! chapter alone, for one client: the narrated `lesson3-client` and the
//! article's Python client (`python/client.py`) must get their answer from it.
//!
//! Run it:   cargo run -p lesson3-exercises --bin lesson3-tcp_server [-- PORT]
//! Check it: cargo test -p lesson3-exercises --test tcp_server

/// The server: one connection, one message each way, then exit.
pub fn main() -> std::io::Result<()> {
    // TODO: write the server. What the tests rely on:
    // - the port is the first command-line argument, 8998 when there is none
    //   (the tests pass 0: the system picks a free port);
    // - listen on 127.0.0.1 (not 0.0.0.0) and that port, then print a line
    //   containing `listening on ADDR`, ADDR being the listener's local_addr()
    //   (the real port), before you accept: the tests read the port from it;
    // - accept one connection, and read from it ONCE (a buffer of 500 bytes);
    // - reply, in one write, `Received msg: {text} from {address}`: {text} is
    //   what you read, {address} the client's address as Python prints it,
    //   `('127.0.0.1', 54321)` (the clients check the port is theirs);
    // - close the connection (the client reads to your FIN) and return Ok(()):
    //   the program exits 0.
    todo!("listen, print `listening on ADDR`, accept one client, read once, reply, close, exit")
}
