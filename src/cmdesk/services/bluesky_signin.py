"""Signing in to a Bluesky account (the app-password sign-in kind): the handle is resolved to its own PDS (or the
service the user names), the app password is given to it once for a session, and the session — never the password —
goes to the keyring with the account added, or signed in again with its data kept (services/accounts.py). The CLI
and the window's dialog both await this."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cmdesk.domain import Secret
from cmdesk.services.accounts import Added, bluesky_account
from cmdesk.services.commands import Command

if TYPE_CHECKING:
    from cmdesk.connectors.bluesky import Session
    from cmdesk.credentials.base import CredentialStore

__all__ = ["Added", "APP_PASSWORDS", "session_for", "sign_in"]

APP_PASSWORDS = "https://bsky.app/settings/app-passwords"
"""Where a Bluesky user makes an app password."""


async def session_for(
    handle: str, password: Secret, service: str | None = None, chat_base: str | None = None
) -> tuple[Session, str]:
    """A session of the account with this handle (at `service`, else at its own PDS), and why it may not read direct
    messages ("" when it may: the app password allows them). ConnectorError with a one-line reason when the handle,
    the PDS or the password is refused; ValueError for a service that is no origin. `chat_base`: where chat requests
    go instead of the PDS (tests)."""
    from cmdesk.connectors.bluesky import chat, identity, session
    from cmdesk.connectors.hosts import api_origin
    from cmdesk.connectors.http import make_client

    where = api_origin(service, "Bluesky") if service else None
    handle = handle.strip().lstrip("@")
    async with make_client() as client:  # a sign-in is one-shot: a client of its own, closed at once
        found = await session.create(client, where or await identity.pds_for(client, handle), handle, password)
        return found, await chat.probe(client, chat_base or found.pds, found)


async def sign_in(
    credentials: CredentialStore, handle: str, password: Secret, client_name: str | None, *, service: str | None = None
) -> Command[Added]:
    """Sign in, then the command that saves the account (the window creates a client typed anew)."""
    credentials.probe()  # fail before the password is sent when there is no keyring to keep the session
    found, no_messages = await session_for(handle, password, service)
    return bluesky_account(credentials, found, client_name, create_client=True, no_messages=no_messages)
