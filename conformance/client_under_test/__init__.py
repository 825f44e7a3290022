"""The suite's side of a client under test: the server the suite plays for it (``played_server``),
the client's process (``process``), the lines typed on its keyboard (``script``), and one check's
session with it (``session``)."""
