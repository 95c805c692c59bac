//! Exercise 6.1: a client that half-closes.
//! 练习 6.1：会半关闭的客户端。
//!
//! The server reads until a read returns 0 bytes, then replies. It only sees 0
//! bytes when the client says "I am done sending": `shutdown(Shutdown::Write)`,
//! which sends a FIN but keeps the connection open for reading. Write the
//! client that this server needs.
//!
//! Check it: cargo test -p lesson6-exercises --test half_close_client

// (The starter leaves these unused; the lint goes once you use them.)
// （起步代码没有用到这些；用上之后这条 lint 就消失了。）
#![allow(unused_imports)]

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};

/// Sends `message` to `server`, half-closes, and returns the whole reply.
pub fn send_then_read_reply(server: SocketAddr, message: &[u8]) -> io::Result<Vec<u8>> {
    // TODO: Send `message` and bring back the server's whole reply. The
    // server answers only after its read returns 0, and that happens only
    // when your FIN arrives; until then you both wait, each for the other.
    // Closing the whole socket would send that FIN but leave nowhere for the
    // reply to arrive: the FIN must close your sending direction only. The
    // reply may come in several pieces; it ends with the server's own FIN.
    // 中文：发送 `message`，把服务器的整个回复带回来。服务器要等它的读取返回 0 才回答，
    // 而这只有在你的 FIN 到达时才会发生；在那之前，你们俩都在等，各自等着对方。关闭整个
    // 套接字会发出那个 FIN，却让回复无处可去：FIN 只能关闭你发送的方向（半关闭）。回复
    // 可能分几段到达；它以服务器自己的 FIN 结束。
    let _ = (server, message);
    todo!(
        "send, tell the server you are done sending, then take the whole reply / 发送，告诉服务器你发完了，然后收下整个回复"
    )
}
