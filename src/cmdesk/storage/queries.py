"""Read-side queries: keyset-paged conversation lists (newest activity first), counts per view, threads, export.

Keyset paging (`WHERE (last_activity_at, id) < (:at, :id)`) costs the same on page 1 and page 10,000, which is what
the inbox's lazy list needs; OFFSET would get slower the further one scrolls.

Plain SQL over the DB-API connection, without SQLAlchemy (storage/rawsql.py says why): the window reads its first
page with these before SQLAlchemy is imported. Every function takes a `Reader`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from cmdesk.domain.reads import Conversation, ConversationFilter, Message, PageKey, Tally
from cmdesk.storage import conversation_counts, measures, view_ranges
from cmdesk.storage.rawsql import Reader, json_column, marks, on_postgres, rows, scalar
from cmdesk.storage.timeutil import from_db, to_sqlite_text, utcnow

__all__ = ["Conversation", "ConversationFilter", "Message", "PageKey", "Tally"]


def _where(
    view: ConversationFilter, *, counting: bool = False, labelled_first: bool = False
) -> tuple[list[str], list[Any]]:
    """The view's conditions on `c` (conversations) and their parameters.

    A label is an EXISTS for pages (the activity index is read in order and stops after a page: ~5 ms) and an IN
    list from the labels' own index for counts (a correlated EXISTS looked at all 430,000 conversations: 190 ms
    per label; the IN list, 15 ms).
    """
    clauses: list[str] = []
    params: list[Any] = []

    def among(column: str, values: Sequence[Any]) -> None:
        clauses.append(f"{column} IN ({marks(values)})")
        params.extend(values)

    if view.client_ids:
        clauses.append(f"c.account_id IN (SELECT id FROM accounts WHERE client_id IN ({marks(view.client_ids)}))")
        params.extend(view.client_ids)
    if view.account_ids:
        among("c.account_id", view.account_ids)
    if view.networks:
        clauses.append(f"c.account_id IN (SELECT id FROM accounts WHERE network IN ({marks(view.networks)}))")
        params.extend(view.networks)
    if view.kinds:
        among("c.kind", view.kinds)
    if view.statuses:
        among("c.status", view.statuses)
    if view.unread_only:
        clauses.append("c.unread")
    if view.unanswered:
        clauses.append("c.last_direction = 'in'")
    if view.sentiments:
        among("c.sentiment", view.sentiments)
    if view.sentiment_excluded:
        clauses.append(f"c.sentiment NOT IN ({marks(view.sentiment_excluded)})")
        params.extend(view.sentiment_excluded)
    if view.conversation_ids:
        among("c.id", view.conversation_ids)
    if view.monitored:
        clauses.append("(c.kind = 'feed' OR c.monitor != '')")
    if view.heard_only:
        clauses.append("c.monitor != ''")
    if view.assignees:
        among("c.assignee", view.assignees)
    if view.held:
        clauses.append("c.held_count > 0")  # through ix_conversations_held, which holds exactly those
    if view.overdue:
        # Through ix_conversations_due, whose rows are exactly those with a due time (storage/response_times.py).
        clauses.append("c.due_at IS NOT NULL AND c.due_at <= ? AND c.last_direction = 'in'")
        params.append(to_sqlite_text(utcnow()))
    if view.label_ids:
        labelled = f"SELECT conversation_id FROM conversation_labels WHERE label_id IN ({marks(view.label_ids)})"
        if labelled_first:  # PostgreSQL only: the label's few rows read first, then sorted (see conversation_page)
            clauses.append(f"c.id = ANY(ARRAY({labelled}))")
        elif counting:
            clauses.append(f"c.id IN ({labelled})")
        else:
            clauses.append(f"EXISTS ({labelled} AND conversation_id = c.id)")
        params.extend(view.label_ids)
    return clauses, params


def _sql_where(clauses: Sequence[str]) -> str:
    return f" WHERE {' AND '.join(clauses)}" if clauses else ""


ROW_COLUMNS = (
    "c.id AS id, c.account_id AS account_id, a.name AS account_name, a.network AS network, a.client_id AS client_id, "
    "c.kind AS kind, c.title AS title, c.snippet AS snippet, c.last_author AS last_author, c.status AS status, "
    "c.unread AS unread, c.message_count AS message_count, c.last_activity_at AS last_activity_at, c.url AS url, "
    "c.snoozed_until AS snoozed_until, c.remote_id AS remote_id, c.last_direction AS last_direction, "
    # Who has waited longest for an answer: the first to write in since the user's last message (a comment thread
    # is not named after its latest commenter, who hides the question asked first). Worked out only for the rows
    # read (a page, through the conversation/created index).
    "CASE WHEN c.last_direction = 'in' AND c.message_count > 1 THEN (SELECT w.author_name FROM messages AS w "
    "WHERE w.conversation_id = c.id AND w.direction = 'in' AND NOT (c.kind = 'comment' AND w.remote_id = c.remote_id) "
    "AND w.created_at > coalesce((SELECT max(o.created_at) "
    "FROM messages AS o WHERE o.conversation_id = c.id AND o.direction = 'out'), '0001-01-01 00:00:00') "
    "ORDER BY w.created_at LIMIT 1) END AS waiting_author, c.sentiment AS sentiment, c.monitor AS monitor, "
    "c.due_at AS due_at, c.management_note AS management_note, c.held_count AS held_count, "
    "c.assignee AS assignee"
)
ROW_JOIN = "JOIN accounts AS a ON a.id = c.account_id"
ROW_FROM = f"FROM conversations AS c {ROW_JOIN}"


def _rows(connection: Reader, sql: str, params: Sequence[Any]) -> list[Conversation]:
    found = rows(connection, sql, params)
    names = _labels_for(connection, [row[0] for row in found])
    return [
        Conversation(
            id=row[0],
            account_id=row[1],
            account_name=row[2],
            network=row[3],
            client_id=row[4],
            kind=row[5],
            title=row[6],
            snippet=row[7],
            last_author=row[8],
            status=row[9],
            unread=bool(row[10]),
            message_count=row[11],
            last_activity_at=from_db(row[12]) or datetime.min,
            url=row[13],
            snoozed_until=from_db(row[14]),
            labels=tuple(name for name, _colour in names.get(row[0], ())),
            label_colours=tuple(colour for _name, colour in names.get(row[0], ())),
            remote_id=row[15],
            answered=row[16] == "out",
            waiting_author=row[17] or "",
            sentiment=row[18],
            monitor=row[19],
            due_at=from_db(row[20]),
            management_note=row[21],
            held=row[22],
            assignee=row[23],
        )
        for row in found
    ]


def _negative(prefix: str) -> str:
    """1 for a negative conversation, else 0 (a number on SQLite and PostgreSQL alike: a page key compares it)."""
    return f"(CASE WHEN {prefix}sentiment = 'negative' THEN 1 ELSE 0 END)"


def _order(oldest_first: bool, prefix: str = "c.", *, ranked: bool = False) -> str:
    direction = "ASC" if oldest_first else "DESC"
    rank = f"{_negative(prefix)} {direction}, " if ranked else ""
    return f" ORDER BY {rank}{prefix}last_activity_at {direction}, {prefix}id {direction}"


def _keyset(after: PageKey | None, before: PageKey | None, *, ranked: bool = False) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    for key, sign in ((after, "<"), (before, ">")):
        if key is not None:
            at = to_sqlite_text(key.last_activity_at)
            same_time = f"(c.last_activity_at {sign} ? OR (c.last_activity_at = ? AND c.id {sign} ?))"
            if ranked:
                rank = _negative("c.")
                clauses.append(f"({rank} {sign} ? OR ({rank} = ? AND {same_time}))")
                params.extend((key.negative, key.negative, at, at, key.id))
            else:
                clauses.append(same_time)
                params.extend((at, at, key.id))
    return clauses, params


KEY_COLUMNS = "c.id AS id, c.last_activity_at AS last_activity_at, c.sentiment AS sentiment"
"""What a part of a page reads: the row's place in the order, not the row (see conversation_page)."""


