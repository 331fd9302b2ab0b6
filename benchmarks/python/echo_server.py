#!/usr/bin/env python3
"""Python asyncio streams echo server of the network benchmarks (benchmarks/run.sh, scenario net).

Listens on 127.0.0.1, port chosen by the system, prints "PORT <n>", then obeys NetBench's
commands on stdin (see ServerControl.java): conns, heap (answers -1: CPython has no heap after
GC comparable to the JVM's), alloc (-1: not counted), quit. Standard library only.
"""
import asyncio
import os
import sys
import threading

connections = 0


async def echo(reader, writer):
    global connections
    connections += 1
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except ConnectionError:
        pass  # a client that resets
    finally:
        connections -= 1
        writer.close()


def control():
    for line in sys.stdin:
        cmd = line.strip()
        if cmd == "conns":
            print(f"CONNS {connections}", flush=True)
        elif cmd == "heap":
            print(f"HEAP -1 {connections}", flush=True)
        elif cmd == "alloc":
            print("ALLOC -1", flush=True)
        elif cmd == "quit":
            break
        else:
            print(f"ERROR unknown command {cmd}", flush=True)
    os._exit(0)


async def main():
    server = await asyncio.start_server(echo, "127.0.0.1", 0, backlog=1024)
    print(f"PORT {server.sockets[0].getsockname()[1]}", flush=True)
    threading.Thread(target=control, daemon=True).start()
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
