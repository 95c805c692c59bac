# Lesson 4, TCP loop: the client, in Python 3 (article 000, client.py).
# Each line typed is one message; after `exit` the client stops.
# Run: python3 lessons/04-tcp-loop/python/client.py [PORT]   (default 8888)
import socket
import sys

port = int(sys.argv[1]) if len(sys.argv) > 1 else 8888

# 1. socket, 2. connect: the handshake, even if the server is busy with someone else.
client = socket.socket()
client.settimeout(10)  # never wait forever: a busy or silent server raises TimeoutError
client.connect(("127.0.0.1", port))
while True:
    # 3. recv (then 5. recv): the greeting first, then each reply.
    data = client.recv(1024)
    if not data:  # 0 bytes: the server closed the connection
        break
    print(data.decode())
    try:
        messages = input("请输入要发送的数据(exit退出)：")
        while messages == "":  # send(b"") puts nothing on the wire: no reply would come
            messages = input("请输入要发送的数据(exit退出)：")
    except EOFError:  # end of input: close without exit; the server reads 0 bytes
        break
    # 4. send: the line as typed, no newline.
    client.send(messages.encode())
    if messages == "exit":
        break
# 6. close: our FIN.
client.close()
