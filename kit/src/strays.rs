//! Datagrams that reached a UDP client's port (lessons 1 and 2) from an
//! address other than the server's. Any program can send to a UDP port; only
//! a datagram from the address the client sent to is the reply. The others
//! are kept, shown as ignored, and the client waits on for the reply.
//!
//! They are shown once the wait is over (the reply came, or the wait gave up),
//! so that no printing is timed in the reply's round trip.

use std::net::SocketAddr;

use shared::{Call, Narrator, count};

/// How many strays are shown with their bytes; the rest are only counted.
const SHOWN: usize = 5;

/// The datagrams from other addresses that came while the client waited.
pub struct Strays {
    /// Each one shown: its bytes (at most the buffer), its full length, its sender.
    kept: Vec<(Vec<u8>, usize, SocketAddr)>,
    /// How many more came, not kept.
    more: u64,
    /// The client's `--buffer`: a stray is cut to it, as a reply would be.
    buffer: usize,
}

impl Strays {
    /// None yet, for a client whose receive buffer is `buffer` bytes.
    pub fn new(buffer: usize) -> Strays {
        Strays { kept: Vec::new(), more: 0, buffer }
    }

    /// Keeps `datagram` (what recvfrom returned, one byte more than the buffer
    /// at most), which came from `from`, not from the server.
    pub fn keep(&mut self, datagram: &[u8], from: SocketAddr) {
        if self.kept.len() < SHOWN {
            let shown = datagram[..datagram.len().min(self.buffer)].to_vec();
            self.kept.push((shown, datagram.len(), from));
        } else {
            self.more += 1;
        }
    }

    /// Shows each one as the client's `recvfrom` step (numbered `step`, as
    /// at the call), said to be ignored.
    pub fn show(self, say: &Narrator, step: u8, server: SocketAddr) {
        for (data, length, from) in &self.kept {
            say.step(
                step,
                Call::RecvFrom,
                tr!("stray", from = from.to_string(), server = server.to_string()),
            )
            .received(data, *from);
            if *length > self.buffer {
                crate::notes::truncated(say, self.buffer);
            }
        }
        if self.more > 0 {
            let more = count(self.more, "datagram");
            say.notice(tr!("strays-more", more = more, server = server.to_string()));
        }
        if !self.kept.is_empty() {
            say.notice(tr!("stray-why", server = server.to_string()));
        }
    }
}

#[cfg(test)]
mod tests {
    use shared::capture::capture;
    use shared::{Colours, Role};

    use super::*;

    fn from(port: u16) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], port))
    }

    const SERVER: u16 = 7852;

    /// What a client with a `buffer`-byte buffer shows after `strays` came.
    fn shown(buffer: usize, strays: &[&[u8]]) -> String {
        let mut kept = Strays::new(buffer);
        for (n, datagram) in strays.iter().enumerate() {
            kept.keep(datagram, from(40000 + n as u16));
        }
        let say = Narrator::new(Role::Client, 1, Colours::default());
        capture(|| kept.show(&say, 4, from(SERVER))).stdout()
    }

    #[test]
    fn no_stray_shows_nothing() {
        // Fails if a client that got only its reply speaks of strays.
        assert_eq!(shown(100, &[]), "");
    }

    #[test]
    fn each_stray_is_a_recvfrom_step_said_to_be_ignored_and_why() {
        // Fails if a datagram from another program is not shown as what it
        // is (not the reply), or the client does not say why it waits on.
        let out = shown(100, &[b"spam"]);
        assert_eq!(
            out,
            "[client] 4 recvfrom     not the reply: a datagram from 127.0.0.1:40000, not from 127.0.0.1:7852; ignored\n\
             [client]                4 bytes from 127.0.0.1:40000\n\
             [client]                bytes: b'spam'\n\
             [client]                text:  spam\n\
             [client]                any program can send to our port: only a datagram from 127.0.0.1:7852, where we sent ours, is the reply; waiting on for it\n"
        );
    }

    #[test]
    fn five_strays_are_shown_and_the_rest_counted() {
        // Fails if a flood of strays floods the terminal, or one is lost from the count.
        let out = shown(100, &[b"a".as_slice(); 8]);
        assert_eq!(out.matches(" 4 recvfrom ").count(), 5, "{out}");
        assert!(
            out.contains("also 3 datagrams from addresses other than 127.0.0.1:7852: ignored, not shown"),
            "{out}"
        );
        let five = shown(100, &[b"a".as_slice(); 5]);
        assert_eq!(five.matches(" 4 recvfrom ").count(), 5, "{five}");
        assert!(!five.contains("also"), "{five}");
        let four = shown(100, &[b"a".as_slice(); 4]);
        assert_eq!(four.matches(" 4 recvfrom ").count(), 4, "{four}");
    }

    #[test]
    fn a_stray_longer_than_the_buffer_is_cut_as_a_reply_would_be() {
        // Fails if a stray shows more than the client's buffer could hold, or
        // a stray that fits is said to be cut.
        let out = shown(4, &[b"spam and more"]);
        assert!(out.contains(" 4 bytes from 127.0.0.1:40000\n"), "{out}");
        assert!(out.contains("bytes: b'spam'\n"), "{out}");
        assert!(out.contains("the datagram was longer than the 4-byte buffer"), "{out}");
        let fits = shown(4, &[b"spam"]);
        assert!(!fits.contains("longer than"), "{fits}");
        let shorter = shown(4, &[b"spa"]);
        assert!(!shorter.contains("longer than"), "{shorter}");
    }
}
