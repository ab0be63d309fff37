"""The Reader (domain/reader.py) over the SQLite database: each method reads through a plain sqlite3 snapshot
(`Database.snapshot()`, no SQLAlchemy), with the same plain-SQL queries the window has always used, so its first
paint is as fast as before. Nested calls share the outer snapshot: `consistent()` is one."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from cmdesk.domain import Account
from cmdesk.domain.reader import Thread, Workspace
from cmdesk.domain.reads import (
    Alert,
    CalendarPost,
    Client,
    Conversation,
    ConversationFilter,
    Label,
    OutboxEntry,
    OutboxState,
    PageKey,
    Person,
    SearchHit,
    Snippet,
    SyncState,
    Tally,
)
from cmdesk.storage import (
    alerts,
    fts,
    notes,
    outbox_reads,
    people,
    queries,
    snippets,
    syncstate,
    triage,
    usage,
    workspace_reads,
)
from cmdesk.storage.database import Database
from cmdesk.storage.team import link as team_link

if TYPE_CHECKING:
    from cmdesk.domain.reporting import Period, ReportData  # the Reports pane's, not the first screen's


class Snapshots(Protocol):
    """Where the reads run: `Database` on a laptop, storage/team/server_reader.TeamSnapshots on the team database."""

    def snapshot(self) -> AbstractContextManager[Any]: ...


class SqliteReader:
    def __init__(self, database: Database | Snapshots) -> None:
        self._database = database

    @contextmanager
    def consistent(self) -> Iterator[None]:
        with self._database.snapshot():
            yield

    # conversations ---------------------------------------------------------------------------------------------
    def conversation_page(
        self,
        view: ConversationFilter,
        *,
        after: PageKey | None = None,
        before: PageKey | None = None,
        offset: int = 0,
        from_end: bool = False,
        limit: int = 100,
    ) -> list[Conversation]:
        with self._database.snapshot() as connection:
            return queries.conversation_page(
                connection, view, after=after, before=before, offset=offset, from_end=from_end, limit=limit
            )

    def conversations_by_ids(self, ids: Sequence[int]) -> list[Conversation]:
        with self._database.snapshot() as connection:
            return queries.conversations_by_ids(connection, ids)

    def count(self, view: ConversationFilter) -> int:
        with self._database.snapshot() as connection:
            return queries.count(connection, view)

    def count_up_to(self, view: ConversationFilter, cap: int) -> int:
        with self._database.snapshot() as connection:
            return queries.count_up_to(connection, view, cap)

    def position(self, view: ConversationFilter, key: PageKey, *, up_to: int | None = None) -> int:
        with self._database.snapshot() as connection:
            return queries.position(connection, view, key, up_to=up_to)

    def tallies(self, view: ConversationFilter) -> dict[tuple[str, str], Tally]:
        with self._database.snapshot() as connection:
            return queries.tallies_by_status_and_kind(connection, view)

    def search(self, text: str, *, limit: int = 50, mark: tuple[str, str] = ("[", "]")) -> list[SearchHit]:
        with self._database.snapshot() as connection:
            return fts.search(connection, text, limit=limit, mark=mark)

    def thread(self, conversation_id: int, account_id: int) -> Thread:
        with self._database.snapshot() as connection:
            return Thread(
                messages=queries.thread(connection, conversation_id),
                account=workspace_reads.get_account(connection, account_id),
                pending=outbox_reads.for_conversation(connection, conversation_id),
                activity=queries.activity_counts(connection, conversation_id),
                notes=notes.for_conversation(connection, conversation_id),
            )

    # workspace -------------------------------------------------------------------------------------------------
    def workspace(self) -> Workspace:
        with self._database.snapshot() as connection:
            return Workspace(
                clients=workspace_reads.list_clients(connection),
                accounts=workspace_reads.list_accounts(connection),
                states=syncstate.load_all(connection),
                labels=triage.list_labels(connection),
                waiting=outbox_reads.count_pending(connection),
                **self._people(connection),
            )

    def _people(self, connection: Any) -> dict[str, Any]:
        """This laptop's person and the team's people, for `Workspace` (none outside a team)."""
        return team_link.people(connection)

    def person(self, name: str) -> Person:
        with self._database.snapshot() as connection:
            return people.person(connection, name)

    def clients(self) -> list[Client]:
        with self._database.snapshot() as connection:
            return workspace_reads.list_clients(connection)

    def client(self, client_id: int) -> Client:
        with self._database.snapshot() as connection:
            return workspace_reads.get_client(connection, client_id)

    def accounts(self) -> list[Account]:
        with self._database.snapshot() as connection:
            return workspace_reads.list_accounts(connection)

    def account(self, account_id: int) -> Account:
        with self._database.snapshot() as connection:
            return workspace_reads.get_account(connection, account_id)

    def account_counts(self) -> dict[int, tuple[int, int]]:
        with self._database.snapshot() as connection:
            return workspace_reads.account_counts(connection)

    def sync_states(self) -> dict[int, SyncState]:
        with self._database.snapshot() as connection:
            return syncstate.load_all(connection)

    def usage(self) -> dict[tuple[str, str], int]:
        with self._database.snapshot() as connection:
            return usage.recent(connection)

    def labels(self) -> list[Label]:
        with self._database.snapshot() as connection:
            return triage.list_labels(connection)

    def snippets(self, client_ids: Sequence[int]) -> list[Snippet]:
        with self._database.snapshot() as connection:
            return snippets.listing(connection, client_ids)

    def report(self, client_id: int | None, period: Period) -> ReportData:
        from cmdesk.storage import report_reads  # not on the way to the first screen

        with self._database.snapshot() as connection:
            return report_reads.report(connection, client_id, period)

    def report_overview(self, client_id: int | None, period: Period) -> ReportData:
        from cmdesk.storage import report_reads

        with self._database.snapshot() as connection:
            return report_reads.overview(connection, client_id, period)

    def report_conversations(self, client_id: int | None, ranges: Sequence[tuple[datetime, datetime]]) -> list[int]:
        from cmdesk.storage import report_reads

        with self._database.snapshot() as connection:
            return report_reads.conversations_between(connection, client_id, ranges)

    def alerts(self, *, unacknowledged: bool = False) -> list[Alert]:
        with self._database.snapshot() as connection:
            return alerts.listing(connection, unacknowledged=unacknowledged)

    def alert_conversations(self, alert: Alert) -> list[int]:
        with self._database.snapshot() as connection:
            return alerts.conversations_of(connection, alert)

    def reach(self, message_ids: Sequence[int]) -> dict[int, int]:
        with self._database.snapshot() as connection:
            return alerts.reach(connection, message_ids)

    def shares(self, conversation_ids: Sequence[int]) -> dict[int, int]:
        with self._database.snapshot() as connection:
            return alerts.shares(connection, conversation_ids)

    # outbox ----------------------------------------------------------------------------------------------------
    def outbox(self, limit: int = 500, *, offset: int = 0, states: Sequence[OutboxState] = ()) -> list[OutboxEntry]:
        with self._database.snapshot() as connection:
            return outbox_reads.listing(connection, limit, offset=offset, states=states)

    def outbox_count(self, states: Sequence[OutboxState] = ()) -> int:
        with self._database.snapshot() as connection:
            return outbox_reads.count(connection, states)

    def outbox_entry(self, entry_id: int) -> OutboxEntry | None:
        with self._database.snapshot() as connection:
            try:
                return outbox_reads.get(connection, entry_id)
            except outbox_reads.OutboxError:
                return None

    def calendar(self, start: datetime, end: datetime) -> list[CalendarPost]:
        with self._database.snapshot() as connection:
            return outbox_reads.posts_between(connection, start, end)
