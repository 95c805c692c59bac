# Lesson 8, async/await: the server, in Python 3 (article 000's threaded
# server, with a coroutine where it had a thread: the 异步IO和协程 that
# article 003 names as the step after a thread per client). asyncio's event
# loop, on this one thread, runs every client's coroutine and polls their
# sockets (selectors, as in lesson 7, done for us). Ctrl-C stops it.
# Run: python3 lessons/08-async/python/server.py [PORT]   (default 8888)
import asyncio
import random
import sys


async def handle_client(reader, writer):
    address = writer.get_extra_info("peername")
    print("[*] Accept connection from: %s:%d" % (address[0], address[1]), flush=True)
    try:
        # 7. send: the greeting; drain() awaits room in the kernel's send buffer.
        writer.write("Hello World!".encode())
        await writer.drain()
        while True:
            # 8. recv: awaited; nothing yet, and the loop runs the other clients.
            data = await reader.read(1024)
            request = data.decode(errors="replace")
            if request == "exit" or request == "":
                break
            print("[*] Received from %s:%d : %s" % (address[0], address[1], request), flush=True)
            # 9. send: a random number from 1 to 1000 and ACK!, awaited like the greeting.
            writer.write((str(random.randint(1, 1000)) + "：" + "ACK!").encode())
            await writer.drain()
    except ConnectionError as error:  # a reset ends this client only
        print("[*] %s:%d: %s" % (address[0], address[1], error), flush=True)
    # 10. close: this client's socket only.
    writer.close()


async def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8888
    # 1.-4. socket, setsockopt(SO_REUSEADDR), bind, listen: start_server makes them all;
    # 5. accept is the loop's: each connection gets a coroutine of its own (a task).
    server = await asyncio.start_server(handle_client, "127.0.0.1", port, backlog=1024)
    print("[*] Listening on %s:%d" % server.sockets[0].getsockname(), flush=True)
    async with server:
        await server.serve_forever()


try:
    asyncio.run(main())
except KeyboardInterrupt:
    pass
