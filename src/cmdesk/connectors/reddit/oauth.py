"""Reddit's OAuth 2.0 for an installed app (https://github.com/reddit-archive/reddit/wiki/OAuth2): the user's own app
of the "installed app" type (a client id, no secret: HTTP Basic with an empty password), the loopback redirect
registered in the app exactly as cmdesk sends it, `duration=permanent` for a refresh token; access tokens last an
hour. Reddit offers no PKCE: `state` is what ties the answer to the request. The keyring keeps one bundle per
account: access token, refresh token, expiry, the app's client id and the token endpoint's origin."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import httpx

from cmdesk.connectors.base import AuthExpired, BadPayload
from cmdesk.connectors.http import raise_for_status, translated_errors
from cmdesk.domain import Secret

AUTH_ORIGIN = "https://www.reddit.com"
AUTH_PATH = "/api/v1/authorize"
TOKEN_PATH = "/api/v1/access_token"
REDIRECT_PORT = 48763
REDIRECT_URI = f"http://127.0.0.1:{REDIRECT_PORT}/callback"
SCOPES = ("identity", "read", "privatemessages", "submit", "history")
REFRESH_MARGIN = timedelta(minutes=5)
APPS_PAGE = "https://www.reddit.com/prefs/apps"


@dataclass(frozen=True, slots=True)
class Tokens:
    access: Secret
    refresh: Secret | None = None
    expires_at: datetime | None = None
    client_id: str = ""
    token_base: str = AUTH_ORIGIN

    def to_secret(self) -> Secret:
        data: dict[str, Any] = {"access_token": self.access.reveal(), "client_id": self.client_id,
                                "token_base": self.token_base}  # fmt: skip
        if self.refresh is not None:
            data["refresh_token"] = self.refresh.reveal()
        if self.expires_at is not None:
            data["expires_at"] = self.expires_at.isoformat()
        return Secret(json.dumps(data))

    @classmethod
    def from_secret(cls, secret: Secret) -> Tokens:
        text = secret.reveal()
        if not text.startswith("{"):
            return cls(secret)
        try:
            data = json.loads(text)
            expires = data.get("expires_at")
            return cls(Secret(str(data["access_token"])),
                       Secret(str(data["refresh_token"])) if data.get("refresh_token") else None,
                       datetime.fromisoformat(expires) if isinstance(expires, str) else None,
                       str(data.get("client_id") or ""), str(data.get("token_base") or AUTH_ORIGIN))  # fmt: skip
        except (ValueError, KeyError, TypeError, AttributeError):
            raise AuthExpired("the saved Reddit sign-in cannot be read; sign in again") from None

    def due(self, now: datetime) -> bool:
        if self.refresh is None or not self.client_id:
            return False
        return self.expires_at is None or self.expires_at - now <= REFRESH_MARGIN


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
    answer = await _token_request(client, tokens.token_base, tokens.client_id, form)
    return _tokens(answer, tokens.client_id, tokens.token_base, now, tokens.refresh)


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
