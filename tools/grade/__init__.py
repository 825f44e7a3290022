"""Grade a class of CanaDuck servers with the conformance suite.

`python -m tools.grade SUBMISSIONS_DIR --step N` runs `conformance/` against every student's
`server.py` (each in a sandbox, several at once), turns the clause-level results into one model
(`model.py`) and writes it out in several formats (`writers/`).
"""
