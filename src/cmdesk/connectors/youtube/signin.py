"""Signing in to YouTube: the browser sign-in with the user's own Google OAuth client (youtube/oauth.py: loopback
redirect, `state`, PKCE), or an access token given as is; then the channel the token belongs to
(`channels?mine=true`), which becomes the account. The token bundle is handed to the caller, which keeps it in the
keyring only."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime

import httpx

from cmdesk.connectors.base import BadPayload, Permanent
from cmdesk.connectors.loopback import LoopbackRedirect, Pkce
from cmdesk.connectors.youtube import api, oauth
from cmdesk.domain import Account, Network, NetworkId, Secret


@dataclass(frozen=True, slots=True)
class Channel:
    """The channel a token signs in to."""

    base: str
    token: Secret
    me: str
    title: str
    handle: str
    network: NetworkId = Network.YOUTUBE
    """The network signed in to, for whoever stores it."""
    client_id: str = ""
    """The user's Google OAuth client that renews the token ("" when only a token was given)."""
    sign_in_ends: datetime | None = None
    """When Google ends the sign-in (its refresh token's end: 7 days for an app left in "Testing"), when known."""

    @property
    def address(self) -> str:
        return f"https://www.youtube.com/channel/{self.me}"


async def identify(client: httpx.AsyncClient, base: str, token: Secret) -> Channel:
    """The token's own channel; AuthExpired when the token is refused, Permanent when it has no channel."""
    probe = Account(0, "", 0, Network.YOUTUBE, "", "", settings={"api_base": base}, secret=token)
    found = await api.request(
        client, probe, "GET", "/youtube/v3/channels", params=[("part", "snippet"), ("mine", "true")]
    )
    items = found.get("items") if isinstance(found, Mapping) else None
    if not isinstance(items, list):
        raise BadPayload("channels: unexpected answer (expected a list of channels)")
    if not items or not isinstance(items[0], Mapping) or not items[0].get("id"):
        raise Permanent("this Google account has no YouTube channel")
    given = items[0].get("snippet")
    snippet: Mapping[str, object] = given if isinstance(given, Mapping) else {}
    me = str(items[0]["id"])
    title = str(snippet.get("title") or me)
    return Channel(base, token, me, title, str(snippet.get("customUrl") or title))


SIGN_IN_TIMEOUT = 600.0
"""How long the loopback listener waits for the browser (seconds): enough to choose an account and consent."""


async def sign_in_with_browser(
    client: httpx.AsyncClient,
    app: oauth.GoogleApp,
    open_url: Callable[[str], Awaitable[object] | object],
    now: datetime,
    *,
    testing: bool = True,
    base: str = api.ORIGIN,
    auth_base: str = oauth.AUTH_ORIGIN,
    token_base: str = oauth.TOKEN_ORIGIN,
    timeout: float = SIGN_IN_TIMEOUT,
) -> Channel:
    """The loopback flow with the user's OAuth client. `open_url` shows Google's consent page (the system browser;
    tests drive a fake user). `testing`: the app is still in "Testing" on its consent screen (Google then ends the
    sign-in after 7 days)."""
    async with LoopbackRedirect() as redirect:
        pkce = Pkce.new()
        url = oauth.authorize_url(app, redirect.uri, redirect.state, pkce, auth_base)
        code = await redirect.consent(url, open_url, timeout)
    granted = await oauth.exchange_code(client, app, code, redirect.uri, pkce, now, token_base)
    if granted.tokens.refresh is None:
        raise Permanent("Google sent no refresh token: cmdesk could only stay signed in for an hour; sign in again")
    channel = await identify(client, base, granted.tokens.to_secret())
    ends = granted.refresh_ends or (now + oauth.TESTING_LIFETIME if testing else None)
    return replace(channel, client_id=app.client_id, sign_in_ends=ends)


__all__ = ["Channel", "identify", "sign_in_with_browser"]
