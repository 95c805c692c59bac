# Lesson 7, an event loop: the server, in Python 3 (article 000's threaded
# server, with no thread: the 异步IO that article 003 names as the next step).
# One thread, non-blocking sockets, and the selectors module asking the kernel
# which sockets are ready (epoll on Linux, kqueue on macOS). Ctrl-C stops it.
# Run: python3 lessons/07-event-loop/python/server.py [PORT]   (default 8888)
import random
import selectors
import socket
import sys

port = int(sys.argv[1]) if len(sys.argv) > 1 else 8888
# 1. socket, 2. setsockopt(SO_REUSEADDR), 3. bind, 4. listen
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", port))
server.listen(1024)
print("[*] Listening on %s:%d" % server.getsockname(), flush=True)
# 5. setblocking(False): accept returns at once; no connection queued raises BlockingIOError.
server.setblocking(False)
# 6. register: the selector watches the listener for readable (a connection to accept).
selector = selectors.DefaultSelector()
selector.register(server, selectors.EVENT_READ, data=None)

# What each client's sends have not taken yet: at most one reply, because a
# client with bytes waiting is watched for writable only, and not read from.
waiting = {}


def close(client):
    # 14. unregister, 15. close: this client only.
    selector.unregister(client)
    waiting.pop(client, None)
    client.close()


def send_waiting(client):
    # 12. send: takes what fits in the kernel's send buffer, maybe less than all.
    try:
        sent = client.send(waiting[client])
    except BlockingIOError:
        sent = 0
    waiting[client] = waiting[client][sent:]
    # 13. modify: bytes left: watch for writable (and read nothing more);
    #     all sent: watch for readable again.
    if waiting[client]:
        selector.modify(client, selectors.EVENT_WRITE, data=selector.get_key(client).data)
    else:
        selector.modify(client, selectors.EVENT_READ, data=selector.get_key(client).data)


def accept_all():
    while True:
        try:
            # 8. accept until BlockingIOError: the queue is empty.
            client, address = server.accept()
        except BlockingIOError:
            return
        print("[*] Accept connection from: %s:%d" % (address[0], address[1]), flush=True)
        client.setblocking(False)
        # 10. register: watch this client for readable; then the greeting.
        selector.register(client, selectors.EVENT_READ, data=address)
        waiting[client] = "Hello World!".encode()
        send_waiting(client)


def serve(client, address):
    while not waiting[client]:
        try:
            # 11. recv: never waits: bytes, b"" (the client closed), or BlockingIOError.
            data = client.recv(1024)
        except BlockingIOError:
            return
        except ConnectionError:
            close(client)
            return
        request = data.decode(errors="replace")
        if request == "exit" or request == "":
            close(client)
            return
        print("[*] Received from %s:%d : %s" % (address[0], address[1], request), flush=True)
        waiting[client] = (str(random.randint(1, 1000)) + "：" + "ACK!").encode()
        send_waiting(client)


while True:
    # 7. select: the one place this thread waits, for any socket at all.
    for key, events in selector.select():
        if key.fileobj is server:
            accept_all()
        elif events & selectors.EVENT_WRITE:
            try:
                send_waiting(key.fileobj)
            except ConnectionError:
                close(key.fileobj)
            else:
                serve(key.fileobj, key.data)
        else:
            try:
                serve(key.fileobj, key.data)
            except ConnectionError:
                close(key.fileobj)
