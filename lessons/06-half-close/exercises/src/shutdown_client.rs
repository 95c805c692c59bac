//! Exercise 6.3: the lesson's half-closing client, from scratch.
//! 练习 6.3：从零写出半关闭的客户端。
//!
//! Write the lesson's client yourself, from the articles and the chapter
//! alone: send everything, then say "I am done sending, still listening"
//! with a half-close, and read the reply to its end. The narrated
//! `lesson6-server` and the Python server (`python/server.py`) must both
//! answer it.
//!
//! Run it:   cargo run -p lesson6-exercises --bin lesson6-shutdown_client [-- PORT]
//! Check it: cargo test -p lesson6-exercises --test shutdown_client

/// The client: send every line, half-close, read the whole reply.
pub fn main() -> std::io::Result<()> {
    // TODO: write the client. What the tests rely on:
    // - the server's port is the first command-line argument, 7788 when there
    //   is none; connect to 127.0.0.1 and that port;
    // - give the connection a read timeout of a few seconds (10 at most): a
    //   server that never answers must not hang the client; then it fails
    //   with an error;
    // - send each line of standard input, its bytes without the newline
    //   (`hello` and `world` are 10 bytes, however the server reads them);
    // - at the end of input, half-close: shut down the sending direction only.
    //   The server's read then returns 0 bytes, and only then does it reply;
    // - read the reply until a read returns 0 bytes (the server's FIN): it may
    //   come in several pieces; print it on one line, e.g.
    //   `received 10 bytes in 1 reads`; return Ok(()): exit code 0.
    todo!("connect, send each line, shutdown(Write), read the reply to its end, print it")
}
