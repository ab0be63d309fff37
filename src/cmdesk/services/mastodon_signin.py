"""Signing in to a Mastodon account (the browser sign-in kind): the system browser with a loopback redirect, or a
code the user pastes; then the token goes to the keyring and the account is added, or signed in again with its data
kept (services/accounts.py). The window's dialog awaits these; opening the browser is the dialog's to do."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from cmdesk.services.accounts import Added, KeyringAppCache, mastodon_account
from cmdesk.services.commands import Command

if TYPE_CHECKING:
    from cmdesk.connectors.mastodon import PendingSignIn
    from cmdesk.credentials.base import CredentialStore

__all__ = ["Added", "PendingSignIn", "finish_code_sign_in", "sign_in_with_browser", "start_code_sign_in"]


async def sign_in_with_browser(
    credentials: CredentialStore, instance: str, client_name: str | None, open_url: Callable[[str], object]
) -> Command[Added]:
    """The browser flow; the command that saves the account. Raises InvalidInstance, ConnectorError (with a one-line
    reason) or NoKeyringAvailable."""
    from cmdesk.connectors.http import make_client
    from cmdesk.connectors.mastodon import instance_base
    from cmdesk.connectors.mastodon import sign_in_with_browser as browser_flow

    base = instance_base(instance)
    credentials.probe()  # fail before the browser opens when there is no keyring
    async with make_client() as client:  # sign-in requests are one-shot: a client of their own, closed at once
        signed_in = await browser_flow(client, base, KeyringAppCache(credentials), open_url)
    return mastodon_account(credentials, signed_in, client_name, create_client=True)


async def start_code_sign_in(credentials: CredentialStore, instance: str) -> PendingSignIn:
    from cmdesk.connectors.http import make_client
    from cmdesk.connectors.mastodon import instance_base, start_out_of_band

    credentials.probe()
    async with make_client() as client:
        return await start_out_of_band(client, instance_base(instance), KeyringAppCache(credentials))


async def finish_code_sign_in(
    credentials: CredentialStore, pending: PendingSignIn, code: str, client_name: str | None
) -> Command[Added]:
    from cmdesk.connectors.http import make_client

    async with make_client() as client:
        signed_in = await pending.finish(client, code)
    return mastodon_account(credentials, signed_in, client_name, create_client=True)
