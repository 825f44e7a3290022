"""What both sides of the suite share: settings, the spec's clauses, a check's verdict, the run's
results, the sans-I/O wire, transcripts, messages in the reader's language, and programs under test
as processes. Nothing here knows whether a server or a client is being checked."""
