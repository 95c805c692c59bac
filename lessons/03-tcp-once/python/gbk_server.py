# Lesson 3, the GBK server of article 001 (section 4.2), in Python 3: one
# message read and decoded as GBK, "Thank You!" sent back in GBK.
# Run: python3 lessons/03-tcp-once/python/gbk_server.py [PORT]   (default 8998)
import socket
import sys

port = int(sys.argv[1]) if len(sys.argv) > 1 else 8998

# 1. socket: a TCP socket.
tcp_server_socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
# 2. setsockopt(SO_REUSEADDR): a lesson server that just closed leaves its port
# in TIME_WAIT for a minute; without this, bind would fail with
# OSError: [Errno 98] Address already in use.
tcp_server_socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
# 3. bind: the address clients connect to.
tcp_server_socket.bind(("127.0.0.1", port))
# 4. listen: the socket turns passive; up to 128 handshakes may wait in its queue.
tcp_server_socket.listen(128)
print("listening on %s:%d" % tcp_server_socket.getsockname(), flush=True)

# 5. accept: one client, on a new socket of its own.
client_socket, client_addr = tcp_server_socket.accept()
# 6. recv: at most 1024 bytes, decoded as GBK (two bytes per Chinese character).
recv_data = client_socket.recv(1024)
print("接收到的数据为：", recv_data.decode("gbk"))
# 7. send: the answer, in GBK too. A client that already closed never reads it.
client_socket.send("Thank You!".encode("gbk"))

# 8. close: the listening socket (no new clients), then this client's socket (our FIN).
tcp_server_socket.close()
client_socket.close()
