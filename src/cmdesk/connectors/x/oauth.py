"""X's OAuth 2.0 authorisation code flow with PKCE (https://docs.x.com/fundamentals/authentication/oauth-2-0), for
the user's own app of the "Native App" type — a public client: no secret, the client id in each token request. The
loopback redirect must be registered in the app's settings exactly as cmdesk sends it (REDIRECT_URI). Access tokens
last two hours; `offline.access` gives a refresh token, which X replaces at each refresh (the new one must be kept).
The keyring keeps one bundle per account: access token, refresh token, expiry, the app's client id."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import httpx

from cmdesk.connectors.base import AuthExpired, BadPayload, Permanent
from cmdesk.connectors.bearer_tokens import BearerTokens
from cmdesk.connectors.http import raise_for_status, translated_errors
from cmdesk.connectors.loopback import Pkce
from cmdesk.domain import Secret

AUTH_ORIGIN = "https://x.com"
AUTH_PATH = "/i/oauth2/authorize"
TOKEN_PATH = "/2/oauth2/token"
REDIRECT_PORT = 48762
REDIRECT_URI = f"http://127.0.0.1:{REDIRECT_PORT}/callback"
"""The callback URL to register in the app's "User authentication settings" (X wants it exactly)."""
SCOPES = ("tweet.read", "tweet.write", "users.read", "like.write", "dm.read", "dm.write", "media.write",
          "offline.access")  # fmt: skip
TOKEN_ORIGIN = "https://api.x.com"
DEVELOPER_CONSOLE = "https://console.x.com"


Tokens = BearerTokens


def authorize_url(client_id: str, state: str, pkce: Pkce, auth_base: str = AUTH_ORIGIN) -> str:
    query = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": REDIRECT_URI,
        "scope": " ".join(SCOPES),
        "state": state,
        "code_challenge": pkce.challenge,
        "code_challenge_method": "S256",
    }
    return f"{auth_base}{AUTH_PATH}?{urlencode(query)}"


async def exchange_code(
    client: httpx.AsyncClient, client_id: str, code: str, pkce: Pkce, now: datetime, token_base: str
) -> Tokens:
    answer = await _token_request(client, token_base, {
        "grant_type": "authorization_code", "code": code, "client_id": client_id, "redirect_uri": REDIRECT_URI,
        "code_verifier": pkce.verifier})  # fmt: skip
    granted = set(str(answer.get("scope") or " ".join(SCOPES)).split())
    missing = [scope for scope in SCOPES if scope not in granted and scope != "media.write"]
    if missing:
        raise Permanent(f"X did not give cmdesk these permissions: {', '.join(missing)}; sign in again allowing them")
    return _tokens(answer, client_id, token_base, now)


async def refresh(client: httpx.AsyncClient, tokens: Tokens, now: datetime) -> Tokens:
    """New tokens for the refresh token; X rotates it, so the bundle returned replaces the old one at once."""
    if tokens.refresh is None or not tokens.client_id:
        raise AuthExpired("the X sign-in has expired and cannot be renewed here; sign in again")
    form = {"grant_type": "refresh_token", "refresh_token": tokens.refresh.reveal(), "client_id": tokens.client_id}
    origin = tokens.token_base or TOKEN_ORIGIN
    answer = await _token_request(client, origin, form)
    renewed = _tokens(answer, tokens.client_id, origin, now)
    return renewed if renewed.refresh is not None else Tokens(renewed.access, tokens.refresh, renewed.expires_at,
                                                             tokens.client_id, origin)  # fmt: skip


def _tokens(answer: Mapping[str, Any], client_id: str, token_base: str, now: datetime) -> Tokens:
    access = answer.get("access_token")
    if not isinstance(access, str) or not access:
        raise BadPayload("X's token endpoint sent no access_token")
    refresh_token = answer.get("refresh_token")
    seconds = answer.get("expires_in")
    expires = (now + timedelta(seconds=seconds)).astimezone(UTC) if isinstance(seconds, int | float) else None
    return Tokens(Secret(access), Secret(refresh_token) if isinstance(refresh_token, str) and refresh_token else None,
                  expires, client_id, token_base)  # fmt: skip


async def _token_request(client: httpx.AsyncClient, token_base: str, form: Mapping[str, str]) -> Mapping[str, Any]:
    url = f"{token_base}{TOKEN_PATH}"
    with translated_errors(url):
        response = await client.post(url, data=dict(form), headers={"Connection": "close"})
    if response.status_code in (400, 401):
        try:
            body = response.json()
        except ValueError:
            body = {}
        said = str(body.get("error_description") or body.get("error") or "") if isinstance(body, Mapping) else ""
        raise AuthExpired(f"X refused the sign-in ({said or f'HTTP {response.status_code}'}): sign in again")
    raise_for_status(response)
    try:
        answer = response.json()
    except ValueError:
        raise BadPayload("X's token endpoint did not answer with JSON") from None
    if not isinstance(answer, Mapping):
        raise BadPayload("X's token endpoint: unexpected answer (expected a JSON object)")
    return answer


__all__ = ["REDIRECT_URI", "SCOPES", "Tokens", "authorize_url", "exchange_code", "refresh"]