def _branch(
    connection: Reader,
    view: ConversationFilter,
    after: PageKey | None,
    before: PageKey | None,
    *,
    labelled_first: bool = False,
    keys_only: bool = False,
) -> tuple[str, list[Any]]:
    """One part's SELECT (without ORDER BY or LIMIT) and its parameters."""
    clauses, params = _where(view, labelled_first=labelled_first)
    keyset, keyset_params = _keyset(after, before, ranked=view.negative_first)
    table = f"conversations AS c{view_ranges.part_index(connection, view)}"
    columns = f"{KEY_COLUMNS} FROM {table}" if keys_only else f"{ROW_COLUMNS} FROM {table} {ROW_JOIN}"
    return f"SELECT {columns}{_sql_where(clauses + keyset)}", params + keyset_params


def conversation_page(
    connection: Reader,
    view: ConversationFilter,
    *,
    after: PageKey | None = None,
    before: PageKey | None = None,
    offset: int = 0,
    from_end: bool = False,
    limit: int = 100,
) -> list[Conversation]:
    """Conversations newest activity first, one page at a time.

    - `after`: the page following a row (keyset: as fast at row 400,000 as at row 0);
    - `before`: the page preceding a row;
    - `offset`: the page starting at that position (for jumps; SQLite walks the index to get there);
    - `from_end`: count `offset` from the oldest end instead (scrolling to the bottom reads the index backwards).
    Rows always come back newest first.
    """
    oldest_first = from_end or before is not None
    parts = view_ranges.branches(connection, view)
    labelled_first = _few_labelled(connection, view)
    if len(parts) == 1:
        sql, params = _branch(connection, parts[0], after, before, labelled_first=labelled_first)
        sql += _order(oldest_first, ranked=view.negative_first)
        page = _rows(connection, f"{sql} LIMIT ? OFFSET ?", [*params, limit, offset])
        return page[::-1] if oldest_first else page
    # Each part reads only the keys of its first rows; the rows of the page itself are read once they are chosen,
    # so who waits (a subquery a row) is worked out for 100 rows, not for 100 a part (one client of 20 sources:
    # 24 → 5 ms on SQLite, 36 → 8 ms on PostgreSQL, bench/query.py).
    selects: list[str] = []
    params = []
    for part in parts:
        branch, branch_params = _branch(connection, part, after, before, labelled_first=labelled_first, keys_only=True)
        selects.append(f"SELECT * FROM ({branch}{_order(oldest_first)} LIMIT ?) AS part{len(selects)}")
        params.extend((*branch_params, offset + limit))
    merged = " UNION ALL ".join(selects)
    ranked = view.negative_first
    chosen = f"SELECT id FROM ({merged}) AS parts{_order(oldest_first, '', ranked=ranked)} LIMIT ? OFFSET ?"
    sql = f"SELECT {ROW_COLUMNS} {ROW_FROM} WHERE c.id IN ({chosen}){_order(oldest_first, ranked=ranked)}"
    page = _rows(connection, sql, [*params, limit, offset])
    return page[::-1] if oldest_first else page


