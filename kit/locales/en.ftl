# What the lesson programs share that is not printing (kit/src), in English: the options' errors, the tally, the accept backoff, typed lines, addresses.

shared-stopped-by-signal = stopped by a signal (Ctrl-C, SIGTERM or SIGHUP): { $summary }
shared-stopped-while = stopped by a signal (Ctrl-C, SIGTERM or SIGHUP) while { $waiting }
shared-no-signal-handler = warning: cannot handle Ctrl-C ({ $err }); the server will stop without a summary
shared-tally-separator = ,{" "}
shared-tally-clients = clients: { $n }
shared-tally-datagrams = datagrams: { $n }
shared-tally-idle-closed = idle closed: { $n }
shared-tally-messages-answered = messages answered: { $n }
shared-tally-no-thread = no thread: { $n }
shared-tally-resets = resets: { $n }
shared-tally-past-cap = more than { $n } (counted up to { $n })
shared-tally-senders = senders: { $n }
shared-tally-turned-away = turned away: { $n }
shared-accept-backoff = waiting before each next accept (10 ms, doubling up to 1 s) until it works again
shared-accept-works-again = accept works again, after { $failures } failed in a row
shared-line-too-long = a line of standard input is longer than { $max } bytes
shared-line-too-long-hint = the lessons send one line as one message: split it, or send it with --message
shared-stdin-unreadable = cannot read standard input: { $err }
shared-stdin-unreadable-hint = pipe text lines in, or use --message
shared-name-has-no-address = the name has no address
shared-bind-ipv4 = binding { $addr }, as Python's bind does on the articles' AF_INET socket
shared-bind-ipv4-not-ipv6 = binding { $addr }, the IPv4 one, as Python's bind does on the articles' AF_INET socket (socket.socket() looks the name up for IPv4 only): the default clients and the Python ones, all IPv4, reach it; { $skipped } stays unbound
shared-bind-ipv6-only = binding { $addr }: the name has no IPv4 address, so only IPv6 clients reach it (Python's AF_INET socket could not bind this name at all)
shared-udp-silent-next = no reply from { $addr } within { $share }, its share of --timeout: trying the next address
shared-udp-failed-next = trying the next address
shared-server-closed-saying = the server closed the connection, saying: { $said }
shared-server-closed-saying-hint =
    that server limits how long a client may stay silent (--idle-timeout) or talk (--conversation-limit):
    send sooner, or start it without those options
shared-not-whole-bytes = '{ $text }' is not a whole number of bytes
shared-zero-buffer = a 0-byte buffer can hold nothing: recv would return 0 at once, which reads as "the peer closed"
shared-buffer-too-big = at most { $max } bytes (the largest UDP datagram is 65507)
shared-not-seconds = '{ $text }' is not a number of seconds
shared-timeout-zero = must be more than 0: a read timeout of 0 is not allowed (std rejects it; to the system it means wait forever)
shared-seconds-too-long = { $secs } seconds is too long
shared-seconds-round-to-zero = { $text } seconds rounds to 0 (the smallest step is a nanosecond), and a timeout of 0 is not allowed
shared-not-port = '{ $text }' is not a port: a port is a whole number from 0 to 65535 (0 lets the system pick a free one)
shared-not-whole-clients = '{ $text }' is not a whole number of clients
shared-clients-out-of-range = { $n } is not in 1..=10000
shared-clients-over-file-limit = this process may have { $limit } files open (ulimit -n), and each client's socket is one: pass at most { $room }, or raise the limit first
shared-datagram-too-long = { $n } bytes do not fit in one UDP datagram, which carries at most { $max } bytes of data over IPv4
shared-empty-message = an empty message puts nothing on the wire: the server's recv would wait for bytes that never come
stray = not the reply: a datagram from { $from }, not from { $server }; ignored
strays-more = also { $more } from addresses other than { $server }: ignored, not shown
stray-why = any program can send to our port: only a datagram from { $server }, where we sent ours, is the reply; waiting on for it
