//! Checks exercise 6.2 (src/close_or_reset.rs) with peers that close and peers
//! that reset.

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

use course_tests::{poll_until, within};
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
        assert!(arrived, "the test's {bytes} bytes did not arrive within 5 s");
        Socket::from(peer).set_linger(Some(Duration::ZERO)).unwrap(); // dropped here: RST
        let result =
            within(Duration::from_secs(5), "how_it_ended never returned", move || how_it_ended(&mut stream));
        return result.unwrap_or_else(|err| {
            panic!("a reset is an ending, not an error: return Ending::Reset, not Err({err:?})")
        });
    }
    drop(peer); // FIN
    within(
        Duration::from_secs(5),
        "how_it_ended never returned: a read of 0 bytes means the peer closed",
        move || how_it_ended(&mut stream),
    )
    .expect("how_it_ended returned Ok")
}

#[test]
fn a_clean_close_is_closed_with_every_byte_counted() {
    // 3000 bytes take several reads of a 1024-byte buffer: count them all.
    for bytes in [0, 1, 3000] {
        assert_eq!(
            ending(bytes, false),
            Ending::Closed { bytes },
            "the peer sent {bytes} bytes, then its FIN: add up every read's count"
        );
    }
}

#[test]
fn an_abort_is_a_reset_with_every_byte_counted() {
    assert_eq!(
        ending(3000, true),
        Ending::Reset { bytes: 3000 },
        "the peer sent 3000 bytes, then RST: the data queued before the reset is still read \
         (add up every read's count), then a read fails with ErrorKind::ConnectionReset: that is Ending::Reset"
    );
}
