"""One module per output format; each reads only `model.ClassResult` / `model.Submission`."""
