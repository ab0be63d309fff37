"""Requests to a Discourse forum's API (https://docs.discourse.org): the forum's origin, the key the account signed
in with — a User API Key (`User-Api-Key` and `User-Api-Client-Id` headers, the key the user granted cmdesk through
the handshake of discourse/user_api_key.py) or a site administrator's API key acting as a user (`Api-Key` and
`Api-Username`) — bodies read with a ceiling, and Discourse's errors (`{"errors": [...], "error_type": ...}`) turned
into the typed connector errors; 429 honours `Retry-After` (or the body's `extras.wait_seconds`)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from cmdesk.connectors.base import AuthExpired, Permanent, RateLimited, Transient
from cmdesk.connectors.hosts import is_loopback
from cmdesk.connectors.http import json_exchange, retry_at_from
from cmdesk.domain import Account, Secret

MAX_ANSWER_BYTES = 16 * 1024 * 1024
USER_KEY = "user_api_key"
ADMIN_KEY = "api_key"


@dataclass(frozen=True, slots=True)
class Key:
    """How requests are signed: a User API Key with the client id it was granted to, or an administrator's API key
    with the username it acts as."""

    kind: str
    secret: Secret
    client_id: str = ""
    username: str = ""

    def headers(self) -> dict[str, str]:
        if self.kind == USER_KEY:
            return {"User-Api-Key": self.secret.reveal(), "User-Api-Client-Id": self.client_id}
        return {"Api-Key": self.secret.reveal(), "Api-Username": self.username}


def key_of(account: Account) -> Key:
    if account.secret is None:
        raise AuthExpired("no saved key for this Discourse forum; sign in again")
    settings = account.settings
    kind = str(settings.get("key_kind") or USER_KEY)
    return Key(kind, account.secret, str(settings.get("client_id") or ""), str(settings.get("username") or ""))


def forum_origin(text: str) -> str:
    """A forum's origin from any of its addresses: https (plain http only on loopback). ValueError otherwise."""
    text = text.strip()
    url = httpx.URL(text if "://" in text else "https://" + text)
    if url.scheme not in ("https", "http") or not url.host:
        raise ValueError(f"not a forum's address: {text!r}")
    if url.scheme == "http" and not is_loopback(url.host):
        raise ValueError(f"plain http is only allowed on loopback, not {url.host}: a key travels in every request")
    port = f":{url.port}" if url.port else ""
    return f"{url.scheme}://{url.host}{port}"


async def call(
    client: httpx.AsyncClient,
    origin: str,
    method: str,
    path: str,
    *,
    key: Key | None = None,
    params: Sequence[tuple[str, str]] = (),
    body: Mapping[str, Any] | None = None,
    signs_in: bool = False,
) -> Any:
    """The answer's JSON, or a typed error. `signs_in`: a request only a signed-in user may make (the user's own
    notifications), where a refusal means the key no longer works — elsewhere it means this topic or act is not
    allowed to the user."""
    url = origin.rstrip("/") + path
    headers = {"Accept": "application/json"} | (key.headers() if key is not None else {})
    content = json.dumps(body).encode() if body is not None else None
    if content is not None:
        headers["Content-Type"] = "application/json"
    response, answer = await json_exchange(client, method, url, limit=MAX_ANSWER_BYTES, params=list(params),
                                           content=content, headers=headers,
                                           not_json=f"{method} {path}: the forum did not answer with JSON "
                                           "(is it Discourse?)")  # fmt: skip
    if response.status_code >= 400:
        _raise(response, answer, f"{method} {path}", signs_in)
    return answer


async def request(
    client: httpx.AsyncClient,
    account: Account,
    method: str,
    path: str,
    *,
    params: Sequence[tuple[str, str]] = (),
    body: Mapping[str, Any] | None = None,
    signs_in: bool = False,
) -> Any:
    """`call` as the account: its forum (`settings["origin"]`) and its key."""
    return await call(client, origin_of(account), method, path, key=key_of(account), params=params, body=body,
                      signs_in=signs_in)  # fmt: skip


def origin_of(account: Account) -> str:
    """The account's forum (its origin as signed in to)."""
    return str(account.settings.get("origin") or account.address).rstrip("/")


def _said(answer: Any) -> tuple[str, str]:
    if not isinstance(answer, Mapping):
        return "", ""
    errors = answer.get("errors")
    first = str(errors[0]) if isinstance(errors, list) and errors else str(answer.get("error") or "")
    return first, str(answer.get("error_type") or "")


def _wait(response: httpx.Response, answer: Any) -> datetime:
    if response.headers.get("Retry-After"):
        return retry_at_from(response)
    extras = answer.get("extras") if isinstance(answer, Mapping) else None
    seconds = extras.get("wait_seconds") if isinstance(extras, Mapping) else None
    if isinstance(seconds, int | float) and not isinstance(seconds, bool) and 0 <= seconds < 86_400:
        return datetime.now(UTC) + timedelta(seconds=seconds)
    return retry_at_from(response)


def _raise(response: httpx.Response, answer: Any, where: str, signs_in: bool) -> None:
    said, kind = _said(answer)
    said = said or f"HTTP {response.status_code}"
    status = response.status_code
    if status == 429 or kind == "rate_limit":
        raise RateLimited(_wait(response, answer), f"the forum asks to slow down: {said}")
    if status == 401 or kind == "not_logged_in" or (status == 403 and signs_in):
        raise AuthExpired(f"the forum refused the key (revoked, or the user no longer allowed): {said}")
    if status >= 500:
        raise Transient(f"the forum's server failed (HTTP {status}) for {where}")
    if status == 403:
        raise Permanent(f"the forum does not allow this to the user ({where}): {said}")
    raise Permanent(f"the forum refused {where}: {said}")


__all__ = ["ADMIN_KEY", "USER_KEY", "Key", "call", "forum_origin", "key_of", "origin_of", "request"]
