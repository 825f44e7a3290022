"""Step 7 with asyncio (one task per client), raw framing, replies with "\n", greeting on connect.
canaduck-expect: step=7
"""
import asyncio

BIENVENUE = "Bienvenue sur le serveur CanaDuck !\n"


async def echo(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    writer.write(BIENVENUE.encode())
    try:
        await writer.drain()
        while data := await reader.read(1024):
            texte = data.decode("utf-8", "replace").removesuffix("\n")
            if texte == "fin":
                break
            writer.write(f"{texte}\n".encode())
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        writer.close()


async def main() -> None:
    serveur = await asyncio.start_server(echo, host="0.0.0.0", port=63000, backlog=100)
    async with serveur:
        await serveur.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
