"""Signing in to a Mastodon account from the window: the system browser with a loopback redirect, or a code the
user pastes; the token goes to the keyring and the account is added (or signed in again, its data kept)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from cmdesk.app.context import AppContext

if TYPE_CHECKING:
    from collections.abc import Callable

    from cmdesk.connectors.mastodon import PendingSignIn
    from cmdesk.sync.accounts import Added


def _open_in_browser(url: str) -> None:
    QDesktopServices.openUrl(QUrl(url))


async def sign_in_with_browser(
    context: AppContext,
    instance: str,
    client_name: str | None,
    open_url: Callable[[str], object] = _open_in_browser,
) -> Added:
    """Raises InvalidInstance, ConnectorError (with a one-line reason) or NoKeyringAvailable."""
    from cmdesk.connectors.http import make_client
    from cmdesk.connectors.mastodon import instance_base
    from cmdesk.connectors.mastodon import sign_in_with_browser as browser_flow
    from cmdesk.sync.accounts import KeyringAppCache, save_mastodon_account

    base = instance_base(instance)
    context.credentials.probe()  # fail before the browser opens when there is no keyring
    async with make_client() as client:  # sign-in requests are one-shot: a client of their own, closed at once
        signed_in = await browser_flow(client, base, KeyringAppCache(context.credentials), open_url)
    return save_mastodon_account(context.database, context.credentials, signed_in, client_name, create_client=True)


async def start_code_sign_in(context: AppContext, instance: str) -> PendingSignIn:
    from cmdesk.connectors.http import make_client
    from cmdesk.connectors.mastodon import instance_base, start_out_of_band
    from cmdesk.sync.accounts import KeyringAppCache

    context.credentials.probe()
    async with make_client() as client:
        return await start_out_of_band(client, instance_base(instance), KeyringAppCache(context.credentials))


async def finish_code_sign_in(context: AppContext, pending: PendingSignIn, code: str, client_name: str | None) -> Added:
    from cmdesk.connectors.http import make_client
    from cmdesk.sync.accounts import save_mastodon_account

    async with make_client() as client:
        signed_in = await pending.finish(client, code)
    return save_mastodon_account(context.database, context.credentials, signed_in, client_name, create_client=True)
