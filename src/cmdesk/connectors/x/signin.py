"""Signing in to X: the browser flow on the user's own app (x/oauth.py) with the loopback redirect X has registered,
or a token given by a script; then who the token is (`/2/users/me`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

import httpx

from cmdesk.connectors.base import BadPayload
from cmdesk.connectors.loopback import LoopbackRedirect, Pkce
from cmdesk.connectors.x import api, oauth
from cmdesk.domain import Account, Network, Secret

SIGN_IN_TIMEOUT = 600.0


@dataclass(frozen=True, slots=True)
class XUser:
    user_id: str
    username: str
    name: str
    base: str
    token: Secret
    """The keyring's bundle (x/oauth.Tokens)."""

    @property
    def address(self) -> str:
        return f"https://x.com/{self.username}"


async def identify(client: httpx.AsyncClient, base: str, token: Secret) -> XUser:
    probe = Account(0, "", 0, Network.X, "", "", settings={"api_base": base}, secret=token)
    answer = await api.request(client, probe, "GET", "/2/users/me", params=[("user.fields", "username,name")])
    data = answer.get("data") if isinstance(answer, Mapping) else None
    if not isinstance(data, Mapping) or not data.get("id"):
        raise BadPayload("X's /2/users/me: unexpected answer")
    username = str(data.get("username") or data["id"])
    return XUser(str(data["id"]), username, str(data.get("name") or username), base, token)


async def sign_in_with_browser(
    client: httpx.AsyncClient,
    client_id: str,
    open_url: Callable[[str], Awaitable[object] | object],
    now: datetime,
    *,
    base: str = api.ORIGIN,
    auth_base: str = oauth.AUTH_ORIGIN,
    timeout: float = SIGN_IN_TIMEOUT,
) -> XUser:
    """The authorisation code flow with PKCE on the app's registered loopback callback; tokens from the API's token
    endpoint (`base`)."""
    async with LoopbackRedirect(oauth.REDIRECT_PORT) as redirect:
        pkce = Pkce.new()
        code = await redirect.consent(
            oauth.authorize_url(client_id, redirect.state, pkce, auth_base), open_url, timeout
        )
    tokens = await oauth.exchange_code(client, client_id, code, pkce, now, base)
    return await identify(client, base, tokens.to_secret())


__all__ = ["XUser", "identify", "sign_in_with_browser"]
