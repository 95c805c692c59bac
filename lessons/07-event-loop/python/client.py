# Lesson 7, an event loop: the client, in Python 3 (article 000's client.py
# on N connections at once, with no thread: one selector watches them all).
# The lines of standard input are read first; every connection sends them
# all, one at a time, each after the reply to the one before.
# Run: python3 lessons/07-event-loop/python/client.py [PORT [N]]   (default 8888, 1)
import selectors
import socket
import sys
import time

port = int(sys.argv[1]) if len(sys.argv) > 1 else 8888
count = int(sys.argv[2]) if len(sys.argv) > 2 else 1
# send(b"") puts nothing on the wire: no reply would come, so empty lines are skipped.
messages = [line.rstrip("\n") for line in sys.stdin if line.rstrip("\n")]
selector = selectors.DefaultSelector()


class Conversation:
    """One connection: what it has still to send, and how far it has come."""

    def __init__(self):
        self.left = [message.encode() for message in messages]
        self.out = b""  # bytes the kernel has not taken yet
        self.leaving = False  # exit sent: the article's client stops there

    def next_message(self):
        # The greeting or a reply came: the next line goes out, or we are done.
        if not self.left or self.leaving:
            return False
        self.out = self.left.pop(0)
        self.leaving = self.out == b"exit"
        return True


def close(client):
    # 8. unregister, 9. close: our FIN (an RST if a reply is still unread).
    selector.unregister(client)
    client.close()


for _ in range(count):
    # 1. socket, 2. setblocking(False): connect, recv and send never wait.
    client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    client.setblocking(False)
    # 3. connect_ex: sends the SYN and returns at once (EINPROGRESS).
    client.connect_ex(("127.0.0.1", port))
    # 4. register: readable (the greeting, a reply, the server's FIN).
    selector.register(client, selectors.EVENT_READ, data=Conversation())

failed = 0
deadline = time.monotonic() + 10  # never more than 10 s for the whole run
while selector.get_map() and time.monotonic() < deadline:
    # 5. select: the one place this thread waits, for any connection at all.
    for key, events in selector.select(timeout=deadline - time.monotonic()):
        client, talk = key.fileobj, key.data
        if events & selectors.EVENT_WRITE:
            # 7. send: what fits now; the rest when writable again.
            talk.out = talk.out[client.send(talk.out):]
            if not talk.out:
                if talk.leaving:
                    close(client)  # exit said: no reply will come
                else:
                    selector.modify(client, selectors.EVENT_READ, data=talk)
            continue
        try:
            # 6. recv: the greeting, then each reply; b"": the server closed.
            data = client.recv(1024)
        except BlockingIOError:
            continue
        except ConnectionError as error:
            print("connection failed: %s" % error, flush=True)
            failed += 1
            close(client)
            continue
        if not data:
            close(client)
            continue
        print(data.decode(errors="replace"), flush=True)
        if talk.next_message():
            selector.modify(client, selectors.EVENT_WRITE, data=talk)
        else:
            close(client)

for key in list(selector.get_map().values()):
    print("no answer within 10 s", flush=True)
    failed += 1
    close(key.fileobj)
sys.exit(1 if failed else 0)
