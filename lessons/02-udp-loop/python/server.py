# Lesson 2, UDP loop: the server, in Python 3 (article 002, UDP example 3;
# article 004: a server runs forever). Stop it with Ctrl-C.
# Run: python3 lessons/02-udp-loop/python/server.py [PORT]   (default 5555)
import socket
import sys

port = int(sys.argv[1]) if len(sys.argv) > 1 else 5555

# 1. socket + bind: one UDP socket, one address, for every client to come.
#    No SO_REUSEADDR here, unlike the TCP servers: a closed UDP socket leaves no
#    TIME_WAIT behind, and on UDP the option would let a second server bind the
#    same port and silently take the datagrams meant for this one.
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", port))
print("bound to %s:%d" % s.getsockname(), flush=True)

while True:
    # 2. recvfrom: the next datagram, from whichever client sends one.
    data, addr = s.recvfrom(1024)
    print(data, "from", addr)
    # 3. sendto: the reply goes to this datagram's sender, and only to it.
    s.sendto(b"success", addr)
