"""Taking a database back to an older schema, for migration tests: the later steps undone."""

from __future__ import annotations

from sqlalchemy import Connection


def undo_sentiment_and_languages(connection: Connection) -> None:
    """What schemas 13 (languages), 14 (sentiment), 15 (alerts), 16 (client monitors), 17 (reach), 18
    (stories), 19 (response times), 20 (report counts, held messages), 21 (the usage ledger), 22 (measures), 23
    (conversation counts) and 24 (team mode) added, undone (the snippets' rebuild by 13 runs again on any shape of
    the table)."""
    connection.exec_driver_sql("DROP TABLE team_pending")  # schema 24's
    connection.exec_driver_sql("DROP TABLE conversation_notes")
    connection.exec_driver_sql("DROP INDEX ix_conversations_assignee")
    connection.exec_driver_sql("ALTER TABLE conversations DROP COLUMN assignee")
    for trigger in ("conversations_counts_insert", "conversations_counts_delete", "conversations_counts_update"):
        connection.exec_driver_sql(f"DROP TRIGGER {trigger}")  # schema 23's
    connection.exec_driver_sql("DROP TABLE conversation_counts")
    connection.exec_driver_sql("DROP TABLE measures")  # schema 22's
    connection.exec_driver_sql("DROP TABLE usage")  # schema 21's
    connection.exec_driver_sql("DROP INDEX ix_conversations_held")  # schema 20's
    connection.exec_driver_sql("ALTER TABLE conversations DROP COLUMN held_count")
    connection.exec_driver_sql("ALTER TABLE messages DROP COLUMN held")
    for trigger in ("messages_hours_update", "messages_hours_delete", "conversations_hours_kind"):  # schema 20's
        connection.exec_driver_sql(f"DROP TRIGGER {trigger}")
    connection.exec_driver_sql("DROP TABLE message_hours")
    for column in ("started_at", "asked_at", "answered_at", "live_count"):
        connection.exec_driver_sql(f"ALTER TABLE conversations DROP COLUMN {column}")
    connection.exec_driver_sql("DROP INDEX ix_conversations_due")  # schema 19's
    connection.exec_driver_sql("ALTER TABLE conversations DROP COLUMN due_at")
    connection.exec_driver_sql("ALTER TABLE conversations DROP COLUMN management_note")
    connection.exec_driver_sql("ALTER TABLE conversations DROP COLUMN waiting_since")
    connection.exec_driver_sql("ALTER TABLE clients DROP COLUMN business_hours")
    connection.exec_driver_sql("ALTER TABLE clients DROP COLUMN report_schedule")
    connection.exec_driver_sql("DROP TABLE stories")  # schema 18's
    connection.exec_driver_sql("ALTER TABLE contacts DROP COLUMN followers")  # schema 17's
    connection.exec_driver_sql("DROP TABLE alerts")
    connection.exec_driver_sql("ALTER TABLE clients DROP COLUMN monitors")
    connection.exec_driver_sql("DROP INDEX ix_conversations_monitored")
    connection.exec_driver_sql("ALTER TABLE conversations DROP COLUMN monitor")
    for index in ("ix_messages_corrected", "ix_messages_unjudged", "ix_conversations_sentiment_activity"):
        connection.exec_driver_sql(f"DROP INDEX {index}")
    for column in ("language", "sentiment", "sentiment_score", "sentiment_by"):
        connection.exec_driver_sql(f"ALTER TABLE messages DROP COLUMN {column}")
    connection.exec_driver_sql("ALTER TABLE conversations DROP COLUMN sentiment")
