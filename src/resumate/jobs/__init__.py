"""Background parsing: one task function (`tasks.parse_resume`), run by a `JobRunner`.

The in-process runner (`inprocess.InProcessRunner`) is the default; a distributed runner plugs
in behind the same `JobRunner` protocol and reports to a `ProgressSink` the same way.
"""
