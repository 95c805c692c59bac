# Lesson 4, TCP loop: the server, in Python 3 (article 000, server.py; article
# 001, the two loops). Clients one after another, forever; Ctrl-C stops it.
# Run: python3 lessons/04-tcp-loop/python/server.py [PORT]   (default 8888)
import socket
import sys

port = int(sys.argv[1]) if len(sys.argv) > 1 else 8888

# 1. socket
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
# 2. setsockopt(SO_REUSEADDR): a lesson server that just closed leaves its port
# in TIME_WAIT for a minute; without this, bind would fail with
# OSError: [Errno 98] Address already in use.
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
# 3. bind, 4. listen: up to 5 finished handshakes wait while we serve someone.
server.bind(("127.0.0.1", port))
server.listen(5)
print("listening on %s:%d" % server.getsockname(), flush=True)

while True:  # one client after another
    print("等待数据连接中……")
    # 5. accept: the next client from the queue, on a new socket of its own.
    conn, address = server.accept()
    # 6. send: the greeting, as soon as the client is accepted.
    conn.send("连接成功！".encode())
    count = 0
    while True:  # one message after another, from this client
        # 7. recv: whatever has arrived, at most 1024 bytes.
        data = conn.recv(1024)
        # 0 bytes: the client closed (its FIN) without sending exit. The article
        # forgets this case: it answers the empty reads until a send to the gone
        # client fails (BrokenPipeError), and that error ends the whole server.
        if not data:
            break
        print(data.decode())
        if data == b"exit":
            break
        count = count + 1
        # 8. send: the numbered reply.
        conn.send(("第" + str(count) + "条信息：" + data.decode()).encode())
    # 9. close: our FIN to this client; the listening socket stays open.
    conn.close()
