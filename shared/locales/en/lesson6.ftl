# Lesson 6, the half-close (lessons/06-half-close/{server,client}/src/main.rs), in English.
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
