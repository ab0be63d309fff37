"""Scheduled publishing rules on top of the outbox: posts whose time passed while cmdesk was not running (the
missed-post policy), weekly recurring posts, and each client's weekly posting slots ("next free slot").

Times of slots are the computer's local wall time ("mon 09:00" stays 09:00 across daylight-saving changes);
everything stored is UTC.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta

from sqlalchemy import Connection, select

from cmdesk.domain.acts import BadAct, with_text
from cmdesk.domain.reads import CalendarPost as CalendarPost
from cmdesk.storage import outbox as outbox_store
from cmdesk.storage import outbox_reads, workspace
from cmdesk.storage.outbox import OutboxEntry, OutboxError, OutboxState
from cmdesk.storage.records import AccountRecord
from cmdesk.storage.timeutil import from_db, to_db, utcnow

accounts = AccountRecord.__table__  # type: ignore[attr-defined]
outbox = outbox_store.outbox

MISSED_AFTER = timedelta(minutes=10)
"""A post sent later than this after its time, never tried before, was missed (cmdesk closed, computer asleep)."""
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FRENCH_DAYS = ("lun", "mar", "mer", "jeu", "ven", "sam", "dim")
_SLOT = re.compile(r"^\s*([a-z]{3})[a-z]*\.?\s+([01]?\d|2[0-3])\s*[:h]\s*([0-5]\d)\s*$", re.IGNORECASE)
WEEK = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Slot:
    weekday: int
    at: time

    def __str__(self) -> str:
        return f"{DAYS[self.weekday]} {self.at:%H:%M}"


def parse_slot(text: str) -> Slot:
    """'mon 09:00', 'Monday 9h30', 'lundi 9h30'… → Slot; OutboxError says what is expected otherwise."""
    match = _SLOT.match(text)
    day = match.group(1).lower() if match else ""
    if match is None or (day not in DAYS and day not in _FRENCH_DAYS):
        raise OutboxError(f"{text!r} is not a posting slot: write a weekday and a time, e.g. 'mon 09:00'")
    weekday = DAYS.index(day) if day in DAYS else _FRENCH_DAYS.index(day)
    return Slot(weekday, time(int(match.group(2)), int(match.group(3))))


def _local(day: datetime, at: time) -> datetime:
    """That local wall time on that local day, as an aware datetime (daylight saving as the system knows it)."""
    return datetime.combine(day.date(), at).astimezone()


def slot_times(slots: list[Slot], after: datetime, weeks: int = 8) -> list[datetime]:
    """Every slot time from `after` on, over the next `weeks`, in order."""
    start = after.astimezone()
    found = []
    for offset in range(weeks * 7 + 1):
        day = start + timedelta(days=offset)
        for slot in slots:
            if slot.weekday == day.weekday():
                when = _local(day, slot.at)
                if when >= start:
                    found.append(when)
    return sorted(found)


def _client_accounts(connection: Connection, client_id: int) -> list[int]:
    return [row[0] for row in connection.execute(select(accounts.c.id).where(accounts.c.client_id == client_id))]


def next_free_slot(connection: Connection, client_id: int, after: datetime | None = None) -> datetime:
    """The client's first posting slot after `after` (now) that no scheduled post of its accounts takes yet."""
    client = workspace.get_client(connection, client_id)
    slots = [parse_slot(text) for text in client.slots]
    if not slots:
        example = f"cmdesk client slots '{client.name}' 'mon 09:00'"
        raise OutboxError(f"{client.name} has no posting slots yet (add some, e.g. `{example}`)")
    taken = {
        from_db(value)
        for value in connection.execute(
            select(outbox.c.scheduled_at).where(
                outbox.c.account_id.in_(_client_accounts(connection, client_id)),
                outbox.c.action == "post",
                outbox.c.state.in_([OutboxState.SCHEDULED.value, OutboxState.DRAFT.value]),
            )
        ).scalars()
    }
    for when in slot_times(slots, after or utcnow()):
        if to_db(when) not in taken:
            return when
    raise OutboxError(f"every posting slot of {client.name} is taken for the next 8 weeks")


def _client_of(connection: Connection, account_id: int) -> workspace.Client:
    client_id = connection.execute(select(accounts.c.client_id).where(accounts.c.id == account_id)).scalar()
    return workspace.get_client(connection, int(client_id or 0))


def planned_time(entry: OutboxEntry) -> datetime | None:
    value = entry.post.planned if entry.post is not None else ""
    try:
        return datetime.fromisoformat(str(value)) if value else entry.scheduled_at
    except ValueError:
        return entry.scheduled_at


