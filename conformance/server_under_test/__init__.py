"""The suite's side of a server under test: launching it (``launcher``), the suite's connection to it
(``connection``), framing detection and the server pool (``target``), the probes and scenarios checks
send (``dialogue``, ``scenario``, ``store_list``), how long to wait for replies (``pacing``), and the
order of the disruptive checks with ``--target`` (``disruptive_last``)."""
