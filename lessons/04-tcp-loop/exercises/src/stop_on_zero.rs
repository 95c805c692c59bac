//! Exercise 4.2: stop on a read of 0 bytes.
//! 练习 4.2：读到 0 字节就停止。
//!
//! Article 000's server reads in a loop and only stops on `exit`. A client
//! that closes without saying `exit` leaves that loop spinning forever: every
//! `recv` returns at once, and nobody is there to answer. TCP does tell the
//! server that the client closed its side (article 001, note 9), in what a
//! read returns; a server must stop on it.
//!
//! Check it: cargo test -p lesson4-exercises --test stop_on_zero

use std::io::{self, Read, Write};
use std::net::TcpStream;

/// Answers each read with `第{n}条信息：{text}` until the client closes its side;
/// returns how many messages were answered.
pub fn serve_conversation(stream: &mut TcpStream) -> io::Result<u64> {
    let mut buf = [0; 1024];
    let mut answered = 0;
    loop {
        let n = stream.read(&mut buf)?;
        if peer_has_closed(n) {
            return Ok(answered);
        }
        answered += 1;
        let reply = format!("第{answered}条信息：{}", String::from_utf8_lossy(&buf[..n]));
        stream.write_all(reply.as_bytes())?;
    }
}

/// Whether a read that returned `n` bytes means the peer closed its side.
fn peer_has_closed(n: usize) -> bool {
    // TODO: Say whether this read's result means the client closed its side.
    // While the connection is open, a blocking read waits until at least one
    // byte has arrived. After the client's FIN no byte can ever come, and the
    // read still returns at once. With what?
    // 中文：说出这次读取的结果是不是意味着客户端关闭了它那一边。连接开着的时候，阻塞
    // 的读取会一直等到至少一个字节到达。客户端的 FIN 之后，再也不会有字节到来，而读取
    // 仍然会立刻返回。返回什么？
    let _ = n;
    todo!("which value of n means the peer closed? / n 是多少表示对方关闭了？")
}
