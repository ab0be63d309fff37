"""The e-mail connector's IMAP sync against a real Dovecot on loopback: CPython's own corpus of real-world messages
(multipart, non-UTF-8, malformed), threading, the first-sync window continued backwards, a UIDVALIDITY reset with
no duplicates, TLS and STARTTLS with a certificate, a wrong password and a server that is gone."""

from __future__ import annotations

import asyncio
import contextlib
import email
import email.policy
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

import pytest

from cmdesk.connectors.base import Permanent
from cmdesk.connectors.email import EmailConnector
from cmdesk.connectors.email import connector as email_connector
from cmdesk.connectors.http import make_client
from cmdesk.credentials import MemoryCredentialStore
from cmdesk.domain import Account, Health, Network, Secret
from cmdesk.services import triage as services_triage
from cmdesk.storage import queries, workspace
from cmdesk.storage.database import Database
from cmdesk.sync import SyncEngine
from cmdesk.sync.attachments import fetch_attachment, free_path, write_download
from tests.support.dovecot import DovecotServer

CORPUS = sorted((Path(__file__).parents[1] / "data" / "email" / "cpython").glob("msg_*.txt"))
ADDRESS = "contact@fournil.test"


@pytest.fixture
def dovecot() -> Iterator[DovecotServer]:
    server = DovecotServer(tls=True).start()
    server.add_user(ADDRESS)
    yield server
    server.stop()


def add_account(
    database: Database, credentials: MemoryCredentialStore, server: DovecotServer, **settings: object
) -> Account:
    values = {"imap_host": "127.0.0.1", "imap_port": server.imap_port, "imap_security": "none", **settings}
    with database.write() as connection:
        client = workspace.add_client(connection, "Le Fournil")
        account = workspace.add_account(connection, client.id, Network.EMAIL, ADDRESS, name=ADDRESS, settings=values)
    credentials.set(account.uid, Secret(server.users[ADDRESS]))
    return account


