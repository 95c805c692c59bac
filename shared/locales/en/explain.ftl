# Every failure as a cause and a hint (shared/src/explain.rs), in English.

# How long the program waited: "no reply from ADDR within 3 s".
explain-within = within { $secs } s
explain-in-time = in time
# How a cause that names the failed call begins ("accept on 127.0.0.1:8888 failed: ..."),
# so that a report does not name the call twice.
explain-call-on = { $call } on{" "}
explain-resolve = cannot turn { $addr } into an address: { $err }
explain-resolve-hint = use an IP address such as 127.0.0.1 or ::1, or a name this machine knows, such as localhost
explain-in-use = { $addr } is already in use
explain-in-use-hint =
    another program holds this port: maybe another lesson's server or an earlier run of this one.
    Stop it (Ctrl-C in its terminal), or pick another port: --port { $suggest } (--port 0 lets the system choose).
    `ss -tuan | grep :{ $port }` shows what holds it; TCP connections in TIME_WAIT, left by a server
    that did not set SO_REUSEADDR (such as the articles' Python servers), hold it for about a minute
explain-low-port = permission denied for { $addr }
explain-low-port-hint = ports below 1024 are reserved for the administrator on most systems: use a port above 1024
explain-broadcast = the system refused to send to { $addr }
explain-broadcast-hint =
    a broadcast address (such as 255.255.255.255) needs the SO_BROADCAST option, which the lessons do not set:
    send to one machine instead, such as 127.0.0.1
explain-denied = permission denied for { $call } on { $addr }
explain-denied-hint = the system or its firewall refused this call for this address: try 127.0.0.1 and a port above 1024
explain-not-ours = { $addr } is not an address of this machine
explain-not-ours-hint = bind to an address this machine has: 127.0.0.1 (reachable from this machine only) or ::1 for IPv6
explain-not-a-destination = { $addr } cannot be reached as a destination
explain-not-a-destination-hint =
    0.0.0.0 and :: mean "every address" to a server, but a client must name one machine:
    --host 127.0.0.1 for a server on this machine
explain-too-long = { $call } to { $addr } is too long for one datagram
explain-too-long-hint = one UDP datagram carries at most 65,507 bytes of data over IPv4: send less, or use TCP (lesson 3)
explain-no-files = { $call } on { $addr } failed: no file descriptor left for a new socket
explain-no-files-hint =
    every socket is a file to the system, and this program (or the whole system) has as many open as it may:
    `ulimit -n` shows the limit; close other programs' connections, or raise it
explain-interrupted = { $call } on { $addr } was interrupted by a signal
explain-interrupted-hint = a signal (Ctrl-Z and fg, a resize, a timer) broke into the call before it finished: run the program again
explain-port-unreachable = { $addr } answered 'port unreachable': nothing is bound there
# A connected UDP socket's recv (or send) failed with ECONNREFUSED: the ICMP reached it.
explain-port-unreachable-connected-hint =
    the system at that address answered our datagram with an ICMP "port unreachable" (no socket is bound to that port),
    and a connected UDP socket is told so on its next call, as "connection refused"; one that has not called connect never is.
    Start the server first: { $server } (and check that --host and --port match)
explain-refused = connection refused by { $addr }: nothing is listening there
explain-start-server-hint = start the server first: { $server } (and check that --host and --port match)
explain-no-reply = no reply from { $addr } { $wait }
explain-no-reply-hint =
    if nothing is bound to that port, the system there usually answers the datagram with an ICMP "port unreachable"
    (Linux does, as most systems do; a firewall may drop it), but a UDP socket that has not called connect is never told:
    recvfrom just waits. Or a server got the datagram and did not answer, or a datagram was lost.
    Start the server first: { $server }, or wait longer with --timeout
# The same, for a connected UDP socket (lesson 2's --connect), which would have heard the ICMP.
explain-no-reply-connected-hint =
    this socket is connected, so an ICMP "port unreachable" from that address would have ended recv with "connection refused":
    none came. Something may be bound there and not answering, a firewall may have dropped a packet, or a datagram was lost.
    Start the server first: { $server }, or wait longer with --timeout
explain-no-handshake = no answer from { $addr } { $wait }: the handshake did not complete
explain-no-handshake-hint =
    a server whose listen queue is full leaves new handshakes unanswered until it accepts
    (lesson 4 serves one client at a time with listen(5)): wait longer with --timeout, or try again later;
    a machine that drops the SYN never answers at all: check --host
explain-not-reading = { $addr } did not take all we sent { $wait }: it is not reading, or reads too slowly
explain-not-reading-hint =
    a peer that does not read fills its receive buffer, then our send buffer, and send waits;
    the program gives up after its limit (a client's --timeout, a server's --write-timeout)
explain-no-data = no data from { $addr } { $wait }
explain-no-data-hint = the connection is open but the peer sent nothing: it may be waiting for us, or stuck; wait longer with --timeout
explain-reset = connection reset by { $addr }
explain-reset-hint = the peer aborted the connection (it was killed, crashed, or closed with data unread): TCP sent RST, not FIN
explain-aborted = connection to { $addr } aborted by this machine's network stack
explain-aborted-hint = the connection failed before it was used; try again
explain-broken-pipe = { $addr } has closed the connection: there is nobody left to send to
explain-broken-pipe-hint = a peer that has closed its socket cannot receive; read its reply (or its 0-byte read) before sending again
explain-failed = { $call } on { $addr } failed: { $err }
explain-failed-udp-hint = check --host and --port; UDP sends to whatever address it is given
explain-failed-hint = check --host and --port, and that the other program is running
# The system's words for a read timeout that ran out; "; Python: TimeoutError" follows.
explain-timeout-ran-out = { $err }: the read timeout ran out
