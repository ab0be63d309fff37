"""Which index ranges a conversation view is read through, on SQLite and PostgreSQL alike: a view split into parts
that each read one range already in activity order (per account, per status and kind, per assignee, per sentiment
and status), merged by storage/queries.py; and, on SQLite, the index a count or a part is told to read where the
planner's statistics mislead it (`small_index`, `part_index`)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from cmdesk.domain.reads import ConversationFilter
from cmdesk.storage.rawsql import Reader, marks, on_postgres, rows

KINDS = ("feed", "mention", "message", "comment", "email")
MAX_BRANCHES = 40
NO_ACCOUNT = 0
"""An account id no row has (ids start at 1): a view scoped to clients or networks without any account reads one
empty range of the account index, not every conversation testing each."""


def branches(connection: Reader, view: ConversationFilter) -> list[ConversationFilter]:
    """The view's parts (`parts`); a negative-first view's parts split again into their negative rows and the
    others, so each part still reads one index range in time order."""
    whole = parts(connection, view)
    if not view.negative_first:
        return whole
    return [
        split
        for part in whole
        for split in (
            replace(part, sentiments=("negative",)),
            replace(part, sentiment_excluded=(*part.sentiment_excluded, "negative")),
        )
    ]


def parts(connection: Reader, view: ConversationFilter) -> list[ConversationFilter]:
    if (view.overdue or view.held) and not (view.account_ids or view.client_ids):
        return [view]  # one range of a small partial index (due, held), in activity order
    if len(view.assignees) == 1 and not scoped(view):
        # Mine, Unassigned: one range of (assignee, last_activity_at, id), in activity order. Split by status and
        # kind, each part walked that range testing them, and a kind with no row walked all of it (Unassigned's
        # first page on 1,000,000: 2.5 s).
        return [view]
    if view.sentiments and view.statuses and not scoped(view):
        # Negative: one range of (sentiment, status, last_activity_at, id) per sentiment and status. Split by status
        # and kind, each part walked every open conversation of its kind testing its sentiment: 230–350 ms on
        # 1,000,000 messages when few were negative.
        return [
            replace(view, sentiments=(one,), statuses=(status,)) for one in view.sentiments for status in view.statuses
        ]
    if view.monitored and not view.kinds:
        # Monitoring: feed posts through the (status, kind) ranges, and the other kinds' monitored conversations
        # through their own small index (`ix_conversations_monitored`), so neither part scans the inbox.
        feed, heard = monitoring_halves(view)
        return [*_plainparts(connection, feed), heard]
    return _plainparts(connection, view)


def monitoring_halves(view: ConversationFilter) -> tuple[ConversationFilter, ConversationFilter]:
    """A Monitoring view as its feed posts and the other kinds' conversations heard by a monitor: as one filter with
    an OR, both a page and a count read every conversation."""
    others = tuple(kind for kind in KINDS if kind != "feed")
    return replace(view, monitored=False, kinds=("feed",)), replace(
        view, monitored=False, heard_only=True, kinds=others
    )


def _plainparts(connection: Reader, view: ConversationFilter) -> list[ConversationFilter]:
    """Split a view into parts that each read one index range already in activity order, so the database merges
    a few short ordered lists instead of sorting every matching row (250 ms → ~5 ms for "All open" on 430,000
    conversations):
    - scoped to accounts (or clients, or networks): one part per account, on (account_id, last_activity_at, id);
    - otherwise with a status filter: one part per (status, kind), on (status, kind, last_activity_at, id).
    """
    account_ids = list(view.account_ids)
    if (view.client_ids or view.networks) and not account_ids:
        account_ids = accounts_of(connection, view) or [NO_ACCOUNT]
    if account_ids:
        if len(account_ids) > MAX_BRANCHES:
            return [view]
        return [replace(view, account_ids=(account_id,), client_ids=(), networks=()) for account_id in account_ids]
    if not view.statuses:
        return [view]
    return [
        replace(view, statuses=(status,), kinds=(kind,)) for status in view.statuses for kind in (view.kinds or KINDS)
    ]


def accounts_of(connection: Reader, view: ConversationFilter) -> list[int]:
    """The accounts of the view's clients and networks. A network filter (To answer: the networks cmdesk answers)
    reads those accounts' own ranges: split by status and kind instead, each part walked every conversation of its
    kind from the other networks (the feeds' comments of a desk that mostly listens: To answer's first page on
    1,000,000 feed conversations took 0.4–2.3 s to find none)."""
    clauses: list[str] = []
    params: list[Any] = []
    if view.client_ids:
        clauses.append(f"client_id IN ({marks(view.client_ids)})")
        params.extend(view.client_ids)
    if view.networks:
        clauses.append(f"network IN ({marks(view.networks)})")
        params.extend(view.networks)
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    return [row[0] for row in rows(connection, f"SELECT id FROM accounts{where}", params)]


SMALL_INDEXES = (
    ("held", "ix_conversations_held"),
    ("overdue", "ix_conversations_due"),
    ("heard_only", "ix_conversations_monitored"),
)
"""The partial indexes that hold exactly a view's few rows (held, with a due time, heard by a monitor). Counting
such a view, SQLite chose the (status, kind) index and read every open conversation (Overdue 274 ms, To moderate
254 ms on the 1,000,000-message database); it is told to read the small index instead."""


def small_index(connection: Reader, view: ConversationFilter) -> str:
    """` INDEXED BY …` on SQLite for a view whose rows one index holds, where the planner misjudges it; "" otherwise,
    and on PostgreSQL, which plans these by itself:
    - a view one of SMALL_INDEXES holds (its clauses imply the index's WHERE);
    - a person's conversations (Mine): most conversations are assigned to nobody, so once ANALYZE has run the
      assignee index's statistics say each assignee has them all, and SQLite counted a person's few by reading the
      whole table (150 ms on 1,000,000 messages);
    - some sentiments (Negative): likewise while most conversations are not judged yet.
    """
    if on_postgres(connection):
        return ""
    for flag, index in SMALL_INDEXES:
        if getattr(view, flag):
            return f" INDEXED BY {index}"
    if scoped(view):
        return ""
    if view.assignees and "" not in view.assignees:
        return " INDEXED BY ix_conversations_assignee"
    if view.sentiments:
        return " INDEXED BY ix_conversations_sentiment_activity"
    return ""


def part_index(connection: Reader, view: ConversationFilter) -> str:
    """The index a page's part reads (`small_index`): without it, SQLite walked the whole activity index to find
    no held conversation (a partial index has no statistics while it is empty; To moderate's first page: 270 ms
    on 1,000,000 messages). A part scoped to accounts reads their own range; a sentiment's only with one status,
    the range then in activity order (`parts`)."""
    if scoped(view) or (view.sentiments and len(view.statuses) != 1):
        return ""
    return small_index(connection, view)


def scoped(view: ConversationFilter) -> bool:
    """Whether the view keeps to some accounts (directly, or its clients' or its networks'), read per account."""
    return bool(view.account_ids or view.client_ids or view.networks)
