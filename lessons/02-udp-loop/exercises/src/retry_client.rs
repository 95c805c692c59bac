//! Exercise 2.2: a client that sends again when no reply comes.
//! 练习 2.2：会重发的客户端。
//!
//! UDP never says that a datagram was lost. A client that expects a reply sets
//! a read timeout; when it expires, the request or the reply was lost (or no
//! server listens), and the client can simply send the request again. After
//! `tries` attempts it gives up.
//!
//! Check it: cargo test -p lesson2-exercises --test retry_client

use std::io;
use std::net::{SocketAddr, UdpSocket};
use std::time::Duration;

/// Sends `message` to `server` and returns the reply. Waits `timeout` for each
/// reply; sends again on a timeout, `tries` times in all. After the last try,
/// returns the timeout error.
pub fn ask_with_retries(
    socket: &UdpSocket,
    server: SocketAddr,
    message: &[u8],
    timeout: Duration,
    tries: u32,
) -> io::Result<Vec<u8>> {
    // TODO: Get the server's reply to `message`, sending the request at most
    // `tries` times. UDP reports no loss: when the request or the reply is
    // lost, nothing arrives, and a receive with no limit waits for ever. So
    // every wait must end by itself after `timeout`, and a wait that ended
    // that way is the one failure worth another try: any other error is not
    // cured by sending again. The reply is the datagram's bytes, no more.
    // 中文：拿到服务器对 `message` 的回复，请求最多发 `tries` 次。UDP 不报告丢失：
    // 请求或回复丢了，就什么也不会到达，而没有期限的接收会永远等下去。所以每次等待
    // 都必须在 `timeout` 之后自己结束，而这样结束的等待正是值得再试一次的那种失败：
    // 别的错误，重发也治不好。回复就是数据报的字节，不多。
    let _ = (socket, server, message, timeout, tries);
    todo!(
        "send, wait at most `timeout`, and send again if no reply came / 发送，最多等 `timeout`，没有回复就重发"
    )
}
