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
    // 中文：写出这个服务器。测试依赖的是：
    // - 端口是第一个命令行参数，没有时用 8998（测试传 0：由系统挑一个空闲端口）；
    // - 在 127.0.0.1（不是 0.0.0.0）和这个端口上监听，然后在 accept 之前打印一行包含
    //   `listening on ADDR` 的文字，ADDR 是监听套接字的 local_addr()（真正的端口）：
    //   测试从这一行读出端口；
    // - accept 一个连接，从它读一次（500 字节的缓冲区）；
    // - 一次写出回复 `Received msg: {text} from {address}`：{text} 是你读到的内容，
    //   {address} 是客户端的地址，按 Python 的打印方式写成 `('127.0.0.1', 54321)`
    //   （客户端会检查端口是不是它自己的）；
    // - 关闭连接（客户端一直读到你的 FIN），返回 Ok(())：程序以 0 退出。
    todo!(
        "listen, print `listening on ADDR`, accept one client, read once, reply, close, exit / 监听，打印 `listening on ADDR`，accept 一个客户端，读一次，回复，关闭，退出"
    )
}
