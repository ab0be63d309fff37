"""Typed outgoing acts: each kind survives the outbox's round trip; old rows are read as acts by the migration; a
row that cannot be read becomes an entry for the user to check — never a crash, never a silent drop."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from cmdesk.domain import Capabilities, Network
from cmdesk.domain.acts import (
    ACT_TYPES,
    Approve,
    BadAct,
    Boost,
    Delete,
    Favourite,
    Hide,
    Mail,
    MarkRead,
    Medium,
    Post,
    Reply,
    Trash,
    Withdraw,
    act_from_json,
    act_to_json,
    with_text,
)
from cmdesk.storage import migrations, outbox
from cmdesk.storage.database import Database
from cmdesk.storage.outbox import OutboxState
from cmdesk.sync import SyncEngine
from tests.support.factories import make_account
from tests.support.old_schema import undo_sentiment_and_languages

EVERY_KIND = [
    Reply("Oui, le vendredi !", "109", thread_key="100", kind="mention", content_warning="", signature="Marie"),
    Reply("Merci", "<a@b>", signature=None),
    Post(
        "Galettes dès samedi",
        group="g1",
        content_warning="food",
        media=(Medium("/data/media/1.jpg", "Une galette dorée", "galette.jpg", "image/jpeg"),),
        planned="2026-12-05T09:30:00+01:00",
        repeat="weekly",
        missed="ask",
    ),
    Favourite("109"),
    Boost("109"),
    Delete("110"),
    MarkRead(("<a@b>", "<c@d>")),
    Hide("c-1"),
    Trash("https://blog.example/?p=4#comment-9", spam=True),
    Mail("direction@client.test", "Rapport — du 23/11 au 29/11", "Bonjour,\nVoici le rapport.", ("/tmp/r.pdf",)),
    Approve("c-2"),
    Withdraw("3221"),
]


@pytest.mark.parametrize("act", EVERY_KIND, ids=lambda act: act.KIND)
def test_every_act_survives_the_outbox_round_trip(act: object, database: Database) -> None:
    account = make_account(database)
    with database.write() as connection:
        entry = outbox.enqueue(connection, account.id, act)  # type: ignore[arg-type]
    with database.read() as connection:
        again = outbox.get(connection, entry.id)
    assert again.act == act and again.action == act.KIND and again.act_problem == ""  # type: ignore[attr-defined]
    assert act_from_json(act.KIND, json.loads(json.dumps(act_to_json(act)))) == act  # type: ignore[attr-defined,arg-type]


def test_every_kind_of_act_is_covered() -> None:
    assert {type(act) for act in EVERY_KIND} == set(ACT_TYPES.values())


@pytest.mark.parametrize(
    ("kind", "data", "reason"),
    [
        ("teleport", {"target": "1"}, "unknown kind of act 'teleport'"),
        ("reply", ["not", "an", "object"], "reply: its data is not a JSON object"),
        ("reply", {"text": "hello"}, "reply: target is missing"),
        ("favourite", {"target": 109}, "favourite: target is not text"),
        ("post", {"text": "x", "media": [{"description": "no path"}]}, "post: media is not a list of images"),
        ("mark_read", {"message_ids": "a,b"}, "mark_read: message_ids is not a list of ids"),
        ("mail", {"to": "a@b", "subject": "s", "text": "t", "attachments": "r.pdf"}, "mail: attachments is not a list"),
    ],
)
def test_what_cannot_be_read_says_why(kind: str, data: object, reason: str) -> None:
    with pytest.raises(BadAct, match=reason.replace("(", r"\(").replace("'", "'")):
        act_from_json(kind, data)


def test_only_acts_with_text_can_be_edited() -> None:
    assert with_text(Post("old", group="g"), "new") == Post("new", group="g")
    with pytest.raises(BadAct):
        with_text(Favourite("1"), "new")


def _old_rows(database: Database, account_id: int) -> dict[str, int]:
    """Rows as cmdesk wrote them before acts were typed (schema 9), plus damaged ones."""
    rows = {
        "reply": ("reply", {"text": "Oui", "target": "9", "thread_key": "1", "kind": "mention"}, "scheduled"),
        "post": (
            "post",
            {"text": "Pain", "group": "g", "media": [{"path": "/m/1.png", "description": "pain"}]},
            "sent",
        ),  # noqa: E501
        "read": ("mark_read", {"message_ids": ["<a@b>"]}, "scheduled"),
        "garbled": ("reply", "{not json", "scheduled"),
        "unknown": ("poke", {"target": "1"}, "failed"),
        "old_and_sent": ("poke", {"target": "1"}, "sent"),
    }
    ids = {}
    with database.write() as connection:
        for name, (action, payload, state) in rows.items():
            text = payload if isinstance(payload, str) else json.dumps(payload)
            ids[name] = int(
                connection.exec_driver_sql(
                    "INSERT INTO outbox (account_id, action, idempotency_key, payload, state, scheduled_at, attempts, "
                    "last_error, remote_id, created_at, updated_at, claimed_by) VALUES (?, ?, ?, ?, ?, "
                    "'2026-11-30 10:00:00.000000', 0, '', '', '2026-11-30 10:00:00.000000', "
                    "'2026-11-30 10:00:00.000000', '') RETURNING id",
                    (account_id, action, f"key-{name}", text, state),
                ).scalar_one()
            )
        connection.exec_driver_sql("ALTER TABLE outbox DROP COLUMN network_schedule")  # schema 11's
        connection.exec_driver_sql("DROP TABLE person_notes")  # schema 12's
        undo_sentiment_and_languages(connection)  # schemas 13 and 14
        connection.exec_driver_sql("UPDATE meta SET value='9' WHERE key='schema_version'")
    return ids


def test_the_migration_reads_old_rows_as_acts_and_holds_what_it_cannot_read(data_dir: Path) -> None:
    database = Database.open(data_dir)
    ids = _old_rows(database, make_account(database).id)
    database.close()
    database = Database.open(data_dir)
    with database.read() as connection:
        assert migrations.current_version(connection) == 25
        entries = {name: outbox.get(connection, entry_id) for name, entry_id in ids.items()}
        stored = connection.exec_driver_sql(f"SELECT payload FROM outbox WHERE id = {ids['post']}").scalar_one()
    assert entries["reply"].act == Reply("Oui", "9", thread_key="1", kind="mention")
    assert entries["reply"].state is OutboxState.SCHEDULED
    assert entries["post"].act == Post("Pain", group="g", media=(Medium("/m/1.png", "pain"),))
    assert json.loads(stored)["media"] == [{"path": "/m/1.png", "description": "pain", "name": "", "type": ""}]
    assert entries["read"].act == MarkRead(("<a@b>",))
    for name, why in (("garbled", "reply: its data is not JSON"), ("unknown", "unknown kind of act 'poke'")):
        assert entries[name].act is None and entries[name].state is OutboxState.NEEDS_CHECK
        assert why in entries[name].last_error and "check it, then cancel it" in entries[name].last_error
        assert entries[name].act_problem
    assert entries["old_and_sent"].state is OutboxState.SENT, "what went out stays as it was"
    database.close()


@pytest.mark.asyncio
async def test_a_row_damaged_later_is_held_for_the_user_and_the_rest_goes_out(database: Database) -> None:
    account = make_account(database)
    with database.write() as connection:
        good = outbox.enqueue(connection, account.id, Favourite("1"))
        bad = outbox.enqueue(connection, account.id, Boost("2"))
        connection.exec_driver_sql(f"UPDATE outbox SET payload = '{{\"target\": null}}' WHERE id = {bad.id}")
    performed: list[object] = []

    class Recorder:
        network = Network.FEED
        capabilities = Capabilities()

        async def perform(self, client: object, account: object, action: object) -> object:
            from cmdesk.domain import RemoteRef

            performed.append(action.act)  # type: ignore[attr-defined]
            return RemoteRef("ok")

        async def find_sent(self, *args: object) -> None:
            return None

    async with httpx.AsyncClient() as client:
        engine = SyncEngine(database, client, {Network.FEED: Recorder()})  # type: ignore[dict-item]
        results = {result.entry_id: result for result in await engine.outbox.send_due()}
        await engine.aclose()
    assert performed == [Favourite("1")]
    assert results[good.id].state is OutboxState.SENT
    assert results[bad.id].state is OutboxState.NEEDS_CHECK
    held = "cmdesk cannot read this entry (boost: target is not text): check it, then cancel it"
    assert results[bad.id].reason == held
    with database.read() as connection:
        assert outbox.get(connection, bad.id).state is OutboxState.NEEDS_CHECK
