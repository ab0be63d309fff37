"""Signing in to a YouTube channel with the user's own Google OAuth client (the browser sign-in kind): the client id
and secret are kept per client — the id in its YouTube accounts' settings (it names the Google project whose quota
they spend), the secret in the keyring — so the next channel of the same client needs only the browser. The tokens go
to the keyring and the account is added, or signed in again with its data kept (services/accounts.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from cmdesk.connectors.youtube import oauth
from cmdesk.connectors.youtube.oauth import (
    CONSOLE_CONSENT,
    CONSOLE_CREDENTIALS,
    CONSOLE_YOUTUBE_API,
    GoogleApp,
    Tokens,
)
from cmdesk.domain import Account, Secret, SignInKind
from cmdesk.domain.reads import Client
from cmdesk.services.accounts import Added, DeveloperApp, youtube_account
from cmdesk.services.commands import Command

if TYPE_CHECKING:
    from cmdesk.credentials.base import CredentialStore

__all__ = [
    "CONSOLE_CONSENT",
    "CONSOLE_CREDENTIALS",
    "CONSOLE_YOUTUBE_API",
    "Added",
    "GoogleApp",
    "Tokens",
    "known_app",
    "save_app",
    "sign_in_with_browser",
    "token_bundle",
]

GOOGLE_APPS = DeveloperApp(SignInKind.GOOGLE_OAUTH, "oauth_client_id", "google-oauth-client:")


def save_app(credentials: CredentialStore, app: oauth.GoogleApp) -> None:
    GOOGLE_APPS.save(credentials, app.client_id, app.client_secret)


def known_app(
    accounts: Iterable[Account], clients: Iterable[Client], credentials: CredentialStore, client_name: str | None
) -> oauth.GoogleApp | None:
    """The OAuth client the named client's channels (any channel, when it has none or no name is given) were signed
    in with, its secret from the keyring; None when there is none yet."""
    found = GOOGLE_APPS.known(accounts, clients, credentials, client_name)
    return oauth.GoogleApp(*found) if found else None


async def sign_in_with_browser(
    credentials: CredentialStore,
    app: oauth.GoogleApp,
    client_name: str | None,
    open_url: Callable[[str], object],
    now: datetime,
    *,
    testing: bool = True,
    base: str | None = None,
    auth_base: str | None = None,
    create_client: bool = False,
) -> Command[Added]:
    """The browser flow; the command that saves the account. `auth_base` replaces both Google's sign-in origins
    (tests). Raises ConnectorError (with a one-line reason) or NoKeyringAvailable."""
    from cmdesk.connectors.http import make_client
    from cmdesk.connectors.youtube import api
    from cmdesk.connectors.youtube.signin import sign_in_with_browser as browser_flow

    credentials.probe()  # fail before the browser opens when there is no keyring
    async with make_client() as client:
        channel = await browser_flow(
            client,
            app,
            open_url,
            now,
            testing=testing,
            base=base or api.ORIGIN,
            auth_base=auth_base or oauth.AUTH_ORIGIN,
            token_base=auth_base or oauth.TOKEN_ORIGIN,
        )
    save_app(credentials, app)
    return youtube_account(credentials, channel, client_name, create_client=create_client)


def token_bundle(access: str, refresh: str, app: oauth.GoogleApp | None, token_base: str | None = None) -> Secret:
    """What `--token-stdin` keeps: the access token, and the refresh token with the client's OAuth client when both
    are known (otherwise the token lasts as long as Google made it, about an hour)."""
    tokens = oauth.Tokens(
        Secret(access),
        Secret(refresh) if refresh else None,
        None,
        app if refresh else None,
        token_base or oauth.TOKEN_ORIGIN,
    )
    return tokens.to_secret() if tokens.refresh is not None else Secret(access)
