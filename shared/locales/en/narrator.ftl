# How every lesson program speaks (shared/src/narrator.rs), in English.

label-error = error:
label-hint = hint:
label-system = system:
data-shown-part = (only the first { $shown } of { $total } bytes shown)
decoded-as = (decoded as { $encoding })
sent-to = { $bytes } to { $to }: { $literal }
bytes-from = { $bytes } from { $from }
log-limit = (log limit: this conversation has written { $kib } KiB of log; its next lines are counted, not shown)
log-held-back = ({ $lines } about the last client were not shown: the log limit)
log-held-back-here = ({ $lines } of this conversation were not shown above: the log limit)
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
noun-socket = { $n ->
    [one] 1 socket
   *[other] { $n } sockets
}
seconds-shown = { $seconds } s
