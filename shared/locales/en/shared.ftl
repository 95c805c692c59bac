# The shared crate's other modules (shared/src/*.rs but narrator.rs and explain.rs), in English.

# tcp_state.rs: what each TCP state means, shown after its name.
shared-tcp-established = the connection is open both ways
shared-tcp-syn-sent = our SYN is out; waiting for SYN-ACK
shared-tcp-syn-recv = the peer's SYN arrived and we answered; waiting for its ACK
shared-tcp-fin-wait1 = our FIN is sent, not yet acknowledged
shared-tcp-fin-wait2 = our FIN is acknowledged: we send no more, but can still receive
shared-tcp-time-wait = we closed first: the kernel keeps the connection about 60 s so late segments die out
shared-tcp-closed = the connection is over for this socket (it was reset, or the kernel keeps what is left in its own table)
shared-tcp-close-wait = the peer's FIN arrived: it sends no more; we can still send, and must close
shared-tcp-last-ack = we closed after the peer: waiting for the ACK of our FIN
shared-tcp-listen = waiting for connections
shared-tcp-closing = both sides sent FIN at the same time

# bytes.rs: bytes that do not decode.
shared-not-utf8 = not valid UTF-8 from byte { $at } on (Python's decode() would raise UnicodeDecodeError)
shared-utf8-cut = ends inside a UTF-8 character at byte { $at }: the rest of it was not in these bytes
shared-not-gbk = not valid GBK: bytes that did not decode are shown as � (Python's decode("gbk") would raise UnicodeDecodeError)
shared-gbk-no-code = GBK has no code for '{ $char }': send it as utf-8 instead

# narrator.rs: a name and the addresses it stands for.
shared-name-stands-for = { $host } stands for { $list }

