"""The read models every layer above storage speaks: what the Reader (domain/reader.py) returns and the window
paints — conversations and their messages, clients, sync health, labels, snippets, search hits, outbox entries and
calendar posts. Frozen dataclasses, no I/O; storage builds them from its rows (SQLite today, PostgreSQL for teams)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from cmdesk.domain.acts import Act, Post, target_of, text_of
from cmdesk.domain.business_hours import BusinessHours
from cmdesk.domain.types import Health


@dataclass(frozen=True, slots=True)
class ConversationFilter:
    """Which conversations a view shows. Empty tuples mean "any"."""

    client_ids: tuple[int, ...] = ()
    account_ids: tuple[int, ...] = ()
    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    label_ids: tuple[int, ...] = ()
    unread_only: bool = False
    unanswered: bool = False
    """Only conversations whose newest message is not the user's own (someone is waiting for an answer)."""
    networks: tuple[str, ...] = ()
    """Only conversations of accounts on these networks (To answer: those cmdesk can answer)."""
    sentiments: tuple[str, ...] = ()
    """Only conversations where what waits is of these sentiments (the Negative view: ("negative",))."""
    conversation_ids: tuple[int, ...] = ()
    """Only these conversations (a bad-buzz alert's)."""
    monitored: bool = False
    """Only what was heard while listening: feed posts, and conversations that matched a client monitor."""
    negative_first: bool = False
    """Conversations where something negative waits come first, then the rest, each newest first (To answer)."""
    sentiment_excluded: tuple[str, ...] = ()
    """Not these sentiments (storage splits a negative-first view into its negative and other parts)."""
    heard_only: bool = False
    """Only conversations that matched a client monitor (storage splits Monitoring into feed posts and these)."""
    overdue: bool = False
    """Only conversations still waiting for an answer past their client's first-response target, now (Overdue)."""
    held: bool = False
    """Only conversations with a message waiting for moderation on the network (To moderate)."""
    assignees: tuple[str, ...] = ()
    """Only conversations assigned to these teammates ("" : to nobody)."""


@dataclass(frozen=True, slots=True)
class Note:
    """An internal note on a conversation: for the team (or for oneself), never sent anywhere."""

    author: str
    body: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class PageKey:
    """Where the previous page ended: the last row's activity time and id (and, for a negative-first view, whether
    it was negative: 1, else 0)."""

    last_activity_at: datetime
    id: int
    negative: int = 0


@dataclass(frozen=True, slots=True)
class Conversation:
    id: int
    account_id: int
    account_name: str
    network: str
    client_id: int
    kind: str
    title: str
    snippet: str
    last_author: str
    status: str
    unread: bool
    message_count: int
    last_activity_at: datetime
    url: str
    snoozed_until: datetime | None = None
    labels: tuple[str, ...] = field(default=())
    label_colours: tuple[str, ...] = field(default=())
    remote_id: str = ""
    answered: bool = False
    """The newest message is the user's own (a reply, a message sent)."""
    waiting_author: str = ""
    """Who has waited longest for an answer (the first to write in since the user's last message); '' when the
    conversation is answered or has one message."""
    sentiment: str = ""
    """What waits in it: "negative" when a message since the user's last answer is, else the newest one's label;
    "" until judged."""
    monitor: str = ""
    """The client monitor one of its messages matched (as the user typed it)."""
    due_at: datetime | None = None
    """When the wait for an answer passes the client's first-response target; None when nobody waits or the
    client has no target (storage/response_times.py)."""
    management_note: str | None = None
    """Flagged "for management" with this note ("" for none) for the reports; None: not flagged."""
    held: int = 0
    """Its messages waiting for the account's moderation on the network (To moderate)."""
    assignee: str = ""
    """The teammate it is assigned to ("" for nobody; always "" outside a team)."""

    def late_by(self, now: datetime) -> timedelta | None:
        """How far past its target the conversation is at `now`; None when it is not (or answered)."""
        if self.due_at is None or self.answered or self.due_at > now:
            return None
        return now - self.due_at

    @property
    def name(self) -> str:
        """What the list calls the conversation: who has waited longest, else who wrote last."""
        return self.waiting_author or self.last_author

    @property
    def key(self) -> PageKey:
        return PageKey(self.last_activity_at, self.id, 1 if self.sentiment == "negative" else 0)


@dataclass(frozen=True, slots=True)
class Tally:
    conversations: int
    unanswered: int
    """Of which the newest message is not the user's own."""


@dataclass(frozen=True, slots=True)
class Message:
    id: int
    conversation_id: int
    account_id: int
    remote_id: str
    parent_remote_id: str
    kind: str
    direction: str
    author_name: str
    author_handle: str
    title: str
    text: str
    html: str
    url: str
    attachments: tuple[dict[str, Any], ...]
    created_at: datetime
    updated_at: datetime | None
    content_warning: str = ""
    deleted_at: datetime | None = None
    language: str = ""
    """ISO 639-1 code found at ingest; "" when it could not be said or was not looked at."""
    sentiment: str = ""
    """"negative", "neutral" or "positive"; "" until judged."""
    sentiment_score: float = 0.0
    sentiment_by: str = ""
    """"user" when the user corrected it."""
    source: str = ""
    """The name of the source it came from, when the thread holds messages from several of the client's sources
    (the same story from two feeds is one conversation); "" otherwise."""
    held: bool = False
    """Waiting for the account's moderation on the network: not public until approved."""


