"""Replying by e-mail through the outbox: a real Postfix (submission, SASL through Dovecot), delivered by LMTP into a
real Dovecot, threaded with
In-Reply-To/References, quoted and signed, a copy in Sent; exactly once across a crash (the Message-ID, made from
the outbox entry's key, is looked for in Sent before any resend); a refused password fails with the reason."""

from __future__ import annotations

import asyncio
import email
import email.policy
import time
from collections.abc import Iterator
from datetime import timedelta
from email.message import EmailMessage

import pytest

from cmdesk.connectors.email import EmailConnector
from cmdesk.connectors.http import make_client
from cmdesk.credentials import MemoryCredentialStore
from cmdesk.domain import Account, Action, Network, Secret
from cmdesk.storage import outbox, queries, workspace
from cmdesk.storage.database import Database
from cmdesk.storage.outbox import OutboxState
from cmdesk.sync import SyncEngine
from cmdesk.sync.credentials import with_secret
from tests.support.dovecot import DovecotServer
from tests.support.postfix import PostfixServer

SHOP = "contact@fournil.test"
CUSTOMER = "marie@client.test"


@pytest.fixture
def servers() -> Iterator[tuple[DovecotServer, PostfixServer]]:
    dovecot = DovecotServer().start()
    dovecot.add_user(SHOP)
    dovecot.add_user(CUSTOMER)
    postfix = PostfixServer(dovecot, ("fournil.test", "client.test")).start()
    yield dovecot, postfix
    postfix.stop()
    dovecot.stop()


def account_for(
    database: Database, credentials: MemoryCredentialStore, dovecot: DovecotServer, postfix: PostfixServer
) -> Account:
    settings = {
        "imap_host": "127.0.0.1",
        "imap_port": dovecot.imap_port,
        "imap_security": "none",
        "smtp_host": "127.0.0.1",
        "smtp_port": postfix.port,
        "smtp_security": "none",
        "signature": "La boulangerie Le Fournil\n12 rue du Four, Lyon",
        "display_name": "Le Fournil",
    }
    with database.write() as connection:
        client = workspace.add_client(connection, "Le Fournil")
        account = workspace.add_account(connection, client.id, Network.EMAIL, SHOP, name=SHOP, settings=settings)
    credentials.set(account.uid, Secret(dovecot.users[SHOP]))
    return account


def question() -> EmailMessage:
    message = EmailMessage()
    message["From"] = f"Marie Dupont <{CUSTOMER}>"
    message["To"] = SHOP
    message["Subject"] = "Gâteau d'anniversaire"
    message["Date"] = "Mon, 23 Nov 2026 09:30:00 +0100"
    message["Message-ID"] = "<gateau-1@client.test>"
    message.set_content("Bonjour,\nFaites-vous des gâteaux sans gluten ?\nMarie")
    return message


def run(coroutine):  # type: ignore[no-untyped-def]
    return asyncio.run(coroutine)


async def with_engine(database: Database, credentials: MemoryCredentialStore, work):  # type: ignore[no-untyped-def]
    async with make_client() as client:
        engine = SyncEngine(database, client, {Network.EMAIL: EmailConnector()}, credentials)
        try:
            return await work(engine, client)
        finally:
            await engine.aclose()


def inbox_of(dovecot: DovecotServer, address: str, mailbox: str = "INBOX") -> list[EmailMessage]:
    client = dovecot.imap(address)
    try:
        client.select(mailbox)
        _, data = client.search(None, "ALL")
        messages = []
        for number in (data[0] or b"").split():
            _, fetched = client.fetch(number, "(RFC822)")
            raw = fetched[0][1]
            parsed = email.message_from_bytes(raw, policy=email.policy.default)
            assert isinstance(parsed, EmailMessage)
            messages.append(parsed)
        return messages
    finally:
        client.logout()


def delivered(dovecot: DovecotServer, address: str, count: int, mailbox: str = "INBOX") -> list[EmailMessage]:
    """Postfix delivers from its queue: wait (a few seconds at most) for `count` messages, then check no more come."""
    deadline = time.monotonic() + 30
    while len(inbox_of(dovecot, address, mailbox)) < count and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(1.0)
    return inbox_of(dovecot, address, mailbox)


