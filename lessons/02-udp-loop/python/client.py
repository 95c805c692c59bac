# Lesson 2, UDP loop: the client, in Python 3 (article 002, UDP example 4, in a
# loop). Each line typed is one datagram; `exit` (or Ctrl-D) ends the client.
# Run: python3 lessons/02-udp-loop/python/client.py [PORT]   (default 5555)
import socket
import sys

port = int(sys.argv[1]) if len(sys.argv) > 1 else 5555

# 1. socket: one UDP socket for every message; the first sendto picks our port.
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(10)  # never wait forever: a lost datagram or no server raises TimeoutError

while True:
    try:
        message = input("message (exit to leave): ")
    except EOFError:  # end of input: leave as `exit` would
        break
    if message == "exit":  # not sent: UDP has no connection to end
        break
    # 2. sendto: one message, one datagram, addressed to the server.
    s.sendto(message.encode(), ("127.0.0.1", port))
    # 3. recvfrom: the server's reply.
    data, addr = s.recvfrom(1024)
    print(data, "from", addr)

# 4. close: the port goes back to the system; the server is not told.
s.close()