FEW_LABELLED = 20_000


def _few_labelled(connection: Reader, view: ConversationFilter) -> bool:
    """On PostgreSQL, whether the view's labels hold few enough conversations to read them first and sort them
    (~20 ms for 4,400 of 430,000) rather than walk the activity index testing each row (~85 ms: PostgreSQL probes
    the label's index once a row, where SQLite's EXISTS costs ~5 ms). A label on most conversations is walked."""
    if not view.label_ids or not on_postgres(connection):
        return False
    labelled = f"SELECT 1 FROM conversation_labels WHERE label_id IN ({marks(view.label_ids)}) LIMIT ?"
    sql = f"SELECT count(*) FROM ({labelled}) AS few"
    return int(scalar(connection, sql, [*view.label_ids, FEW_LABELLED + 1]) or 0) <= FEW_LABELLED


def conversations_by_ids(connection: Reader, ids: Sequence[int]) -> list[Conversation]:
    """The given conversations (in no particular order)."""
    if not ids:
        return []
    return _rows(connection, f"SELECT {ROW_COLUMNS} {ROW_FROM} WHERE c.id IN ({marks(ids)})", ids)


def _labels_for(connection: Reader, conversation_ids: Sequence[int]) -> dict[int, tuple[tuple[str, str], ...]]:
    """(name, colour) of each conversation's labels, by name."""
    if not conversation_ids:
        return {}
    found: dict[int, list[tuple[str, str]]] = {}
    query = (
        "SELECT cl.conversation_id, l.name, l.color FROM conversation_labels AS cl "
        f"JOIN labels AS l ON l.id = cl.label_id WHERE cl.conversation_id IN ({marks(conversation_ids)}) "
        "ORDER BY l.name"
    )
    for conversation_id, name, colour in rows(connection, query, conversation_ids):
        found.setdefault(conversation_id, []).append((name, colour))
    return {key: tuple(value) for key, value in found.items()}


