"""Signing in to Reddit: the browser flow on the user's own installed app (reddit/oauth.py) with the loopback redirect
the app has registered, or a token given by a script; then who the token is (`/api/v1/me`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

import httpx

from cmdesk.connectors.base import BadPayload
from cmdesk.connectors.loopback import LoopbackRedirect
from cmdesk.connectors.reddit import api, oauth
from cmdesk.domain import Account, Network, Secret

SIGN_IN_TIMEOUT = 600.0


@dataclass(frozen=True, slots=True)
class Redditor:
    name: str
    base: str
    token: Secret

    @property
    def address(self) -> str:
        return f"https://www.reddit.com/user/{self.name}"


async def identify(client: httpx.AsyncClient, base: str, token: Secret) -> Redditor:
    probe = Account(0, "", 0, Network.REDDIT, "", "", settings={"api_base": base}, secret=token)
    found = await api.request(client, probe, "GET", "/api/v1/me")
    if not isinstance(found, Mapping) or not found.get("name"):
        raise BadPayload("Reddit's /api/v1/me: unexpected answer")
    return Redditor(str(found["name"]), base, token)


async def sign_in_with_browser(
    client: httpx.AsyncClient,
    client_id: str,
    open_url: Callable[[str], Awaitable[object] | object],
    now: datetime,
    *,
    base: str = api.ORIGIN,
    auth_base: str = oauth.AUTH_ORIGIN,
    timeout: float = SIGN_IN_TIMEOUT,
) -> Redditor:
    async with LoopbackRedirect(oauth.REDIRECT_PORT) as redirect:
        code = await redirect.consent(oauth.authorize_url(client_id, redirect.state, auth_base), open_url, timeout)
    tokens = await oauth.exchange_code(client, client_id, code, now, auth_base)
    return await identify(client, base, tokens.to_secret())


__all__ = ["Redditor", "identify", "sign_in_with_browser"]