DEFAULT_CLIENT = "Default"
"""The client an account goes to when none is named."""


@dataclass(frozen=True, slots=True)
class Client:
    id: int
    name: str
    is_demo: bool
    created_at: datetime
    account_count: int = 0
    signature: str = ""
    missed_policy: str = "ask"
    slots: tuple[str, ...] = ()
    monitors: tuple[str, ...] = ()
    """What to listen for across all the client's sources (domain/monitors.py), as the user typed it."""
    hours: BusinessHours = field(default_factory=BusinessHours)
    """Business hours and first-response target (domain/business_hours.py); 24/7 and no target by default."""
    report_schedule: str = ""
    """The scheduled report as stored (domain/reporting.py ReportSchedule.from_json); "" for none."""


@dataclass(frozen=True, slots=True)
class SyncState:
    account_id: int
    cursor: dict[str, Any]
    health: Health
    reason: str
    retry_at: datetime | None
    last_attempt_at: datetime | None
    last_success_at: datetime | None
    consecutive_failures: int


@dataclass(frozen=True, slots=True)
class Snippet:
    """One version of a canned text; versions of one snippet share its client and title and differ by `language`
    ("" for a text meant for any language)."""

    id: int
    client_id: int
    title: str
    text: str
    language: str = ""


@dataclass(frozen=True, slots=True)
class Person:
    """Someone who writes to the organisation, across all their conversations and networks (matched by the name
    they go by): what the author card shows."""

    name: str
    handles: tuple[str, ...]
    networks: tuple[str, ...]
    first_seen: datetime | None
    message_count: int
    conversation_ids: tuple[int, ...]
    """Their conversations, the most recent first."""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Label:
    id: int
    name: str
    color: str
    client_id: int | None


@dataclass(frozen=True, slots=True)
class SearchHit:
    message_id: int
    conversation_id: int
    account_id: int
    author: str
    title: str
    snippet: str
    created_at: datetime
    url: str
    rank: float


class OutboxState(StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    NEEDS_CHECK = "needs_check"
    CANCELLED = "cancelled"


PENDING = (OutboxState.SCHEDULED, OutboxState.SENDING)
NOT_SENT = (OutboxState.DRAFT, OutboxState.SCHEDULED, OutboxState.FAILED, OutboxState.NEEDS_CHECK)
"""What the user may still edit or cancel: it has not gone out, and nothing is sending it right now."""
UNFINISHED = (OutboxState.SCHEDULED, OutboxState.SENDING, OutboxState.FAILED, OutboxState.NEEDS_CHECK)
PROBLEMS = (OutboxState.FAILED, OutboxState.NEEDS_CHECK)
"""What needs the user: not sent, or sent maybe (to check)."""
WAITING = (OutboxState.DRAFT, OutboxState.SCHEDULED, OutboxState.SENDING)


FIXED_SCHEDULE = "fixed:"
"""Marks a network schedule id whose copy the network's API cannot withdraw or change."""


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    id: int
    account_id: int
    conversation_id: int | None
    action: str
    """The act's kind as stored ("reply", "post"…), readable even when the act itself is not."""
    idempotency_key: str
    act: Act | None
    """The outgoing act (domain/acts.py); None when the stored one cannot be read (`act_problem` says why)."""
    state: OutboxState
    scheduled_at: datetime | None
    attempts: int
    last_error: str
    remote_id: str
    created_at: datetime
    updated_at: datetime
    act_problem: str = ""
    network_schedule: str = ""
    """The id of the post's copy on the network's own scheduler once handed over ('' while cmdesk's scheduler
    keeps it); FIXED_SCHEDULE-prefixed when the network cannot take it back through its API."""

    @property
    def on_network_scheduler(self) -> bool:
        """Handed over: the network publishes it at its time, with cmdesk closed or not."""
        return bool(self.network_schedule)

    @property
    def network_copy_fixed(self) -> bool:
        """Handed to a network that cannot withdraw or change it through its API (snac): edit it there."""
        return self.network_schedule.startswith(FIXED_SCHEDULE)

    @property
    def target_remote_id(self) -> str:
        return target_of(self.act)

    @property
    def text(self) -> str:
        return text_of(self.act)

    @property
    def post(self) -> Post | None:
        return self.act if isinstance(self.act, Post) else None

    @property
    def unsure(self) -> bool:
        """It may already have reached the network (an earlier attempt got no clear answer)."""
        return self.attempts > 0


@dataclass(frozen=True, slots=True)
class CalendarPost:
    """One publication on one account, as the calendar shows it."""

    entry: OutboxEntry
    account_name: str
    network: str
    client_id: int
    client_name: str
    account_address: str = ""

    @property
    def when(self) -> datetime:
        return self.entry.scheduled_at or self.entry.created_at

    @property
    def movable(self) -> bool:
        return self.entry.state in (OutboxState.SCHEDULED, OutboxState.DRAFT) and self.entry.attempts == 0


@dataclass(frozen=True, slots=True)
class Alert:
    """A bad-buzz alert: a spike of a client's messages (kind "volume") or of its negative ones ("negative")."""

    id: int
    client_id: int
    client: str
    kind: str
    started_at: datetime
    ended_at: datetime
    messages: int
    baseline: float
    explanation: str
    terms: tuple[str, ...]
    message_ids: tuple[int, ...]
    created_at: datetime
    acknowledged_at: datetime | None = None
