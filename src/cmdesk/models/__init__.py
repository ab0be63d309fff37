"""Qt item models over storage queries (Qt + storage.queries only)."""
