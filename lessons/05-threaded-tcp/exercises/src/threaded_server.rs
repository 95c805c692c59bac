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
    // 中文：写出这个服务器。测试依赖的是：
    // - 端口是第一个命令行参数，没有时用 8888（测试传 0：由系统挑一个空闲端口）；给了
    //   第二个参数 N，意思是：accept N 个客户端，等它们的线程都结束，然后返回 Ok(())
    //   （以 0 退出）；没有它，就一直服务下去；
    // - 在 127.0.0.1（不是 0.0.0.0）和这个端口上监听，然后在 accept 之前打印
    //   `[*] Listening on ADDR`，ADDR 是监听套接字的 local_addr()（真正的端口）：测试
    //   从这一行读出端口；
    // - 在主线程里 accept（绝不在客户端线程里：那正是文章的 bug），打印
    //   `[*] Accept connection from: IP:PORT`，把连接交给一个新线程，然后马上回去 accept；
    // - 在客户端的线程里：发送欢迎语 `Hello World!`；然后每次读取（1024 字节的缓冲区）：
    //   读到 0 字节（客户端关闭了）或者 `exit` 都结束这个客户端：不回复，直接关闭；其他
    //   每条消息打印成 `[*] Received from IP:PORT : text`，并一次写出回复 `{n}：ACK!`，
    //   n 是 1 到 1000 之间的随机数，冒号是全角的 `：`。
    todo!(
        "listen, print `[*] Listening on ADDR`, accept here, serve each client on its own thread / 监听，打印 `[*] Listening on ADDR`，在这里 accept，每个客户端在自己的线程里服务"
    )
}
