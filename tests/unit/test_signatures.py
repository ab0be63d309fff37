"""E-mail signatures: a client's signature signs its accounts' replies unless an account has its own; the signature
is fixed in the outbox entry when the reply is written, and the composed e-mail carries exactly that one."""

from __future__ import annotations

from email.message import EmailMessage

from cmdesk.connectors.email.compose import reply_message
from cmdesk.connectors.email.settings import EmailSettings
from cmdesk.domain import Kind, Network, Page
from cmdesk.storage import ingest, outbox, queries, workspace
from cmdesk.storage.database import Database
from tests.support.factories import item


def email_conversation(database: Database, **settings: object) -> tuple[int, int]:
    with database.write() as connection:
        client = workspace.add_client(connection, "Le Fournil")
        account = workspace.add_account(
            connection, client.id, Network.EMAIL, "contact@fournil.test", settings=dict(settings)
        )
    ingest.commit_page(database, account.id, Page((item(1, kind=Kind.EMAIL),), {}))
    with database.read() as connection:
        conversation = queries.conversation_page(connection, queries.ConversationFilter(), limit=1)[0]
    return client.id, conversation.id


def test_the_clients_signature_signs_replies_unless_the_account_has_its_own(database: Database) -> None:
    client_id, conversation_id = email_conversation(database)
    with database.write() as connection:
        unsigned = outbox.enqueue_reply(connection, conversation_id, "Bonjour")
        workspace.set_client_signature(connection, client_id, "\nLe Fournil   \n12 rue du Four, Lyon\n\n")
        signed = outbox.enqueue_reply(connection, conversation_id, "Bonjour encore")
        assert workspace.list_clients(connection)[0].signature == "Le Fournil\n12 rue du Four, Lyon"
    assert unsigned.act.signature == ""
    assert signed.act.signature == "Le Fournil\n12 rue du Four, Lyon"


def test_an_accounts_own_signature_wins(database: Database) -> None:
    client_id, conversation_id = email_conversation(database, signature="Marie, au Fournil")
    with database.write() as connection:
        workspace.set_client_signature(connection, client_id, "Le Fournil")
        entry = outbox.enqueue_reply(connection, conversation_id, "Bonjour")
    assert entry.act.signature == "Marie, au Fournil"


def test_the_composed_reply_carries_the_signature_chosen_when_it_was_written() -> None:
    original = EmailMessage()
    original["From"] = "Marie <marie@client.test>"
    original["Subject"] = "Question"
    original["Message-ID"] = "<q-1@client.test>"
    original.set_content("Bonjour ?")
    settings = EmailSettings("contact@fournil.test", "127.0.0.1", signature="Ancienne signature")
    chosen = reply_message(original, "Oui.", settings, "<r-1@fournil.test>", signature="Le Fournil")
    body = str(chosen.get_content())
    assert "Oui.\n\n-- \nLe Fournil\n" in body and "Ancienne" not in body
    none = reply_message(original, "Oui.", settings, "<r-2@fournil.test>", signature="")
    assert "-- \n" not in str(none.get_content())
    older_entry = reply_message(original, "Oui.", settings, "<r-3@fournil.test>")
    assert "-- \nAncienne signature" in str(older_entry.get_content())
