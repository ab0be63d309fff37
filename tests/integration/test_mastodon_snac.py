"""The Mastodon connector, the outbox and the engine against snac2, a real ActivityPub server with a
Mastodon-compatible API, on loopback. Local delivery goes through snac's queue (seconds), so tests poll with a
deadline. What snac lacks (direct conversations, rate-limit headers, 429) is covered in test_mastodon_wire.py.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
import pytest_asyncio

from cmdesk.connectors.http import make_client
from cmdesk.connectors.mastodon import MastodonConnector, SignedIn, sign_in_with_browser, start_out_of_band
from cmdesk.credentials import MemoryCredentialStore
from cmdesk.domain import Account, Action, Direction, Health, Kind, Network
from cmdesk.domain.acts import act_from_json
from cmdesk.services.accounts import KeyringAppCache, save_mastodon_account, set_monitors
from cmdesk.storage import outbox, queries
from cmdesk.storage.database import Database
from cmdesk.storage.outbox import OutboxState
from cmdesk.sync import SyncEngine
from cmdesk.sync.credentials import with_secret
from tests.support.snac import BASE, SnacServer

T = TypeVar("T")
pytestmark = pytest.mark.asyncio
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63f8cf"
    "c0f01f00050001ff89993d1d0000000049454e44ae426082"
)
"""A 1×1 PNG, whole (snac reads the image it is given)."""
DELIVERY = 40.0
"""snac delivers local posts through its queue: notifications appear 3–6 s later (PEERS.md); room for a slow CI."""


@dataclass
class Desk:
    """cmdesk signed in as a fresh snac user (the shop), and a second user (a customer) who talks to it."""

    database: Database
    credentials: MemoryCredentialStore
    client: httpx.AsyncClient
    engine: SyncEngine
    account: Account
    user: str
    password: str
    customer_token: str

    @property
    def token(self) -> str:
        secret = self.credentials.get(self.account.uid)
        assert secret is not None
        return secret.reveal()


async def eventually(check: Callable[[], Awaitable[T]], what: str, timeout: float = DELIVERY) -> T:
    deadline = time.monotonic() + timeout
    while True:
        found = await check()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        await asyncio.sleep(0.5)


async def browser_sign_in(
    snac: SnacServer, client: httpx.AsyncClient, credentials: MemoryCredentialStore, user: str, password: str
) -> SignedIn:
    loop = asyncio.get_running_loop()

    def open_url(url: str) -> Awaitable[str]:
        return loop.run_in_executor(None, snac.approve_as_browser, url, user, password)

    return await sign_in_with_browser(client, BASE, KeyringAppCache(credentials), open_url, timeout=30)


@pytest_asyncio.fixture
async def desk(snac: SnacServer, database: Database) -> AsyncIterator[Desk]:
    credentials = MemoryCredentialStore()
    user, password = snac.add_user("fournil")
    customer, customer_password = snac.add_user("client")
    async with make_client() as client:
        signed_in = await browser_sign_in(snac, client, credentials, user, password)
        added = save_mastodon_account(database, credentials, signed_in, None)
        engine = SyncEngine(database, client, {Network.MASTODON: MastodonConnector()}, credentials)
        yield Desk(
            database,
            credentials,
            client,
            engine,
            added.account,
            user,
            password,
            snac.token_for(customer, customer_password),
        )
        await engine.aclose()


async def sync(desk: Desk) -> list[queries.Conversation]:
    results = await desk.engine.sync_once([desk.account.id], attempts=1)
    assert results[0].health is Health.OK, results[0].reason
    with desk.database.read() as connection:
        return queries.conversation_page(connection, queries.ConversationFilter(), limit=50)


def thread(desk: Desk, conversation_id: int) -> list[queries.Message]:
    with desk.database.read() as connection:
        return queries.thread(connection, conversation_id)


async def test_browser_sign_in_keeps_the_token_in_the_keyring_only(
    snac: SnacServer, desk: Desk, data_dir: Path
) -> None:
    token = desk.token
    assert desk.account.name == f"@{desk.user}@localhost"
    assert desk.account.address == f"{BASE}/@{desk.user}"
    stored = b"".join(path.read_bytes() for path in data_dir.iterdir() if path.is_file())
    assert token.encode() not in stored
    app = KeyringAppCache(desk.credentials).load(BASE)
    assert app is not None and app.client_secret.reveal().encode() not in stored

    again = await browser_sign_in(snac, desk.client, desk.credentials, desk.user, desk.password)
    assert KeyringAppCache(desk.credentials).load(BASE) == app, "the app registration is reused, not redone"
    resaved = save_mastodon_account(desk.database, desk.credentials, again, None)
    assert resaved.again and resaved.account.id == desk.account.id


async def test_out_of_band_sign_in_with_a_pasted_code(snac: SnacServer, desk: Desk) -> None:
    pending = await start_out_of_band(desk.client, BASE, KeyringAppCache(MemoryCredentialStore()))
    assert "redirect_uri=urn%3Aietf%3Awg%3Aoauth%3A2.0%3Aoob" in pending.url
    assert "code_challenge_method=S256" in pending.url
    shown = await asyncio.to_thread(snac.approve_as_browser, pending.url, desk.user, desk.password)
    signed_in = await pending.finish(desk.client, shown)
    assert signed_in.handle == f"@{desk.user}@localhost"


async def test_mentions_and_replies_to_own_posts_sync_with_their_thread(snac: SnacServer, desk: Desk) -> None:
    own = snac.post(desk.token, "Nouvelle fournée de croissants ce matin !")
    snac.post(desk.customer_token, f"@{desk.user}@localhost Encore chauds ?", in_reply_to_id=str(own["id"]))
    snac.post(desk.customer_token, f"@{desk.user}@localhost Vos croissants sont-ils sans gluten ?")

    async def both() -> list[queries.Conversation]:
        rows = await sync(desk)
        return rows if len(rows) == 2 and all(row.message_count >= 1 for row in rows) else []

    rows = await eventually(both, "a mention and a reply to our post")
    by_kind = {row.kind: row for row in rows}
    assert set(by_kind) == {Kind.COMMENT.value, Kind.MENTION.value}
    comments = thread(desk, by_kind[Kind.COMMENT.value].id)
    assert [m.direction for m in comments] == [Direction.OUTBOUND.value, Direction.INBOUND.value]
    assert comments[1].parent_remote_id == comments[0].remote_id == str(own["id"])
    assert "Encore chauds" in comments[1].text and comments[1].author_handle.startswith("@client")
    mention = thread(desk, by_kind[Kind.MENTION.value].id)
    assert len(mention) == 1 and "sans gluten" in mention[0].text and by_kind[Kind.MENTION.value].unread

    again = await sync(desk)
    assert [(r.id, r.message_count) for r in again] == [(r.id, r.message_count) for r in rows], "nothing doubled"


async def _one_mention(snac: SnacServer, desk: Desk, text: str, **fields: str) -> queries.Conversation:
    posted = snac.post(desk.customer_token, f"@{desk.user}@localhost {text}", **fields)

    async def arrived() -> list[queries.Conversation]:
        return [row for row in await sync(desk) if row.remote_id == str(posted["id"])]

    return (await eventually(arrived, "the customer's mention"))[0]


def _queue(desk: Desk, action: str, conversation: queries.Conversation, **payload: Any) -> int:
    with desk.database.write() as connection:
        act = act_from_json(
            action,
            {
                "target": conversation.remote_id,
                "thread_key": conversation.remote_id,
                "kind": conversation.kind,
                **payload,
            },
        )
        entry = outbox.enqueue(connection, desk.account.id, act, conversation_id=conversation.id)
    return entry.id


async def test_a_reply_goes_out_in_thread_keeps_the_visibility_and_joins_the_thread(
    snac: SnacServer, desk: Desk
) -> None:
    conversation = await _one_mention(snac, desk, "Commande pour samedi possible ?", visibility="private")
    entry_id = _queue(desk, "reply", conversation, text="Oui, bien sûr ! À samedi.")

    results = await desk.engine.outbox.send_due()
    assert [(r.entry_id, r.state) for r in results] == [(entry_id, OutboxState.SENT)], results
    messages = thread(desk, conversation.id)
    assert [m.direction for m in messages] == [Direction.INBOUND.value, Direction.OUTBOUND.value]
    reply = messages[1]
    assert reply.parent_remote_id == conversation.remote_id and reply.remote_id == results[0].remote_id
    assert "À samedi" in reply.text and "@client" in reply.text, "the reply mentions the customer"
    original = snac.get(desk.token, f"/api/v1/statuses/{conversation.remote_id}")
    sent = snac.get(desk.token, f"/api/v1/statuses/{reply.remote_id}")
    assert isinstance(original, dict) and isinstance(sent, dict)
    assert sent["visibility"] == original["visibility"] != "public"
    assert sent["in_reply_to_id"] == conversation.remote_id


async def test_favourite_through_the_outbox(snac: SnacServer, desk: Desk) -> None:
    conversation = await _one_mention(snac, desk, "Merci pour l'accueil !")
    _queue(desk, "favourite", conversation)
    results = await desk.engine.outbox.send_due()
    assert results[0].state is OutboxState.SENT, results
    status = snac.get(desk.token, f"/api/v1/statuses/{conversation.remote_id}")
    assert isinstance(status, dict) and status["favourited"] is True


async def test_a_send_interrupted_after_the_server_took_it_is_not_sent_twice(snac: SnacServer, desk: Desk) -> None:
    """snac ignores Idempotency-Key, so this is the remote check at work: the crash happened after the POST
    reached the server and before cmdesk recorded it."""
    conversation = await _one_mention(snac, desk, "Vous livrez à domicile ?")
    entry_id = _queue(desk, "reply", conversation, text="Oui, le mardi et le vendredi.")
    with desk.database.write() as connection:
        entry = outbox.get(connection, entry_id)
        assert outbox.claim(connection, entry_id)
    connector = MastodonConnector()
    account = with_secret(desk.account, connector, desk.credentials)
    action = Action(entry.act, entry.idempotency_key)
    landed = await connector.perform(desk.client, account, action)  # …and then the process died

    with desk.database.write() as connection:
        assert outbox.recover_interrupted(connection, stale_after=timedelta(0)) == 1
    results = await desk.engine.outbox.send_due()
    assert [(r.state, r.remote_id) for r in results] == [(OutboxState.SENT, landed.remote_id)]
    own = snac.get(desk.token, f"/api/v1/accounts/{desk.account.settings['me']}/statuses?limit=40")
    assert isinstance(own, list)
    replies = [s for s in own if s.get("in_reply_to_id") == conversation.remote_id]
    assert len(replies) == 1, "the reply went out exactly once"
    assert [m.remote_id for m in thread(desk, conversation.id)][1:] == [landed.remote_id]


async def test_a_revoked_token_asks_for_sign_in_and_keeps_everything(snac: SnacServer, desk: Desk) -> None:
    conversation = await _one_mention(snac, desk, "Bonjour !")
    snac.revoke(desk.token)

    results = await desk.engine.sync_once([desk.account.id], attempts=1)
    assert results[0].health is Health.NEEDS_ATTENTION and "sign-in needed" in results[0].reason
    _queue(desk, "reply", conversation, text="Bonjour à vous !")
    sent = await desk.engine.outbox.send_due()
    assert sent[0].state is OutboxState.FAILED and "sign-in needed" in sent[0].reason
    assert len(thread(desk, conversation.id)) == 1, "nothing synced was lost"

    signed_in = await browser_sign_in(snac, desk.client, desk.credentials, desk.user, desk.password)
    assert save_mastodon_account(desk.database, desk.credentials, signed_in, None).again
    with desk.database.read() as connection:
        assert outbox.get(connection, sent[0].entry_id).state is OutboxState.SCHEDULED, "due again once signed in"
    assert (await desk.engine.outbox.send_due())[0].state is OutboxState.SENT
    assert (await desk.engine.sync_once([desk.account.id], attempts=1))[0].health is Health.OK


async def test_a_hashtag_monitor_brings_public_posts_into_monitoring_without_doubling_mentions(
    snac: SnacServer, desk: Desk
) -> None:
    set_monitors(desk.database, desk.account.id, ["#Boulangerie"])
    snac.post(desk.customer_token, "La meilleure #boulangerie du quartier, vraiment !")
    snac.post(desk.customer_token, f"@{desk.user}@localhost Merci pour la #boulangerie ouverte le dimanche")
    snac.post(desk.token, "Nos horaires d'hiver #boulangerie")

    async def both() -> list[queries.Conversation]:
        rows = await sync(desk)
        kinds = sorted(row.kind for row in rows)
        return rows if kinds == [Kind.FEED.value, Kind.MENTION.value] else []

    rows = await eventually(both, "a hashtag match and a mention")
    monitored = next(row for row in rows if row.kind == Kind.FEED.value)
    assert monitored.title == "#Boulangerie"
    assert "meilleure #boulangerie" in thread(desk, monitored.id)[0].text.lower()
    with desk.database.read() as connection:
        in_view = queries.conversation_page(connection, queries.ConversationFilter(kinds=("feed",)), limit=10)
    assert [row.id for row in in_view] == [monitored.id], "the Monitoring view shows the match, not the mention"


async def test_a_scheduled_post_with_an_image_goes_out_when_due_with_its_description(
    snac: SnacServer, desk: Desk, tmp_path: Path
) -> None:
    picture = tmp_path / "galette.png"
    picture.write_bytes(PNG)
    later = datetime.now(UTC) + timedelta(hours=2)
    with desk.database.write() as connection:
        (entry,) = outbox.enqueue_post(
            connection,
            [desk.account.id],
            "Les galettes des rois arrivent samedi #boulangerie",
            at=later,
            media=[
                {"path": str(picture), "name": "galette.png", "type": "image/png", "description": "Une galette dorée"}
            ],
        )
    (handed,) = await desk.engine.outbox.send_due()
    assert handed.state is OutboxState.SCHEDULED and handed.remote_id.startswith("fixed:"), "on snac's scheduler"
    desk.engine.outbox._clock = lambda: later + timedelta(minutes=1)  # type: ignore[method-assign]
    results = await desk.engine.outbox.send_due()
    assert [r.state for r in results] == [OutboxState.SENT], results
    assert results[0].remote_id == handed.remote_id.removeprefix("fixed:")
    status = snac.get(desk.token, f"/api/v1/statuses/{results[0].remote_id}")
    assert isinstance(status, dict) and "Les galettes des rois arrivent samedi" in str(status["content"])
    media = status["media_attachments"]
    assert isinstance(media, list) and [m.get("description") for m in media] == ["Une galette dorée"]


async def test_a_post_handed_to_snacs_scheduler_goes_out_with_cmdesk_closed(snac: SnacServer, desk: Desk) -> None:
    """snac (2.75) schedules posts itself; it answers with the Status it will publish and cannot withdraw it through
    the API, so cmdesk keeps the copy as fixed: edits are refused with where to make them."""
    at = (datetime.now(UTC) + timedelta(seconds=40)).replace(microsecond=0)
    with desk.database.write() as connection:
        (entry,) = outbox.enqueue_post(connection, [desk.account.id], "Chouquettes tièdes à 16 h #fournil", at=at)
    desk.engine.outbox._hand_over_lead = timedelta(seconds=10)  # Mastodon needs minutes; snac takes seconds
    (handed,) = await desk.engine.outbox.send_due()
    assert handed.state is OutboxState.SCHEDULED and handed.remote_id.startswith("fixed:"), handed
    await desk.engine.aclose()  # cmdesk is closed from here on
    with desk.database.write() as connection, pytest.raises(outbox.OutboxError, match="on the network's site"):
        outbox.cancel(connection, entry.id)
    me = str(desk.account.settings["me"])

    async def published() -> list[Any]:
        statuses = snac.get(desk.token, f"/api/v1/accounts/{me}/statuses")
        assert isinstance(statuses, list)
        return [s for s in statuses if "Chouquettes" in str(s.get("content"))]

    assert await published() == [], "not before its time"
    (status,) = await eventually(published, "snac to publish the post at its time", timeout=90)
    reopened = SyncEngine(desk.database, desk.client, {Network.MASTODON: MastodonConnector()}, desk.credentials)
    try:
        results = await reopened.outbox.send_due()
    finally:
        await reopened.aclose()
    assert [(r.state, r.remote_id) for r in results] == [(OutboxState.SENT, status["id"])]
    assert len(await published()) == 1
