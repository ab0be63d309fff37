"""Google's OAuth 2.0 for desktop apps (https://developers.google.com/identity/protocols/oauth2/native-app), with the
user's own OAuth client (a "Desktop app" client of their Google Cloud project): the authorisation URL (loopback
redirect, `state`, PKCE S256, offline access), code → tokens, refreshing the one-hour access token, and the bundle the
keyring keeps for an account (access token, refresh token, expiry, the OAuth client that can refresh it).

Google documents the client secret of a desktop client as not confidential, yet the token endpoint wants it: it lives
in the keyring with the tokens, never in the database. Refresh tokens of an app left in "Testing" end 7 days after
consent; Google says so in `refresh_token_expires_in` only for time-based access, so the sign-in asks."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import httpx

from cmdesk.connectors.base import AuthExpired, BadPayload, Permanent
from cmdesk.connectors.http import raise_for_status, translated_errors
from cmdesk.connectors.loopback import Pkce
from cmdesk.domain import Secret

AUTH_ORIGIN = "https://accounts.google.com"
TOKEN_ORIGIN = "https://oauth2.googleapis.com"
AUTH_PATH = "/o/oauth2/v2/auth"
TOKEN_PATH = "/token"
SCOPE = "https://www.googleapis.com/auth/youtube.force-ssl"
"""Read, reply, moderate and delete comments (the scope comments.insert and setModerationStatus document)."""
SCOPE_MEANING = "see, edit and permanently delete your YouTube videos, ratings, comments and captions"
"""How Google's consent screen words that scope, so the missing permission can be named the way the user saw it."""
REFRESH_MARGIN = timedelta(minutes=5)
TESTING_LIFETIME = timedelta(days=7)
ONE_SHOT = {"Connection": "close"}
CONSOLE_CREDENTIALS = "https://console.cloud.google.com/apis/credentials"
CONSOLE_YOUTUBE_API = "https://console.cloud.google.com/apis/library/youtube.googleapis.com"
CONSOLE_CONSENT = "https://console.cloud.google.com/auth/audience"


@dataclass(frozen=True, slots=True)
class GoogleApp:
    """The user's OAuth client ("Desktop app") of one Google Cloud project."""

    client_id: str
    client_secret: Secret

    @property
    def project(self) -> str:
        """The project number Google writes before the first '-' of a client id; each project has its own quota."""
        number = self.client_id.split("-", 1)[0]
        return number if number.isdigit() else self.client_id


def project_of(client_id: str) -> str:
    return GoogleApp(client_id, Secret("")).project


