"""Checks of a client under test (spec section 9, ``--client-cmd``)."""
