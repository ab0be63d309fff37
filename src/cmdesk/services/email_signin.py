"""Adding an e-mail account (the password sign-in kind): the connection tested off the event loop, then the password
to the keyring and the account to the database in one step — if the keyring refuses, nothing is written. The window's
dialog and `cmdesk account add email` both go through here."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from cmdesk.credentials import NoKeyringAvailable
from cmdesk.domain import Account, Secret
from cmdesk.services.commands import Changes, Command, Done, Refused

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from cmdesk.connectors.email.imap import ServerCheck
    from cmdesk.connectors.email.providers import Preset
    from cmdesk.credentials.base import CredentialStore


def preset_for(address: str) -> Preset | None:
    """The known provider's servers and advice for this address, if any."""
    from cmdesk.connectors.email.providers import preset_for as find

    return find(address)


def check(address: str, values: Mapping[str, Any], password: str) -> ServerCheck:
    """Log in and list the folders: a one-line summary ("INBOX: 12 message(s)") and the folders, or Refused with
    what failed."""
    from cmdesk.connectors.base import ConnectorError
    from cmdesk.connectors.email import imap
    from cmdesk.connectors.email.settings import EmailSettings

    try:
        return imap.check(EmailSettings.from_account(address, dict(values)), password)
    except ConnectorError as error:
        raise Refused(str(error)) from None


async def test_connection(address: str, values: Mapping[str, Any], password: str) -> ServerCheck:
    return await asyncio.to_thread(check, address, values, password)


def add_account(
    credentials: CredentialStore,
    client_name: str | None,
    address: str,
    values: Mapping[str, Any],
    password: str,
    *,
    create_client: bool = True,
) -> Command[Account]:
    """The account for the named client (made on the spot when `create_client`), its password in the keyring."""
    try:
        credentials.probe()  # no keyring: say so before anything is written
    except NoKeyringAvailable as error:
        raise Refused(str(error)) from None

    def command(connection: Connection) -> Done[Account]:
        from cmdesk.connectors.email import EmailConnector
        from cmdesk.storage import workspace

        client = workspace.resolve_client(connection, client_name, create=create_client)
        account = workspace.add_account(
            connection, client.id, EmailConnector.network, address, name=address, settings=dict(values)
        )
        try:
            credentials.set(account.uid, Secret(password))
        except NoKeyringAvailable as error:
            raise Refused(str(error)) from None  # the account is not written either
        return Done(account, Changes(accounts=frozenset([account.id]), clients=frozenset([client.id])))

    return command
