# How every lesson program speaks (shared/src/narrator.rs), in English.

label-error = error:
label-hint = hint:
label-system = system:
exposed-warning = warning: { $ip } means every interface: other machines on your network can reach this server
exposed-fix = (pass --host 127.0.0.1 to keep it on this machine)
serving-n = serving { $what }, then stopping (--serve)
serving-forever = serving until stopped (Ctrl-C)
unread-none = nothing left unread: closing sends FIN, the polite goodbye
unread-some = { $bytes } still waiting, unread: the one recv took only --buffer bytes
unread-some-more = { $bytes } or more still waiting, unread: the one recv took only --buffer bytes
unread-rst = closing with unread bytes sends RST, not FIN (or nothing, if the client's own RST came first):
unread-rst-effect = the client's next recv may fail with 'connection reset' (Python: ConnectionResetError), and data in flight to it is lost
greeted-after = connection #{ $number }: greeted after { $ms } ms, { $replies }
connection-failed = connection #{ $number }: failed (see above)
conversations-took = { $conversations } in { $seconds } s (each side numbers the connections it sees: match them by port)
greeting-waited = some connections waited to be greeted: this server serves one client at a time
greeted-at-once-all = every connection was greeted at once: this server serves them side by side
greeted-at-once-some = { $greeted } of { $total } connections were greeted at once: this server serves them side by side
greeted-try-think = (with short conversations a one-at-a-time server looks the same: try --think 0.5)
told-client-closing = told the client { $notice }, and closing
data-shown-part = (only the first { $shown } of { $total } bytes shown)
decoded-as = (decoded as { $encoding })
sent-to = { $bytes } to { $to }: { $literal }
bytes-from = { $bytes } from { $from }
end-of-typing = end of input (Ctrl-D): no more messages
no-greeting-yet = no greeting after { $waited }: we are connected, but the server has not accepted us yet
no-greeting-queue = a lesson 4 server serves one client at a time: we wait in its listen queue
no-greeting-wait = until the client before us leaves; waiting on (Ctrl-C to give up)
log-limit = (log limit: this conversation has written { $kib } KiB of log; its next lines are counted, not shown)
log-held-back = ({ $lines } about the last client were not shown: the log limit)
log-held-back-here = ({ $lines } of this conversation were not shown above: the log limit)
datagram-cut = the datagram was longer than the { $buffer }-byte buffer: only its first { $buffer } bytes count, the rest is lost
datagram-cut-why = UDP keeps no rest for a next recvfrom: pass a bigger --buffer to see it all
buffer-full = this read filled the whole { $buffer }-byte buffer: the message may go on in the next read
buffer-full-why = TCP is a byte stream and keeps no message boundaries (粘包, "sticky packets")
replies-none = no reply begins in this read: it is the rest of an earlier one (TCP keeps no boundaries)
replies-merged = this read holds { $n } replies: the server's writes merged in the byte stream (粘包, "sticky packets")
peer-closed-server = 0 bytes: the server closed its side of the connection (its FIN arrived)
peer-closed-client = 0 bytes: the client closed its side of the connection (its FIN arrived)
peer-closed-every-recv = from now on every recv returns 0 at once: that is how a program tells a peer has gone
stdout-lost = could not write to standard output: { $err }
stdout-lost-hint = what this program printed is lost: is the disk full, or did the reading program end?
call-failed = { $call } failed: { $cause }
system-said = (system: { $system })

# Counted nouns: "1 reply", "3 replies".
noun-byte = { $n ->
    [one] 1 byte
   *[other] { $n } bytes
}
noun-client = { $n ->
    [one] 1 client
   *[other] { $n } clients
}
noun-connection = { $n ->
    [one] 1 connection
   *[other] { $n } connections
}
noun-conversation = { $n ->
    [one] 1 conversation
   *[other] { $n } conversations
}
noun-datagram = { $n ->
    [one] 1 datagram
   *[other] { $n } datagrams
}
noun-line = { $n ->
    [one] 1 line
   *[other] { $n } lines
}
noun-message = { $n ->
    [one] 1 message
   *[other] { $n } messages
}
noun-read = { $n ->
    [one] 1 read
   *[other] { $n } reads
}
noun-reply = { $n ->
    [one] 1 reply
   *[other] { $n } replies
}
noun-sender = { $n ->
    [one] 1 sender
   *[other] { $n } senders
}
seconds-shown = { $seconds } s
stray = not the reply: a datagram from { $from }, not from { $server }; ignored
strays-more = also { $more } from addresses other than { $server }: ignored, not shown
stray-why = any program can send to our port: only a datagram from { $server }, where we sent ours, is the reply; waiting on for it
