# Lesson 1, UDP once (lessons/01-udp-once), in English.

# The server.
l1-server-bound = bound to { $addr } (UDP: no listen, no accept)
l1-server-recvfrom = one datagram (buffer { $buffer } bytes)
l1-server-waiting = waiting in recvfrom for one datagram: none came, so none was answered
l1-server-close = one datagram in, one out: done

# The client.
l1-client-name = trying each in turn until one answers, each for its share of --timeout ({ $share }); the articles' AF_INET socket would send to the IPv4 one only
l1-client-socket = UDP socket on { $addr } (port chosen by the system)
l1-client-recvfrom = reply after { $ms } ms (buffer { $buffer } bytes)
l1-client-close = one datagram out, one in: done
