"""The sidebar's kept counts on the team database: the same `conversation_counts` table as a laptop's
(storage/conversation_counts.py, read by the same `tallies`), kept in step by a PL/pgSQL trigger on `conversations`
inside each writer's transaction — whatever writes a conversation there (a copy, the log's decisions, a page) keeps
them right without knowing of them. Made (and counted from scratch) when the team's read side is made."""

from __future__ import annotations

from sqlalchemy import Connection, text

from cmdesk.storage.conversation_counts import differences as differences

_COUNTED = ("account_id", "status", "kind", "last_direction")
STATEMENTS = (
    """CREATE TABLE IF NOT EXISTS conversation_counts (
        account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        status VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        waiting INTEGER NOT NULL,
        conversations INTEGER NOT NULL,
        PRIMARY KEY (account_id, status, kind, waiting))""",
    """CREATE OR REPLACE FUNCTION cmdesk_count_conversations() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'INSERT' THEN
            UPDATE conversation_counts SET conversations = conversations - 1
            WHERE account_id = OLD.account_id AND status = OLD.status AND kind = OLD.kind
              AND waiting = (OLD.last_direction = 'in')::int;
        END IF;
        IF TG_OP <> 'DELETE' THEN
            INSERT INTO conversation_counts (account_id, status, kind, waiting, conversations)
            VALUES (NEW.account_id, NEW.status, NEW.kind, (NEW.last_direction = 'in')::int, 1)
            ON CONFLICT (account_id, status, kind, waiting)
            DO UPDATE SET conversations = conversation_counts.conversations + 1;
        END IF;
        RETURN NULL;
    END $$""",
    "DROP TRIGGER IF EXISTS conversations_counts_insert_delete ON conversations",
    """CREATE TRIGGER conversations_counts_insert_delete AFTER INSERT OR DELETE ON conversations
        FOR EACH ROW EXECUTE FUNCTION cmdesk_count_conversations()""",
    "DROP TRIGGER IF EXISTS conversations_counts_update ON conversations",
    f"""CREATE TRIGGER conversations_counts_update AFTER UPDATE OF {", ".join(_COUNTED)} ON conversations
        FOR EACH ROW WHEN ({" OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in _COUNTED)})
        EXECUTE FUNCTION cmdesk_count_conversations()""",
)


def create(pg: Connection) -> None:
    """The table and its triggers (idempotent), counted from scratch."""
    for statement in STATEMENTS:
        pg.execute(text(statement))
    rebuild(pg)


TRIGGERS = ("conversations_counts_insert_delete", "conversations_counts_update")


def pause(pg: Connection) -> None:
    """Stop counting row by row (a bulk copy: `resume` counts everything once after)."""
    for trigger in TRIGGERS:
        pg.execute(text(f"ALTER TABLE conversations DISABLE TRIGGER {trigger}"))


def resume(pg: Connection) -> None:
    for trigger in TRIGGERS:
        pg.execute(text(f"ALTER TABLE conversations ENABLE TRIGGER {trigger}"))
    rebuild(pg)


def rebuild(pg: Connection) -> None:
    pg.execute(text("DELETE FROM conversation_counts"))
    pg.execute(
        text(
            "INSERT INTO conversation_counts (account_id, status, kind, waiting, conversations) "
            "SELECT account_id, status, kind, (last_direction = 'in')::int, count(*) FROM conversations "
            "GROUP BY 1, 2, 3, 4"
        )
    )


__all__ = ["create", "differences", "pause", "rebuild", "resume"]
