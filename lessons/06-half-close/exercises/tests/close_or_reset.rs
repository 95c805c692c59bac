//! Checks exercise 6.2 (src/close_or_reset.rs) with peers that close and peers
//! that reset.

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

use course_tests::within;
use lesson6_exercises::close_or_reset::{Ending, how_it_ended};
use socket2::Socket;

/// A peer sends `bytes` bytes, then closes (or aborts, with SO_LINGER 0, once
/// the other side has read them); returns what how_it_ended said.
fn ending(bytes: usize, abort: bool) -> Ending {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let mut peer = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
    let (mut stream, _) = listener.accept().unwrap();
    peer.write_all(&vec![b'x'; bytes]).unwrap();
    if abort {
        // Let the data arrive first: a reset may discard data still in flight.
        let mut seen = 0;
        while seen < bytes {
            let mut buf = vec![0; bytes];
            seen += std::io::Read::read(&mut stream, &mut buf[..bytes - seen]).unwrap();
        }
        Socket::from(peer).set_linger(Some(Duration::ZERO)).unwrap(); // dropped here: RST
        let result =
            within(Duration::from_secs(5), "how_it_ended never returned", move || how_it_ended(&mut stream));
        return match result.expect("a reset is an ending, not an error: return Ending::Reset") {
            Ending::Reset { .. } => Ending::Reset { bytes },
            other => other,
        };
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
    let bytes = fastrand::usize(0..5000);
    assert_eq!(ending(bytes, false), Ending::Closed { bytes }, "a FIN after {bytes} bytes");
}

#[test]
fn an_abort_is_a_reset() {
    assert!(
        matches!(ending(100, true), Ending::Reset { .. }),
        "the peer sent RST: a read fails with ErrorKind::ConnectionReset, which is Ending::Reset"
    );
}
