"""The Reader (domain/reader.py) over the team database: the laptop's own plain-SQL reads (storage/queries.py and the
other read modules, written to mean the same on SQLite and PostgreSQL: storage/rawsql.py) run on PostgreSQL, each
call in a read-only REPEATABLE READ transaction that nested calls share (`consistent()` is one), and search through
PostgreSQL's own full-text index (storage/team/server_search.py).

What reads it: `cmdesk inbox --from-team` and `cmdesk search --from-team` (what the team database holds, without
waiting for this laptop's copy), and bench/query.py --postgres. The window reads the laptop's copy (offline first),
which the team's log keeps in step."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from cmdesk.domain.reads import SearchHit
from cmdesk.storage.rawsql import rows
from cmdesk.storage.sqlite_reader import SqliteReader
from cmdesk.storage.team import server_search

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine


class TeamSnapshots:
    """`snapshot()`: one read-only REPEATABLE READ transaction on the team database (a pooled connection), shared by
    the blocks nested in it on the same thread — as `Database.snapshot()` is on a laptop."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._local = threading.local()

    @contextmanager
    def snapshot(self) -> Iterator[Connection]:
        current: Connection | None = getattr(self._local, "connection", None)
        if current is not None:
            yield current
            return
        with self._engine.connect() as connection:
            reading = connection.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
            with reading.begin():
                self._local.connection = reading
                try:
                    yield reading
                finally:
                    self._local.connection = None


class PostgresReader(SqliteReader):
    """The same reads as a laptop's, on the team database."""

    def __init__(self, engine: Engine, person: str = "") -> None:
        super().__init__(TeamSnapshots(engine))
        self._person = person

    def _people(self, connection: Any) -> dict[str, Any]:
        names = {str(row[0]) for row in rows(connection, "SELECT DISTINCT person FROM team_laptops")}
        if not self._person:
            return {"teammates": tuple(sorted(names, key=str.casefold))}
        return {"person": self._person, "teammates": tuple(sorted(names | {self._person}, key=str.casefold))}

    def search(self, text: str, *, limit: int = 50, mark: tuple[str, str] = ("[", "]")) -> list[SearchHit]:
        with self._database.snapshot() as connection:
            return server_search.search(connection, text, limit=limit, mark=mark)
