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
    // 中文：写出这个客户端。测试依赖的是：
    // - 服务器的端口是第一个命令行参数，没有时用 5555；服务器在 127.0.0.1；
    // - 所有消息共用一个 UDP 套接字（绑定到 127.0.0.1:0：由系统挑你的端口），读超时
    //   设几秒（最多 10 秒）：丢掉的回复不能让客户端卡住；超时就以错误失败；
    // - 标准输入的每一行：`exit` 这一行结束客户端，它本身不发送（UDP 没有连接可
    //   结束）；其他每一行作为一个数据报发送，是它的字节，不带换行；然后接收回复
    //   （1024 字节的缓冲区），把它的文本打印成一行；
    // - 输入结束，或者 `exit` 之后，返回 Ok(())：退出码 0。
    todo!(
        "send each line of stdin as one datagram, print each reply, stop at `exit` / 把标准输入的每一行作为一个数据报发送，打印每个回复，遇到 `exit` 停止"
    )
}
