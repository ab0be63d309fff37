"""A teammate's page applied on this laptop is stored unjudged, as the outbox's sent messages are, and the engine's
judge takes it with its next batch, in its process: judged as it was written, a small page loaded the language
model and lexicons into the window's own process (storage/team/local_apply.py)."""

from __future__ import annotations

from cmdesk.domain import Page
from cmdesk.domain.team import OpKind
from cmdesk.storage import listening
from cmdesk.storage.database import Database
from cmdesk.storage.team import local_apply, page_codec
from tests.support.factories import item, make_account


def test_a_teammates_page_is_stored_at_once_and_judged_by_the_engines_judge(database: Database) -> None:
    account = make_account(database)
    with database.read() as connection:
        uid = connection.exec_driver_sql("SELECT uid FROM accounts WHERE id = ?", (account.id,)).scalar()
    page = Page((item(1, text="Très déçue, c'est inadmissible"), item(2, text="Merci, c'est parfait !")), {})
    with database.write() as connection:
        local_apply.apply(connection, OpKind.PAGE, str(uid), "", page_codec.encode(page, with_cursor=False))
    with database.read() as connection:
        stored: dict[str, str | None] = dict(
            connection.exec_driver_sql("SELECT remote_id, sentiment FROM messages").all()
        )
    assert stored == {"item-1": None, "item-2": None}
    with database.write() as connection:
        assert listening.backfill(connection) == 2
        judged: dict[str, str | None] = dict(
            connection.exec_driver_sql("SELECT remote_id, sentiment FROM messages").all()
        )
    assert judged == {"item-1": "negative", "item-2": "positive"}
