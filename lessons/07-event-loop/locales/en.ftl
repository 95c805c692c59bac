# Lesson 7, an event loop (lessons/07-event-loop/{server,client}/src/main.rs and story.rs), in English.
# The article's log lines (`[*] Listening on ...`, `[*] Accept connection from: ...`,
# `[*] Received from ...`) are written in the code, the same in every language.

## The server.

l7-socket = TCP socket (SOCK_STREAM)
l7-reuse-address = SO_REUSEADDR: a restart need not wait for TIME_WAIT to end
l7-bind = claimed { $bound }; no connections until listen
l7-backlog = (backlog { $backlog })
l7-nonblocking = the listener is non-blocking: accept returns at once, a connection or WouldBlock
l7-register-listener = the kernel watches the listener for readable (a connection to accept); one thread, at most { $clients } held at once (--max-clients)
l7-readable = readable
l7-writable = writable
l7-closed = closed by the peer
l7-ready-listener = the listener ({ $what })
l7-ready-client = #{ $number } { $what }
l7-ready-gone = a client already closed ({ $what })
l7-ready = { $sockets } ready: { $named }
l7-ready-more = { $sockets } ready: { $named }; and { $more } more
l7-accept-would-block = WouldBlock: no connection is queued now. A blocking accept would wait here; this one returns, and the loop goes back to poll (said once)
l7-recv-would-block = WouldBlock: this client has sent nothing more for now. A blocking recv would wait here, and every other client with it; this one returns, and the loop goes on (said once)
l7-fair-share = { $reads } reads in one turn and still no WouldBlock: this client may have more, but the others get their turn first; the loop comes back to it without waiting in poll (said once)
l7-turned-away = { $peer } turned away: { $held } clients already held (--max-clients)
l7-send-buffer = SO_SNDBUF: the kernel holds at most { $bytes } bytes for this client (--send-buffer)
l7-register-client = the kernel watches this client for readable (token { $token }); { $clients } held now, all by this one thread
l7-read = read (buffer { $buffer } bytes)
l7-client-exit = exit: the client is leaving
l7-partial-send = partial send: the kernel took { $taken }, { $left } wait in this client's buffer
l7-partial-send-why = the kernel's send buffer for this client is full: the client is not reading what we send. A blocking send would wait here, with every client; a non-blocking one must keep the rest and send it when the socket is writable again
l7-watch-writable-first = bytes wait: watch this client for writable, and read nothing more from it until they are sent (so a client that never reads cannot make us hold more than one reply)
l7-watch-writable = bytes wait: watch for writable, read nothing more until they are sent
l7-watch-readable = all sent: watch for readable again
l7-deregister = the kernel stops watching this client; { $clients } held now
l7-close = closing this connection (FIN)
l7-close-rst = closing this connection with { $bytes } unread: RST, not FIN
l7-close-reset = the client reset this connection (RST): close sends nothing
l7-close-nothing-more = closing this connection: our FIN went out already, close sends nothing
l7-stopping = stopping: { $summary }
l7-threads = threads in this process: { $threads }. One thread, this loop, served every client; { $threads ->
        [1] there is no other
       *[other] the others only wait for Ctrl-C
    }
l7-threads-unknown = one thread, this loop, served every client (this system does not say how many threads the process has)

## The client.

l7-opening = { $connections }, all in this one thread
l7-client-socket = TCP socket (SOCK_STREAM), not bound: connect picks our port
l7-client-nonblocking = non-blocking: connect, recv and send return at once
l7-connecting = handshake with { $server } started (EINPROGRESS): poll says when it is done
l7-client-register = the kernel watches this connection for writable (connected) and readable (token { $token })
l7-client-ready = { $ready } ready, of { $open } still open
l7-connected = the handshake is done: connected to { $server } from { $local }
l7-client-threads = threads in this process: { $threads }: one loop held every connection
l7-client-threads-unknown = one loop held every connection (this system does not say how many threads the process has)
