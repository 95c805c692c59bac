//! Exercise 7.2: an event-loop echo server, from scratch.
//! 练习 7.2：从零写一个事件循环回显服务器。
//!
//! Write a server that sends back to each client exactly the bytes it
//! receives, for many clients at once, in one thread: non-blocking sockets and
//! `mio`'s `Poll`, as the lesson 7 server does (its bare twin is a good map).
//!
//! Run it:   cargo run -p lesson7-exercises --bin lesson7-echo_loop [-- PORT [N]]
//! Check it: cargo test -p lesson7-exercises --test echo_loop

/// The server: one thread, one poll, every client echoed.
pub fn main() -> std::io::Result<()> {
    // TODO: write the server. What the tests rely on:
    // - the port is the first command-line argument, 8888 when there is none
    //   (the tests pass 0: the system picks a free port); a second argument N,
    //   when given, means: once N clients have come and all of them have
    //   left, return Ok(()) (exit 0); without it, serve forever;
    // - listen on 127.0.0.1 and that port (mio's TcpListener::bind), then
    //   print `[*] Listening on ADDR`, ADDR being its local_addr() (the real
    //   port): the tests read the port from it;
    // - one thread only: register the listener with a Poll; on its readiness,
    //   accept until WouldBlock and register each client; on a client's,
    //   read until WouldBlock and send back exactly the bytes read (`&buf[..n]`);
    //   a read of 0 bytes (the client closed) or an error ends that client:
    //   deregister it and drop it;
    // - a send may take only part of the bytes: keep the rest for that client,
    //   send it when the socket is writable (register READABLE | WRITABLE, or
    //   reregister), and read nothing more from that client meanwhile.
    // 中文：写出这个服务器。测试依赖的是：
    // - 端口是第一个命令行参数，没有时用 8888（测试传 0：由系统挑一个空闲端口）；给了第二个
    //   参数 N，意思是：N 个客户端来过并且都离开以后，返回 Ok(())（以 0 退出）；没有它，
    //   就一直服务下去；
    // - 在 127.0.0.1 和这个端口上监听（mio 的 TcpListener::bind），然后打印
    //   `[*] Listening on ADDR`，ADDR 是它的 local_addr()（真正的端口）：测试从这一行读出端口；
    // - 只用一个线程：把监听套接字注册到一个 Poll；它就绪时，accept 直到 WouldBlock，
    //   并注册每个客户端；客户端就绪时，读取直到 WouldBlock，把读到的字节原样发回
    //   （`&buf[..n]`）；读到 0 字节（客户端关闭了）或者出错，就结束这个客户端：注销它并 drop；
    // - 一次发送可能只发出一部分：把剩下的留给这个客户端，等套接字可写时再发（注册
    //   READABLE | WRITABLE，或者 reregister），在这期间不再读这个客户端。
    todo!(
        "listen, print `[*] Listening on ADDR`, then one poll loop / 监听，打印 `[*] Listening on ADDR`，然后一个 poll 循环"
    )
}
