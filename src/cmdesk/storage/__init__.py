"""Local storage: SQLite through SQLModel/SQLAlchemy, migrations, bulk ingest, full-text search and paged queries."""
