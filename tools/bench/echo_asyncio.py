"""The baseline the reference server is compared to: a plain asyncio echo server (one task per
client, raw framing, ``fin`` ends the session), as short as such a server gets.

``python -m tools.bench.echo_asyncio --port P [--host 127.0.0.1]``
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import socket
from typing import List, Optional


async def echo(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    with contextlib.suppress(ConnectionError):
        while True:
            data = await reader.read(1024)
            if not data or data.rstrip(b"\r\n") == b"fin":
                break
            writer.write(data)
            await writer.drain()
    writer.close()


async def serve(host: str, port: int) -> None:
    server = await asyncio.start_server(echo, host, port, backlog=socket.SOMAXCONN)
    async with server:
        await server.serve_forever()


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tools.bench.echo_asyncio", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    arguments = parser.parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(arguments.host, arguments.port))


if __name__ == "__main__":
    main()
