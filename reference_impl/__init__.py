"""CanaDuck reference implementation: the model answer of the socket lab.

The protocol logic lives in small modules that never touch a socket, so each can be read
and tested on its own:

- ``framing``: how bytes become messages and back (raw and line framing);
- ``reply``: what a dialogue answers (a text, and whether to close);
- ``dialogues``: what the server of each step answers to each message;
- ``calculator``: step 5's safe calculator (its own parser, never ``eval``);
- ``commands``: step 6's pseudo and ``/commands``;
- ``store``: step 8's shared message list, guarded by a lock.

Sockets live at the edges: ``handlers`` (one client's session), ``server`` (the
``socketserver`` servers), ``__main__`` (the command line) and ``client``.
"""
