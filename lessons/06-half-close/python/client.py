# Lesson 6, half-close: the client, in Python 3. It sends each line typed, then
# shuts down its sending side (the half-close: "done sending, still listening")
# and reads the reply until the server's FIN. Ctrl-D ends the input.
# Run: python3 lessons/06-half-close/python/client.py [PORT]   (default 7788)
import socket
import sys

port = int(sys.argv[1]) if len(sys.argv) > 1 else 7788

# 1. socket, 2. connect
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.settimeout(10)  # never wait forever: a server that never answers raises TimeoutError
s.connect(("127.0.0.1", port))
while True:
    try:
        line = input("message (Ctrl-D to finish): ")
    except EOFError:
        break
    # 3. send: the whole line, no newline; the server may read it in any pieces.
    s.sendall(line.encode())
# 4. shutdown(SHUT_WR): our FIN goes out. We send no more, but we can still read.
s.shutdown(socket.SHUT_WR)
# 5. recv until 0: the reply may come in pieces; 0 bytes is the server's FIN.
reply = b""
while True:
    chunk = s.recv(1024)
    if not chunk:
        break
    reply += chunk
print(reply.decode())
# 7. close: we sent the first FIN, so the connection now waits in TIME_WAIT here.
#    (Step 6 is the Rust client's SO_LINGER for --close abort; this one never aborts.)
s.close()
