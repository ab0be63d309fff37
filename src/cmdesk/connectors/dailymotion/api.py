"""Requests to Dailymotion's Platform API (https://developers.dailymotion.com/v0/reference, the "legacy" API, the
one that still serves public data without a key: API v2 wants a key the user must first obtain, for reading their
own content): the account's origin (`https://api.dailymotion.com`, or the `--api-base` a test gives), a ceiling on
each answer, Dailymotion's JSON errors ({"error": {"code", "message", "type"}}) turned into the typed connector
errors, and which address names a channel."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from cmdesk.connectors.base import BadPayload, Permanent, RateLimited, Transient
from cmdesk.connectors.bounded import read_body
from cmdesk.connectors.hosts import api_origin
from cmdesk.connectors.http import retry_at_from, translated_errors
from cmdesk.domain import Account

ORIGIN = "https://api.dailymotion.com"
SITE = "https://www.dailymotion.com"
MAX_ANSWER_BYTES = 8 * 1024 * 1024
"""A page of 100 videos with the fields cmdesk asks for is about 100 KB."""
USER_FIELDS = "id,screenname,username,url,videos_total,views_total,followers_total"
_CHANNEL = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
_NOT_CHANNELS = frozenset(
    {"video", "playlist", "embed", "search", "live", "signin", "signup", "library", "settings", "partner", "upload",
     "following", "explore", "legal", "studio", "tag", "topic"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Channel:
    """A Dailymotion channel (Dailymotion calls it a user) found through the API."""

    user_id: str
    name: str
    screenname: str
    url: str
    base: str
    videos: int = 0
    followers: int = 0


def api_base(text: str) -> str:
    """An `--api-base` for Dailymotion (connectors/hosts.api_origin)."""
    return api_origin(text, "Dailymotion")


def base_of(account: Account) -> str:
    return str(account.settings.get("api_base") or ORIGIN)


def channel_name(text: str) -> str | None:
    """The channel an address or a bare name names ("https://www.dailymotion.com/lefournil", "dailymotion.com/
    lefournil?tab=videos", "lefournil", a user id "x2abcd"), or None when it names no channel (a video, a search,
    another site)."""
    text = text.strip()
    if "://" not in text and "/" not in text and "." not in text:
        return text if _CHANNEL.match(text) else None
    url = httpx.URL(text if "://" in text else f"https://{text}")
    host = (url.host or "").lower()
    if host not in ("dailymotion.com", "www.dailymotion.com"):
        return None
    parts = [part for part in url.path.split("/") if part]
    if len(parts) != 1 or parts[0].lower() in _NOT_CHANNELS or not _CHANNEL.match(parts[0]):
        return None
    return parts[0]


def claims(address: str) -> str | None:
    """The registry's question: is this address a Dailymotion channel? Its page's address if so."""
    if "dailymotion.com" not in address.lower():
        return None
    name = channel_name(address)
    return f"{SITE}/{name}" if name else None


async def request(client: httpx.AsyncClient, base: str, path: str, params: Sequence[tuple[str, str]] = ()) -> Any:
    """The answer's JSON; a typed error otherwise."""
    url = f"{base}{path}"
    with translated_errors(url):
        async with client.stream("GET", url, params=list(params), headers={"Accept": "application/json"}) as response:
            body = await read_body(response, MAX_ANSWER_BYTES, url)
    try:
        answer = json.loads(body) if body else None
    except ValueError:
        answer = None
    if response.status_code >= 400 or (isinstance(answer, Mapping) and "error" in answer):
        _raise(response, answer, path)
    if answer is None:
        raise BadPayload(f"GET {path}: Dailymotion did not answer with JSON")
    return answer


def _raise(response: httpx.Response, answer: Any, path: str) -> None:
    error = answer.get("error") if isinstance(answer, Mapping) else None
    error = error if isinstance(error, Mapping) else {}
    said = str(error.get("message") or f"HTTP {response.status_code}")
    kind = str(error.get("type") or "")
    code = error.get("code")
    status = code if isinstance(code, int) and not isinstance(code, bool) else response.status_code
    if status == 429 or "rate_limit" in kind:
        raise RateLimited(retry_at_from(response), f"Dailymotion asks to slow down: {said}")
    if status == 404 or kind == "not_found":
        raise Permanent(f"Dailymotion has no such channel or video ({path}): {said}")
    if status >= 500:
        raise Transient(f"Dailymotion server error HTTP {status} for GET {path}")
    raise Permanent(f"Dailymotion refused GET {path}: {said}" + (f" ({kind})" if kind else ""))


async def identify(client: httpx.AsyncClient, base: str, name: str) -> Channel:
    """The channel a name or user id stands for (`GET /user/{name}`)."""
    found = await request(client, base, f"/user/{name}", [("fields", USER_FIELDS)])
    if not isinstance(found, Mapping) or not found.get("id"):
        raise BadPayload(f"GET /user/{name}: unexpected answer (expected a user)")
    username = str(found.get("username") or name)
    return Channel(
        user_id=str(found["id"]),
        name=username,
        screenname=str(found.get("screenname") or username),
        url=str(found.get("url") or f"{SITE}/{username}"),
        base=base,
        videos=_count(found.get("videos_total")),
        followers=_count(found.get("followers_total")),
    )


def _count(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


__all__ = ["ORIGIN", "Channel", "api_base", "base_of", "channel_name", "claims", "identify", "request"]
