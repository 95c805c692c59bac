# Lesson 3, TCP once (lessons/03-tcp-once), in English.

# The server.
l3-server-socket = TCP socket (SOCK_STREAM)
l3-server-setsockopt = SO_REUSEADDR: a restart need not wait for TIME_WAIT to end
l3-server-bind = claimed { $addr }; no connections until listen
l3-server-listen = listening on { $addr } (backlog { $backlog })
l3-server-accept = connection from { $peer }: a new socket for this client
l3-server-accept-why = (the listening socket only takes connections; data goes over the new one)
l3-server-recv = read once (buffer { $buffer } bytes)
l3-server-close = closing the connection and the listening socket: done
l3-server-waiting-accept = waiting in accept for a client: none connected
l3-server-waiting-recv = waiting in recv for the message of { $peer }: it connected and has sent nothing
l3-server-close-idle = closing the connection and the listening socket: no message, no reply
l3-server-idle = { $peer } connected but sent nothing within { $seconds } (--idle-timeout)
l3-server-idle-hint = this server reads once and then ends; without --idle-timeout that read waits as long as it takes, as the article's server does

# The client.
l3-client-name = trying each until one answers, as Python's create_connection does
l3-client-encode-hint = pick another --encoding or another --message
l3-client-socket = TCP socket (SOCK_STREAM), not bound: connect picks our port
l3-client-connect = connected to { $server } from { $local } (our port, chosen by the system)
l3-client-recv = read once (buffer { $buffer } bytes)
l3-client-close = closing the connection (FIN): done
l3-client-close-reset = the server reset the connection (its RST came first: it closed with bytes of ours unread), so close sends nothing: done
l3-client-close-unread = closing with { $bytes } of the reply unread sends RST, not FIN: done
l3-client-close-or-nothing = closing: our FIN goes out, unless the server's RST gets here first (its reply holds only part of our message: it closes with the rest unread, which is an RST); then close sends nothing: done
l3-client-close-unread-or-nothing = closing with { $bytes } of the reply unread sends RST, not FIN, unless the server's RST gets here first (its reply holds only part of our message); then close sends nothing: done
l3-server-reset = the client reset the connection (its RST came first), so our close sends nothing

unread-none = nothing left unread: closing sends FIN, the polite goodbye
unread-some = { $bytes } still waiting, unread: the one recv took only --buffer bytes
unread-some-more = { $bytes } or more still waiting, unread: the one recv took only --buffer bytes
unread-rst = closing with unread bytes sends RST, not FIN (or nothing, if the client's own RST came first):
unread-rst-effect = the client's next recv may fail with 'connection reset' (Python: ConnectionResetError), and data in flight to it is lost
