"""``python -m tools.bench``: the kit's speed and the reference server's capacity, measured in one run.

One module per concern:

- ``floor``: unit costs measured in the run (loopback round trip, connect, server and pytest
  start-up) and the floor a suite run is compared to;
- ``wire_counter``: a pytest plugin that counts the suite's round trips, connects and server starts;
- ``suite_timing``: the suite per step against the bundled reference, ``-n 0`` and ``-n auto``;
- ``fail_fast``: nothing listening, a black hole, the slowest catalogue servers;
- ``grading``: ``python -m tools.grade`` on a generated class of correct step-7 servers;
- ``load``: the load generator (selectors clients in a few processes);
- ``load_compare``: the reference under load beside an asyncio echo and the handout's threads;
- ``echo_asyncio``: that asyncio baseline server;
- ``proc_stats``: peak memory and CPU of a process tree, listen-queue overflows (Linux /proc);
- ``target_load``: ``python -m tools.bench load``, for a student's own server (loopback only);
- ``report``: tables and JSON.

Figures depend on the machine and on what else runs on it: compare ratios from one run.
"""
