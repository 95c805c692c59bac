//! Checks exercise 6.2 (src/close_or_reset.rs) with peers that close and peers
//! that reset.

use std::io::{ErrorKind, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

use course_check::{OrFail, Shown, say, within};
use course_tests::poll_until;
use lesson6_exercises::close_or_reset::{Ending, how_it_ended};
use socket2::Socket;

/// A peer sends `bytes` bytes, then closes (or aborts, with SO_LINGER 0);
/// returns what how_it_ended said.
fn ending(bytes: usize, abort: bool) -> Ending {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let mut peer = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
    let (mut stream, _) = listener.accept().unwrap();
    peer.write_all(&vec![b'x'; bytes]).unwrap();
    if abort {
        // Let the data arrive first (a reset may discard data still on its
        // way), but leave it unread: how_it_ended must read and count it.
        let mut buf = vec![0; bytes];
        let arrived = poll_until(Duration::from_secs(5), || stream.peek(&mut buf).unwrap() == bytes);
        assert!(
            arrived,
            "{}",
            say!(
                "the test's {bytes} bytes did not arrive within 5 s",
                "测试的 {bytes} 个字节在 5 秒内没有到达"
            )
        );
        Socket::from(peer).set_linger(Some(Duration::ZERO)).unwrap(); // dropped here: RST
        let result = within(
            Duration::from_secs(5),
            &say!("how_it_ended never returned", "how_it_ended 一直没有返回"),
            move || how_it_ended(&mut stream),
        );
        return result.unwrap_or_else(|err| {
            panic!(
                "{}",
                say!(
                    "the peer aborted (RST): a reset is an ending to report, not a failure of how_it_ended, which \
                     returned Err({:?}: {err}) where Ending::Reset belongs. Look at how your loop handles a read \
                     that fails with ErrorKind::ConnectionReset",
                    "对方中止了连接（RST）：重置是要报告的一种结束，不是 how_it_ended 的失败；它却返回了 \
                     Err({:?}：{err})，这里应当是 Ending::Reset。看看你的循环怎么处理以 ErrorKind::ConnectionReset \
                     失败的读取",
                    err.kind()
                )
            )
        });
    }
    drop(peer); // FIN
    within(
        Duration::from_secs(5),
        &say!(
            "how_it_ended never returned: a read of 0 bytes means the peer closed",
            "how_it_ended 一直没有返回：读到 0 字节表示对方已经关闭"
        ),
        move || how_it_ended(&mut stream),
    )
    .or_fail(say!("how_it_ended returned an error", "how_it_ended 返回了错误"))
}

#[test]
fn a_clean_close_is_closed_with_every_byte_counted() {
    // 3000 bytes take several reads of a 1024-byte buffer: count them all.
    for bytes in [0, 1, 3000] {
        assert_eq!(
            ending(bytes, false),
            Ending::Closed { bytes },
            "{}",
            say!(
                "the peer sent {bytes} bytes, then its FIN: the bytes are what the reads returned, all of them \
                 added up, until the read that returned 0",
                "对方发了 {bytes} 个字节，然后是它的 FIN：字节数是各次读取返回的数目，全部加起来，\
                 直到返回 0 的那次读取"
            )
        );
    }
}

#[test]
fn an_abort_is_a_reset_with_every_byte_counted() {
    assert_eq!(
        ending(3000, true),
        Ending::Reset { bytes: 3000 },
        "{}",
        say!(
            "the peer sent 3000 bytes, then RST: the data queued before the reset is still read (the bytes \
             are what the reads returned, all of them added up), then a read fails with \
             ErrorKind::ConnectionReset: that is Ending::Reset",
            "对方发了 3000 个字节，然后是 RST：重置之前已经排队的数据照样读得到（字节数是各次读取返回\
             的数目，全部加起来），然后某次读取以 ErrorKind::ConnectionReset 失败：这就是 Ending::Reset"
        )
    );
}

#[test]
fn an_error_that_is_not_a_reset_is_returned_as_it_is() {
    // A peer that sends 100 bytes, then neither closes nor resets: it stays
    // connected and silent. The stream has a read timeout, so the read after
    // the bytes fails when it runs out (WouldBlock on Linux, TimedOut on some
    // systems): an error, but not a reset.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let mut peer = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
    let (mut stream, _) = listener.accept().unwrap();
    peer.write_all(&[b'x'; 100]).unwrap();
    stream.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
    let result = within(
        Duration::from_secs(5),
        &say!(
            "how_it_ended never returned, though its stream has a read timeout of 0.2 s and the peer stays silent: \
             after a read failed with a timeout, did your loop read again? Look at what it does with an error \
             that is not ErrorKind::ConnectionReset",
            "流设了 0.2 秒的读超时，对方一直不出声，how_it_ended 却一直没有返回：一次读取以超时失败之后，\
             你的循环是不是又去读了？看看它怎么处理不是 ErrorKind::ConnectionReset 的错误"
        ),
        move || how_it_ended(&mut stream),
    );
    drop(peer); // only now: the peer stayed connected, silent, all along
    let returned = match &result {
        Err(err) if matches!(err.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => return,
        Err(err) => format!("Err: {}", err.shown()),
        Ok(ending) => format!("Ok(Ending::{ending:?})"),
    };
    panic!(
        "{}",
        say!(
            "the peer sent 100 bytes, then stayed connected and silent: no FIN, no RST. The stream's read timeout \
             (0.2 s) ran out, so a read failed with a timeout (WouldBlock or TimedOut): an error, but not a reset, \
             and the connection has not ended. how_it_ended must return that error as it is, yet it returned \
             {returned}. Look at how your loop tells ErrorKind::ConnectionReset from other errors",
            "对方发了 100 个字节，然后保持连接、一声不出：没有 FIN，也没有 RST。流的读超时（0.2 秒）到了，\
             于是一次读取以超时失败（WouldBlock 或 TimedOut）：这是错误，但不是重置，连接也没有结束。\
             how_it_ended 必须把这个错误原样返回，它返回的却是 {returned}。看看你的循环怎么把 \
             ErrorKind::ConnectionReset 和别的错误分开"
        )
    );
}
