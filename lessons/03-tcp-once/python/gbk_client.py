# Lesson 3, the GBK client of article 001 (section 4.1), in Python 3: it asks
# for the server, the port and the data, sends the data in GBK, and closes
# without reading a reply. Type 127.0.0.1 and the port gbk_server.py printed.
# Run: python3 lessons/03-tcp-once/python/gbk_client.py
import socket

# 1. socket: a TCP socket.
tcp_client_socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
tcp_client_socket.settimeout(10)  # never wait forever: a silent server raises TimeoutError

# 2. connect: the handshake with the server typed in.
server_ip = input("请输入服务器的IP：")
server_port = int(input("请输入服务器的端口："))
tcp_client_socket.connect((server_ip, server_port))

# 3. send: the data, encoded as GBK instead of UTF-8.
send_data = input("请输入要发送的数据：")
tcp_client_socket.send(send_data.encode("gbk"))

# 4. close: our FIN; the server's "Thank You!" finds no reader here.
tcp_client_socket.close()
