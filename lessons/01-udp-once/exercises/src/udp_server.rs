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
    //   a line containing `bound to ADDR`, ADDR being the socket's local_addr()
    //   (the real port), before you wait: the tests read the port from that line;
    // - receive ONE datagram (a buffer of 500 bytes) and print its text on a
    //   line (the client sends the 15 bytes `I love jingjing`);
    // - send the 19 bytes `Ich hab keine Hunge` (nothing more, no newline) to
    //   the address that datagram came from;
    // - then return Ok(()): the program exits 0 and the port is free again.
    // 中文：写出这个服务器。测试依赖的是：
    // - 端口是第一个命令行参数，没有时用 7852（测试传 0：由系统挑一个空闲端口）；
    // - 把 UDP 套接字绑定到 127.0.0.1（不是 0.0.0.0）和这个端口，然后在等待之前打印
    //   一行包含 `bound to ADDR` 的文字，ADDR 是套接字的 local_addr()（真正的端口）：
    //   测试从这一行读出端口；
    // - 接收一个数据报（500 字节的缓冲区），把它的文本打印成一行（客户端发送 15 个
    //   字节 `I love jingjing`）；
    // - 把 19 个字节 `Ich hab keine Hunge`（不多，也不加换行）发到那个数据报的来源地址；
    // - 然后返回 Ok(())：程序以 0 退出，端口重新空出来。
    todo!(
        "bind 127.0.0.1, print `bound to ADDR`, answer one datagram, exit / 绑定 127.0.0.1，打印 `bound to ADDR`，回答一个数据报，退出"
    )
}