def mail(
    subject: str,
    body: str,
    *,
    sender: str = "marie@client.test",
    when: datetime | None = None,
    reply_to: EmailMessage | None = None,
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = f"Marie Dupont <{sender}>"
    message["To"] = ADDRESS
    message["Subject"] = subject
    message["Date"] = format_datetime(when or datetime.now(UTC))
    message["Message-ID"] = make_msgid(domain="client.test")
    if reply_to is not None:
        message["In-Reply-To"] = reply_to["Message-ID"]
        message["References"] = reply_to["Message-ID"]
    message.set_content(body)
    return message


def sync(database: Database, credentials: MemoryCredentialStore, account: Account) -> list:  # type: ignore[type-arg]
    async def run() -> list:  # type: ignore[type-arg]
        async with make_client() as client:
            engine = SyncEngine(database, client, {Network.EMAIL: EmailConnector()}, credentials)
            try:
                return await engine.sync_once([account.id], attempts=1)
            finally:
                await engine.aclose()

    return asyncio.run(run())


def distinct_messages(paths: list[Path]) -> int:
    """Counted independently of cmdesk: distinct Message-IDs, plus every message that has none."""
    ids, without = set(), 0
    for path in paths:
        found = email.message_from_bytes(path.read_bytes(), policy=email.policy.compat32).get("Message-ID")
        if found:
            ids.add(found.strip())
        else:
            without += 1
    return len(ids) + without


def test_the_cpython_corpus_syncs_every_message(
    dovecot: DovecotServer, database: Database, credentials: MemoryCredentialStore
) -> None:
    for path in CORPUS:
        dovecot.append(ADDRESS, path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    account = add_account(database, credentials, dovecot, first_sync_days=100_000)
    results = sync(database, credentials, account)
    assert results[0].health is Health.OK, results[0].reason
    with database.read() as connection:
        stored = connection.exec_driver_sql("SELECT count(*), count(DISTINCT remote_id) FROM messages").one()
    assert stored[0] == stored[1] == distinct_messages(CORPUS), "every distinct message once (some share a Message-ID)"
    assert results[0].ingested.inserted == stored[0]
    assert not results[0].problems, results[0].problems


def test_replies_join_their_thread_and_bodies_are_decoded(
    dovecot: DovecotServer, database: Database, credentials: MemoryCredentialStore
) -> None:
    question = mail("Commande de galettes", "Bonjour, je voudrais trois galettes pour samedi. Merci !")
    dovecot.append(ADDRESS, bytes(question))
    answer = mail("Re: Commande de galettes", "Pouvez-vous confirmer l'heure ?", reply_to=question)
    dovecot.append(ADDRESS, bytes(answer))
    latin = mail("Problème de livraison", "Le livreur était très en retard, c'est décevant.")
    latin.set_content("Le livreur était très en retard, c'est décevant.", charset="iso-8859-1", cte="quoted-printable")
    dovecot.append(ADDRESS, bytes(latin))
    account = add_account(database, credentials, dovecot)
    assert sync(database, credentials, account)[0].health is Health.OK
    with database.read() as connection:
        rows = queries.conversation_page(connection, queries.ConversationFilter(), limit=10)
        threads = {row.title: queries.thread(connection, row.id) for row in rows}
    assert sorted(threads) == ["Commande de galettes", "Problème de livraison"]
    assert [m.title for m in threads["Commande de galettes"]] == ["Commande de galettes", "Re: Commande de galettes"]
    assert threads["Problème de livraison"][0].text == "Le livreur était très en retard, c'est décevant."
    assert threads["Commande de galettes"][0].author_name == "Marie Dupont"


def test_first_sync_takes_the_window_then_continues_backwards_and_then_only_new(
    dovecot: DovecotServer, database: Database, credentials: MemoryCredentialStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(email_connector, "BATCH", 4)
    now = datetime.now(UTC)
    for n in range(10):
        dovecot.append(ADDRESS, bytes(mail(f"ancien {n}", "vieux", when=now - timedelta(days=200 + n))))
    for n in range(5):
        dovecot.append(ADDRESS, bytes(mail(f"récent {n}", "neuf", when=now - timedelta(days=n))))
    account = add_account(database, credentials, dovecot, first_sync_days=30)
    first = sync(database, credentials, account)[0]
    assert first.health is Health.OK and first.ingested.inserted == 15 and first.pages == 4
    dovecot.append(ADDRESS, bytes(mail("tout nouveau", "frais")))
    again = sync(database, credentials, account)[0]
    assert again.ingested.inserted == 1 and again.pages == 1


def test_a_uidvalidity_reset_resyncs_without_duplicates(
    dovecot: DovecotServer, database: Database, credentials: MemoryCredentialStore
) -> None:
    for n in range(3):
        dovecot.append(ADDRESS, bytes(mail(f"message {n}", "texte")))
    account = add_account(database, credentials, dovecot)
    assert sync(database, credentials, account)[0].ingested.inserted == 3
    with database.write() as connection:
        state = connection.exec_driver_sql("SELECT cursor FROM sync_state WHERE account_id = ?", (account.id,)).scalar()
        bumped = "replace(cursor, '\"uidvalidity\": ', '\"uidvalidity\": 1')"  # what a server reset looks like
        connection.exec_driver_sql(f"UPDATE sync_state SET cursor = {bumped} WHERE account_id = ?", (account.id,))
    assert state
    result = sync(database, credentials, account)[0]
    assert result.health is Health.OK and result.ingested.inserted == 0 and result.ingested.unchanged == 3


def test_tls_starttls_wrong_password_and_a_server_gone(
    dovecot: DovecotServer, database: Database, credentials: MemoryCredentialStore
) -> None:
    dovecot.append(ADDRESS, bytes(mail("Bonjour", "texte")))
    ca = str(dovecot.certificate)
    tls = add_account(database, credentials, dovecot, imap_security="tls", imap_port=dovecot.imaps_port, ca_file=ca)
    assert sync(database, credentials, tls)[0].health is Health.OK
    with database.write() as connection:
        workspace.update_account_settings(
            connection, tls.id, {**tls.settings, "imap_security": "starttls", "imap_port": dovecot.imap_port}
        )
    assert sync(database, credentials, tls)[0].health is Health.OK
    with database.write() as connection:
        workspace.update_account_settings(connection, tls.id, {**tls.settings, "ca_file": ""})
    refused = sync(database, credentials, tls)[0]
    assert refused.health is Health.NEEDS_ATTENTION and "certificate" in refused.reason
    with database.write() as connection:
        workspace.update_account_settings(connection, tls.id, {**tls.settings})
    credentials.set(tls.uid, Secret("wrong"))
    wrong = sync(database, credentials, tls)[0]
    assert wrong.health is Health.NEEDS_ATTENTION and "sign-in needed" in wrong.reason and "wrong" not in wrong.reason
    credentials.set(tls.uid, Secret(dovecot.users[ADDRESS]))
    dovecot.stop()
    gone = sync(database, credentials, tls)[0]
    assert gone.health is Health.RETRYING
    with database.read() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM messages").scalar() == 1, "nothing lost"


def test_messages_already_read_on_the_server_do_not_arrive_unread(
    dovecot: DovecotServer, database: Database, credentials: MemoryCredentialStore
) -> None:
    dovecot.append(ADDRESS, bytes(mail("Lu sur le téléphone", "déjà lu")), flags="(\\Seen)")
    dovecot.append(ADDRESS, bytes(mail("Pas encore lu", "nouveau")))
    account = add_account(database, credentials, dovecot)
    assert sync(database, credentials, account)[0].health is Health.OK
    with database.read() as connection:
        rows = queries.conversation_page(connection, queries.ConversationFilter(), limit=10)
    assert sorted((row.title, row.unread) for row in rows) == [("Lu sur le téléphone", False), ("Pas encore lu", True)]
    client = dovecot.imap(ADDRESS)
    client.select("INBOX")
    assert client.search(None, "UNSEEN")[1] == [b"2"], "syncing did not mark anything read on the server"
    client.logout()


def test_the_server_going_away_mid_sync_keeps_what_was_committed_and_resumes(
    dovecot: DovecotServer, database: Database, credentials: MemoryCredentialStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(email_connector, "BATCH", 4)
    for n in range(10):
        dovecot.append(ADDRESS, bytes(mail(f"commande {n}", "texte")))
    account = add_account(database, credentials, dovecot)
    pages = {"count": 0}
    real_pull = EmailConnector._pull

    def pull_then_crash_the_server(self: EmailConnector, *args: object) -> object:
        page = real_pull(self, *args)
        pages["count"] += 1
        if pages["count"] == 1:
            dovecot.stop(keep=True)
        return page

    monkeypatch.setattr(EmailConnector, "_pull", pull_then_crash_the_server)
    broken = sync(database, credentials, account)[0]
    assert broken.health is Health.RETRYING and broken.ingested.inserted == 4
    with database.read() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM messages").scalar() == 4, "the first page stays"
    dovecot.start()
    resumed = sync(database, credentials, account)[0]
    assert resumed.health is Health.OK and resumed.ingested.inserted == 6 and resumed.ingested.updated == 0


def test_read_state_follows_the_server_and_the_server_follows_cmdesk(
    dovecot: DovecotServer, database: Database, credentials: MemoryCredentialStore
) -> None:
    dovecot.append(ADDRESS, bytes(mail("Lu sur le webmail", "a")))
    dovecot.append(ADDRESS, bytes(mail("Lu dans cmdesk", "b")))
    account = add_account(database, credentials, dovecot)
    sync(database, credentials, account)

    def unread() -> dict[str, bool]:
        with database.read() as connection:
            rows = queries.conversation_page(connection, queries.ConversationFilter(), limit=10)
        return {row.title: row.unread for row in rows}

    assert unread() == {"Lu sur le webmail": True, "Lu dans cmdesk": True}
    webmail = dovecot.imap(ADDRESS)
    webmail.select("INBOX")
    webmail.store("1", "+FLAGS", "(\\Seen)")
    webmail.logout()
    sync(database, credentials, account)
    assert unread() == {"Lu sur le webmail": False, "Lu dans cmdesk": True}

    with database.read() as connection:
        target = next(
            row.id
            for row in queries.conversation_page(connection, queries.ConversationFilter(), limit=10)
            if row.title == "Lu dans cmdesk"
        )
    with database.write() as connection:
        services_triage.mark_read(connection, [target])

    async def send() -> list:  # type: ignore[type-arg]
        async with make_client() as client:
            engine = SyncEngine(database, client, {Network.EMAIL: EmailConnector()}, credentials)
            try:
                return await engine.outbox.send_due()
            finally:
                await engine.aclose()

    sent = asyncio.run(send())
    assert [(r.action, r.state.value) for r in sent] == [("mark_read", "sent")]
    check = dovecot.imap(ADDRESS)
    check.select("INBOX")
    assert check.search(None, "UNSEEN")[1] == [b""], "read in cmdesk, read on the server"
    check.logout()


def test_one_imap_session_serves_every_page_of_a_pass_and_is_closed_after_it(
    dovecot: DovecotServer, database: Database, credentials: MemoryCredentialStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(email_connector, "BATCH", 4)
    for n in range(10):
        dovecot.append(ADDRESS, bytes(mail(f"commande {n}", "texte")))
    account = add_account(database, credentials, dovecot)
    log = dovecot.root / "dovecot.log"
    deadline = time.monotonic() + 10
    while log.read_text(errors="replace").count("Logged out") < 10 and time.monotonic() < deadline:
        time.sleep(0.05)  # Dovecot's log process writes the ten appends' sessions a moment later
    before = log.read_text(errors="replace")
    result = sync(database, credentials, account)[0]
    assert result.health is Health.OK and result.pages == 3 and result.ingested.inserted == 10
    during = log.read_text(errors="replace")[len(before) :]
    assert during.count(f"Login: user=<{ADDRESS}>") == 1, during
    assert during.count("Logged out") == 1, "the session ends with the pass"


def test_new_mail_arrives_at_once_through_imap_idle_and_quitting_ends_the_wait(
    dovecot: DovecotServer, database: Database, credentials: MemoryCredentialStore
) -> None:
    dovecot.append(ADDRESS, bytes(mail("Première commande", "bonjour")))
    account = add_account(database, credentials, dovecot, interval_seconds=3600)

    def count() -> int:
        with database.read() as connection:
            return int(connection.exec_driver_sql("SELECT count(*) FROM messages").scalar() or 0)

    async def until(condition: Callable[[], bool], seconds: float = 10.0) -> float:
        started = time.monotonic()
        while not condition():
            assert time.monotonic() - started < seconds, "timed out"
            await asyncio.sleep(0.05)
        return time.monotonic() - started

    async def scenario() -> float:
        async with make_client() as client:
            engine = SyncEngine(database, client, {Network.EMAIL: EmailConnector()}, credentials)
            runner = asyncio.create_task(engine.run(idle_check=3600))
            await until(lambda: count() == 1 and engine.watchers.watched() == {account.id})
            await asyncio.sleep(0.5)  # the watcher is idling on the server by now
            await asyncio.to_thread(dovecot.append, ADDRESS, bytes(mail("Deuxième commande", "encore")))
            waited = await until(lambda: count() == 2)
            runner.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await runner
            await engine.aclose()
            await until(lambda: not any(t.name == "cmdesk-imap-idle" for t in threading.enumerate()), 3.0)
            return waited

    waited = asyncio.run(scenario())
    print(f"IDLE delivered the new message in {waited:.2f} s")
    assert waited < 5.0, f"the new message took {waited:.1f} s although the sync timer is set to an hour"


def test_attachments_are_listed_at_sync_and_fetched_from_the_server_only_when_asked(
    dovecot: DovecotServer, database: Database, credentials: MemoryCredentialStore, tmp_path: Path
) -> None:
    invoice = b"%PDF-1.4\n" + bytes(range(256)) * 40
    message = mail("Facture de novembre", "Bonjour, la facture est jointe.")
    message.add_attachment(invoice, maintype="application", subtype="pdf", filename="facture novembre.pdf")
    message.add_attachment("Quantité;Prix\n3;4,50\n", subtype="csv", filename="../../commande.csv")
    dovecot.append(ADDRESS, bytes(message))
    account = add_account(database, credentials, dovecot)
    assert sync(database, credentials, account)[0].health is Health.OK
    with database.read() as connection:
        row = connection.exec_driver_sql("SELECT id, attachments FROM messages").one()
        stored = connection.exec_driver_sql("SELECT sum(length(attachments)) FROM messages").scalar()
    assert stored < 1000, "only the list is stored, never the contents"
    listed = queries_message(database, row[0]).attachments
    assert [(a["url"], a["title"], a["length"]) for a in listed] == [
        ("part:0", "facture novembre.pdf", len(invoice)),
        ("part:1", "../../commande.csv", len("Quantité;Prix\r\n3;4,50\r\n".encode())),  # text travels as CRLF
    ]

    connectors = {Network.EMAIL: EmailConnector()}
    download = asyncio.run(fetch_attachment(database, connectors, credentials, row[0], 0))
    assert (download.filename, download.media_type, download.data) == (
        "facture novembre.pdf",
        "application/pdf",
        invoice,
    )
    first = write_download(download, free_path(tmp_path, download.filename))
    second = write_download(download, free_path(tmp_path, download.filename))
    assert (first.name, second.name) == ("facture novembre.pdf", "facture novembre (2).pdf")
    csv = asyncio.run(fetch_attachment(database, connectors, credentials, row[0], 1))
    saved = write_download(csv, free_path(tmp_path, csv.filename))
    assert saved.parent == tmp_path and saved.name == "commande.csv", "a name cannot climb out of the folder"
    assert saved.read_bytes() == "Quantité;Prix\r\n3;4,50\r\n".encode()

    with pytest.raises(Permanent, match="has no attachment 5"):
        asyncio.run(fetch_attachment(database, connectors, credentials, row[0], 5))
    client = dovecot.imap(ADDRESS)
    client.select("INBOX")
    client.store("1", "+FLAGS", "(\\Deleted)")
    client.expunge()
    client.logout()
    with pytest.raises(Permanent, match="no longer on the server"):
        asyncio.run(fetch_attachment(database, connectors, credentials, row[0], 0))


def queries_message(database: Database, message_id: int) -> queries.Message:
    with database.read() as connection:
        found = queries.message(connection, message_id)
    assert found is not None
    return found
