# Lesson 1, UDP once (lessons/01-udp-once), in English.

# The server.
l1-server-bound = bound to { $addr } (UDP: no listen, no accept)
l1-server-recvfrom = one datagram (buffer { $buffer } bytes)
l1-server-close = one datagram in, one out: done

# The client.
l1-client-name = sending to the first, as Python's sendto does
l1-client-socket = UDP socket on { $addr } (port chosen by the system)
l1-client-recvfrom = reply after { $ms } ms (buffer { $buffer } bytes)
l1-client-close = one datagram out, one in: done
