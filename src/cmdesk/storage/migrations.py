"""Schema versions: a brand-new database gets the current schema at once; an older one is migrated step by step.

Before any step runs, the database file is copied next to itself (`cmdesk.sqlite3.v<N>.bak`). Each step runs in
its own transaction together with the version bump, so a failed step leaves the database exactly at the previous
version. Steps are plain functions over a Connection, appended to STEPS; never edit a released one.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy import Connection, Engine, select
from sqlmodel import SQLModel

from cmdesk.storage import conversation_counts, fts, message_hours, records, response_times, schema
from cmdesk.storage.errors import StorageError
from cmdesk.storage.records import MetaRecord

Step = Callable[[Connection], None]


def _v2_status_kind_index(connection: Connection) -> None:
    """Index conversations by (status, kind, last_activity_at, id) instead of (status, last_activity_at, id).

    Inbox views read one ordered branch per (status, kind) from it (see queries.conversation_page), so no view
    ever sorts; the sidebar counts are a covering scan of it (1 s → 18 ms on 430,000 conversations).
    """
    connection.exec_driver_sql(
        "CREATE INDEX IF NOT EXISTS ix_conversations_status_kind ON conversations (status, kind, last_activity_at, id)"
    )
    connection.exec_driver_sql("DROP INDEX IF EXISTS ix_conversations_status_activity")


def _v3_content_warnings_and_activities(connection: Connection) -> None:
    """Messages keep their content warning (Mastodon's spoiler text); favourites, boosts and follows get a table."""
    connection.exec_driver_sql("ALTER TABLE messages ADD COLUMN content_warning VARCHAR NOT NULL DEFAULT ''")
    connection.exec_driver_sql(
        """CREATE TABLE activities (
            id INTEGER NOT NULL,
            account_id INTEGER NOT NULL,
            remote_id VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            actor_name VARCHAR NOT NULL,
            actor_handle VARCHAR NOT NULL,
            actor_url VARCHAR NOT NULL,
            target_remote_id VARCHAR NOT NULL,
            created_at DATETIME NOT NULL,
            PRIMARY KEY (id),
            UNIQUE (account_id, remote_id),
            FOREIGN KEY(account_id) REFERENCES accounts (id) ON DELETE CASCADE
        )"""
    )
    connection.exec_driver_sql("CREATE INDEX ix_activities_target ON activities (account_id, target_remote_id)")


def _v4_deleted_messages(connection: Connection) -> None:
    """A message deleted on its network is kept (what was said matters in a crisis) and marked with the time."""
    connection.exec_driver_sql("ALTER TABLE messages ADD COLUMN deleted_at DATETIME")


def _v5_client_signatures(connection: Connection) -> None:
    """A signature per client, added to its e-mail replies (an account's own signature wins)."""
    connection.exec_driver_sql("ALTER TABLE clients ADD COLUMN signature VARCHAR NOT NULL DEFAULT ''")


def _v6_outbox_claims(connection: Connection) -> None:
    """The token of the process sending an entry (storage/claims.py): a dead sender's entries are taken back at once."""
    connection.exec_driver_sql("ALTER TABLE outbox ADD COLUMN claimed_by VARCHAR NOT NULL DEFAULT ''")


def _v7_client_publishing(connection: Connection) -> None:
    """Per client: what to do with a post whose time passed while cmdesk was closed, and its weekly posting slots."""
    connection.exec_driver_sql("ALTER TABLE clients ADD COLUMN missed_policy VARCHAR NOT NULL DEFAULT 'ask'")
    connection.exec_driver_sql("ALTER TABLE clients ADD COLUMN slots VARCHAR NOT NULL DEFAULT '[]'")


def _v8_snippets(connection: Connection) -> None:
    """Canned texts per client, for posts and replies."""
    connection.exec_driver_sql(
        """CREATE TABLE snippets (
            id INTEGER NOT NULL,
            client_id INTEGER NOT NULL,
            title VARCHAR NOT NULL,
            text VARCHAR NOT NULL,
            created_at DATETIME NOT NULL,
            PRIMARY KEY (id),
            UNIQUE (client_id, title),
            FOREIGN KEY(client_id) REFERENCES clients (id) ON DELETE CASCADE
        )"""
    )


def _v9_answered_conversations(connection: Connection) -> None:
    """Conversations know whether their newest message is the user's (answered, as a mail client's replied mark),
    and an answered one is listed under the person it is with. Only conversations with an outgoing message can be
    answered, so only those are looked at."""
    connection.exec_driver_sql("ALTER TABLE conversations ADD COLUMN last_direction VARCHAR NOT NULL DEFAULT 'in'")
    # The sidebar counts answered and unanswered conversations from the status/kind index alone.
    connection.exec_driver_sql("DROP INDEX IF EXISTS ix_conversations_status_kind")
    connection.exec_driver_sql(
        "CREATE INDEX ix_conversations_status_kind "
        "ON conversations (status, kind, last_activity_at, id, last_direction)"
    )
    connection.exec_driver_sql(
        """UPDATE conversations SET last_direction = 'out'
        WHERE id IN (SELECT DISTINCT conversation_id FROM messages WHERE direction = 'out')
        AND (SELECT direction FROM messages WHERE conversation_id = conversations.id
             ORDER BY created_at DESC, id DESC LIMIT 1) = 'out'"""
    )
    # …is read (the user read it to answer it), and the list names the person they are with, not the user's reply.
    connection.exec_driver_sql(
        """UPDATE conversations SET unread = 0, last_author = COALESCE((SELECT author_name FROM messages
            WHERE conversation_id = conversations.id AND direction = 'in'
            ORDER BY created_at DESC, id DESC LIMIT 1), last_author)
        WHERE last_direction = 'out'"""
    )


def _v10_typed_outbox_acts(connection: Connection) -> None:
    """Outbox rows hold typed acts (domain/acts.py): each stored payload is read as its act and written back in the
    act's own form; one that cannot be read, and has not gone out, waits for the user's check with the reason
    (never dropped, never sent blind)."""
    import json

    from cmdesk.domain.acts import BadAct, act_from_json, act_to_json

    found = connection.exec_driver_sql("SELECT id, action, payload, state FROM outbox").all()
    for row_id, action, payload, state in found:
        try:
            act = act_from_json(action, json.loads(payload or "null"))
        except (BadAct, ValueError, TypeError) as error:
            if state in ("sent", "cancelled"):
                continue
            reason = error if isinstance(error, BadAct) else f"{action}: its data is not JSON"
            connection.exec_driver_sql(
                "UPDATE outbox SET state = 'needs_check', last_error = ? WHERE id = ?",
                (f"cmdesk cannot read this entry ({reason}): check it, then cancel it", row_id),
            )
            continue
        normalised = json.dumps(act_to_json(act), sort_keys=True, ensure_ascii=False)
        if normalised != payload:
            connection.exec_driver_sql("UPDATE outbox SET payload = ? WHERE id = ?", (normalised, row_id))


def _v11_network_schedules(connection: Connection) -> None:
    """A post handed to the network's own scheduler keeps the id of its copy there (it goes out with cmdesk
    closed; editing or cancelling it in cmdesk withdraws that copy)."""
    connection.exec_driver_sql("ALTER TABLE outbox ADD COLUMN network_schedule VARCHAR NOT NULL DEFAULT ''")


def _v12_person_notes(connection: Connection) -> None:
    """A note about a person, kept across their conversations and networks (the author card)."""
    connection.exec_driver_sql(
        "CREATE TABLE IF NOT EXISTS person_notes (person VARCHAR NOT NULL PRIMARY KEY, note VARCHAR NOT NULL, "
        "updated_at DATETIME NOT NULL)"
    )


def _v13_languages(connection: Connection) -> None:
    """Messages know their language (found at ingest; NULL for those stored before); a snippet may have a version
    per language, so a snippet's title is unique per client and language."""
    connection.exec_driver_sql("ALTER TABLE messages ADD COLUMN language VARCHAR")
    connection.exec_driver_sql(
        """CREATE TABLE snippets_v13 (
            id INTEGER NOT NULL,
            client_id INTEGER NOT NULL,
            title VARCHAR NOT NULL,
            text VARCHAR NOT NULL,
            created_at DATETIME NOT NULL,
            language VARCHAR NOT NULL DEFAULT '',
            PRIMARY KEY (id),
            UNIQUE (client_id, title, language),
            FOREIGN KEY(client_id) REFERENCES clients (id) ON DELETE CASCADE
        )"""
    )
    connection.exec_driver_sql(
        "INSERT INTO snippets_v13 (id, client_id, title, text, created_at) "
        "SELECT id, client_id, title, text, created_at FROM snippets"
    )
    connection.exec_driver_sql("DROP TABLE snippets")
    connection.exec_driver_sql("ALTER TABLE snippets_v13 RENAME TO snippets")


def _v14_sentiment(connection: Connection) -> None:
    """Each message's sentiment (NULL: judged later, in the background: storage/listening.backfill), whether the
    user corrected it, and what waits in each conversation."""
    connection.exec_driver_sql("ALTER TABLE messages ADD COLUMN sentiment VARCHAR")
    connection.exec_driver_sql("ALTER TABLE messages ADD COLUMN sentiment_score FLOAT")
    connection.exec_driver_sql("ALTER TABLE messages ADD COLUMN sentiment_by VARCHAR NOT NULL DEFAULT ''")
    connection.exec_driver_sql("ALTER TABLE conversations ADD COLUMN sentiment VARCHAR NOT NULL DEFAULT ''")
    connection.exec_driver_sql("CREATE INDEX ix_messages_corrected ON messages (id) WHERE sentiment_by != ''")
    connection.exec_driver_sql("CREATE INDEX ix_messages_unjudged ON messages (id) WHERE sentiment IS NULL")
    connection.exec_driver_sql("CREATE INDEX ix_conversations_sentiment_status ON conversations (sentiment, status)")


def _v15_alerts(connection: Connection) -> None:
    """Bad-buzz alerts per client."""
    connection.exec_driver_sql(
        """CREATE TABLE alerts (
            id INTEGER NOT NULL,
            client_id INTEGER NOT NULL,
            kind VARCHAR NOT NULL,
            started_at DATETIME NOT NULL,
            ended_at DATETIME NOT NULL,
            messages INTEGER NOT NULL,
            baseline FLOAT NOT NULL,
            explanation VARCHAR NOT NULL,
            terms VARCHAR NOT NULL,
            message_ids VARCHAR NOT NULL,
            created_at DATETIME NOT NULL,
            acknowledged_at DATETIME,
            PRIMARY KEY (id),
            FOREIGN KEY(client_id) REFERENCES clients (id) ON DELETE CASCADE
        )"""
    )
    connection.exec_driver_sql("CREATE INDEX ix_alerts_client_created ON alerts (client_id, created_at)")


def _v16_client_monitors(connection: Connection) -> None:
    """Monitors per client, across all its sources, and which conversations matched one."""
    connection.exec_driver_sql("ALTER TABLE clients ADD COLUMN monitors VARCHAR NOT NULL DEFAULT '[]'")
    connection.exec_driver_sql("ALTER TABLE conversations ADD COLUMN monitor VARCHAR NOT NULL DEFAULT ''")
    connection.exec_driver_sql(
        "CREATE INDEX ix_conversations_monitored ON conversations (last_activity_at, id) WHERE monitor != ''"
    )


def _v17_reach(connection: Connection) -> None:
    """How many follow a contact, where the network tells it."""
    connection.exec_driver_sql("ALTER TABLE contacts ADD COLUMN followers INTEGER")


def _v18_stories(connection: Connection) -> None:
    """The same story from two sources is one conversation: a client's story keys."""
    connection.exec_driver_sql(
        """CREATE TABLE stories (
            client_id INTEGER NOT NULL,
            "key" VARCHAR NOT NULL,
            conversation_id INTEGER NOT NULL,
            seen_at DATETIME,
            PRIMARY KEY (client_id, "key"),
            FOREIGN KEY(client_id) REFERENCES clients (id) ON DELETE CASCADE,
            FOREIGN KEY(conversation_id) REFERENCES conversations (id) ON DELETE CASCADE
        )"""
    )
    connection.exec_driver_sql("CREATE INDEX ix_stories_conversation ON stories (conversation_id)")


def _v19_response_times(connection: Connection) -> None:
    """Business hours and a first-response target per client; since when each conversation waits, and when that is
    overdue; a conversation's "for management" note; a client's scheduled report. The waits of conversations stored
    before are worked out once here (nothing is overdue until a client has a target)."""
    connection.exec_driver_sql("ALTER TABLE clients ADD COLUMN business_hours VARCHAR NOT NULL DEFAULT ''")
    connection.exec_driver_sql("ALTER TABLE clients ADD COLUMN report_schedule VARCHAR NOT NULL DEFAULT ''")
    connection.exec_driver_sql("ALTER TABLE conversations ADD COLUMN waiting_since DATETIME")
    connection.exec_driver_sql("ALTER TABLE conversations ADD COLUMN due_at DATETIME")
    connection.exec_driver_sql("ALTER TABLE conversations ADD COLUMN management_note VARCHAR")
    connection.exec_driver_sql(
        "CREATE INDEX ix_conversations_due ON conversations (last_activity_at, id) WHERE due_at IS NOT NULL"
    )
    connection.exec_driver_sql(
        "UPDATE conversations SET waiting_since = (SELECT min(m.created_at) FROM messages AS m "
        "WHERE m.conversation_id = conversations.id AND m.direction = 'in' AND m.deleted_at IS NULL "
        "AND NOT (conversations.kind = 'comment' AND m.remote_id = conversations.remote_id) "
        "AND m.created_at > coalesce((SELECT max(o.created_at) FROM messages AS o "
        "WHERE o.conversation_id = conversations.id AND o.direction = 'out' AND o.deleted_at IS NULL), '')) "
        "WHERE last_direction = 'in'"
    )


def _v20_report_counts(connection: Connection) -> None:
    """What a report reads instead of the messages: their counts per account and UTC hour (storage/message_hours.py)
    and each conversation's first message, first question and first answer (storage/response_times.summarise),
    worked out once here for what is already stored; and messages waiting for the account's moderation on the
    network, with how many each conversation has (the To moderate view), none before this version."""
    for column in ("started_at DATETIME", "asked_at DATETIME", "answered_at DATETIME"):
        connection.exec_driver_sql(f"ALTER TABLE conversations ADD COLUMN {column}")
    connection.exec_driver_sql("ALTER TABLE conversations ADD COLUMN live_count INTEGER DEFAULT '0' NOT NULL")
    connection.exec_driver_sql("ALTER TABLE conversations ADD COLUMN held_count INTEGER DEFAULT '0' NOT NULL")
    connection.exec_driver_sql("ALTER TABLE messages ADD COLUMN held BOOLEAN DEFAULT '0' NOT NULL")
    connection.exec_driver_sql(
        "CREATE INDEX ix_conversations_held ON conversations (last_activity_at, id) WHERE held_count > 0"
    )
    connection.exec_driver_sql(
        """CREATE TABLE message_hours (
            account_id INTEGER NOT NULL,
            hour VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            direction VARCHAR NOT NULL,
            sentiment VARCHAR NOT NULL,
            messages INTEGER NOT NULL,
            PRIMARY KEY (account_id, hour, kind, direction, sentiment),
            FOREIGN KEY(account_id) REFERENCES accounts (id) ON DELETE CASCADE
        ) WITHOUT ROWID"""
    )
    message_hours.create(connection)
    message_hours.rebuild(connection)
    ids = [row[0] for row in connection.exec_driver_sql("SELECT id FROM conversations").all()]
    response_times.summarise(connection, ids)


def _v21_usage(connection: Connection) -> None:
    """The ledger of metered quotas (storage/usage.py), empty: what was spent before is not known."""
    connection.exec_driver_sql(
        """CREATE TABLE usage (
            meter VARCHAR NOT NULL,
            period VARCHAR NOT NULL,
            units INTEGER NOT NULL,
            PRIMARY KEY (meter, period)
        ) WITHOUT ROWID"""
    )


def _v22_measures(connection: Connection) -> None:
    """The networks' counts on messages (storage/measures.py), empty: read again at the next pull."""
    connection.exec_driver_sql(
        """CREATE TABLE measures (
            account_id INTEGER NOT NULL,
            remote_id VARCHAR NOT NULL,
            metric VARCHAR NOT NULL,
            day VARCHAR NOT NULL,
            value INTEGER NOT NULL,
            PRIMARY KEY (account_id, remote_id, metric, day),
            FOREIGN KEY(account_id) REFERENCES accounts (id) ON DELETE CASCADE
        ) WITHOUT ROWID"""
    )


def _v23_conversation_counts(connection: Connection) -> None:
    """The sidebar's counts kept by triggers (storage/conversation_counts.py), counted once here."""
    conversation_counts.create(connection)
    conversation_counts.rebuild(connection)


def _v24_team(connection: Connection) -> None:
    """Team mode (storage/team): who a conversation is assigned to, internal notes, the changes waiting to replay."""
    connection.exec_driver_sql("ALTER TABLE conversations ADD COLUMN assignee VARCHAR NOT NULL DEFAULT ''")
    connection.exec_driver_sql(
        "CREATE INDEX ix_conversations_assignee ON conversations (assignee, last_activity_at, id)"
    )
    connection.exec_driver_sql(
        """CREATE TABLE conversation_notes (
            id INTEGER NOT NULL PRIMARY KEY,
            "key" VARCHAR NOT NULL UNIQUE,
            conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
            author VARCHAR NOT NULL,
            body VARCHAR NOT NULL,
            created_at DATETIME NOT NULL
        )"""
    )
    connection.exec_driver_sql(
        "CREATE INDEX ix_conversation_notes_conversation ON conversation_notes (conversation_id, created_at)"
    )
    connection.exec_driver_sql(
        """CREATE TABLE team_pending (
            id INTEGER NOT NULL PRIMARY KEY,
            op_id VARCHAR NOT NULL UNIQUE,
            kind VARCHAR NOT NULL,
            account_uid VARCHAR NOT NULL,
            conversation VARCHAR NOT NULL,
            payload VARCHAR NOT NULL,
            made_at INTEGER NOT NULL
        )"""
    )


def _v25_sentiment_activity_index(connection: Connection) -> None:
    """Index conversations by (sentiment, status, last_activity_at, id) instead of (sentiment, status): the
    Negative view reads one range per status already in activity order (storage/view_ranges.parts). Through the
    (status, kind) ranges, testing each row's sentiment, its first page read every open conversation when few were
    negative (230–350 ms on 430,000); counts by sentiment stay a covering read of the new index."""
    connection.exec_driver_sql("DROP INDEX IF EXISTS ix_conversations_sentiment_status")
    connection.exec_driver_sql(
        "CREATE INDEX IF NOT EXISTS ix_conversations_sentiment_activity "
        "ON conversations (sentiment, status, last_activity_at, id)"
    )


STEPS: tuple[Step, ...] = (
    _v2_status_kind_index,
    _v3_content_warnings_and_activities,
    _v4_deleted_messages,
    _v5_client_signatures,
    _v6_outbox_claims,
    _v7_client_publishing,
    _v8_snippets,
    _v9_answered_conversations,
    _v10_typed_outbox_acts,
    _v11_network_schedules,
    _v12_person_notes,
    _v13_languages,
    _v14_sentiment,
    _v15_alerts,
    _v16_client_monitors,
    _v17_reach,
    _v18_stories,
    _v19_response_times,
    _v20_report_counts,
    _v21_usage,
    _v22_measures,
    _v23_conversation_counts,
    _v24_team,
    _v25_sentiment_activity_index,
)
"""Migration steps after the initial schema (version 1). STEPS[0] brings version 1 to 2, and so on."""


def latest_version(steps: Sequence[Step] = STEPS) -> int:
    return 1 + len(steps)


if latest_version() != schema.VERSION:
    raise RuntimeError(f"storage/schema.py says {schema.VERSION}; the migration steps lead to {latest_version()}")


def current_version(connection: Connection) -> int:
    """0 for an empty database, else the stored schema version."""
    if not connection.dialect.has_table(connection, MetaRecord.__tablename__):
        return 0
    table = MetaRecord.__table__  # type: ignore[attr-defined]
    value = connection.execute(select(table.c.value).where(table.c.key == "schema_version")).scalar()
    return int(value) if value is not None else 0


def _set_meta(connection: Connection, key: str, value: str) -> None:
    table = MetaRecord.__table__  # type: ignore[attr-defined]
    updated = connection.execute(table.update().where(table.c.key == key).values(value=value)).rowcount
    if not updated:
        connection.execute(table.insert().values(key=key, value=value))


def _create_current_schema(connection: Connection, version: int) -> None:
    assert records  # the import registers every table on SQLModel.metadata
    SQLModel.metadata.create_all(connection)
    fts.create(connection)
    message_hours.create(connection)
    conversation_counts.create(connection)
    _set_meta(connection, "workspace_id", uuid.uuid4().hex)
    _set_meta(connection, "schema_version", str(version))


def backup(path: Path, version: int) -> Path:
    """A consistent copy of the database file, taken with SQLite's online backup API."""
    target = path.with_name(f"{path.name}.v{version}.bak")
    source = sqlite3.connect(path)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    return target


def migrate(engine: Engine, path: Path | None, steps: Sequence[Step] = STEPS) -> int:
    """Bring the database to the latest version; returns the version reached. Safe to call on every start."""
    target = latest_version(steps)
    with engine.connect() as connection:
        connection.info["write"] = True
        with connection.begin():
            version = current_version(connection)
            if version == 0:
                _create_current_schema(connection, target)
                return target
        if version > target:
            raise StorageError(
                f"this database was written by a newer cmdesk (schema {version}, this version knows {target})"
            )
        if version < target and path is not None and path.exists():
            backup(path, version)
        for number in range(version, target):
            with connection.begin():
                steps[number - 1](connection)
                _set_meta(connection, "schema_version", str(number + 1))
    return target
