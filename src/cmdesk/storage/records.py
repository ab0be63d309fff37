"""The database tables as SQLModel records (`*Record`). Portable SQL only: these must also run on PostgreSQL.

Timestamps are aware UTC datetimes (stored by SQLite as UTC text); `storage.timeutil` converts at the boundary.
JSON-shaped columns (settings, cursor, attachments, payload) are TEXT holding JSON, written by storage code only.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, Index, Integer, String, UniqueConstraint, text
from sqlmodel import Field, SQLModel


def _fk(target: str, *, nullable: bool = False, ondelete: str = "CASCADE") -> Column:  # type: ignore[type-arg]
    return Column(Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable, index=True)


class MetaRecord(SQLModel, table=True):
    """Key/value facts about the database itself: schema version, workspace id."""

    __tablename__ = "meta"
    key: str = Field(primary_key=True)
    value: str


class ClientRecord(SQLModel, table=True):
    """A workspace: the business itself, or one of a freelancer's clients."""

    __tablename__ = "clients"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    is_demo: bool = False
    created_at: datetime
    signature: str = Field(default="", sa_column_kwargs={"server_default": ""})
    """Added under "-- " to the client's e-mail replies (an account's own signature wins)."""
    missed_policy: str = Field(default="ask", sa_column_kwargs={"server_default": "ask"})
    """A scheduled post whose time passed while cmdesk was not running: "send", "ask" or "skip" (a post may say)."""
    slots: str = Field(default="[]", sa_column_kwargs={"server_default": "[]"})
    """JSON list of weekly posting slots in local time, e.g. ["mon 09:00", "thu 18:30"]."""
    monitors: str = Field(default="[]", sa_column_kwargs={"server_default": "[]"})
    """JSON list of what the client listens for across all its sources (domain/monitors.py), as typed."""
    business_hours: str = Field(default="", sa_column_kwargs={"server_default": ""})
    """JSON of the client's business hours and first-response target (domain/business_hours.py); "": 24/7, none."""
    report_schedule: str = Field(default="", sa_column_kwargs={"server_default": ""})
    """JSON of the client's scheduled report (domain/reporting.py ReportSchedule); "": none."""


class AccountRecord(SQLModel, table=True):
    """One source (feed) or social/e-mail account of a client. Its secret lives in the keyring, keyed by uid."""

    __tablename__ = "accounts"
    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(unique=True)
    client_id: int = Field(sa_column=_fk("clients.id"))
    network: str
    name: str
    address: str
    settings: str = "{}"
    enabled: bool = True
    is_demo: bool = False
    created_at: datetime


class SyncStateRecord(SQLModel, table=True):
    """Where an account's sync stands: its cursor (committed with each page) and its health."""

    __tablename__ = "sync_state"
    account_id: int = Field(sa_column=Column(Integer, ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True))
    cursor: str = "{}"
    health: str = "new"
    reason: str = ""
    retry_at: datetime | None = None
    last_attempt_at: datetime | None = None
    last_success_at: datetime | None = None
    consecutive_failures: int = 0


class ContactRecord(SQLModel, table=True):
    """A person or organisation seen on an account (author of messages)."""

    __tablename__ = "contacts"
    __table_args__ = (UniqueConstraint("account_id", "remote_id"),)
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(sa_column=_fk("accounts.id"))
    remote_id: str
    name: str = ""
    handle: str = ""
    url: str = ""
    email: str = ""
    followers: int | None = None
    """Their reach, where the network tells it (the latest count seen)."""


class PersonNoteRecord(SQLModel, table=True):
    """A note about a person (the name they go by, folded), across their conversations and networks."""

    __tablename__ = "person_notes"
    person: str = Field(primary_key=True)
    note: str
    updated_at: datetime


