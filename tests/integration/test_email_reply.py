"""Replying by e-mail through the outbox: a real Postfix (submission, SASL through Dovecot), delivered by LMTP into a
real Dovecot, threaded with In-Reply-To/References, quoted and signed, a copy in Sent; exactly once across a crash
(the Message-ID, made from the outbox entry's key, is looked for in Sent before any resend; a copy still marked
pending means nobody can know, and the entry waits for the user's check); a refused password fails with the
reason; an SMTP server that cannot be reached leaves no copy in Sent and the reply goes out once it is back."""

from __future__ import annotations

import asyncio
import email
import email.policy
import time
from collections.abc import Iterator
from datetime import timedelta
from email.message import EmailMessage

import pytest

from cmdesk.connectors.email import EmailConnector, imap
from cmdesk.connectors.http import make_client
from cmdesk.credentials import MemoryCredentialStore
from cmdesk.domain import Account, Action, Network, Secret
from cmdesk.storage import outbox, queries, workspace
from cmdesk.storage.database import Database
from cmdesk.storage.outbox import OutboxState
from cmdesk.sync import SyncEngine
from cmdesk.sync.credentials import with_secret
from tests.support.dovecot import DovecotServer
from tests.support.ports import free_port
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
) -> queries.Conversation:
    run(with_engine(database, credentials, lambda engine, _c: engine.sync_once([account.id], attempts=1)))
    with database.read() as connection:
        return queries.conversation_page(connection, queries.ConversationFilter(), limit=5)[0]


def question_synced(
    servers: tuple[DovecotServer, PostfixServer], database: Database, credentials: MemoryCredentialStore
) -> tuple[DovecotServer, Account, queries.Conversation]:
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
    action = Action(entry.act, entry.idempotency_key)

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


class Crash(BaseException):
    """The process dying at that very point (nothing after it runs, nothing catches it)."""


def test_a_crash_between_smtp_and_the_sent_copy_asks_the_user_instead_of_sending_twice(
    servers: tuple[DovecotServer, PostfixServer],
    database: Database,
    credentials: MemoryCredentialStore,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dovecot, account, conversation = question_synced(servers, database, credentials)
    with database.write() as connection:
        entry = outbox.enqueue_reply(connection, conversation.id, "Oui, le vendredi !")
    real_store = imap.store

    def die_before_confirming(client, uids, change, flags):  # type: ignore[no-untyped-def]
        if change.startswith("-FLAGS"):
            raise Crash
        return real_store(client, uids, change, flags)

    monkeypatch.setattr(imap, "store", die_before_confirming)
    with pytest.raises(Crash):
        run(with_engine(database, credentials, lambda engine, _c: engine.outbox.send_due()))
    monkeypatch.setattr(imap, "store", real_store)
    assert len(delivered(dovecot, CUSTOMER, 1)) == 1, "the SMTP server had accepted it"

    with database.write() as connection:
        assert outbox.get(connection, entry.id).state is OutboxState.SENDING
        assert outbox.recover_interrupted(connection, stale_after=timedelta(0)) == 1
    results = run(with_engine(database, credentials, lambda engine, _c: engine.outbox.send_due()))
    assert results[0].state is OutboxState.NEEDS_CHECK and "may or may not have gone out" in results[0].reason
    assert len(delivered(dovecot, CUSTOMER, 1)) == 1, "not sent again on a guess"

    with database.write() as connection:
        outbox.retry(connection, entry.id)  # the user looked: say it did not arrive, send it anyway
    results = run(with_engine(database, credentials, lambda engine, _c: engine.outbox.send_due()))
    assert results[0].state is OutboxState.SENT
    assert len(delivered(dovecot, CUSTOMER, 2)) == 2, "the user's choice"
    kept = inbox_of(dovecot, SHOP, "Sent")
    assert len(kept) == 1, "one copy in Sent, the pending one replaced"


def test_an_unreachable_smtp_server_leaves_no_copy_in_sent_and_the_reply_goes_out_later(
    servers: tuple[DovecotServer, PostfixServer], database: Database, credentials: MemoryCredentialStore
) -> None:
    dovecot, account, conversation = question_synced(servers, database, credentials)
    with database.write() as connection:
        workspace.update_account_settings(connection, account.id, {**account.settings, "smtp_port": free_port()})
        entry = outbox.enqueue_reply(connection, conversation.id, "Oui, sur commande.")
    results = run(with_engine(database, credentials, lambda engine, _c: engine.outbox.send_due()))
    assert results[0].state is OutboxState.SCHEDULED and "refused" in results[0].reason
    assert inbox_of(dovecot, SHOP, "Sent") == [], "nothing went out, so nothing is kept as sent"

    with database.write() as connection:
        workspace.update_account_settings(connection, account.id, account.settings)
        connection.exec_driver_sql("UPDATE outbox SET scheduled_at = '2000-01-01 00:00:00' WHERE id = ?", (entry.id,))
    results = run(with_engine(database, credentials, lambda engine, _c: engine.outbox.send_due()))
    assert results[0].state is OutboxState.SENT
    assert len(delivered(dovecot, CUSTOMER, 1)) == 1 and len(inbox_of(dovecot, SHOP, "Sent")) == 1