def count(connection: Reader, view: ConversationFilter) -> int:
    if conversation_counts.answers(view):  # the kept counts: a few hundred rows, whatever the database's size
        found = conversation_counts.tallies(connection, view).values()
        return sum(t.unanswered if view.unanswered else t.conversations for t in found)
    if view.label_ids and view == ConversationFilter(label_ids=view.label_ids):
        # A label view of every client: its index alone knows (0.4 ms instead of 15).
        sql = "SELECT count(DISTINCT conversation_id) FROM conversation_labels WHERE label_id IN "
        return int(scalar(connection, f"{sql}({marks(view.label_ids)})", view.label_ids) or 0)
    if view.monitored and not view.kinds:
        # Monitoring: the feed posts from the kept counts, the other kinds' monitored conversations from their own
        # small index — as one query with an OR it read every conversation (164 ms on 430,000).
        return sum(count(connection, half) for half in view_ranges.monitoring_halves(view))
    if view.assignees == ("",):
        # Unassigned (in a team): all of them less the few assigned, both read through small ranges — counting the
        # unassigned ones themselves read most of the database (265 ms for 285,000 of 430,000).
        everyone = replace(view, assignees=())
        clauses, params = _where(everyone, counting=True)
        where = _sql_where([*clauses, "c.assignee > ''"])
        assigned = f"SELECT count(*) FROM conversations AS c{where}"
        return count(connection, everyone) - int(scalar(connection, assigned, params) or 0)
    clauses, params = _where(view, counting=True)
    table = f"conversations AS c{view_ranges.small_index(connection, view)}"
    return int(scalar(connection, f"SELECT count(*) FROM {table}{_sql_where(clauses)}", params) or 0)


def count_up_to(connection: Reader, view: ConversationFilter, cap: int) -> int:
    """How many conversations the view holds, counting no further than `cap` (a badge says "99+"): stops at the
    cap instead of counting every row (measured: 166 ms for 285,000 unread of 1,000,000; 1 ms capped at 100)."""
    clauses, params = _where(view, counting=True)
    inner = f"SELECT c.id FROM conversations AS c{_sql_where(clauses)} LIMIT ?"
    return int(scalar(connection, f"SELECT count(*) FROM ({inner}) AS capped", [*params, cap]) or 0)


def position(connection: Reader, view: ConversationFilter, key: PageKey, *, up_to: int | None = None) -> int:
    """How many conversations of the view come before the one at `key` (its row number, newest first).

    With `up_to`, counting stops there (the answer is then at most `up_to`): each of the view's index ranges
    (`view_ranges.branches`) is counted only as far as that, so finding whether the selected conversation is among
    the first thousand rows costs the same on a million conversations as on a thousand (24 ms → ~2 ms while a sync
    adds 100,000).
    """
    newer, newer_params = _keyset(None, key, ranked=view.negative_first)
    if up_to is None:
        clauses, params = _where(view, counting=True)
        sql = f"SELECT count(*) FROM conversations AS c{_sql_where(clauses + newer)}"
        return int(scalar(connection, sql, params + newer_params) or 0)
    total = 0
    for part in view_ranges.branches(connection, view):
        clauses, params = _where(part, counting=True)
        inner = f"SELECT 1 FROM conversations AS c{_sql_where(clauses + newer)} LIMIT ?"
        counted = scalar(connection, f"SELECT count(*) FROM ({inner}) AS capped", [*params, *newer_params, up_to])
        total += int(counted or 0)
        if total >= up_to:
            return up_to
    return total


def tallies_by_status_and_kind(connection: Reader, view: ConversationFilter) -> dict[tuple[str, str], Tally]:
    """(status, kind) → how many conversations, and how many wait for an answer, in one scan of the status/kind
    index (it carries `last_direction`, so the scan never reads the table), or from the kept counts when they
    answer the view (storage/conversation_counts.py); the sidebar derives every built-in view's count from it."""
    if conversation_counts.answers(view):
        return conversation_counts.tallies(connection, view)
    clauses, params = _where(view, counting=True)
    sql = (
        "SELECT c.status, c.kind, count(*), sum(CASE WHEN c.last_direction = 'in' THEN 1 ELSE 0 END) "
        f"FROM conversations AS c{_sql_where(clauses)} GROUP BY c.status, c.kind"
    )
    return {(row[0], row[1]): Tally(row[2], int(row[3])) for row in rows(connection, sql, params)}


def counts_by_status_and_kind(connection: Reader, view: ConversationFilter) -> dict[tuple[str, str], int]:
    """(status, kind) → number of conversations, in one scan."""
    return {key: tally.conversations for key, tally in tallies_by_status_and_kind(connection, view).items()}


