//! Exercise 1.3: the lesson's UDP server, from scratch.
//! 练习 1.3：从零写出 UDP 服务器。
//!
//! Write article 004's `serverFunc` yourself, from the article and the
//! chapter alone: the narrated `lesson1-client` and the article's Python
//! client (`python/client.py`) must get their answer from it.
//!
//! Run it:   cargo run -p lesson1-exercises --bin lesson1-udp_server [-- PORT]
//! Check it: cargo test -p lesson1-exercises --test udp_server

/// The server: one datagram in, one datagram out, then exit.
pub fn main() -> std::io::Result<()> {
    // TODO: write the server. What the tests rely on:
    // - the port is the first command-line argument, 7852 when there is none
    //   (the tests pass 0: the system picks a free port);
    // - bind a UDP socket to 127.0.0.1 (not 0.0.0.0) and that port, then print
    //   a line containing `bound to ADDR`, ADDR being socket.local_addr() (the
    //   real port), before you wait: the tests read the port from that line;
    // - receive ONE datagram (a buffer of 500 bytes) and print its text on a
    //   line (the client sends the 15 bytes `I love jingjing`);
    // - send the 19 bytes `Ich hab keine Hunge` (nothing more, no newline) to
    //   the address that datagram came from;
    // - then return Ok(()): the program exits 0 and the port is free again.
    todo!("bind 127.0.0.1, print `bound to ADDR`, answer one datagram, exit")
}
