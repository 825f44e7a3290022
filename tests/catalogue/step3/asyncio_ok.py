"""Step 3 with asyncio streams: reader.read(1024) (raw framing), echo without newline.
canaduck-expect: step=3
"""
import asyncio


async def client(reader, writer):
    try:
        while True:
            data = await reader.read(1024)
            if not data:
                break
            msg = data.decode(errors="replace")
            if msg == "fin":
                break
            writer.write(msg.encode())
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        writer.close()


async def main():
    serveur = await asyncio.start_server(client, "0.0.0.0", 63000)
    async with serveur:
        await serveur.serve_forever()


asyncio.run(main())
