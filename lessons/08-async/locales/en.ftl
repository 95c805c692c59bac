# Lesson 8, async/await (lessons/08-async/{server,client}/src/main.rs and story.rs), in English.
# The article's log lines (`[*] Listening on ...`, `[*] Accept connection from: ...`,
# `[*] Received from ...`) are written in the code, the same in every language.

## The server.

l8-socket = TCP socket (SOCK_STREAM), non-blocking: tokio makes every socket so, to watch it with its poll
l8-reuse-address = SO_REUSEADDR: a restart need not wait for TIME_WAIT to end
l8-bind = claimed { $bound }; no connections until listen
l8-backlog = (backlog { $backlog }; the runtime's poll watches the listener)
l8-at-most = at most { $clients } served at once (--max-clients), a task each, all on this one thread
l8-accept-waited = no connection was queued: accept's WouldBlock parked this task, the runtime polled, and woke it when the listener became readable (lesson 7's poll, done by the runtime; said once)
l8-turned-away = { $peer } turned away: { $busy } clients already being served (--max-clients)
l8-new-task = client #{ $number }: a new task serves it; { $clients } being served now, by this one thread
l8-served-now = { $clients } being served now
l8-send-buffer = SO_SNDBUF: the kernel holds at most { $bytes } bytes for this client (--send-buffer)
l8-read = read (buffer { $buffer } bytes)
l8-read-waited = read (buffer { $buffer } bytes) after awaiting
l8-read-waited-first = read (buffer { $buffer } bytes) after awaiting: nothing had come, so the task gave the thread back to the runtime, which served other tasks until this socket was readable
l8-client-exit = exit: the client is leaving
l8-send-waits = the send waits: the kernel took what fits, write_all keeps the rest and the task awaits writable; the other tasks go on
l8-send-waits-why = the kernel's send buffer for this client is full: the client is not reading. A blocking send would hold the thread, and every client with it; the awaiting task holds only itself, for at most --write-timeout
l8-close = closing this connection (FIN); this task ends
l8-close-rst = closing this connection with { $bytes } unread: RST, not FIN; this task ends
l8-close-reset = the client reset this connection (RST): close sends nothing; this task ends
l8-close-nothing-more = closing this connection: our FIN went out already, close sends nothing; this task ends
l8-stopping = stopping: { $summary }
l8-threads = threads in this process: { $threads }. One thread, the runtime's, ran every task; { $threads ->
        [1] there is no other
       *[other] the others only wait for Ctrl-C
    }
l8-threads-unknown = one thread, the runtime's, ran every task (this system does not say how many threads the process has)

## The client.

l8-opening = { $connections ->
        [1] 1 connection, in a task of its own, on this one thread
       *[other] { $connections } connections, a task each, all on this one thread
    }
l8-client-socket = TCP socket (SOCK_STREAM), non-blocking, not bound: connect picks our port
l8-connected = connected to { $server } from { $local } (the task awaited the handshake)
l8-client-threads = threads in this process: { $threads }: one runtime thread ran every connection's task
l8-client-threads-unknown = one runtime thread ran every connection's task (this system does not say how many threads the process has)
