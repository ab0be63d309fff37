"""XRPC over HTTP, the AT Protocol's request form (https://atproto.com/specs/xrpc): queries are GETs to
`/xrpc/{nsid}` with their parameters in the query string, procedures POSTs with a JSON body; the answer is JSON, an
error `{"error": name, "message": text}` with its status. Errors become the typed connector errors; every answer is
read with a ceiling; `atproto-proxy` sends a request on to a named service (the chat service for direct messages)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import httpx

from cmdesk.connectors.base import AuthExpired, Permanent, RateLimited, Transient
from cmdesk.connectors.http import json_exchange, retry_at_from

MAX_ANSWER_BYTES = 16 * 1024 * 1024
"""A page of 100 notifications with their records is a few hundred KB; a blob upload answers a few hundred bytes."""
EXPIRED = "ExpiredToken"
SIGNED_OUT = ("AuthenticationRequired", "InvalidToken", "AccountTakedown", "AuthFactorTokenRequired")


class TokenExpired(AuthExpired):
    """The access token ran out (`ExpiredToken`): renewing the session (refreshSession) fixes it."""


class RecordMissing(Permanent):
    """`getRecord` found no record at that address (`RecordNotFound`)."""


async def call(
    client: httpx.AsyncClient,
    service: str,
    nsid: str,
    *,
    token: str = "",
    params: Sequence[tuple[str, str]] = (),
    body: Mapping[str, Any] | None = None,
    data: bytes | None = None,
    content_type: str = "",
    proxy: str = "",
) -> Any:
    """A query (no `body`/`data`) or a procedure; the answer's JSON (None when empty), or a typed error."""
    url = f"{service.rstrip('/')}/xrpc/{nsid}"
    headers = {"Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if proxy:
        headers["atproto-proxy"] = proxy
    if body is not None:
        data, content_type = json.dumps(body).encode(), "application/json"
    if content_type:
        headers["Content-Type"] = content_type
    method = "GET" if data is None else "POST"
    response, answer = await json_exchange(client, method, url, limit=MAX_ANSWER_BYTES, params=list(params),
                                           content=data, headers=headers,
                                           not_json=f"{nsid}: the server did not answer with JSON")  # fmt: skip
    if response.status_code >= 400:
        _raise(response, answer, nsid)
    return answer


def _raise(response: httpx.Response, answer: Any, nsid: str) -> None:
    name = str(answer.get("error") or "") if isinstance(answer, Mapping) else ""
    said = str(answer.get("message") or "") if isinstance(answer, Mapping) else ""
    said = said or name or f"HTTP {response.status_code}"
    status = response.status_code
    if name == EXPIRED:
        raise TokenExpired(f"the Bluesky session ran out ({said})")
    if status == 401 or name in (
        "AuthenticationRequired",
        "InvalidToken",
        "AccountTakedown",
        "AuthFactorTokenRequired",
    ):
        raise AuthExpired(f"Bluesky refused the sign-in: {said}")
    if status == 429:
        raise RateLimited(_reset(response), f"Bluesky asks to slow down: {said}")
    if name == "RecordNotFound":
        raise RecordMissing(f"{nsid}: no such record")
    if status >= 500:
        raise Transient(f"Bluesky server error HTTP {status} for {nsid}: {said}")
    raise Permanent(f"Bluesky refused {nsid}: {said}")


def _reset(response: httpx.Response) -> datetime:
    """When the rate limit's window starts again: `ratelimit-reset` (Unix seconds), else Retry-After."""
    reset = response.headers.get("ratelimit-reset", "")
    if reset.isdigit():
        return datetime.fromtimestamp(int(reset), UTC)
    return retry_at_from(response)


__all__ = ["EXPIRED", "MAX_ANSWER_BYTES", "RecordMissing", "TokenExpired", "call"]
