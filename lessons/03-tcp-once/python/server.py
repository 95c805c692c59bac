# Lesson 3, TCP once: the server, in Python 3 (article 004, case 04 tcp_srv, for
# one connection): accept, read once, answer, close, exit.
# Run: python3 lessons/03-tcp-once/python/server.py [PORT]   (default 8998)
import socket
import sys

port = int(sys.argv[1]) if len(sys.argv) > 1 else 8998
print("Starting tcp server.......")

# 1. socket: a TCP socket (SOCK_STREAM). It only takes connections; it never
#    carries data itself.
sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
# 2. setsockopt(SO_REUSEADDR): a lesson server that just closed leaves its port
# in TIME_WAIT for a minute; without this, bind would fail with
# OSError: [Errno 98] Address already in use.
sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
# 3. bind: claim the address clients will connect to.
sock.bind(("127.0.0.1", port))
# 4. listen: from now on the system answers SYNs on this port by itself.
sock.listen()
print("listening on %s:%d" % sock.getsockname(), flush=True)

# 5. accept: take one finished handshake off the queue: a NEW socket for this
#    client, and the client's address.
skt, addr = sock.accept()
# 6. recv: read once, at most 500 bytes: whatever has arrived so far.
msg = skt.recv(500).decode()
rst = "Received msg: {0} from {1}".format(msg, addr)
print(rst)
# 7. send: the reply goes back over the connection; no address needed.
skt.send(rst.encode())
# 8. close: our FIN to the client; then the listening socket, and we exit.
skt.close()
sock.close()
print("Ending tcp server.......")