def missed_policy(connection: Connection, entry: OutboxEntry) -> str:
    own = entry.post.missed if entry.post is not None else ""
    return own if own in outbox_store.MISSED_POLICIES else _client_of(connection, entry.account_id).missed_policy


def was_missed(entry: OutboxEntry, now: datetime) -> bool:
    """Due long ago and never tried. (The user's "send anyway" makes it due now, so it is not missed again.)"""
    return (
        entry.action == "post"
        and not entry.on_network_scheduler  # the network published it at its time, cmdesk running or not
        and entry.attempts == 0
        and entry.state is OutboxState.SCHEDULED
        and entry.scheduled_at is not None
        and now - entry.scheduled_at > MISSED_AFTER
    )


def settle_missed(connection: Connection, entry: OutboxEntry, now: datetime | None = None) -> OutboxState | None:
    """Apply the missed-post policy to a due post: None to send it now, else the state it was moved to (held for
    the user to decide, or skipped), with the reason recorded. A weekly post's next time is queued either way."""
    now = now or utcnow()
    if not was_missed(entry, now):
        return None
    policy = missed_policy(connection, entry)
    if policy == "send":
        return None
    planned = planned_time(entry) or now
    when = planned.astimezone().strftime("%Y-%m-%d %H:%M")
    if policy == "skip":
        reason = f"skipped: its time ({when}) passed while cmdesk was not running"
        state = OutboxState.CANCELLED
    else:
        reason = f"its time ({when}) passed while cmdesk was not running: send it now, or cancel it"
        state = OutboxState.NEEDS_CHECK
    changed = connection.execute(
        outbox.update()
        .where(outbox.c.id == entry.id, outbox.c.state == OutboxState.SCHEDULED.value)
        .values(state=state.value, last_error=reason, updated_at=to_db(now))
    ).rowcount
    if not changed:
        return None
    queue_next_occurrence(connection, entry, now)
    return state


def queue_next_occurrence(
    connection: Connection, entry: OutboxEntry, now: datetime | None = None
) -> OutboxEntry | None:
    """For a weekly post: the next one, a week after this one's planned time (never in the past)."""
    if entry.post is None or entry.post.repeat != "weekly":
        return None
    now = now or utcnow()
    planned = planned_time(entry) or now
    following = planned + WEEK
    while following <= now:
        following += WEEK
    following_post = replace(entry.post, planned=following.isoformat())
    return outbox_store.enqueue(connection, entry.account_id, following_post, at=following, now=now)


def posts_between(connection: Connection, start: datetime, end: datetime) -> list[CalendarPost]:
    """Every post planned between `start` and `end` (any state but cancelled), in time order."""
    return outbox_reads.posts_between(connection, start, end)


def reschedule(connection: Connection, entry_ids: list[int], at: datetime, now: datetime | None = None) -> int:
    """Move posts not yet sent to another time (the calendar's drag and drop); how many moved."""
    now = now or utcnow()
    for entry_id in entry_ids:
        entry = outbox_store.get(connection, entry_id)
        if entry.scheduled_at != at:
            outbox_store.take_back(connection, entry, now)
    moved = connection.execute(
        outbox.update()
        .where(
            outbox.c.id.in_(entry_ids),
            outbox.c.state.in_([OutboxState.SCHEDULED.value, OutboxState.DRAFT.value]),
            outbox.c.attempts == 0,
        )
        .values(scheduled_at=to_db(at), updated_at=to_db(now))
    ).rowcount
    for entry_id in entry_ids:
        entry = outbox_store.get(connection, entry_id)
        if entry.scheduled_at == at and entry.post is not None and entry.post.planned:
            outbox_store.set_act(connection, entry_id, replace(entry.post, planned=at.isoformat()))
    return int(moved)


def edit_text(connection: Connection, entry_id: int, text: str, now: datetime | None = None) -> None:
    """Change the text of a post that has not gone out (scheduled, failed or held for a check)."""
    entry = outbox_store.get(connection, entry_id)
    if entry.state not in outbox_store.NOT_SENT:
        raise OutboxError(f"outbox entry {entry_id} is {entry.state.value}; it can no longer be edited")
    if not text.strip():
        raise OutboxError("the text is empty")
    if entry.act is None:
        raise OutboxError(f"outbox entry {entry_id} cannot be read ({entry.act_problem}); cancel it")
    try:
        edited = with_text(entry.act, text.strip())
    except BadAct as error:
        raise OutboxError(str(error)) from None
    if edited != entry.act:
        outbox_store.take_back(connection, entry, now)
    outbox_store.set_act(connection, entry_id, edited, now)
