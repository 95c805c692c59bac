//! Checks exercise 7.1 (src/partial_send.rs): what a send does not take
//! waits, and goes out later, once, in order; on a stand-in for a kernel that
//! takes a few bytes at a time, then on a real socket whose peer reads late.

use std::io::{self, ErrorKind, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::thread;
use std::time::{Duration, Instant};

use course_check::{OrFail, assert_bytes, say, within};
use lesson7_exercises::partial_send::Outbox;

/// A stand-in for a non-blocking socket whose kernel takes at most `room`
/// bytes a call, and every other call nothing (WouldBlock), after one
/// Interrupted at the start: what a real socket does, made certain.
struct Trickle {
    room: usize,
    calls: usize,
    taken: Vec<u8>,
}

impl Write for Trickle {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.calls += 1;
        match self.calls {
            1 => Err(ErrorKind::Interrupted.into()),
            n if n % 2 == 0 => Err(ErrorKind::WouldBlock.into()),
            _ => {
                let n = data.len().min(self.room);
                self.taken.extend_from_slice(&data[..n]);
                Ok(n)
            }
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn the_rest_of_a_partial_send_waits_and_goes_out_once_in_order() {
    let (sent, outbox_left) = within(
        Duration::from_secs(5),
        &say!("Outbox::send did not return", "Outbox::send 没有返回"),
        || {
            let mut socket = Trickle { room: 5, calls: 0, taken: Vec::new() };
            let mut outbox = Outbox::default();
            outbox.push("Hello World!".as_bytes());
            outbox.push("42：ACK!".as_bytes());
            let mut lefts = Vec::new();
            for _ in 0..40 {
                let done = outbox.send(&mut socket).or_fail(say!(
                    "Outbox::send failed where the socket only said WouldBlock or Interrupted",
                    "套接字只说了 WouldBlock 或 Interrupted，Outbox::send 却失败了"
                ));
                lefts.push(outbox.len());
                if done {
                    break;
                }
            }
            (socket.taken, lefts)
        },
    );
    let expected = "Hello World!42：ACK!".as_bytes();
    assert_bytes(
        &sent,
        expected,
        &say!(
            "a socket that takes 5 bytes at a time (and now and then none: WouldBlock) gets every byte, once, in order",
            "一次只收 5 个字节（偶尔一个也不收：WouldBlock）的套接字，要收到每个字节，各一次，按顺序"
        ),
    );
    assert_eq!(
        outbox_left.last(),
        Some(&0),
        "{}",
        say!(
            "after everything is sent, nothing waits in the outbox (len() is 0), and send returns Ok(true)",
            "全部发出之后，发件箱里不再有字节在等（len() 为 0），send 返回 Ok(true)"
        )
    );
    assert!(
        outbox_left.iter().rev().skip(1).any(|&left| left > 0),
        "{}",
        say!(
            "while the socket said WouldBlock, send returned Ok(false) and kept the rest: lens {outbox_left:?}",
            "套接字说 WouldBlock 的时候，send 应该返回 Ok(false) 并留着剩下的字节：len 依次是 {outbox_left:?}"
        )
    );
}

#[test]
fn a_megabyte_to_a_peer_that_reads_late_arrives_whole() {
    const SIZE: usize = 1 << 20;
    let data: Vec<u8> = (0..SIZE).map(|i| (i % 251) as u8).collect();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let mut peer = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
    let (ours, _) = listener.accept().unwrap();
    let mut socket = ours;
    socket.set_nonblocking(true).unwrap();
    socket2::SockRef::from(&socket).set_send_buffer_size(4096).unwrap();

    let mut outbox = Outbox::default();
    outbox.push(&data);
    // The peer has not read yet: a megabyte cannot all go now.
    let first =
        within(Duration::from_secs(5), &say!("Outbox::send did not return", "Outbox::send 没有返回"), {
            let mut socket = socket.try_clone().unwrap();
            move || (outbox.send(&mut socket).map_err(|err| err.to_string()), outbox)
        });
    let (first, mut outbox) = first;
    let first = first.unwrap_or_else(|err| {
        panic!(
            "{}",
            say!(
                "the first send failed ({err}): a full send buffer is WouldBlock, which means Ok(false), not an error",
                "第一次 send 失败了（{err}）：发送缓冲区满了是 WouldBlock，意思是 Ok(false)，不是错误"
            )
        )
    });
    assert!(
        !first,
        "{}",
        say!(
            "send returned Ok(true) though the peer had not read a byte of the megabyte: the kernel cannot have taken it all",
            "对方还一个字节都没读，send 却返回了 Ok(true)：内核不可能收下这整整一兆字节"
        )
    );
    // Now the peer reads, and we send the rest whenever there is room.
    peer.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let reader = thread::spawn(move || {
        let mut got = Vec::new();
        let _ = peer.read_to_end(&mut got);
        got
    });
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let done = outbox.send(&mut socket).or_fail(say!("Outbox::send failed", "Outbox::send 失败了"));
        if done {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "{}",
            say!(
                "the megabyte was not sent within 10 s of the peer reading: {} bytes still wait",
                "对方开始读之后 10 秒内，这一兆字节还没发完：还有 {} 字节在等",
                outbox.len()
            )
        );
        thread::sleep(Duration::from_millis(1)); // as poll would wait for writable
    }
    socket.shutdown(Shutdown::Write).unwrap();
    let got = reader.join().unwrap();
    assert_eq!(
        got.len(),
        SIZE,
        "{}",
        say!(
            "the peer got {} bytes of the {SIZE} sent: none may be lost or sent twice",
            "对方收到了发出的 {SIZE} 字节中的 {} 字节：一个字节都不能丢，也不能发两次",
            got.len()
        )
    );
    assert!(
        got == data,
        "{}",
        say!(
            "the peer got {SIZE} bytes, but not the ones sent, in order: the rest of a partial send must be what follows the bytes taken",
            "对方收到了 {SIZE} 字节，但不是按顺序发出的那些：部分发送剩下的，必须正是已被收下的字节后面的部分"
        )
    );
}
