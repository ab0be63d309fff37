"""Signing in to an X account (the X sign-in kind): the browser with the user's own app (a client id, no secret:
X's "Native App" type), then the tokens to the keyring and the account added with its client's monthly budget, or
signed in again with its data kept (services/accounts.py). The client id is remembered in the account's settings:
the client's next X account needs only the browser."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from cmdesk.connectors.x.api import DEFAULT_MONTHLY_CAP, PRICES
from cmdesk.connectors.x.oauth import DEVELOPER_CONSOLE, REDIRECT_URI
from cmdesk.services.accounts import Added, remembered, x_account
from cmdesk.services.commands import Command

if TYPE_CHECKING:
    from cmdesk.credentials.base import CredentialStore
    from cmdesk.domain import Account
    from cmdesk.domain.reads import Client

__all__ = ["CALLBACK", "CONSOLE", "DEFAULT_MONTHLY_CAP", "PRICES", "Added", "known_client_id", "sign_in_with_browser"]

CONSOLE = DEVELOPER_CONSOLE
CALLBACK = REDIRECT_URI
"""The callback URL to register in the app."""


def known_client_id(accounts: Iterable[Account], clients: Iterable[Client], client_name: str | None) -> str:
    """The app the named client's accounts (any, when it has none) were signed in with; "" for none."""
    from cmdesk.connectors.x import NETWORK

    return remembered(accounts, clients, client_name, NETWORK, "x_client_id")


async def sign_in_with_browser(
    credentials: CredentialStore,
    client_id: str,
    client_name: str | None,
    open_url: Callable[[str], object],
    now: datetime,
    *,
    monthly_cap: float | None = None,
    base: str | None = None,
    auth_base: str | None = None,
) -> Command[Added]:
    """The browser flow; the command that saves the account. ConnectorError with a one-line reason, TimeoutError when
    nobody signs in, NoKeyringAvailable."""
    from cmdesk.connectors.http import make_client
    from cmdesk.connectors.x import api, oauth, signin

    credentials.probe()  # fail before the browser opens when there is no keyring
    async with make_client() as client:
        user = await signin.sign_in_with_browser(client, client_id.strip(), open_url, now, base=base or api.ORIGIN,
                                                 auth_base=auth_base or oauth.AUTH_ORIGIN)  # fmt: skip
    return x_account(credentials, user, client_name, create_client=True, client_id=client_id.strip(),
                     monthly_cap=monthly_cap)  # fmt: skip
