# Lesson 3, TCP once: the client, in Python 3 (article 004, case 05 tcp_clt).
# Run: python3 lessons/03-tcp-once/python/client.py [PORT]   (default 8998)
import socket
import sys

port = int(sys.argv[1]) if len(sys.argv) > 1 else 8998

# 1. socket: a TCP socket (SOCK_STREAM). No bind: connect picks our port.
sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
sock.settimeout(10)  # never wait forever: a silent server raises TimeoutError
# 2. connect: the three-way handshake (SYN, SYN-ACK, ACK).
sock.connect(("127.0.0.1", port))
print("my address:", sock.getsockname())  # the server's reply will name it
# 3. send: the message; the connection knows where it goes.
msg = "I love wangxiaojing"
sock.send(msg.encode())
# 4. recv: read the reply once, at most 500 bytes.
rst = sock.recv(500)
print(rst.decode())
# 5. close: our FIN tells the server we are done.
sock.close()
