"""Qt-free use cases — triage, replies, publishing, outbox actions, sources — the one write path for the window and
the command line. Each command writes through one connection and says what it changed (services/changes.py)."""
