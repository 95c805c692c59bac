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
    // 中文：写出这个客户端。测试依赖的是：
    // - 服务器的端口是第一个命令行参数，没有时用 7788；连接 127.0.0.1 和这个端口；
    // - 给连接设一个几秒的读超时（最多 10 秒）：从不回答的服务器不能让客户端卡住；
    //   超时就以错误失败；
    // - 发送标准输入的每一行，是它的字节，不带换行（`hello` 和 `world` 是 10 个字节，
    //   不管服务器怎么读它们）；
    // - 输入结束时半关闭：只关闭发送的方向。服务器的读取这时返回 0 字节，它也只有这时
    //   才回复；
    // - 读回复，直到某次读取返回 0 字节（服务器的 FIN）：它可能分几段到达；把它打印成
    //   一行，例如 `received 10 bytes in 1 reads`；返回 Ok(())：退出码 0。
    todo!(
        "connect, send each line, shutdown(Write), read the reply to its end, print it / 连接，发送每一行，shutdown(Write)，把回复读到底，打印它"
    )
}
