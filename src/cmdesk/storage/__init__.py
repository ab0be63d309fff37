"""Local storage: SQLite through SQLAlchemy (writes, migrations, bulk ingest) and plain SQL (the Reader's reads,
full-text search, paged queries)."""
