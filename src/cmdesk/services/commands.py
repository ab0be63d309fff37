"""How a use case writes: a command is a function of one write connection that returns `Done(value, changes)`.

The window submits commands to the writer thread (AppContext.submit: it never waits for the write lock while a sync
commits) and refreshes its panes from the one `Changes` notice each command sends; the command line runs the same
commands inline (`run`). Either way the write is the same code, so the window and the CLI cannot drift apart.

`Refused` carries a reason for the user (a name already taken, an entry that can no longer be cancelled); any other
exception is a bug or a storage failure and is reported as such.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from cmdesk.storage.database import Database

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Changes:
    """What a command changed, so each pane refreshes what it shows of it and nothing else."""

    conversations: frozenset[int] = frozenset()
    """Conversations whose status, read mark, labels or messages changed (the list, the thread, the counts)."""
    outbox: frozenset[int] = frozenset()
    """Outbox entries added or moved (the Outbox, the calendar, the thread's unsent replies)."""
    accounts: frozenset[int] = frozenset()
    """Accounts added, renamed, removed or reconfigured (Sources, the sidebar, the composer's list)."""
    clients: frozenset[int] = frozenset()
    """Clients added, renamed, removed or reconfigured (signature, slots, snippets)."""
    labels: bool = False
    """The list of labels changed (the sidebar's label views)."""
    views: bool = False
    """Which conversations a view holds may have changed (the list reloads; the counts are read again)."""

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.conversations | other.conversations,
            self.outbox | other.outbox,
            self.accounts | other.accounts,
            self.clients | other.clients,
            self.labels or other.labels,
            self.views or other.views,
        )

    @property
    def workspace(self) -> bool:
        """Clients or accounts changed: everything that lists them."""
        return bool(self.accounts or self.clients)

    @classmethod
    def of_conversations(cls, ids: Iterable[int], *, views: bool = True) -> Changes:
        return cls(conversations=frozenset(ids), views=views)

    @classmethod
    def of_outbox(cls, ids: Iterable[int], conversations: Iterable[int | None] = ()) -> Changes:
        return cls(outbox=frozenset(ids), conversations=frozenset(c for c in conversations if c is not None))


@dataclass(frozen=True, slots=True)
class Done(Generic[T]):
    value: T
    changes: Changes = field(default_factory=Changes)


Command = Callable[["Connection"], Done[T]]
Job = Callable[["Database"], Done[T]]
"""A use case that needs several transactions of its own (loading the demo workspace through the ingest path)."""


class Refused(Exception):
    """The command could not do what was asked; `str()` says why, in words for the user."""


def refusals() -> tuple[type[Exception], ...]:
    """The storage errors that mean "not allowed" rather than "broken" (imported here, after the first paint)."""
    from cmdesk.storage.outbox_reads import OutboxError
    from cmdesk.storage.triage import TriageError
    from cmdesk.storage.workspace_reads import WorkspaceError

    return (Refused, OutboxError, TriageError, WorkspaceError)


def run(database: Database, command: Command[T]) -> T:
    """Run a command inline in one transaction (the command line, scripts, tests); storage refusals become Refused."""
    return run_done(database, command).value


def run_done(database: Database, command: Command[T]) -> Done[T]:
    try:
        with database.write() as connection:
            return command(connection)
    except refusals() as error:
        if isinstance(error, Refused):
            raise
        raise Refused(str(error)) from None


def run_job(database: Database, job: Job[T]) -> Done[T]:
    """Run a whole-database job (its own transactions); storage refusals become Refused."""
    try:
        return job(database)
    except refusals() as error:
        if isinstance(error, Refused):
            raise
        raise Refused(str(error)) from None
