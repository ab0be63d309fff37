"""Mastodon's OAuth 2 exchanges: app registration, the authorisation URL (with `state` and PKCE), code → token,
token check and revocation. https://docs.joinmastodon.org/methods/apps/ and /methods/oauth/.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx

from cmdesk.connectors.base import AuthExpired, BadPayload, Permanent
from cmdesk.connectors.http import raise_for_status, translated_errors
from cmdesk.connectors.loopback import Pkce
from cmdesk.domain import Secret

CLIENT_NAME = "cmdesk"
WEBSITE = "https://github.com/cmdesk/cmdesk"
SCOPES = "read write"
OUT_OF_BAND = "urn:ietf:wg:oauth:2.0:oob"
ONE_SHOT = {"Connection": "close"}
"""Sign-in requests are not safe to send twice (an authorisation code works once), so none of them goes out on a
kept-alive connection that the server may already have closed; sign-in is rare, the extra handshakes cost nothing."""
"""The redirect URI that makes the server show the code for the user to paste (when no browser can reach us)."""


@dataclass(frozen=True, slots=True)
class AppRegistration:
    """cmdesk registered on one instance. The client secret is a credential: it lives in the keyring only."""

    base: str
    client_id: str
    client_secret: Secret
    redirect_uris: tuple[str, ...]

    def to_secret(self) -> Secret:
        return Secret(
            json.dumps(
                {
                    "base": self.base,
                    "client_id": self.client_id,
                    "client_secret": self.client_secret.reveal(),
                    "redirect_uris": list(self.redirect_uris),
                }
            )
        )

    @classmethod
    def from_secret(cls, secret: Secret) -> AppRegistration | None:
        try:
            data = json.loads(secret.reveal())
            return cls(
                str(data["base"]),
                str(data["client_id"]),
                Secret(str(data["client_secret"])),
                tuple(str(uri) for uri in data["redirect_uris"]),
            )
        except (ValueError, KeyError, TypeError):
            return None


def json_object(response: httpx.Response, what: str) -> Mapping[str, Any]:
    try:
        data = response.json()
    except ValueError:
        raise BadPayload(f"{what}: the server did not answer with JSON; is it a Mastodon-compatible server?") from None
    if not isinstance(data, dict):
        raise BadPayload(f"{what}: unexpected answer (expected a JSON object)")
    return data


async def register_app(client: httpx.AsyncClient, base: str, redirect_uris: Sequence[str]) -> AppRegistration:
    url = f"{base}/api/v1/apps"
    with translated_errors(url):
        response = await client.post(
            url,
            headers=ONE_SHOT,
            data={
                "client_name": CLIENT_NAME,
                "redirect_uris": "\n".join(redirect_uris),
                "scopes": SCOPES,
                "website": WEBSITE,
            },
        )
    if response.status_code == 404:
        raise Permanent(f"{base} has no Mastodon API (POST /api/v1/apps answered 404)")
    raise_for_status(response)
    data = json_object(response, "app registration")
    client_id, client_secret = data.get("client_id"), data.get("client_secret")
    if not isinstance(client_id, str) or not isinstance(client_secret, str):
        raise BadPayload("app registration: the server sent no client_id / client_secret")
    return AppRegistration(base, client_id, Secret(client_secret), tuple(redirect_uris))


def authorize_url(app: AppRegistration, redirect_uri: str, state: str, pkce: Pkce) -> str:
    query = {
        "response_type": "code",
        "client_id": app.client_id,
        "redirect_uri": redirect_uri,
        "scope": SCOPES,
        "state": state,
        "code_challenge": pkce.challenge,
        "code_challenge_method": "S256",
    }
    return f"{app.base}/oauth/authorize?{urlencode(query)}"


async def exchange_code(
    client: httpx.AsyncClient, app: AppRegistration, code: str, redirect_uri: str, pkce: Pkce
) -> Secret:
    url = f"{app.base}/oauth/token"
    with translated_errors(url):
        response = await client.post(
            url,
            headers=ONE_SHOT,
            data={
                "grant_type": "authorization_code",
                "code": code.strip(),
                "client_id": app.client_id,
                "client_secret": app.client_secret.reveal(),
                "redirect_uri": redirect_uri,
                "code_verifier": pkce.verifier,
                "scope": SCOPES,
            },
        )
    if response.status_code in (400, 401):
        raise AuthExpired("the server refused the authorisation code (expired or already used): sign in again")
    raise_for_status(response)
    token = json_object(response, "token exchange").get("access_token")
    if not isinstance(token, str) or not token:
        raise BadPayload("token exchange: the server sent no access_token")
    return Secret(token)


async def verify_credentials(client: httpx.AsyncClient, base: str, token: Secret) -> Mapping[str, Any]:
    """The signed-in account (id, acct, display_name, url); AuthExpired when the token is refused."""
    url = f"{base}/api/v1/accounts/verify_credentials"
    with translated_errors(url):
        response = await client.get(url, headers={"Authorization": f"Bearer {token.reveal()}", **ONE_SHOT})
    if response.status_code in (401, 403, 422):  # snac answers 422 to a token it does not know
        raise AuthExpired("the token was refused (revoked or expired)")
    raise_for_status(response)
    account = json_object(response, "verify_credentials")
    if not isinstance(account.get("id"), str | int) or not isinstance(account.get("acct"), str):
        raise BadPayload("verify_credentials: the answer is not a Mastodon account")
    return account


async def revoke(client: httpx.AsyncClient, app: AppRegistration, token: Secret) -> None:
    url = f"{app.base}/oauth/revoke"
    with translated_errors(url):
        response = await client.post(
            url,
            headers=ONE_SHOT,
            data={"client_id": app.client_id, "client_secret": app.client_secret.reveal(), "token": token.reveal()},
        )
    raise_for_status(response)
