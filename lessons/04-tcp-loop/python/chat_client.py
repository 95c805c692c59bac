# Lesson 4, two-way chat: the client, in Python 3 (article 003, 双向通信).
# Type a message, wait for the server's answer, and so on; Ctrl-D ends.
# Run: python3 lessons/04-tcp-loop/python/chat_client.py [PORT]   (default 8888)
import socket
import sys

port = int(sys.argv[1]) if len(sys.argv) > 1 else 8888

# 1. socket, 2. connect
client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.settimeout(60)  # never wait forever, but give the person typing a minute
client.connect(("127.0.0.1", port))
while True:
    try:
        re_data = input("客户端:")
    except EOFError:  # end of input (Ctrl-D): stop chatting
        break
    if re_data == "":  # send(b"") puts nothing on the wire: no answer would come
        continue
    # 3. send: our message.
    client.send(re_data.encode("utf8"))
    # 4. recv: the answer, typed by a person at the server; 0 bytes: the server left.
    data = client.recv(1024)
    if not data:
        break
    print("服务端:", data.decode("utf8"))
# 5. close: our FIN.
client.close()
