"""The schema version this cmdesk writes, known without importing the migrations (and SQLAlchemy with them): a
database already at this version opens with the standard library alone. storage/migrations.py checks at import
that its steps lead exactly here, so adding a step without raising this number fails at once."""

VERSION = 25
