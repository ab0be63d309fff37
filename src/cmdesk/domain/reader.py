"""The Reader protocol: everything the window and its models read, in domain terms (domain/reads.py). The SQLite
implementation is storage/sqlite_reader.py; a PostgreSQL one (team mode) implements the same methods, so nothing
above services/ changes with the database.

Each call reads one consistent state; calls made inside `with reader.consistent():` all read the same one."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from cmdesk.domain.reads import (
    Alert,
    CalendarPost,
    Client,
    Conversation,
    ConversationFilter,
    Label,
    Message,
    Note,
    OutboxEntry,
    OutboxState,
    PageKey,
    Person,
    SearchHit,
    Snippet,
    SyncState,
    Tally,
)
from cmdesk.domain.types import Account

if TYPE_CHECKING:
    from cmdesk.domain.reporting import Period, ReportData  # the Reports pane's, not the first screen's


class ReadError(Exception):
    """A read the database could not answer (a damaged page, a locked file), with a one-line reason for people.
    Whoever implements the Reader raises it (or a subclass: storage's StorageError)."""


@dataclass(frozen=True, slots=True)
class Workspace:
    """What the sidebar and the status bar show, read together."""

    clients: list[Client]
    accounts: list[Account]
    states: dict[int, SyncState]
    labels: list[Label]
    waiting: int
    """Outbox entries not yet done (scheduled, sending, failed, to check)."""
    person: str = ""
    """Who uses this laptop in its team ("" outside a team): the Mine view, "assign to me"."""
    teammates: tuple[str, ...] = ()
    """The team's people as last heard from the team database (this laptop's person among them)."""
    team: TeamSummary | None = None
    """This laptop's team (None outside one): what Sources says of it."""


@dataclass(frozen=True, slots=True)
class TeamSummary:
    server: str
    """The team database's address (no password is ever in it)."""
    laptop: str
    waiting: int
    """This laptop's changes not yet replayed to the team."""


@dataclass(frozen=True, slots=True)
class Thread:
    """A conversation's messages with what the thread pane shows beside them, read together."""

    messages: list[Message]
    account: Account
    pending: list[OutboxEntry]
    """Replies not yet sent, being sent, failed or to check."""
    activity: Mapping[str, Mapping[str, int]]
    """Favourites, boosts… per message remote id."""
    notes: Sequence[Note] = ()
    """Internal notes on the conversation, oldest first."""


class Reader(Protocol):
    def consistent(self) -> AbstractContextManager[None]:
        """Calls inside the block read one state of the database."""
        ...

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
    ) -> list[Conversation]: ...

    def conversations_by_ids(self, ids: Sequence[int]) -> list[Conversation]: ...

    def count(self, view: ConversationFilter) -> int: ...

    def count_up_to(self, view: ConversationFilter, cap: int) -> int: ...

    def position(self, view: ConversationFilter, key: PageKey, *, up_to: int | None = None) -> int: ...

    def tallies(self, view: ConversationFilter) -> dict[tuple[str, str], Tally]:
        """(status, kind) → conversations and unanswered ones, in one scan (the sidebar's counts)."""
        ...

    def search(self, text: str, *, limit: int = 50, mark: tuple[str, str] = ("[", "]")) -> list[SearchHit]: ...

    def thread(self, conversation_id: int, account_id: int) -> Thread: ...

    def person(self, name: str) -> Person:
        """Everything `name` wrote, across conversations and networks, and the note kept about them."""
        ...

    # workspace -------------------------------------------------------------------------------------------------
    def workspace(self) -> Workspace: ...

    def clients(self) -> list[Client]: ...

    def client(self, client_id: int) -> Client: ...

    def accounts(self) -> list[Account]: ...

    def account(self, account_id: int) -> Account: ...

    def account_counts(self) -> dict[int, tuple[int, int]]:
        """Account id → (conversations, messages)."""
        ...

    def sync_states(self) -> dict[int, SyncState]: ...

    def usage(self) -> dict[tuple[str, str], int]:
        """Units spent per (meter, period) of metered quotas (storage/usage.py)."""
        ...

    def labels(self) -> list[Label]: ...

    def snippets(self, client_ids: Sequence[int]) -> list[Snippet]: ...

    def report(self, client_id: int | None, period: Period) -> ReportData:
        """A client's report over a period (None: all clients; domain/reporting.py)."""
        ...

    def report_overview(self, client_id: int | None, period: Period) -> ReportData:
        """The same report's counts alone (received, sent, the charts' series), read in milliseconds."""
        ...

    def report_conversations(self, client_id: int | None, ranges: Sequence[tuple[datetime, datetime]]) -> list[int]:
        """The conversations with an inbound message in these UTC ranges (behind a bar or a cell of a chart)."""
        ...

    def alerts(self, *, unacknowledged: bool = False) -> list[Alert]:
        """Bad-buzz alerts, newest first."""
        ...

    def alert_conversations(self, alert: Alert) -> list[int]:
        """The conversations an alert's messages are in."""
        ...

    def reach(self, message_ids: Sequence[int]) -> dict[int, int]:
        """How many follow each message's author, where the network tells it."""
        ...

    def shares(self, conversation_ids: Sequence[int]) -> dict[int, int]:
        """How many times each conversation's messages were boosted (where the network tells it)."""
        ...

    # outbox ----------------------------------------------------------------------------------------------------
    def outbox(self, limit: int = 500, *, offset: int = 0, states: Sequence[OutboxState] = ()) -> list[OutboxEntry]:
        """What needs the user first, then what waits in the order it goes out, then what is done; `states` keeps
        only those, `offset` pages on."""
        ...

    def outbox_count(self, states: Sequence[OutboxState] = ()) -> int: ...

    def outbox_entry(self, entry_id: int) -> OutboxEntry | None: ...

    def calendar(self, start: datetime, end: datetime) -> list[CalendarPost]:
        """Posts planned in [start, end) (any state but cancelled), in time order."""
        ...
