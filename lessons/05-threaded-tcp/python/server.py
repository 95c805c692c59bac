# Lesson 5, threaded TCP: the server, in Python 3 (article 000, 多线程通信).
# One thread per client, so clients are served at the same time; Ctrl-C stops it.
# Run: python3 lessons/05-threaded-tcp/python/server.py [PORT]   (default 8888)
import random
import socket
import sys
import threading


def handle_client(client, address):
    print("[*] Accept connection from: %s:%d" % (address[0], address[1]))
    # 6. send: the greeting.
    client.send("Hello World!".encode())
    while True:
        # 7. recv: only this thread waits here; the other clients' threads go on.
        request = client.recv(1024).decode()
        # exit, or 0 bytes (the client closed without exit): this client is done.
        if request == "exit" or request == "":
            break
        print("[*] Received from %s:%d : %s" % (address[0], address[1], request))
        # 8. send: a random number and ACK! (full-width colon).
        client.send((str(random.randint(1, 1000)) + "：" + "ACK!").encode())
    # 9. close: this client's socket only.
    client.close()


port = int(sys.argv[1]) if len(sys.argv) > 1 else 8888
# 1. socket
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
# 2. setsockopt(SO_REUSEADDR): a lesson server that just closed leaves its port
# in TIME_WAIT for a minute; without this, bind would fail with
# OSError: [Errno 98] Address already in use.
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
# 3. bind, 4. listen: a longer queue than the article's 5. When a burst of
#    clients fills the queue, Linux drops the newcomers' handshakes and they
#    retry after 1, 2, 4 seconds.
server.bind(("127.0.0.1", port))
server.listen(1024)
print("[*] Listening on %s:%d" % server.getsockname(), flush=True)
while True:
    # 5. accept: here in the main thread, then one new thread for this client.
    #    (The article's loop starts threads without end, each calling accept
    #    itself: thousands of threads pile up waiting. That is a bug.)
    client, address = server.accept()
    threading.Thread(target=handle_client, args=(client, address), daemon=True).start()
