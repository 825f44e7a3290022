"""The checks: one ``test_*.py`` per area of the spec, each check marked with the clause it verifies.
``server/`` checks a server (``--server-cmd``, ``--target``, or the bundled reference), ``client/`` a
client (``--client-cmd``)."""
