# Lesson 2, UDP loop (lessons/02-udp-loop), in English.

# The server.
l2-server-bound = bound to { $addr } (UDP: no listen, no accept)
l2-server-recvfrom = datagram #{ $number } (buffer { $buffer } bytes)
l2-server-senders-capped = { $peer } is one sender more than the { $max } this server counts (a set of every sender's address would grow without end): from here on the count is "more than { $max }"
l2-server-close = stopping: { $summary }

# The client.
l2-client-name = the first message tries each in turn until one answers, each for its share of --timeout ({ $share }), and the rest go where it was answered; the articles' AF_INET socket would send to the IPv4 one only
l2-client-socket = UDP socket on { $addr } (port chosen by the system)
l2-client-prompt = message (exit to stop):{" "}
l2-client-exit = exit: not sent; UDP has no connection to end, so the client just stops
l2-client-connect = connected to { $addr }: no packet sent (UDP has no handshake); now only its datagrams reach us, and the ICMP errors about ours
l2-client-recvfrom = reply #{ $number } after { $ms } ms
l2-client-close = { $sent } sent, { $received } received: done
