"""Facebook Login for the user's own Meta app, built by hand as Meta documents for apps without its SDK
(https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow): the login dialog in the browser
with a loopback redirect (`state`, PKCE S256), code → user token, then the user token exchanged for a long-lived one
(`grant_type=fb_exchange_token`, about 60 days) — from which the Pages' own tokens, which do not expire, are taken.
Meta wants the redirect address registered in the app (Facebook Login → Settings → Valid OAuth Redirect URIs): it is
fixed, REDIRECT_URI. The app secret is a credential: the keyring only."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx

from cmdesk.connectors.base import AuthExpired, BadPayload
from cmdesk.connectors.http import translated_errors
from cmdesk.connectors.loopback import LoopbackRedirect, Pkce
from cmdesk.connectors.meta import graph
from cmdesk.domain import Secret

LOGIN_ORIGIN = "https://www.facebook.com"
REDIRECT_PORT = 48761
REDIRECT_HOST = "localhost"
REDIRECT_URI = f"http://{REDIRECT_HOST}:{REDIRECT_PORT}/callback"
SCOPES = (
    "pages_show_list",
    "pages_read_engagement",
    "pages_read_user_content",
    "pages_manage_engagement",
    "pages_manage_posts",
    "pages_messaging",
    "instagram_basic",
    "instagram_manage_comments",
    "instagram_manage_messages",
    "instagram_content_publish",
    "business_management",
)
SIGN_IN_TIMEOUT = 600.0


@dataclass(frozen=True, slots=True)
class MetaApp:
    """The user's own app on Meta for Developers."""

    app_id: str
    app_secret: Secret


def login_url(app: MetaApp, state: str, pkce: Pkce, login_base: str = LOGIN_ORIGIN) -> str:
    query = {
        "client_id": app.app_id,
        "redirect_uri": REDIRECT_URI,
        "state": state,
        "response_type": "code",
        "scope": ",".join(SCOPES),
        "code_challenge": pkce.challenge,
        "code_challenge_method": "S256",
    }
    return f"{login_base}/{graph.VERSION}/dialog/oauth?{urlencode(query)}"


async def _token(client: httpx.AsyncClient, base: str, params: Mapping[str, str]) -> Secret:
    url = f"{base}{graph.path('oauth', 'access_token')}"
    with translated_errors(url):
        response = await client.get(url, params=dict(params), headers={"Connection": "close"})
    try:
        answer: Any = response.json()
    except ValueError:
        raise BadPayload("Meta's token endpoint did not answer with JSON") from None
    error = answer.get("error") if isinstance(answer, Mapping) else None
    if response.status_code >= 400 or isinstance(error, Mapping):
        said = str(error.get("message", "")) if isinstance(error, Mapping) else f"HTTP {response.status_code}"
        raise AuthExpired(f"Meta refused the sign-in: {said}")
    token = answer.get("access_token") if isinstance(answer, Mapping) else None
    if not isinstance(token, str) or not token:
        raise BadPayload("Meta's token endpoint sent no access_token")
    return Secret(token)


async def sign_in_with_browser(
    client: httpx.AsyncClient,
    app: MetaApp,
    open_url: Callable[[str], Awaitable[object] | object],
    *,
    base: str = graph.ORIGIN,
    login_base: str = LOGIN_ORIGIN,
    timeout: float = SIGN_IN_TIMEOUT,
) -> Secret:
    """A long-lived user token of the person who signs in (for the Pages they have a role on). OSError when the
    redirect's port is taken; TimeoutError when nobody signs in; SignInRefused when they decline."""
    async with LoopbackRedirect(REDIRECT_PORT, host=REDIRECT_HOST) as redirect:
        pkce = Pkce.new()
        code = await redirect.consent(login_url(app, redirect.state, pkce, login_base), open_url, timeout)
    who = {"client_id": app.app_id, "client_secret": app.app_secret.reveal()}
    short = await _token(
        client, base, {**who, "redirect_uri": REDIRECT_URI, "code": code, "code_verifier": pkce.verifier}
    )
    return await _token(client, base, {**who, "grant_type": "fb_exchange_token", "fb_exchange_token": short.reveal()})


__all__ = ["REDIRECT_URI", "MetaApp", "login_url", "sign_in_with_browser"]
