"""Reddit's OAuth 2.0 for an installed app (https://github.com/reddit-archive/reddit/wiki/OAuth2): the user's own app
of the "installed app" type (a client id, no secret: HTTP Basic with an empty password), the loopback redirect
registered in the app exactly as cmdesk sends it, `duration=permanent` for a refresh token; access tokens last an
hour. Reddit offers no PKCE: `state` is what ties the answer to the request. The keyring keeps one bundle per
account: access token, refresh token, expiry, the app's client id and the token endpoint's origin."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import httpx

from cmdesk.connectors.base import AuthExpired, BadPayload
from cmdesk.connectors.bearer_tokens import BearerTokens
from cmdesk.connectors.http import raise_for_status, translated_errors
from cmdesk.domain import Secret

AUTH_ORIGIN = "https://www.reddit.com"
AUTH_PATH = "/api/v1/authorize"
TOKEN_PATH = "/api/v1/access_token"
REDIRECT_PORT = 48763
REDIRECT_URI = f"http://127.0.0.1:{REDIRECT_PORT}/callback"
SCOPES = ("identity", "read", "privatemessages", "submit", "history")
APPS_PAGE = "https://www.reddit.com/prefs/apps"


Tokens = BearerTokens


def authorize_url(client_id: str, state: str, auth_base: str = AUTH_ORIGIN) -> str:
    query = {"client_id": client_id, "response_type": "code", "state": state, "redirect_uri": REDIRECT_URI,
             "duration": "permanent", "scope": " ".join(SCOPES)}  # fmt: skip
    return f"{auth_base}{AUTH_PATH}?{urlencode(query)}"


async def exchange_code(client: httpx.AsyncClient, client_id: str, code: str, now: datetime, token_base: str) -> Tokens:
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI}
    return _tokens(await _token_request(client, token_base, client_id, form), client_id, token_base, now, None)


async def refresh(client: httpx.AsyncClient, tokens: Tokens, now: datetime) -> Tokens:
    """A new access token; Reddit keeps the refresh token (a new one, if it ever sends one, replaces it)."""
    if tokens.refresh is None or not tokens.client_id:
        raise AuthExpired("the Reddit sign-in has expired and cannot be renewed here; sign in again")
    form = {"grant_type": "refresh_token", "refresh_token": tokens.refresh.reveal()}
    origin = tokens.token_base or AUTH_ORIGIN
    answer = await _token_request(client, origin, tokens.client_id, form)
    return _tokens(answer, tokens.client_id, origin, now, tokens.refresh)


def _tokens(answer: Mapping[str, Any], client_id: str, token_base: str, now: datetime, kept: Secret | None) -> Tokens:
    access = answer.get("access_token")
    if not isinstance(access, str) or not access:
        raise BadPayload("Reddit's token endpoint sent no access_token")
    renewed = answer.get("refresh_token")
    seconds = answer.get("expires_in")
    expires = (now + timedelta(seconds=seconds)).astimezone(UTC) if isinstance(seconds, int | float) else None
    refresh_token = Secret(renewed) if isinstance(renewed, str) and renewed else kept
    return Tokens(Secret(access), refresh_token, expires, client_id, token_base)


async def _token_request(
    client: httpx.AsyncClient, token_base: str, client_id: str, form: Mapping[str, str]
) -> Mapping[str, Any]:
    url = f"{token_base}{TOKEN_PATH}"
    with translated_errors(url):
        response = await client.post(url, data=dict(form), auth=(client_id, ""), headers={"Connection": "close"})
    if response.status_code in (400, 401):
        raise AuthExpired(f"Reddit refused the sign-in (HTTP {response.status_code}): sign in again")
    raise_for_status(response)
    try:
        answer = response.json()
    except ValueError:
        raise BadPayload("Reddit's token endpoint did not answer with JSON") from None
    if not isinstance(answer, Mapping):
        raise BadPayload("Reddit's token endpoint: unexpected answer")
    if answer.get("error"):
        raise AuthExpired(f"Reddit refused the sign-in ({answer['error']}): sign in again")
    return answer


__all__ = ["REDIRECT_URI", "SCOPES", "Tokens", "authorize_url", "exchange_code", "refresh"]
