# Lesson 5, a thread per client (lessons/05-threaded-tcp/{server,client}/src/main.rs and story.rs), in English.
# The article's log lines (`[*] Listening on ...`, `[*] Accept connection from: ...`,
# `[*] Received from ...`) are written in the code, the same in every language.

## The server.

l5-socket = TCP socket (SOCK_STREAM)
l5-reuse-address = SO_REUSEADDR: a restart need not wait for TIME_WAIT to end
l5-bind = claimed { $bound }; no connections until listen
l5-backlog = (backlog { $backlog })
l5-at-most = at most { $clients } served at once (--max-clients)
l5-turned-away = { $peer } turned away: { $busy } clients already being served (--max-clients)
l5-new-thread = client #{ $number }: a new thread serves it; { $clients } being served now
l5-served-now = { $clients } being served now
l5-no-thread = could not start a thread for { $peer }: { $err }; told it so (a busy: line) and closed the connection
l5-stopping = stopping: { $summary }
l5-read = read (buffer { $buffer } bytes)
l5-client-exit = exit: the client is leaving
l5-close = closing this connection (FIN); this thread ends
l5-close-rst = closing this connection with { $bytes } unread: RST, not FIN; this thread ends
l5-close-reset = the client reset this connection (RST): close sends nothing; this thread ends
l5-close-nothing-more = closing this connection: our FIN went out already, close sends nothing; this thread ends

## The client.

l5-try-each = trying each until one answers, as Python's create_connection does
l5-prompt-message = message (exit to leave):{" "}
l5-done = { $replies } received: done
l5-opening = opening { $connections } at once, each in its own thread
l5-failed = { $failed } of { $total } connections failed
l5-failed-hint = see each connection's error above
l5-no-thread-here = could not start a thread for this connection: { $err }; not opened
l5-unopened = { $unopened } of { $total } connections were never opened: the system would start no thread for them{ $failed ->
        [0] {""}
       *[other] , and { $failed } more failed
    }
l5-unopened-hint = the system limits the threads of a process (ulimit -u, a cgroup's pids.max) and its memory (ulimit -v): ask for fewer --connections, or raise the limit
l5-client-socket = TCP socket (SOCK_STREAM), not bound: connect picks our port
l5-connected = connected to { $server } from { $local }
l5-greeting = the greeting, after { $ms } ms
l5-closed-before-greeting = the server closed the connection before greeting us
l5-closed-before-greeting-hint = is it a lesson 4 or 5 server?
l5-busy = the server is busy: it already serves as many clients as it takes
l5-busy-hint = try again later, or start the server with a higher --max-clients
l5-server-no-thread = the server could not start a thread for this connection, and closed it
l5-server-no-thread-hint = the server has reached the system's limit on threads or memory: try again once some of its clients have left
l5-empty-message = empty message not sent: 0 bytes put nothing on the wire for the server to answer
l5-sent-exit = sent exit: the server ends the conversation, so no reply is coming
l5-reply = reply #{ $number }
l5-server-closed = the server closed the connection
l5-server-closed-hint = the server ended the conversation
l5-client-close = closing the connection (FIN)
l5-client-close-rst = closing with { $bytes } unread sends RST, not FIN
l5-client-close-reset = the server reset the connection (RST): close sends nothing
l5-client-close-nothing-more = closing: our FIN went out already, close sends nothing

greeted-after = connection #{ $number }: greeted after { $ms } ms, { $replies }
connection-failed = connection #{ $number }: failed (see above)
connection-not-opened = connection #{ $number }: not opened
conversations-took = { $conversations } in { $seconds } s (each side numbers the connections it sees: match them by port)
greeting-waited = some connections waited to be greeted: this server serves one client at a time
greeting-waited-side-by-side = some connections waited up to { $ms } ms to be greeted, yet their conversations overlapped: this server serves clients side by side, and so many connections at once took it a while to get to
greeted-at-once-all = every connection was greeted at once: this server serves them side by side
greeted-at-once-some = { $greeted } of { $total } connections were greeted at once: this server serves them side by side
greeted-try-think = (with short conversations a one-at-a-time server looks the same: try --think 0.5)
