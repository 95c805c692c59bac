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
    // 中文：写出这个服务器。测试依赖的是：
    // - 端口是第一个命令行参数，没有时用 8888（测试传 0：由系统挑一个空闲端口）；给了
    //   第二个参数 N，意思是：服务 N 个客户端，然后返回 Ok(())（以 0 退出）；没有它，
    //   就一直服务下去；
    // - 在 127.0.0.1（不是 0.0.0.0）和这个端口上监听，然后在 accept 之前打印一行包含
    //   `listening on ADDR` 的文字，ADDR 是监听套接字的 local_addr()（真正的端口）：
    //   测试从这一行读出端口；
    // - 每 accept 一个客户端：立刻发送欢迎语 `连接成功！`；然后每次读取（1024 字节的
    //   缓冲区）：读到 0 字节（客户端关闭了）或者消息 `exit` 都结束这个客户端：关闭它
    //   的连接，不回复；其他每条消息一次写出回复 `第{n}条信息：{text}`（全角冒号），
    //   n 从 1 开始数这个客户端的消息；
    // - 然后 accept 下一个客户端。
    todo!(
        "listen, print `listening on ADDR`, greet and answer clients one after another / 监听，打印 `listening on ADDR`，一个接一个地问候并回答客户端"
    )
}