@dataclass(frozen=True, slots=True)
class Tokens:
    """What the keyring keeps for a YouTube account. A bare access token (`--token-stdin` without a refresh token,
    or an account signed in before refreshing existed) reads as a bundle with nothing to refresh it."""

    access: Secret
    refresh: Secret | None = None
    expires_at: datetime | None = None
    app: GoogleApp | None = None
    token_base: str = TOKEN_ORIGIN

    def to_secret(self) -> Secret:
        data: dict[str, Any] = {"access_token": self.access.reveal(), "token_base": self.token_base}
        if self.refresh is not None:
            data["refresh_token"] = self.refresh.reveal()
        if self.expires_at is not None:
            data["expires_at"] = self.expires_at.isoformat()
        if self.app is not None:
            data["client_id"] = self.app.client_id
            data["client_secret"] = self.app.client_secret.reveal()
        return Secret(json.dumps(data))

    @classmethod
    def from_secret(cls, secret: Secret) -> Tokens:
        text = secret.reveal()
        if not text.startswith("{"):
            return cls(secret)
        try:
            data = json.loads(text)
            expires = data.get("expires_at")
            app = (
                GoogleApp(str(data["client_id"]), Secret(str(data.get("client_secret", ""))))
                if data.get("client_id")
                else None
            )
            return cls(
                Secret(str(data["access_token"])),
                Secret(str(data["refresh_token"])) if data.get("refresh_token") else None,
                datetime.fromisoformat(expires) if isinstance(expires, str) else None,
                app,
                str(data.get("token_base") or TOKEN_ORIGIN),
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            raise AuthExpired("the saved YouTube sign-in cannot be read; sign in again") from None

    def due(self, now: datetime) -> bool:
        """Whether the access token should be refreshed before use (and can be)."""
        if self.refresh is None or self.app is None:
            return False
        return self.expires_at is None or self.expires_at - now <= REFRESH_MARGIN


def authorize_url(app: GoogleApp, redirect_uri: str, state: str, pkce: Pkce, auth_base: str = AUTH_ORIGIN) -> str:
    query = {
        "client_id": app.client_id,
        "redirect_uri": redirect_uri,
        "response_type": "code",
        "scope": SCOPE,
        "state": state,
        "code_challenge": pkce.challenge,
        "code_challenge_method": "S256",
        "access_type": "offline",
        "prompt": "consent",
    }
    return f"{auth_base}{AUTH_PATH}?{urlencode(query)}"


@dataclass(frozen=True, slots=True)
class Granted:
    """A code or a refresh exchanged: the tokens, and how long Google keeps the refresh token when it says so."""

    tokens: Tokens
    refresh_ends: datetime | None


async def exchange_code(
    client: httpx.AsyncClient,
    app: GoogleApp,
    code: str,
    redirect_uri: str,
    pkce: Pkce,
    now: datetime,
    token_base: str = TOKEN_ORIGIN,
) -> Granted:
    """The authorisation code → tokens. Permanent, naming the permission, when the user unticked comments."""
    answer = await _token_request(
        client,
        token_base,
        {
            "grant_type": "authorization_code",
            "code": code,
            "client_id": app.client_id,
            "client_secret": app.client_secret.reveal(),
            "redirect_uri": redirect_uri,
            "code_verifier": pkce.verifier,
        },
    )
    scopes = str(answer["scope"] if "scope" in answer else SCOPE).split()  # Google always says; absent: as asked
    if SCOPE not in scopes:
        raise Permanent(
            f"Google did not give cmdesk the permission to {SCOPE_MEANING} ({SCOPE}): sign in again and tick it"
        )
    refresh = answer.get("refresh_token")
    ends = answer.get("refresh_token_expires_in")
    tokens = Tokens(
        _access(answer),
        Secret(refresh) if isinstance(refresh, str) and refresh else None,
        _expiry(answer, now),
        app,
        token_base,
    )
    return Granted(tokens, now + timedelta(seconds=ends) if isinstance(ends, int | float) else None)


async def refresh(client: httpx.AsyncClient, tokens: Tokens, now: datetime) -> Tokens:
    """A new access token from the refresh token (the refresh token itself is kept: Google does not rotate it)."""
    if tokens.refresh is None or tokens.app is None:
        raise AuthExpired("the YouTube sign-in has expired and cannot be renewed here; sign in again")
    answer = await _token_request(
        client,
        tokens.token_base,
        {
            "grant_type": "refresh_token",
            "refresh_token": tokens.refresh.reveal(),
            "client_id": tokens.app.client_id,
            "client_secret": tokens.app.client_secret.reveal(),
        },
    )
    renewed = answer.get("refresh_token")
    return replace(
        tokens,
        access=_access(answer),
        expires_at=_expiry(answer, now),
        refresh=Secret(renewed) if isinstance(renewed, str) and renewed else tokens.refresh,
    )


def _access(answer: Mapping[str, Any]) -> Secret:
    token = answer.get("access_token")
    if not isinstance(token, str) or not token:
        raise BadPayload("Google's token endpoint sent no access_token")
    return Secret(token)


def _expiry(answer: Mapping[str, Any], now: datetime) -> datetime | None:
    seconds = answer.get("expires_in")
    return (now + timedelta(seconds=seconds)).astimezone(UTC) if isinstance(seconds, int | float) else None


async def _token_request(client: httpx.AsyncClient, token_base: str, form: Mapping[str, str]) -> Mapping[str, Any]:
    url = f"{token_base}{TOKEN_PATH}"
    with translated_errors(url):
        response = await client.post(url, data=dict(form), headers=ONE_SHOT)
    if response.status_code in (400, 401):
        raise AuthExpired(_refusal(response))
    raise_for_status(response)
    try:
        answer = response.json()
    except ValueError:
        raise BadPayload("Google's token endpoint did not answer with JSON") from None
    if not isinstance(answer, Mapping):
        raise BadPayload("Google's token endpoint: unexpected answer (expected a JSON object)")
    return answer


def _refusal(response: httpx.Response) -> str:
    """Google's OAuth error ({"error": "invalid_grant", "error_description": …}) said for the user."""
    try:
        body = response.json()
    except ValueError:
        body = {}
    error = str(body.get("error", "")) if isinstance(body, Mapping) else ""
    said = str(body.get("error_description", "")) if isinstance(body, Mapping) else ""
    if error == "invalid_grant":
        return f"Google ended this sign-in ({said or 'expired or revoked'}): sign in again"
    if error in ("invalid_client", "unauthorized_client"):
        return (
            f"Google refused the OAuth client ({said or error}): check its client id and secret in Google Cloud "
            "(APIs & Services → Credentials)"
        )
    return f"Google refused the sign-in: {said or error or f'HTTP {response.status_code}'}"
