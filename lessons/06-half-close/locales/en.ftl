# Lesson 6, the half-close (lessons/06-half-close/{server,client}/src/main.rs and story.rs,
# and tcp_states.rs), in English.
# The ready line's `listening on ADDR` and the reply `received N bytes in K reads`
# are written in the code, the same in every language.

## The server.

l6-socket = TCP socket (SOCK_STREAM)
l6-reuse-address = SO_REUSEADDR: a restart need not wait for TIME_WAIT to end
l6-bind = claimed { $bound }; no connections until listen
l6-backlog = (backlog { $backlog })
l6-accept = client #{ $number } connected from { $peer }
l6-all-before-accept = the client sent everything and its FIN before we accepted: the kernel kept it all for us
l6-close-clean = our FIN goes out: both directions are now closed
l6-close-after-reset = the client reset the connection (RST), so close sends nothing
l6-close-rst = closing with { $bytes } unread sends RST, not FIN
l6-close-nothing-more = closing: our FIN went out already, close sends nothing
l6-after-close-table = in the kernel's table, just after close
l6-stopping = stopping: { $summary }
l6-reset = failed: the client reset the connection (RST, not FIN)
l6-client-fin = 0 bytes: the client's FIN arrived
l6-read = read #{ $number }
l6-reply-after = waiting { $seconds } before replying (--reply-after)
l6-until-close = still, until we close

## The client.

l6-try-each = trying each until one answers, as Python's create_connection does
l6-client-socket = TCP socket (SOCK_STREAM), not bound: connect picks our port
l6-connected = connected to { $server } from { $local }
l6-prompt-message = message (Ctrl-D to finish):{" "}
l6-sent-all = { $bytes } sent in all
l6-close-half = closing the socket: both directions are done
l6-after-close = in the kernel's table, after close
l6-close-full = closing both directions at once: FIN sent, no reply will be read
l6-full-reply-rst = a reply the server sends now reaches a socket that is gone: our kernel answers it with RST
l6-linger = SO_LINGER 0: close will send RST, not FIN
l6-abort = aborting: RST sent, not FIN
l6-abort-effect = the server's recv fails with 'connection reset'; nothing of this connection is left
l6-after-abort = in the kernel's table, just after the abort
l6-shutdown = shutdown(Write): FIN sent; done sending, still listening
l6-server-fin = 0 bytes: the server's FIN arrived; the reply is complete
l6-reply-part = { $bytes } of the reply
l6-reply-too-long = the reply passed { $max } bytes and the server has not closed: stopped reading
l6-reply-too-long-hint = a lesson 6 server replies with one short line; this server sends without end
l6-reply-too-slow = the whole reply did not come within { $secs } of our shutdown ({ $bytes } so far, and the server has not closed)
l6-reply-too-slow-hint = a lesson 6 server replies with one short line right after our FIN (or after its --reply-after); this one sends slowly or never closes: pass a longer --timeout to wait for it
l6-whole-reply = the whole reply: { $reply }

## The TCP-state line both programs print (tcp_states.rs, which each story.rs includes),
## and what each state means, shown after its name.

tcp-state = TCP state: { $name }{ $when }: { $meaning }
tcp-state-unavailable = TCP state: not available on this system (the lessons read it on Linux)
tcp-state-none = TCP state: none{ $when }: the kernel keeps nothing of this connection any more
when-paren = {" "}({ $when })
tcp-established = the connection is open both ways
tcp-syn-sent = our SYN is out; waiting for SYN-ACK
tcp-syn-recv = the peer's SYN arrived and we answered; waiting for its ACK
tcp-fin-wait1 = our FIN is sent, not yet acknowledged
tcp-fin-wait2 = our FIN is acknowledged: we send no more, but can still receive
tcp-time-wait = we closed first: the kernel keeps the connection about 60 s so late segments die out
tcp-closed = the connection is over for this socket (it was reset, or the kernel keeps what is left in its own table)
tcp-close-wait = the peer's FIN arrived: it sends no more; we can still send, and must close
tcp-last-ack = we closed after the peer: waiting for the ACK of our FIN
tcp-listen = waiting for connections
tcp-closing = both sides sent FIN at the same time

## The server's story (server/src/story.rs).

fin-says = a FIN says "nothing more from me": the client sends no more
fin-cannot-tell = whether it still reads (a half-close) or closed fully, a FIN cannot tell: our reply will show
reply-met-reset = the reply met a reset: the client had closed fully, so its kernel answered
reply-met-reset-why = our data with RST (the socket now reports: { $err }): not a half-close
reply-no-reset = no reset so far: the client still reads (a half-close), or its RST is still on the way
peer-aborted = an abort, not a close: no FIN, nothing more to read, nobody to reply to
peer-aborted-data = { $bytes } of data arrived before the reset

## The client's story (client/src/story.rs).

when-after-shutdown = right after shutdown
when-ms-after-shutdown = { $ms } ms after shutdown
when-socket-closed = in the kernel's table: the socket itself shows CLOSED
