# Lesson 8, async/await: the client, in Python 3 (article 000's client.py on
# N connections at once, a coroutine each, all on one thread). The lines of
# standard input are read first; every connection sends them all, in turn.
# Run: python3 lessons/08-async/python/client.py [PORT [N]]   (default 8888, 1)
import asyncio
import sys


async def talk(port, messages):
    # 1. socket, 2. connect: awaited; never more than 10 s for anything.
    reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 10)
    # 3. recv: the greeting.
    data = await asyncio.wait_for(reader.read(1024), 10)
    print(data.decode(errors="replace"), flush=True)
    for message in messages:
        if not data:  # 0 bytes: the server closed the connection
            break
        # 4. send: the line as typed, no newline.
        writer.write(message.encode())
        await writer.drain()
        if message == "exit":
            break
        # 5. recv: the reply.
        data = await asyncio.wait_for(reader.read(1024), 10)
        if data:
            print(data.decode(errors="replace"), flush=True)
    # 6. close: our FIN.
    writer.close()


async def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8888
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    # send(b"") puts nothing on the wire: no reply would come, so empty lines are skipped.
    messages = [line.rstrip("\n") for line in sys.stdin if line.rstrip("\n")]
    await asyncio.gather(*(talk(port, messages) for _ in range(count)))


asyncio.run(main())
