"""Command line of the reference server: ``python -m reference_impl --step N``.

Once the server listens it writes ``listening on HOST:PORT`` on standard error, so that a
person or a program started with ``--port 0`` learns which port it got. Ctrl-C and SIGTERM
stop it cleanly.
"""
from __future__ import annotations

import argparse
import logging
import signal
import sys
from typing import List, Optional

from .framing import FRAMINGS
from .server import ONE_SHOT_STEPS, STEPS, make_server

log = logging.getLogger("canaduck")


def parse_arguments(argv: Optional[List[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="canaduck-server", description="Serveur CanaDuck de référence.")
    parser.add_argument("--step", type=int, choices=STEPS, required=True, help="étape du TP (1 à 8)")
    parser.add_argument("--host", default="0.0.0.0", help="adresse d'écoute (défaut : toutes les interfaces)")
    parser.add_argument("--port", type=int, default=63000, help="port d'écoute, 0 pour un port libre (défaut : 63000)")
    parser.add_argument("--framing", choices=FRAMINGS, default="raw", help="raw : recv(1024) ; line : une ligne par message")
    return parser.parse_args(argv)


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM stops the server the way Ctrl-C does."""
    raise KeyboardInterrupt


def main(argv: Optional[List[str]] = None) -> int:
    arguments = parse_arguments(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        server = make_server(arguments.step, arguments.host, arguments.port, arguments.framing)
    except OSError as problem:
        log.error("impossible d'écouter sur %s:%s : %s", arguments.host, arguments.port, problem)
        return 1
    with server:
        host, port = server.server_address[:2]
        log.info("listening on %s:%s", host, port)
        try:
            server.serve(one_shot=arguments.step in ONE_SHOT_STEPS)
        except KeyboardInterrupt:
            log.info("arrêt du serveur (Ctrl-C ou SIGTERM)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
