//! Exercise 5.3: the lesson's threaded TCP server, from scratch.
//! 练习 5.3：从零写出多线程服务器。
//!
//! Write article 000's threaded server yourself, from the article and the
//! chapter alone: one thread per client, so a client that stays connected
//! does not keep the others waiting. The narrated `lesson5-client` and the
//! article's Python client (`python/client.py`) must both talk to it.
//!
//! Run it:   cargo run -p lesson5-exercises --bin lesson5-threaded_server [-- PORT [N]]
//! Check it: cargo test -p lesson5-exercises --test threaded_server

/// The server: accept in the main thread, one thread per client.
pub fn main() -> std::io::Result<()> {
    // TODO: write the server. What the tests rely on:
    // - the port is the first command-line argument, 8888 when there is none
    //   (the tests pass 0: the system picks a free port); a second argument N,
    //   when given, means: accept N clients, wait for their threads to end,
    //   then return Ok(()) (exit 0); without it, serve forever;
    // - listen on 127.0.0.1 (not 0.0.0.0) and that port, then print
    //   `[*] Listening on ADDR`, ADDR being the listener's local_addr() (the
    //   real port), before you accept: the tests read the port from it;
    // - accept in the main thread (never in the client threads: that is the
    //   article's bug), print `[*] Accept connection from: IP:PORT`, and give
    //   the connection to a new thread, then go back to accept at once;
    // - in the client's thread: send the greeting `Hello World!`; then for
    //   each read (a buffer of 1024 bytes): 0 bytes (the client closed) or
    //   `exit` ends this client: close without a reply; any other message is
    //   printed as `[*] Received from IP:PORT : text` and answered, in one
    //   write, with `{n}：ACK!`, n a random number from 1 to 1000 and a
    //   full-width colon `：`.
    todo!("listen, print `[*] Listening on ADDR`, accept here, serve each client on its own thread")
}
