"""Signing in to a Mastodon instance: register cmdesk there (once per instance, cached), send the user's browser to
the authorisation page with a loopback redirect (RFC 8252, `state`, PKCE), or show a code to paste when no browser
can reach back; then exchange the code for a token and identify the account. The token is handed to the caller,
which keeps it in the keyring only.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Protocol
from urllib.parse import parse_qsl

import httpx

from cmdesk.connectors.loopback import LoopbackRedirect, Pkce
from cmdesk.connectors.mastodon import oauth
from cmdesk.connectors.mastodon.instance import handle_of
from cmdesk.connectors.mastodon.media import limits_from_instance
from cmdesk.connectors.mastodon.oauth import OUT_OF_BAND, AppRegistration
from cmdesk.domain import Network, NetworkId, Secret

SIGN_IN_TIMEOUT = 600.0
"""How long the loopback listener waits for the browser (seconds): enough to type a password and a 2FA code."""


class AppCache(Protocol):
    """Where app registrations are kept between sign-ins (the keyring: the client secret is a credential)."""

    def load(self, base: str) -> AppRegistration | None: ...

    def save(self, app: AppRegistration) -> None: ...


@dataclass(frozen=True, slots=True)
class SignedIn:
    base: str
    token: Secret
    me: str
    handle: str
    display_name: str
    url: str
    limits: Mapping[str, int] = field(default_factory=dict)
    """The instance's posting limits (media.limits_from_instance), kept in the account's settings."""
    network: NetworkId = Network.MASTODON
    """The network the account signed in to, for whoever stores it."""

    @classmethod
    def from_account(cls, base: str, token: Secret, account: Mapping[str, Any]) -> SignedIn:
        handle = handle_of(str(account["acct"]), base)
        return cls(
            base,
            token,
            str(account["id"]),
            handle,
            str(account.get("display_name") or account.get("username") or handle),
            str(account.get("url") or ""),
        )


async def identify(client: httpx.AsyncClient, base: str, token: Secret) -> SignedIn:
    """Check a token (pasted or just obtained) and say whose it is, with the instance's posting limits."""
    signed_in = SignedIn.from_account(base, token, await oauth.verify_credentials(client, base, token))
    return replace(signed_in, limits=await instance_limits(client, base))


async def instance_limits(client: httpx.AsyncClient, base: str) -> dict[str, int]:
    """What the instance announces (v2, else v1); {} when it says nothing readable — never a reason to fail."""
    for path in ("/api/v2/instance", "/api/v1/instance"):
        try:
            response = await client.get(f"{base}{path}", headers=oauth.ONE_SHOT)
            if response.status_code == 200:
                found = limits_from_instance(response.json())
                if found:
                    return found
        except (httpx.HTTPError, ValueError, AttributeError):
            continue
    return {}


def _port_of(uri: str) -> int:
    port = httpx.URL(uri).port
    return port or 0


async def _app_for(client: httpx.AsyncClient, base: str, cache: AppCache, redirect_uri: str) -> AppRegistration:
    cached = cache.load(base)
    if cached is not None and redirect_uri in cached.redirect_uris:
        return cached
    app = await oauth.register_app(client, base, [redirect_uri, OUT_OF_BAND])
    cache.save(app)
    return app


async def sign_in_with_browser(
    client: httpx.AsyncClient,
    base: str,
    cache: AppCache,
    open_url: Callable[[str], Awaitable[object] | object],
    *,
    timeout: float = SIGN_IN_TIMEOUT,
) -> SignedIn:
    """The loopback flow. `open_url` shows the authorisation page (the system browser; tests drive a fake user)."""
    cached = cache.load(base)
    loopback = [uri for uri in cached.redirect_uris if uri.startswith("http://127.0.0.1:")] if cached else []
    redirect = LoopbackRedirect(_port_of(loopback[0]) if loopback else 0)
    try:
        await redirect.start()
    except OSError:  # the cached app's port is taken: listen anywhere, and register again for that port
        redirect = LoopbackRedirect(0)
        await redirect.start()
    try:
        app = await _app_for(client, base, cache, redirect.uri)
        pkce = Pkce.new()
        code = await redirect.consent(oauth.authorize_url(app, redirect.uri, redirect.state, pkce), open_url, timeout)
        token = await oauth.exchange_code(client, app, code, redirect.uri, pkce)
    finally:
        await redirect.close()
    return await identify(client, base, token)


def pasted_code(text: str) -> str:
    """The authorisation code in what the user pasted: the code itself, the whole redirect URL, or what some servers
    show on their out-of-band page (snac shows `CODE&state=…`)."""
    value = text.strip()
    if "code=" in value:
        query = value.split("?", 1)[-1]
        found = dict(parse_qsl(query)).get("code")
        if found:
            return found.strip()
    return value.split("&", 1)[0].strip()


@dataclass(frozen=True, slots=True)
class PendingSignIn:
    """The out-of-band flow, in two steps: show `url`, then `finish(client, code)` with the code the user pasted."""

    app: AppRegistration
    pkce: Pkce
    url: str

    async def finish(self, client: httpx.AsyncClient, code: str) -> SignedIn:
        token = await oauth.exchange_code(client, self.app, pasted_code(code), OUT_OF_BAND, self.pkce)
        return await identify(client, self.app.base, token)


async def start_out_of_band(client: httpx.AsyncClient, base: str, cache: AppCache) -> PendingSignIn:
    cached = cache.load(base)
    app = cached if cached is not None and OUT_OF_BAND in cached.redirect_uris else None
    if app is None:
        app = await oauth.register_app(client, base, [OUT_OF_BAND])
        cache.save(app)
    pkce = Pkce.new()
    return PendingSignIn(app, pkce, oauth.authorize_url(app, OUT_OF_BAND, secrets.token_urlsafe(24), pkce))
