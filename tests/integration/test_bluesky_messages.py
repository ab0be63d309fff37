"""Issue 20, Bluesky's direct messages against a loopback server speaking the chat lexicons (dev-env runs no chat
service: tests/support/bluesky_chat_fake.py): conversations and their messages read through the real connector with
the `atproto-proxy` header, only what is new on the next pull, an answer sent once (found again, not resent, after a
lost response), and an app password without direct messages said at sign-in instead of failing each pull."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from cmdesk.connectors.bluesky import chat
from cmdesk.connectors.bluesky.connector import BlueskyConnector
from cmdesk.connectors.bluesky.session import Session
from cmdesk.credentials import MemoryCredentialStore
from cmdesk.domain import Account, Action, Kind, Network
from cmdesk.domain.acts import Reply
from cmdesk.services.accounts import bluesky_account
from cmdesk.services.commands import run
from cmdesk.storage.database import Database
from cmdesk.storage.outbox import new_key
from tests.support.bluesky_chat_fake import ME, ChatFake

KARIM = "did:plc:karim"


@pytest.fixture
def fake() -> Iterator[ChatFake]:
    server = ChatFake().start()
    yield server
    server.stop()


def session_of(fake: ChatFake) -> Session:
    return Session(ME, "lefournil.bsky.social", fake.base, "access-token", "refresh-token")


def account_of(fake: ChatFake, messages: bool = True) -> Account:
    settings = {"me": ME, "direct_messages": messages}
    return Account(1, "bsky-1", 1, Network.BLUESKY, "@lefournil.bsky.social", "https://bsky.app/profile/lefournil",
                   settings=settings, secret=session_of(fake).to_secret())  # fmt: skip


def pull(fake: ChatFake, cursor: dict[str, Any], messages: bool = True) -> Any:
    async def once() -> Any:
        async with httpx.AsyncClient() as client:
            return await BlueskyConnector().pull(client, account_of(fake, messages), cursor)

    return asyncio.run(once())


def test_conversations_come_in_and_later_pulls_read_only_what_is_new(fake: ChatFake) -> None:
    fake.convo("c1", KARIM, "Karim")
    fake.message("c1", KARIM, "Bonjour, vous faites des gâteaux sur commande ?")
    fake.message("c1", ME, "Oui ! Pour combien de personnes ?")
    fake.convo("c2", "did:plc:julie", "Julie")
    for n in range(130):
        fake.message("c2", "did:plc:julie", f"Message {n}")
    first = pull(fake, {})
    by_convo: dict[str, list[Any]] = {}
    for item in first.items:
        by_convo.setdefault(item.thread_key, []).append(item)
    assert len(by_convo["c1"]) == 2 and len(by_convo["c2"]) == 130, "every message, over two pages"
    answer = next(i for i in by_convo["c1"] if i.direction == "out")
    assert answer.kind == Kind.MESSAGE and answer.author.handle == "@lefournil.bsky.social"
    assert by_convo["c1"][0].thread_title == "@karim.bsky.social"
    assert all(r.headers.get("atproto-proxy") == chat.PROXY for r in fake.requests if "chat.bsky" in r.path)

    fake.requests.clear()
    fake.message("c1", KARIM, "Douze, pour samedi.")
    second = pull(fake, first.cursor)
    assert [item.text for item in second.items] == ["Douze, pour samedi."]
    reads = [r for r in fake.requests if r.path.endswith("getMessages")]
    assert [r.query["convoId"] for r in reads] == ["c1"], "the unchanged conversation is not read again"


def test_an_answer_goes_out_once_even_when_its_response_was_lost(fake: ChatFake) -> None:
    fake.convo("c1", KARIM, "Karim")
    fake.message("c1", KARIM, "Vous êtes ouverts le lundi ?")
    action = Action(Reply("Non, du mardi au dimanche.", "msg1", "c1", kind=Kind.MESSAGE), new_key(datetime.now(UTC)))
    before = datetime.now(UTC) - timedelta(seconds=5)

    async def send() -> Any:
        async with httpx.AsyncClient() as client:
            return await BlueskyConnector().perform(client, account_of(fake), action)

    async def look() -> Any:
        async with httpx.AsyncClient() as client:
            return await BlueskyConnector().find_sent(client, account_of(fake), action, before)

    assert asyncio.run(look()) is None, "nothing sent yet: the outbox may send"
    sent = asyncio.run(send())
    assert sent.item is not None and sent.item.direction == "out" and sent.item.thread_key == "c1"
    found = asyncio.run(look())
    assert found is not None and found.remote_id == sent.remote_id, "a retry finds the message instead of resending"
    assert [m["text"] for m in fake.messages["c1"]].count("Non, du mardi au dimanche.") == 1


def test_an_app_password_without_direct_messages_is_said_at_sign_in(fake: ChatFake, database: Database) -> None:
    fake.refuse_scope = True

    async def probe() -> str:
        async with httpx.AsyncClient() as client:
            return await chat.probe(client, fake.base, session_of(fake))

    reason = asyncio.run(probe())
    assert "Bad token scope" in reason
    added = run(database, bluesky_account(MemoryCredentialStore(), session_of(fake), "Le Fournil",
                                          create_client=True, no_messages=reason))  # fmt: skip
    assert added.account.settings["direct_messages"] is False
    assert added.account.settings["missing_permissions"] == ["direct messages"], "Sources names what is missing"
    fake.requests.clear()
    page = pull(fake, {}, messages=False)
    assert not page.problems and not [r for r in fake.requests if "chat.bsky" in r.path], "no failing chat requests"