def synced_conversation(
    database: Database, credentials: MemoryCredentialStore, account: Account
) -> queries.ConversationRow:
    run(with_engine(database, credentials, lambda engine, _c: engine.sync_once([account.id], attempts=1)))
    with database.read() as connection:
        return queries.conversation_page(connection, queries.ConversationFilter(), limit=5)[0]


def question_synced(
    servers: tuple[DovecotServer, PostfixServer], database: Database, credentials: MemoryCredentialStore
) -> tuple[DovecotServer, Account, queries.ConversationRow]:
    """The customer's question in the shop's mailbox, synced into a conversation to answer."""
    dovecot, postfix = servers
    dovecot.append(SHOP, bytes(question()))
    account = account_for(database, credentials, dovecot, postfix)
    return dovecot, account, synced_conversation(database, credentials, account)


def test_a_reply_goes_out_threaded_quoted_signed_and_kept_in_sent(
    servers: tuple[DovecotServer, PostfixServer], database: Database, credentials: MemoryCredentialStore
) -> None:
    dovecot, account, conversation = question_synced(servers, database, credentials)
    with database.write() as connection:
        outbox.enqueue_reply(connection, conversation.id, "Oui, le vendredi, sur commande. À bientôt !")

    results = run(with_engine(database, credentials, lambda engine, _c: engine.outbox.send_due()))

    assert [r.state for r in results] == [OutboxState.SENT], results
    received = delivered(dovecot, CUSTOMER, 1)
    assert len(received) == 1
    reply = received[0]
    assert reply["Subject"] == "Re: Gâteau d'anniversaire"
    assert reply["In-Reply-To"] == "<gateau-1@client.test>" and reply["References"] == "<gateau-1@client.test>"
    body = reply.get_content().replace("\r\n", "\n")
    assert body.startswith("Oui, le vendredi") and "\n-- \nLa boulangerie Le Fournil" in body
    assert "> Faites-vous des gâteaux sans gluten ?" in body
    assert [m["Message-ID"] for m in inbox_of(dovecot, SHOP, "Sent")] == [reply["Message-ID"]]
    with database.read() as connection:
        thread = queries.thread(connection, conversation.id)
    assert [(m.direction, m.remote_id) for m in thread] == [
        ("in", "gateau-1@client.test"),
        ("out", reply["Message-ID"].strip("<>")),
    ]


def test_a_send_interrupted_after_smtp_is_not_sent_twice(
    servers: tuple[DovecotServer, PostfixServer], database: Database, credentials: MemoryCredentialStore
) -> None:
    dovecot, account, conversation = question_synced(servers, database, credentials)
    with database.write() as connection:
        entry = outbox.enqueue_reply(connection, conversation.id, "Oui !")
        assert outbox.claim(connection, entry.id)
    action = Action("reply", entry.idempotency_key, entry.payload, entry.target_remote_id)

    async def went_out_then_died(_engine: SyncEngine, client):  # type: ignore[no-untyped-def]
        prepared = with_secret(account, EmailConnector(), credentials)
        return await EmailConnector().perform(client, prepared, action)

    landed = run(with_engine(database, credentials, went_out_then_died))
    with database.write() as connection:
        assert outbox.recover_interrupted(connection, stale_after=timedelta(0)) == 1
    results = run(with_engine(database, credentials, lambda engine, _c: engine.outbox.send_due()))
    assert [(r.state, r.remote_id) for r in results] == [(OutboxState.SENT, landed.remote_id)]
    assert len(delivered(dovecot, CUSTOMER, 1)) == 1, "sent exactly once"


def test_a_refused_smtp_password_fails_with_the_reason(
    servers: tuple[DovecotServer, PostfixServer], database: Database, credentials: MemoryCredentialStore
) -> None:
    dovecot, account, conversation = question_synced(servers, database, credentials)
    credentials.set(account.uid, Secret("changed-on-the-server"))
    with database.write() as connection:
        outbox.enqueue_reply(connection, conversation.id, "Oui !")
    results = run(with_engine(database, credentials, lambda engine, _c: engine.outbox.send_due()))
    assert results[0].state is OutboxState.FAILED and "sign-in needed" in results[0].reason
    assert not delivered(dovecot, CUSTOMER, 0) and not inbox_of(dovecot, SHOP, "Sent")
