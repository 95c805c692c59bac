# How every lesson program speaks (shared/src/narrator.rs), in English.

label-error = error:
label-hint = hint:
label-system = system:
exposed-warning = warning: { $ip } means every interface: other machines on your network can reach this server
exposed-fix = (pass --host 127.0.0.1 to keep it on this machine)
serving-n = serving { $what }, then stopping (--serve)
serving-forever = serving until stopped (Ctrl-C)
told-client-closing = told the client { $notice }, and closing
data-shown-part = (only the first { $shown } of { $total } bytes shown)
decoded-as = (decoded as { $encoding })
sent-to = { $bytes } to { $to }: { $literal }
bytes-from = { $bytes } from { $from }
end-of-typing = end of input (Ctrl-D): no more messages
log-limit = (log limit: this conversation has written { $kib } KiB of log; its next lines are counted, not shown)
log-held-back = ({ $lines } about the last client were not shown: the log limit)
log-held-back-here = ({ $lines } of this conversation were not shown above: the log limit)
datagram-cut = the datagram was longer than the { $buffer }-byte buffer: only its first { $buffer } bytes count, the rest is lost
datagram-cut-why = UDP keeps no rest for a next recvfrom: pass a bigger --buffer to see it all
buffer-full = this read filled the whole { $buffer }-byte buffer: the message may go on in the next read
buffer-full-why = TCP is a byte stream and keeps no message boundaries (粘包, "sticky packets")
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
