"""Signing in to a Reddit account (the Reddit sign-in kind): the browser with the user's own installed app (a client
id, no secret), then the tokens to the keyring and the account added, or signed in again with its data kept
(services/accounts.py). The client id is remembered in the account's settings for the client's next account."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from cmdesk.connectors.reddit.oauth import APPS_PAGE, REDIRECT_URI
from cmdesk.services.accounts import Added, reddit_account
from cmdesk.services.commands import Command

if TYPE_CHECKING:
    from cmdesk.credentials.base import CredentialStore
    from cmdesk.domain import Account
    from cmdesk.domain.reads import Client

__all__ = ["APPS_PAGE", "REDIRECT_URI", "Added", "known_client_id", "sign_in_with_browser"]


def known_client_id(accounts: Iterable[Account], clients: Iterable[Client], client_name: str | None) -> str:
    """The installed app the named client's Reddit accounts (any, when it has none) were signed in with; "" for none."""
    from cmdesk.connectors.reddit import NETWORK

    names = {client.id: client.name for client in clients}
    signed = [a for a in accounts if a.network == NETWORK and a.settings.get("reddit_client_id")]
    mine = [a for a in signed if client_name and names.get(a.client_id) == client_name] or signed
    return str(mine[0].settings["reddit_client_id"]) if mine else ""


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
