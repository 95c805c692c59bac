# Lesson 4, two-way chat: the server, in Python 3 (article 003, 双向通信).
# One client; each message it sends is answered by a line typed here.
# Run: python3 lessons/04-tcp-loop/python/chat_server.py [PORT]   (default 8888)
import socket
import sys

port = int(sys.argv[1]) if len(sys.argv) > 1 else 8888

# 1. socket
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
# 2. setsockopt(SO_REUSEADDR): a lesson server that just closed leaves its port
# in TIME_WAIT for a minute; without this, bind would fail with
# OSError: [Errno 98] Address already in use.
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
# 3. bind, 4. listen
server.bind(("127.0.0.1", port))
server.listen()
print("listening on %s:%d" % server.getsockname(), flush=True)
# 5. accept: the one client of this chat.
sock, addr = server.accept()
while True:
    # 6. recv: the client's message; 0 bytes means the client closed.
    data = sock.recv(1024)
    if not data:
        break
    print("客户端:", data.decode("utf8"))
    try:
        re_data = input("服务器:")
        while re_data == "":  # send(b"") puts nothing on the wire: ask again
            re_data = input("服务器:")
    except EOFError:  # end of input (Ctrl-D): stop chatting
        break
    # 7. send: our answer.
    sock.send(re_data.encode("utf8"))
# 8. close: our FIN to the client, then the listening socket.
sock.close()
server.close()
