# Lesson 1, UDP once: the client, in Python 3 (article 004, clientFunc).
# Run: python3 lessons/01-udp-once/python/client.py [PORT]   (default 7852)
import socket
import sys

port = int(sys.argv[1]) if len(sys.argv) > 1 else 7852

# 1. socket: a UDP socket. No bind: the first sendto picks a free port for us.
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.settimeout(10)  # never wait forever: a lost datagram or no server raises TimeoutError

# 2. sendto: one datagram, 15 bytes, to the server. It leaves at once, even if
#    nobody listens there.
text = "I love jingjing"
sock.sendto(text.encode(), ("127.0.0.1", port))

# 3. recvfrom: wait for the reply datagram (at most 200 bytes of it).
data, addr = sock.recvfrom(200)
print(data.decode())

# 4. close: the port goes back to the system; nothing is sent.
sock.close()
