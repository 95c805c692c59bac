# Lesson 6, half-close: the server, in Python 3. It reads until recv returns
# 0 bytes (the client's FIN, article 001 note 9), then answers on the direction
# that is still open, and closes. Clients one after another; Ctrl-C stops it.
# Run: python3 lessons/06-half-close/python/server.py [PORT]   (default 7788)
import socket
import sys

port = int(sys.argv[1]) if len(sys.argv) > 1 else 7788

# 1. socket
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
# 2. setsockopt(SO_REUSEADDR): a lesson server that just closed leaves its port
# in TIME_WAIT for a minute; without this, bind would fail with
# OSError: [Errno 98] Address already in use.
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
# 3. bind, 4. listen
server.bind(("127.0.0.1", port))
server.listen(128)
print("listening on %s:%d" % server.getsockname(), flush=True)
while True:
    # 5. accept: the next client, on a socket of its own.
    conn, addr = server.accept()
    print("connection from", addr)
    n = k = 0
    while True:
        # 6. recv, until it returns 0: the data may come in any number of pieces.
        data = conn.recv(1024)
        if not data:
            break
        n, k = n + len(data), k + 1
        print("read", k, ":", data)
    print("recv returned 0 bytes: the client's FIN arrived (it sends no more)")
    # 7. send: the reply travels the direction that is still open, whole.
    conn.sendall(("received %d bytes in %d reads" % (n, k)).encode())
    # 8. close: our FIN; the client's recv now returns 0 too.
    conn.close()