def _message(row: Any) -> Message:
    attachments = tuple(json_column(row["attachments"], ()))
    return Message(
        id=row["id"],
        conversation_id=row["conversation_id"],
        account_id=row["account_id"],
        remote_id=row["remote_id"],
        parent_remote_id=row["parent_remote_id"],
        kind=row["kind"],
        direction=row["direction"],
        author_name=row["author_name"],
        author_handle=row["author_handle"],
        title=row["title"],
        text=row["text"],
        html=row["html"],
        url=row["url"],
        attachments=attachments,
        created_at=from_db(row["created_at"]) or datetime.min,
        updated_at=from_db(row["updated_at"]),
        content_warning=row["content_warning"],
        deleted_at=from_db(row["deleted_at"]),
        language=row["language"] or "",
        sentiment=row["sentiment"] or "",
        sentiment_score=row["sentiment_score"] or 0.0,
        sentiment_by=row["sentiment_by"],
        held=bool(row["held"]),
    )


MESSAGE_COLUMNS = (
    "id, conversation_id, account_id, remote_id, parent_remote_id, kind, direction, author_name, author_handle, "
    "title, text, html, url, attachments, created_at, updated_at, content_warning, deleted_at, language, "
    "sentiment, sentiment_score, sentiment_by, held"
)


def thread(connection: Reader, conversation_id: int) -> list[Message]:
    """A conversation's messages, oldest first."""
    query = f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? ORDER BY created_at, id"
    found = [_message(row) for row in rows(connection, query, (conversation_id,))]
    accounts = sorted({m.account_id for m in found})
    if len(accounts) < 2:
        return found
    found_names = rows(connection, f"SELECT id, name FROM accounts WHERE id IN ({marks(accounts)})", accounts)
    names: dict[int, str] = {row[0]: row[1] for row in found_names}
    return [replace(m, source=names.get(m.account_id, "")) for m in found]


def message(connection: Reader, message_id: int) -> Message | None:
    found = rows(connection, f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE id = ?", (message_id,))
    return _message(found[0]) if found else None


def activity_counts(connection: Reader, conversation_id: int) -> dict[str, dict[str, int]]:
    """Favourites, boosts… per message of a conversation: {message remote_id: {kind: count}}, with the network's own
    latest counts (a video's views and likes, storage/measures.py) where it keeps them — the larger of the two where
    both count one thing, the network's total seeing what cmdesk did not."""
    query = """SELECT t.target_remote_id, t.kind, count(*) FROM activities AS t
               JOIN messages AS m ON m.account_id = t.account_id AND m.remote_id = t.target_remote_id
               WHERE m.conversation_id = ? GROUP BY t.target_remote_id, t.kind"""
    counts: dict[str, dict[str, int]] = {}
    for target, kind, number in rows(connection, query, (conversation_id,)):
        counts.setdefault(target, {})[kind] = number
    for target, figures in measures.latest(connection, conversation_id).items():
        mine = counts.setdefault(target, {})
        for metric, value in figures.items():
            mine[metric] = max(mine.get(metric, 0), value)
    return counts


@dataclass(frozen=True, slots=True)
class ExportRow:
    id: int
    account: str
    network: str
    kind: str
    conversation: int
    remote_id: str
    url: str
    author: str
    title: str
    text: str
    created_at: datetime
    direction: str
    client: str = ""
    sentiment: str = ""
    language: str = ""


EXPORT_FIELDS = (
    "id",
    "account",
    "network",
    "kind",
    "conversation",
    "remote_id",
    "url",
    "author",
    "title",
    "text",
    "created_at",
    "direction",
    "client",
    "sentiment",
    "language",
)


def export_rows(connection: Reader, *, batch: int = 2000) -> Iterator[ExportRow]:
    """Every message in id order, read in keyset batches so memory stays flat on large databases."""
    query = """SELECT m.id, a.name, a.network, m.kind, m.conversation_id, m.remote_id, m.url, m.author_name, m.title,
                      m.text, m.created_at, m.direction, cl.name, m.sentiment, m.language
               FROM messages AS m JOIN accounts AS a ON a.id = m.account_id JOIN clients AS cl ON cl.id = a.client_id
               WHERE m.id > ? ORDER BY m.id LIMIT ?"""
    last_id = 0
    while True:
        found = rows(connection, query, (last_id, batch))
        if not found:
            return
        for row in found:
            yield ExportRow(
                row[0],
                row[1],
                row[2],
                row[3],
                row[4],
                row[5],
                row[6],
                row[7],
                row[8],
                row[9],
                from_db(row[10]) or datetime.min,
                row[11],
                row[12],
                row[13] or "",
                row[14] or "",
            )
        last_id = found[-1][0]