class ConversationRecord(SQLModel, table=True):
    """A thread: a feed post and its comments, a mention thread, a DM conversation, an e-mail thread.

    `snippet`, `last_author`, `last_direction` and `message_count` are kept in step by ingest so the inbox list
    needs no join. `last_direction` is the newest message's ("out": the conversation was answered);
    `last_author` is who the conversation is with: the newest inbound author, the user's own name only while
    nobody else has written in it.
    """

    __tablename__ = "conversations"
    __table_args__ = (
        UniqueConstraint("account_id", "remote_id"),
        Index("ix_conversations_activity", "last_activity_at", "id"),
        Index("ix_conversations_account_activity", "account_id", "last_activity_at", "id"),
        Index("ix_conversations_status_kind", "status", "kind", "last_activity_at", "id", "last_direction"),
        Index(
            "ix_conversations_snoozed",
            "snoozed_until",
            sqlite_where=text("snoozed_until IS NOT NULL"),
            postgresql_where=text("snoozed_until IS NOT NULL"),
        ),
        Index("ix_conversations_sentiment_activity", "sentiment", "status", "last_activity_at", "id"),
        Index(
            "ix_conversations_monitored",
            "last_activity_at",
            "id",
            sqlite_where=text("monitor != ''"),
            postgresql_where=text("monitor != ''"),
        ),
        Index(
            "ix_conversations_held",
            "last_activity_at",
            "id",
            sqlite_where=text("held_count > 0"),
            postgresql_where=text("held_count > 0"),
        ),
        Index(
            "ix_conversations_due",
            "last_activity_at",
            "id",
            sqlite_where=text("due_at IS NOT NULL"),
            postgresql_where=text("due_at IS NOT NULL"),
        ),
        Index("ix_conversations_assignee", "assignee", "last_activity_at", "id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(sa_column=Column(Integer, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False))
    remote_id: str
    kind: str
    title: str = ""
    url: str = ""
    snippet: str = ""
    last_author: str = ""
    status: str = "open"
    snoozed_until: datetime | None = None
    unread: bool = True
    message_count: int = 0
    last_activity_at: datetime
    last_direction: str = Field(default="in", sa_column_kwargs={"server_default": "in"})
    sentiment: str = Field(default="", sa_column_kwargs={"server_default": ""})
    """What waits in it: "negative" when a message since the user's last answer is, else the newest one's label
    (storage/listening.py); "" until judged."""
    monitor: str = Field(default="", sa_column_kwargs={"server_default": ""})
    """The client monitor one of its messages matched (as typed), "" for none: it is in the Monitoring view."""
    waiting_since: datetime | None = None
    """When the first message still unanswered arrived; None when nobody waits (storage/response_times.py)."""
    due_at: datetime | None = None
    """When that wait passes the client's first-response target in its business hours; None without a target."""
    management_note: str | None = None
    """Flagged "for management" with this note ("" for none), for the reports' field-information section; None:
    not flagged."""
    started_at: datetime | None = None
    """Its first message not deleted; with `asked_at`, `answered_at` and `live_count`, what a report needs of a
    conversation lying wholly inside its period, kept by ingest (storage/response_times.summarise): a year's report
    reads conversations, not messages. None: no message (or not summed up yet)."""
    asked_at: datetime | None = None
    """Its first inbound message that asks something (not a post found while listening, not the post a comment
    thread is under)."""
    answered_at: datetime | None = None
    """The user's first message after `asked_at`."""
    live_count: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    """Its messages not deleted."""
    held_count: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    """Its messages waiting for moderation on the network (the To moderate view, through its own small index)."""
    assignee: str = Field(default="", sa_column=Column(String, nullable=False, server_default=""))
    """The teammate it is assigned to (a team's person name), "" for nobody (storage/team). No Python default on the
    column: ingest's upsert would write one over the assignment."""


class MessageRecord(SQLModel, table=True):
    """One message in a conversation. `text` is plain text; `html` is already sanitised."""

    __tablename__ = "messages"
    __table_args__ = (
        UniqueConstraint("account_id", "remote_id"),
        Index("ix_messages_conversation_created", "conversation_id", "created_at"),
        Index(
            "ix_messages_corrected",
            "id",
            sqlite_where=text("sentiment_by != ''"),
            postgresql_where=text("sentiment_by != ''"),
        ),
        Index(
            "ix_messages_unjudged",
            "id",
            sqlite_where=text("sentiment IS NULL"),
            postgresql_where=text("sentiment IS NULL"),
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(sa_column=Column(Integer, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False))
    conversation_id: int = Field(
        sa_column=Column(Integer, ForeignKey("conversations.id", ondelete="CASCADE"), nullable=False)
    )
    contact_id: int | None = Field(default=None, sa_column=_fk("contacts.id", nullable=True, ondelete="SET NULL"))
    remote_id: str
    parent_remote_id: str = ""
    kind: str
    direction: str = "in"
    author_name: str = ""
    author_handle: str = ""
    title: str = ""
    text: str = ""
    html: str = ""
    url: str = ""
    attachments: str = "[]"
    created_at: datetime
    updated_at: datetime | None = None
    first_seen_at: datetime
    content_warning: str = Field(default="", sa_column_kwargs={"server_default": ""})
    deleted_at: datetime | None = None
    language: str | None = None
    """ISO 639-1 code found at ingest (analysis/language.py); "" when it cannot be said, NULL when not looked at
    yet (messages stored before schema 13)."""
    sentiment: str | None = None
    """"negative", "neutral" or "positive"; NULL until judged (messages stored before schema 14 are, in the
    background)."""
    sentiment_score: float | None = None
    sentiment_by: str = Field(default="", sa_column_kwargs={"server_default": ""})
    """"user" once the user corrected it: never judged again, and what the corrections model learns from."""
    held: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    """Waiting for the account's moderation on the network (Item.held)."""


class ActivityRecord(SQLModel, table=True):
    """A favourite, boost or follow: activity on the account or one of its posts (`target_remote_id`), shown on
    the post and counted for reports, never a conversation."""

    __tablename__ = "activities"
    __table_args__ = (
        UniqueConstraint("account_id", "remote_id"),
        Index("ix_activities_target", "account_id", "target_remote_id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(sa_column=Column(Integer, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False))
    remote_id: str
    kind: str
    actor_name: str = ""
    actor_handle: str = ""
    actor_url: str = ""
    target_remote_id: str = ""
    created_at: datetime


class LabelRecord(SQLModel, table=True):
    __tablename__ = "labels"
    __table_args__ = (UniqueConstraint("client_id", "name"),)
    id: int | None = Field(default=None, primary_key=True)
    client_id: int | None = Field(default=None, sa_column=_fk("clients.id", nullable=True))
    name: str
    color: str = "#607d8b"


class SnippetRecord(SQLModel, table=True):
    """A canned text of a client's (opening hours, how to order, a thank-you), inserted in a post or a reply."""

    __tablename__ = "snippets"
    __table_args__ = (UniqueConstraint("client_id", "title", "language"),)
    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(sa_column=Column(Integer, ForeignKey("clients.id", ondelete="CASCADE"), nullable=False))
    title: str
    text: str
    created_at: datetime
    language: str = Field(default="", sa_column_kwargs={"server_default": ""})
    """The language of this text ("" for any): snippets with one title and several languages are one snippet's
    versions, and the one in the conversation's language is used."""


class ConversationLabelRecord(SQLModel, table=True):
    __tablename__ = "conversation_labels"
    conversation_id: int = Field(
        sa_column=Column(Integer, ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True)
    )
    label_id: int = Field(
        sa_column=Column(Integer, ForeignKey("labels.id", ondelete="CASCADE"), primary_key=True, index=True)
    )


class ConversationNoteRecord(SQLModel, table=True):
    """An internal note on a conversation, for the team: never sent anywhere. `key` names it across laptops."""

    __tablename__ = "conversation_notes"
    __table_args__ = (Index("ix_conversation_notes_conversation", "conversation_id", "created_at"),)
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True)
    conversation_id: int = Field(
        sa_column=Column(Integer, ForeignKey("conversations.id", ondelete="CASCADE"), nullable=False)
    )
    author: str
    body: str
    created_at: datetime


class TeamPendingRecord(SQLModel, table=True):
    """A change made on this laptop that the team database has not yet taken (storage/team/pending.py): replayed in
    `id` order, removed once the server answered. Local only: never copied to the team database."""

    __tablename__ = "team_pending"
    id: int | None = Field(default=None, primary_key=True)
    op_id: str = Field(unique=True)
    kind: str
    account_uid: str
    conversation: str
    payload: str
    made_at: int
    """The laptop's hybrid clock (microseconds since the epoch, never behind an operation it has seen)."""


class OutboxRecord(SQLModel, table=True):
    """An outgoing act, written before any network call so it survives crashes and is sent exactly once."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_state_due", "state", "scheduled_at"),)
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(sa_column=_fk("accounts.id"))
    conversation_id: int | None = Field(default=None, sa_column=_fk("conversations.id", nullable=True))
    action: str
    idempotency_key: str = Field(unique=True)
    payload: str = "{}"
    state: str = "draft"
    scheduled_at: datetime | None = None
    attempts: int = 0
    last_error: str = ""
    remote_id: str = ""
    created_at: datetime
    updated_at: datetime
    claimed_by: str = Field(default="", sa_column_kwargs={"server_default": ""})
    """The token of the process sending it (storage/claims.py), while "sending"."""
    network_schedule: str = Field(default="", sa_column_kwargs={"server_default": ""})
    """The id of the post's copy on the network's own scheduler, once handed over (domain/reads.py)."""


class AlertRecord(SQLModel, table=True):
    """A bad-buzz alert (analysis/buzz.py): a spike of a client's messages, or of its negative ones, against its own
    usual traffic; kept with what explains it and whether the user has seen to it."""

    __tablename__ = "alerts"
    __table_args__ = (Index("ix_alerts_client_created", "client_id", "created_at"),)
    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(sa_column=Column(Integer, ForeignKey("clients.id", ondelete="CASCADE"), nullable=False))
    kind: str
    started_at: datetime
    ended_at: datetime
    messages: int
    baseline: float
    explanation: str
    terms: str = "[]"
    message_ids: str = "[]"
    created_at: datetime
    acknowledged_at: datetime | None = None


class StoryRecord(SQLModel, table=True):
    """A story key of a client's (domain/stories.py) and the conversation the first post under it started: the same
    article or post from another source joins that conversation (storage/stories.py)."""

    __tablename__ = "stories"
    __table_args__ = (Index("ix_stories_conversation", "conversation_id"),)
    client_id: int = Field(
        sa_column=Column(Integer, ForeignKey("clients.id", ondelete="CASCADE"), primary_key=True, nullable=False)
    )
    key: str = Field(primary_key=True)
    conversation_id: int = Field(
        sa_column=Column(Integer, ForeignKey("conversations.id", ondelete="CASCADE"), nullable=False)
    )
    seen_at: datetime | None = None


class MessageHourRecord(SQLModel, table=True):
    """How many messages an account has per UTC hour, conversation kind, direction and sentiment (deleted ones
    not counted): what a report's charts and totals read instead of the messages (storage/message_hours.py keeps
    it in step)."""

    __tablename__ = "message_hours"
    __table_args__ = {"sqlite_with_rowid": False}
    account_id: int = Field(
        sa_column=Column(Integer, ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True, nullable=False)
    )
    hour: str = Field(primary_key=True)
    """The UTC hour as stored times begin: "YYYY-MM-DD HH"."""
    kind: str = Field(primary_key=True)
    direction: str = Field(primary_key=True)
    sentiment: str = Field(primary_key=True)
    """"" until judged."""
    messages: int = 0


class MeasureRecord(SQLModel, table=True):
    """A count the network keeps for one of an account's messages (a video's views, likes), one figure a day: the
    latest is shown on the message, the days' differences are what it gained (storage/measures.py)."""

    __tablename__ = "measures"
    __table_args__ = {"sqlite_with_rowid": False}
    account_id: int = Field(
        sa_column=Column(Integer, ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True, nullable=False)
    )
    remote_id: str = Field(primary_key=True)
    metric: str = Field(primary_key=True)
    day: str = Field(primary_key=True)
    """The UTC date of the reading ("2026-12-02")."""
    value: int = 0


class UsageRecord(SQLModel, table=True):
    """Units a network's meter counted for cmdesk per period (a Google project's YouTube quota per Pacific day):
    what the Sources pane shows and what a connector plans its pulls within (storage/usage.py)."""

    __tablename__ = "usage"
    __table_args__ = {"sqlite_with_rowid": False}
    meter: str = Field(primary_key=True)
    period: str = Field(primary_key=True)
    units: int = 0
