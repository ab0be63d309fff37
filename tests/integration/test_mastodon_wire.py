"""The Mastodon connector against a loopback server that speaks the documented wire format (tests/support/
mastodon_fake.py), for what snac2 cannot show: direct conversations, paging over many notifications, activity,
rate limits and 429, broken JSON, a revoked token, an instance that is down, and Idempotency-Key."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
import pytest_asyncio

from cmdesk.connectors.base import Permanent
from cmdesk.connectors.http import make_client
from cmdesk.connectors.mastodon import MastodonConnector
from cmdesk.connectors.mastodon.connector import PAGE_LIMITS
from cmdesk.credentials import MemoryCredentialStore
from cmdesk.domain import Account, Action, Health, Kind, Network, Secret
from cmdesk.domain.acts import Delete, Medium, Post, Reply
from cmdesk.services.accounts import set_monitors
from cmdesk.storage import fts, outbox, queries, workspace
from cmdesk.storage.database import Database
from cmdesk.storage.outbox import OutboxState
from cmdesk.sync import SyncEngine
from tests.support.mastodon_fake import TOKEN, MastodonFake, account

pytestmark = pytest.mark.asyncio
CUSTOMER = account("201", "marie", "Marie Dupont", "piaille.fr")
OTHER = account("202", "jean", "Jean Martin", "mastodon.social")


@pytest_asyncio.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with make_client() as shared:
        yield shared


def add_account(database: Database, credentials: MemoryCredentialStore, base: str) -> Account:
    with database.write() as connection:
        owner = workspace.add_client(connection, "Le Fournil")
        added = workspace.add_account(
            connection, owner.id, Network.MASTODON, f"{base}/@fournil", name="@fournil", settings={"me": "109"}
        )
    credentials.set(added.uid, Secret(TOKEN))
    return added


def engine_for(database: Database, client: httpx.AsyncClient, credentials: MemoryCredentialStore) -> SyncEngine:
    return SyncEngine(database, client, {Network.MASTODON: MastodonConnector()}, credentials)


def conversations(database: Database) -> list[queries.Conversation]:
    with database.read() as connection:
        return queries.conversation_page(connection, queries.ConversationFilter(), limit=500)


async def test_direct_messages_are_one_conversation_with_their_history(
    fake: MastodonFake, database: Database, client: httpx.AsyncClient, credentials: MemoryCredentialStore
) -> None:
    first = fake.status(CUSTOMER, "<p>Bonjour, une question privée</p>", visibility="direct", mentions=[fake.me])
    ours = fake.status(fake.me, "<p>Je vous écoute</p>", visibility="direct", in_reply_to=first["id"])
    last = fake.status(
        CUSTOMER, "<p>Allergie aux noix</p>", visibility="direct", in_reply_to=ours["id"], spoiler_text="santé"
    )
    fake.converse([CUSTOMER], last)
    fake.notify("mention", CUSTOMER, last)
    added = add_account(database, credentials, fake.base)

    results = await engine_for(database, client, credentials).sync_once([added.id], attempts=1)

    assert results[0].health is Health.OK, results[0].reason
    rows = conversations(database)
    assert [(r.kind, r.message_count, r.remote_id) for r in rows] == [(Kind.MESSAGE.value, 3, first["id"])]
    with database.read() as connection:
        messages = queries.thread(connection, rows[0].id)
    assert [m.direction for m in messages] == ["in", "out", "in"]
    assert messages[2].content_warning == "santé" and messages[2].text == "Allergie aux noix"
    assert messages[0].author_handle == "@marie@piaille.fr"


async def test_many_notifications_page_with_link_headers_then_only_new_ones(
    fake: MastodonFake, database: Database, client: httpx.AsyncClient, credentials: MemoryCredentialStore
) -> None:
    for n in range(100):
        fake.notify("mention", OTHER, fake.status(OTHER, f"<p>@fournil question {n}</p>", mentions=[fake.me]))
    added = add_account(database, credentials, fake.base)
    engine = engine_for(database, client, credentials)

    first = await engine.sync_once([added.id], attempts=1)
    assert first[0].health is Health.OK and first[0].ingested.inserted == 100
    listed = [r for r in fake.requests if r.path == "/api/v1/notifications"]
    assert [r.query.get("max_id") is not None for r in listed] == [False, True, True]
    assert all(r.query["limit"] == str(PAGE_LIMITS["notifications"]) for r in listed)

    for n in range(3):
        fake.notify("mention", OTHER, fake.status(OTHER, f"<p>@fournil nouvelle {n}</p>", mentions=[fake.me]))
    fake.requests.clear()
    second = await engine.sync_once([added.id], attempts=1)
    assert second[0].ingested.inserted == 3 and second[0].ingested.updated == 0
    asked = [r.query for r in fake.requests if r.path == "/api/v1/notifications"]
    assert len(asked) == 1 and "min_id" in asked[0]
    assert len(conversations(database)) == 103


async def test_favourites_boosts_and_follows_are_activity_not_conversations(
    fake: MastodonFake, database: Database, client: httpx.AsyncClient, credentials: MemoryCredentialStore
) -> None:
    ours = fake.status(fake.me, "<p>Galette des rois disponible !</p>")
    reply = fake.status(CUSTOMER, "<p>@fournil Je réserve !</p>", in_reply_to=ours["id"], mentions=[fake.me])
    fake.notify("mention", CUSTOMER, reply)
    fake.notify("favourite", CUSTOMER, ours)
    fake.notify("favourite", OTHER, ours)
    fake.notify("reblog", OTHER, ours)
    fake.notify("follow", OTHER)
    added = add_account(database, credentials, fake.base)

    await engine_for(database, client, credentials).sync_once([added.id], attempts=1)
    await engine_for(database, client, credentials).sync_once([added.id], attempts=1)

    rows = conversations(database)
    assert [(r.kind, r.message_count) for r in rows] == [(Kind.COMMENT.value, 2)]
    with database.read() as connection:
        counts = queries.activity_counts(connection, rows[0].id)
        total = connection.exec_driver_sql("SELECT kind, count(*) FROM activities GROUP BY kind ORDER BY kind").all()
    assert counts == {ours["id"]: {"favourite": 2, "boost": 1}}
    assert [tuple(row) for row in total] == [("boost", 1), ("favourite", 2), ("follow", 1)]


async def test_a_server_without_direct_conversations_still_syncs(
    fake: MastodonFake, database: Database, client: httpx.AsyncClient, credentials: MemoryCredentialStore
) -> None:
    fake.no_conversations = True
    fake.notify("mention", CUSTOMER, fake.status(CUSTOMER, "<p>@fournil ouvert dimanche ?</p>"))
    added = add_account(database, credentials, fake.base)
    engine = engine_for(database, client, credentials)
    assert (await engine.sync_once([added.id], attempts=1))[0].health is Health.OK
    fake.requests.clear()
    assert (await engine.sync_once([added.id], attempts=1))[0].health is Health.OK
    assert not [r for r in fake.requests if r.path == "/api/v1/conversations"], "not asked again"


async def test_429_waits_until_the_reset_and_the_outbox_keeps_the_reply(
    fake: MastodonFake, database: Database, client: httpx.AsyncClient, credentials: MemoryCredentialStore
) -> None:
    status = fake.status(CUSTOMER, "<p>@fournil prix du pain ?</p>")
    fake.notify("mention", CUSTOMER, status)
    added = add_account(database, credentials, fake.base)
    engine = engine_for(database, client, credentials)
    await engine.sync_once([added.id], attempts=1)
    with database.write() as connection:
        entry = outbox.enqueue(connection, added.id, Reply(text="1,20 €", target=status["id"]))
    fake.remaining = 0

    synced = await engine.sync_once([added.id], attempts=1)
    sent = await engine.outbox.send_due()

    assert synced[0].health is Health.RATE_LIMITED
    assert synced[0].retry_at is not None and abs(synced[0].retry_at - fake.reset_at) < timedelta(seconds=1)
    assert sent[0].state is OutboxState.SCHEDULED and sent[0].retry_at is not None
    assert abs(sent[0].retry_at - fake.reset_at) < timedelta(seconds=1)
    with database.read() as connection:
        waiting = outbox.get(connection, entry.id)
    assert waiting.state is OutboxState.SCHEDULED and "rate-limited" in waiting.last_error
    assert len(conversations(database)) == 1, "what was synced stays"


async def test_a_pass_stops_early_when_few_requests_remain(
    fake: MastodonFake, client: httpx.AsyncClient, credentials: MemoryCredentialStore, database: Database
) -> None:
    for n in range(45):
        fake.notify("mention", OTHER, fake.status(OTHER, f"<p>n{n}</p>"))
    fake.remaining = 5
    added = add_account(database, credentials, fake.base)
    page = await MastodonConnector().pull(client, _with_token(added), {})
    assert not page.has_more and len(page.items) == PAGE_LIMITS["notifications"]


def _with_token(added: Account) -> Account:
    return replace(added, secret=Secret(TOKEN))


async def test_broken_json_and_a_revoked_token_say_what_is_wrong_and_keep_the_data(
    fake: MastodonFake, database: Database, client: httpx.AsyncClient, credentials: MemoryCredentialStore
) -> None:
    fake.notify("mention", CUSTOMER, fake.status(CUSTOMER, "<p>@fournil merci !</p>"))
    added = add_account(database, credentials, fake.base)
    engine = engine_for(database, client, credentials)
    await engine.sync_once([added.id], attempts=1)

    fake.broken_json = True
    broken = await engine.sync_once([added.id], attempts=1)
    assert broken[0].health is Health.NEEDS_ATTENTION and "Mastodon-compatible" in broken[0].reason

    fake.broken_json, fake.revoked = False, True
    revoked = await engine.sync_once([added.id], attempts=1)
    assert revoked[0].health is Health.NEEDS_ATTENTION and "sign-in needed" in revoked[0].reason
    assert TOKEN not in revoked[0].reason
    assert len(conversations(database)) == 1


async def test_an_instance_that_is_down_is_retried_later(
    database: Database, client: httpx.AsyncClient, credentials: MemoryCredentialStore
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    added = add_account(database, credentials, f"http://127.0.0.1:{port}")
    result = await engine_for(database, client, credentials).sync_once([added.id], attempts=1)
    assert result[0].health is Health.RETRYING and "refused the connection" in result[0].reason


async def test_a_repeated_post_with_the_same_idempotency_key_is_one_status(
    fake: MastodonFake, client: httpx.AsyncClient, credentials: MemoryCredentialStore, database: Database
) -> None:
    added = _with_token(add_account(database, credentials, fake.base))
    action = Action(Post("Fermé le 25 décembre"), "key-7f3a")
    first = await MastodonConnector().perform(client, added, action)
    again = await MastodonConnector().perform(client, added, action)
    assert first.remote_id == again.remote_id
    posts = [r for r in fake.requests if r.method == "POST"]
    assert [r.headers["idempotency-key"] for r in posts] == ["key-7f3a", "key-7f3a"]
    assert len([s for s in fake.statuses.values() if s["account"]["id"] == "109"]) == 1


async def test_keyword_and_hashtag_monitors_page_with_min_id_and_say_when_search_is_missing(
    fake: MastodonFake, database: Database, client: httpx.AsyncClient, credentials: MemoryCredentialStore
) -> None:
    fake.status(OTHER, "<p>Le pain au levain de la rue Pasteur est incroyable</p>")
    fake.status(OTHER, "<p>Vive la #galette !</p>")
    fake.status(CUSTOMER, "<p>@fournil pain au levain ce soir ?</p>", mentions=[fake.me])
    added = add_account(database, credentials, fake.base)
    set_monitors(database, added.id, ["pain au levain", "#galette"])
    engine = engine_for(database, client, credentials)

    await engine.sync_once([added.id], attempts=1)
    titles = sorted((row.title, row.snippet) for row in conversations(database))
    assert titles == [
        ("#galette", "Vive la #galette !"),
        ("pain au levain", "Le pain au levain de la rue Pasteur est incroyable"),
    ], "the post that mentions the account is not a monitor match"

    fake.status(OTHER, "<p>Encore du pain au levain, miam</p>")
    fake.requests.clear()
    await engine.sync_once([added.id], attempts=1)
    searched = [r.query for r in fake.requests if r.path == "/api/v2/search"]
    assert len(searched) == 1 and searched[0]["q"] == "pain au levain" and "min_id" in searched[0]
    assert len(conversations(database)) == 3

    fake.no_search = True
    set_monitors(database, added.id, ["pain au levain", "#galette", "croissant"])
    result = await engine.sync_once([added.id], attempts=1)
    assert result[0].health is Health.OK
    assert any("croissant" in p.where and "does not offer" in p.detail for p in result[0].problems)


@pytest.mark.parametrize("batch", [True, False], ids=["many-at-once", "one-by-one"])
async def test_edits_and_deletions_on_the_network_are_reflected(
    batch: bool,
    fake: MastodonFake,
    database: Database,
    client: httpx.AsyncClient,
    credentials: MemoryCredentialStore,
) -> None:
    fake.no_batch_statuses = not batch
    kept = fake.status(CUSTOMER, "<p>@fournil Vos croissants sont trop cuits</p>", mentions=[fake.me])
    gone = fake.status(OTHER, "<p>@fournil Service nul, je ne reviendrai pas</p>", mentions=[fake.me])
    fake.notify("mention", CUSTOMER, kept)
    fake.notify("mention", OTHER, gone)
    added = add_account(database, credentials, fake.base)
    engine = engine_for(database, client, credentials)
    await engine.sync_once([added.id], attempts=1)

    fake.edit(kept["id"], "<p>@fournil Vos croissants sont parfaits, je retire ce que j'ai dit</p>")
    fake.delete(gone["id"])
    result = await engine.sync_once([added.id], attempts=1)

    assert result[0].health is Health.OK and result[0].ingested.updated == 1
    with database.read() as connection:
        messages = {m.remote_id: m for row in conversations(database) for m in queries.thread(connection, row.id)}
    assert "parfaits" in messages[kept["id"]].text and messages[kept["id"]].updated_at is not None
    assert messages[kept["id"]].deleted_at is None
    assert messages[gone["id"]].deleted_at is not None, "deleted on the network: marked"
    assert "Service nul" in messages[gone["id"]].text, "…and what was said is kept"
    with database.read() as connection:
        found = fts.search(connection, "parfaits")
    assert [hit.conversation_id for hit in found] == [messages[kept["id"]].conversation_id], "search sees the edit"


async def test_deleting_an_own_post_is_safe_to_repeat(
    fake: MastodonFake, client: httpx.AsyncClient, credentials: MemoryCredentialStore, database: Database
) -> None:
    added = _with_token(add_account(database, credentials, fake.base))
    ours = fake.status(fake.me, "<p>Fermeture exceptionnelle lundi</p>")
    action = Action(Delete(ours["id"]), "key-del-1")
    assert (await MastodonConnector().perform(client, added, action)).remote_id == ours["id"]
    assert ours["id"] not in fake.statuses
    assert (await MastodonConnector().perform(client, added, action)).remote_id == ours["id"], "already gone: done"


PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + bytes(40)


async def test_a_post_with_images_uploads_each_with_its_alt_text_then_attaches_them(
    fake: MastodonFake,
    client: httpx.AsyncClient,
    credentials: MemoryCredentialStore,
    database: Database,
    tmp_path: Path,
) -> None:
    added = _with_token(add_account(database, credentials, fake.base))
    galette, shop = tmp_path / "galette.png", tmp_path / "vitrine.jpg"
    galette.write_bytes(PNG)
    shop.write_bytes(b"\xff\xd8\xff\xe0" + bytes(100))
    media = [
        {"path": str(galette), "description": "Une galette dorée, une fève posée dessus"},
        {"path": str(shop), "description": "La vitrine décorée pour l'Épiphanie"},
    ]
    action = Action(Post("Les galettes sont là !", media=tuple(Medium.from_json(m) for m in media)), "key-media")
    ref = await MastodonConnector().perform(client, added, action)
    posted = fake.statuses[ref.remote_id]
    assert [(m["description"], m["type"]) for m in posted["media_attachments"]] == [
        ("Une galette dorée, une fève posée dessus", "image"),
        ("La vitrine décorée pour l'Épiphanie", "image"),
    ]
    uploaded = [fake.media[m["id"]]["_bytes"] for m in posted["media_attachments"]]
    assert uploaded == [galette.read_bytes(), shop.read_bytes()], "the bytes arrived as they are on disk"
    assert ref.item is not None and len(ref.item.attachments) == 2, "the sent post shows its images in the thread"

    before = len(fake.requests)
    galette.unlink()
    with pytest.raises(Permanent, match="galette.png is no longer on this computer"):
        await MastodonConnector().perform(client, added, replace(action, idempotency_key="key-2"))
    text_file = tmp_path / "menu.txt"
    text_file.write_text("menu")
    only_text = Action(Post("Menu", media=(Medium(str(text_file)),)), "key-3")
    with pytest.raises(Permanent, match="only JPEG, PNG, GIF and WebP"):
        await MastodonConnector().perform(client, added, only_text)
    assert len(fake.requests) == before, "refused before any request"


async def test_signing_in_keeps_the_instances_own_limits_and_posts_are_counted_against_them(
    fake: MastodonFake, client: httpx.AsyncClient, credentials: MemoryCredentialStore, database: Database
) -> None:
    from cmdesk.connectors.mastodon.media import limits_from_instance
    from cmdesk.connectors.mastodon.signin import identify
    from cmdesk.domain.counting import count_for
    from cmdesk.services.accounts import save_mastodon_account

    fake.max_characters = 1000
    signed_in = await identify(client, fake.base, Secret(TOKEN))
    assert dict(signed_in.limits) == {
        "max_characters": 1000,
        "url_length": 23,
        "max_media": 4,
        "image_size_limit": 16777216,
    }
    added = save_mastodon_account(database, credentials, signed_in, None, create_client=True).account
    long_post = "Le Fournil " * 70
    counted = count_for(added, MastodonConnector.capabilities, long_post)
    assert (counted.used, counted.limit, counted.over) == (770, 1000, False), "this server takes 1,000 characters"
    pleroma = {"max_toot_chars": 5000, "configuration": {"statuses": {"max_characters": "lots"}}}
    assert limits_from_instance(pleroma) == {"max_characters": 5000}
    assert limits_from_instance({"title": "a server that says nothing"}) == {}


async def test_one_odd_notification_is_a_bad_item_not_a_failed_account(
    fake: MastodonFake, database: Database, client: httpx.AsyncClient, credentials: MemoryCredentialStore
) -> None:
    """Issue 15, finding 4: a notification whose `type` is a list, a status whose `emojis` is a number or whose
    date is 9999-12-31T23:59:59-23:59 failed the whole page, every sync, and the cursor never moved."""
    good = fake.status(CUSTOMER, "<p>@fournil ouvert lundi ?</p>", mentions=[fake.me])
    fake.notify("mention", CUSTOMER, good)
    listed = fake.notify("mention", CUSTOMER, fake.status(CUSTOMER, "<p>@fournil liste</p>", mentions=[fake.me]))
    listed["type"] = ["mention"]
    emojis = fake.status(CUSTOMER, "<p>@fournil emojis</p>", mentions=[fake.me])
    emojis["emojis"] = 7
    fake.notify("mention", CUSTOMER, emojis)
    dated = fake.status(CUSTOMER, "<p>@fournil de l'an 9999</p>", mentions=[fake.me])
    dated["created_at"] = "9999-12-31T23:59:59-23:59"
    fake.notify("mention", CUSTOMER, dated)
    added = add_account(database, credentials, fake.base)

    [first] = await engine_for(database, client, credentials).sync_once([added.id], attempts=1)

    assert first.health is Health.OK, first.reason
    texts = {row.snippet for row in conversations(database)}
    assert any("ouvert lundi" in text for text in texts), "the good mention is stored"
    assert len(first.problems) >= 2, first.problems
    assert all(problem.detail for problem in first.problems)
    later = fake.status(CUSTOMER, "<p>@fournil et mardi ?</p>", mentions=[fake.me])
    fake.notify("mention", CUSTOMER, later)
    [second] = await engine_for(database, client, credentials).sync_once([added.id], attempts=1)
    assert second.health is Health.OK and any("mardi" in row.snippet for row in conversations(database))
