"""Signing in to a Reddit account (the Reddit sign-in kind): the browser with the user's own installed app (a client
id, no secret), then the tokens to the keyring and the account added, or signed in again with its data kept
(services/accounts.py). The client id is remembered in the account's settings for the client's next account."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from cmdesk.connectors.reddit.oauth import APPS_PAGE, REDIRECT_URI
from cmdesk.services.accounts import Added, reddit_account, remembered
from cmdesk.services.commands import Command

if TYPE_CHECKING:
    from cmdesk.credentials.base import CredentialStore
    from cmdesk.domain import Account
    from cmdesk.domain.reads import Client

__all__ = ["APPS_PAGE", "REDIRECT_URI", "Added", "known_client_id", "sign_in_with_browser"]


def known_client_id(accounts: Iterable[Account], clients: Iterable[Client], client_name: str | None) -> str:
    """The app the named client's accounts (any, when it has none) were signed in with; "" for none."""
    from cmdesk.connectors.reddit import NETWORK

    return remembered(accounts, clients, client_name, NETWORK, "reddit_client_id")


async def sign_in_with_browser(
    credentials: CredentialStore,
    client_id: str,
    client_name: str | None,
    open_url: Callable[[str], object],
    now: datetime,
    *,
    base: str | None = None,
    auth_base: str | None = None,
) -> Command[Added]:
    from cmdesk.connectors.http import make_client
    from cmdesk.connectors.reddit import api, oauth, signin

    credentials.probe()
    async with make_client() as client:
        user = await signin.sign_in_with_browser(client, client_id.strip(), open_url, now, base=base or api.ORIGIN,
                                                 auth_base=auth_base or oauth.AUTH_ORIGIN)  # fmt: skip
    return reddit_account(credentials, user, client_name, create_client=True, client_id=client_id.strip())
