"""Adding an e-mail account from the window: the connection is tested off the event loop, then the password goes to
the keyring and the account to the database (nothing is saved if the keyring refuses)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from cmdesk.app.context import AppContext
from cmdesk.domain import Account, Network, Secret
from cmdesk.storage import workspace

if TYPE_CHECKING:
    from cmdesk.connectors.email.imap import ServerCheck


async def test_connection(address: str, values: dict[str, Any], password: str) -> ServerCheck:
    """A one-line summary ("INBOX: 12 message(s)") and the account's folders, or ConnectorError with what failed."""
    from cmdesk.connectors.email import imap
    from cmdesk.connectors.email.settings import EmailSettings

    return await asyncio.to_thread(imap.check, EmailSettings.from_account(address, values), password)


def save_account(context: AppContext, address: str, values: dict[str, Any], password: str, client_name: str) -> Account:
    context.credentials.probe()  # no keyring: say so before anything is written
    with context.database.write() as connection:
        client = workspace.find_client(connection, client_name) or workspace.add_client(connection, client_name)
        account = workspace.add_account(connection, client.id, Network.EMAIL, address, name=address, settings=values)
        context.credentials.set(account.uid, Secret(password))
    return account
