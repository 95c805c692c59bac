# Lesson 4, TCP loop (lessons/04-tcp-loop/{server,client}/src/main.rs), in English.
# The ready line's `listening on ADDR` is written in the code, the same in every
# language: scripts, the tests and the tour wait for it.

## The server.

l4-socket = TCP socket (SOCK_STREAM)
l4-reuse-address = SO_REUSEADDR: a restart need not wait for TIME_WAIT to end
l4-bind = claimed { $bound }; no connections until listen
l4-backlog = (backlog { $backlog })
l4-prompt-reply = reply (服务器):{" "}
l4-chat = chat: each reply is a line typed here (article 003)
l4-accept = client #{ $number } connected from { $peer } (a new socket for it)
l4-close-client = closing client #{ $number }'s connection (FIN)
l4-close-client-rst = closing client #{ $number }'s connection with { $bytes } unread: RST, not FIN
l4-close-client-reset = client #{ $number } reset the connection (RST): close sends nothing
l4-close-client-nothing-more = closing client #{ $number }'s connection: our FIN went out already, close sends nothing
l4-close-then = { $close }; { $then }
l4-then-accept = back to accept
l4-then-stop = that was the last client
l4-operator-left = end of the typed replies: nobody is left to answer, so the server stops
l4-stopping = stopping: { $summary }
l4-read = read #{ $number } (buffer { $buffer } bytes)
l4-client-exit = exit: the client is leaving (it sends nothing more)

## The client.

l4-server-closed = the server closed the connection
l4-server-closed-hint = the server ended the conversation; start a new one
l4-try-each = trying each until one answers, as Python's create_connection does
l4-client-socket = TCP socket (SOCK_STREAM), not bound: connect picks our port
l4-connected = connected to { $server } from { $local }
l4-prompt-message = message (exit to leave):{" "}
l4-greeting = the greeting
l4-closed-before-greeting = the server closed the connection before greeting us
l4-closed-before-greeting-hint = is it a lesson 4 server?
l4-empty-message = empty message not sent: 0 bytes put nothing on the wire for the server to answer
l4-sent-exit = sent exit: the server ends the conversation, so no reply is coming
l4-shutdown = end of input, without exit: our FIN, so the server's recv returns 0 bytes; we still read, so every reply on its way reaches us (lesson 6's half-close, early)
l4-read-left = read #{ $reads }: still on its way after our last read
l4-read-end = until the server closes: a read of 0 bytes is its FIN
l4-no-close = the server did not close the connection within { $secs } of our last message
l4-no-close-hint = a lesson 4 server closes after exit or after our FIN; article 000's server.py never does: it takes each read of 0 bytes for a message and answers it, again and again. Send exit last to end a conversation with it
l4-close-fin = closing the connection (FIN): the server closed its side first
l4-close-nothing-more = closing: both FINs have crossed (ours at shutdown, then the server's), so close sends nothing and lets the socket go
l4-close-after-reset = the server reset the connection (RST): close sends nothing
l4-close-rst = closing with { $bytes } unread sends RST, not FIN
l4-read-reply = read #{ $reads }, after message #{ $sent }
l4-done = { $replies } received in { $reads }: done

no-greeting-yet = no greeting after { $waited }: we are connected, but the server has not accepted us yet
no-greeting-queue = a lesson 4 server serves one client at a time: we wait in its listen queue
no-greeting-wait = until the client before us leaves; waiting on (Ctrl-C to give up)
replies-none = no reply begins in this read: it is the rest of an earlier one (TCP keeps no boundaries)
replies-merged = this read holds { $n } replies: the server's writes merged in the byte stream (粘包, "sticky packets")

explain-no-data-lesson4-hint =
    a lesson 4 server serves one client at a time: a second client is connected (the listen queue took it)
    but hears nothing until the client before it leaves; wait longer with --timeout
