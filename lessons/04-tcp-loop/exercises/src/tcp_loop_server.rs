//! Exercise 4.3: the lesson's TCP server, from scratch.
//! 练习 4.3：从零写出循环的 TCP 服务器。
//!
//! Write article 000's `server.py` yourself, from the article and the chapter
//! alone: clients one after another, each greeted, each message answered with
//! its number. The narrated `lesson4-client` and the article's Python client
//! (`python/client.py`) must both talk to it.
//!
//! Run it:   cargo run -p lesson4-exercises --bin lesson4-tcp_loop_server [-- PORT [N]]
//! Check it: cargo test -p lesson4-exercises --test tcp_loop_server

/// The server: clients one after another, forever (or N of them).
pub fn main() -> std::io::Result<()> {
    // TODO: write the server. What the tests rely on:
    // - the port is the first command-line argument, 8888 when there is none
    //   (the tests pass 0: the system picks a free port); a second argument N,
    //   when given, means: serve N clients, then return Ok(()) (exit 0);
    //   without it, serve forever;
    // - listen on 127.0.0.1 (not 0.0.0.0) and that port, then print a line
    //   containing `listening on ADDR`, ADDR being the listener's local_addr()
    //   (the real port), before you accept: the tests read the port from it;
    // - for each client accepted: send the greeting `连接成功！` at once; then
    //   for each read (a buffer of 1024 bytes): a read of 0 bytes (the client
    //   closed) or the message `exit` ends this client: close its connection,
    //   no reply; any other message gets, in one write, `第{n}条信息：{text}`
    //   (full-width colon), n counting this client's messages from 1;
    // - then accept the next client.
    todo!("listen, print `listening on ADDR`, greet and answer clients one after another")
}
