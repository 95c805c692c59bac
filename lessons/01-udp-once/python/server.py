# Lesson 1, UDP once: the server, in Python 3 (article 004, serverFunc).
# Run: python3 lessons/01-udp-once/python/server.py [PORT]   (default 7852)
import socket
import sys

port = int(sys.argv[1]) if len(sys.argv) > 1 else 7852
print("Starting server.........")

# 1. socket + bind: a UDP socket (SOCK_DGRAM) claims 127.0.0.1:port. Nothing
#    goes on the wire; datagrams sent to this port now wait in the socket.
#    No SO_REUSEADDR here, unlike the TCP servers: a closed UDP socket leaves no
#    TIME_WAIT behind, and on UDP the option would let a second server bind the
#    same port and silently take the datagrams meant for this one.
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.bind(("127.0.0.1", port))
print("bound to %s:%d" % sock.getsockname(), flush=True)

# 2. recvfrom: wait for one datagram (at most 500 bytes of it) and the address
#    it came from. Nothing is sent back on the wire: UDP has no acknowledgement.
data, addr = sock.recvfrom(500)
print(data)
print(type(data))
text = data.decode()  # bytes to str (UTF-8)
print(type(text))
print(text)

# 3. sendto: the reply is a new datagram, addressed to the sender.
sock.sendto("Ich hab keine Hunge".encode(), addr)

# 4. close: the port goes back to the system; nothing is sent.
sock.close()
print("Ending server........")
