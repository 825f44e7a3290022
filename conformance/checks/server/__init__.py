"""Checks of a server under test, one file per area of the spec (sections 1 to 8)."""
