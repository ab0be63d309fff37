"""Requests to Meta's Graph API (https://developers.facebook.com/docs/graph-api) for the Facebook Page and Instagram
connectors: the account's origin (`https://graph.facebook.com`, or a test's `--api-base`) with the version segment
in every path, the Page token as a bearer header (never in a URL: Graph's own `paging.next` links carry the token,
so cmdesk pages with the `after` cursor instead), Graph's JSON errors turned into the typed connector errors, and the
usage headers that say how close the app and the Page are to their rate limits.

Errors (https://developers.facebook.com/docs/graph-api/guides/error-handling): 190 the token expired or was revoked
→ sign in again; 4, 17, 32, 613 and the Pages/Messenger throttles 80001–80006 → rate-limited; 10 and 200–299 a
permission missing, named as Graph names it; 100 a parameter Graph did not accept; 1, 2 and 5xx temporary."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from cmdesk.connectors.base import AuthExpired, BadPayload, Permanent, RateLimited, Transient
from cmdesk.connectors.hosts import api_origin
from cmdesk.connectors.http import translated_errors
from cmdesk.domain import Account

ORIGIN = "https://graph.facebook.com"
VERSION = "v25.0"
RATE_CODES = frozenset({4, 17, 32, 613, 80001, 80002, 80004, 80005, 80006})
OUTSIDE_WINDOW = 2018278
"""Graph's error subcode for a Messenger message sent outside the allowed window."""
SLOW_DOWN_AT = 80
"""Percent of any usage counter past which a pull stops for a while (Meta throttles at 100)."""
DEFAULT_WAIT = timedelta(minutes=15)
PERMISSION = re.compile(r"\b((?:pages|instagram|business|read|publish)_[a-z_]+)\b")


def api_base(text: str) -> str:
    """An `--api-base` for Meta's Graph API (connectors/hosts.api_origin)."""
    return api_origin(text, "Meta")


def base_of(account: Account) -> str:
    return str(account.settings.get("api_base") or ORIGIN)


def path(*parts: str) -> str:
    """A versioned Graph path: path("123", "feed") → "/v25.0/123/feed"."""
    return "/" + "/".join((VERSION, *parts))


def graph_time(value: Any) -> datetime | None:
    """Graph's times ("2026-11-30T10:15:00+0000") as aware UTC."""
    if not isinstance(value, str) or not value:
        return None
    text = value[:-2] + ":" + value[-2:] if re.search(r"[+-]\d{4}$", value) else value.replace("Z", "+00:00")
    return datetime.fromisoformat(text).astimezone(UTC)


@dataclass
class Usage:
    """The highest share (percent) of any usage counter Graph reported in this pass, and how long Meta says
    access takes to come back when it said so."""

    percent: int = 0
    regain: timedelta = field(default_factory=timedelta)

    def read(self, response: httpx.Response) -> None:
        for header in ("X-App-Usage", "X-Page-Usage", "X-Ad-Account-Usage"):
            self._counters(_json_header(response, header))
        business = _json_header(response, "X-Business-Use-Case-Usage")
        for entries in business.values() if isinstance(business, Mapping) else ():
            for entry in entries if isinstance(entries, list) else ():
                if isinstance(entry, Mapping):
                    self._counters(entry)
                    minutes = entry.get("estimated_time_to_regain_access")
                    if isinstance(minutes, int | float) and minutes > 0:
                        self.regain = max(self.regain, timedelta(minutes=minutes))

    def _counters(self, counters: Any) -> None:
        if not isinstance(counters, Mapping):
            return
        for name in ("call_count", "total_cputime", "total_time", "acc_id_util_pct"):
            value = counters.get(name)
            if isinstance(value, int | float):
                self.percent = max(self.percent, int(value))

    @property
    def near_limit(self) -> bool:
        return self.percent >= SLOW_DOWN_AT or self.regain > timedelta(0)

    def wait(self) -> timedelta:
        """How long to leave Graph alone: what Meta said, else longer the closer the usage is to 100 %."""
        if self.regain > timedelta(0):
            return self.regain
        return DEFAULT_WAIT * max(1, (self.percent - SLOW_DOWN_AT) // 5 + 1)


def _json_header(response: httpx.Response, name: str) -> Any:
    value = response.headers.get(name)
    if not value:
        return None
    try:
        return json.loads(value)
    except ValueError:
        return None


async def request(
    client: httpx.AsyncClient,
    account: Account,
    method: str,
    where: str,
    *,
    params: Sequence[tuple[str, str]] = (),
    body: Mapping[str, Any] | None = None,
    usage: Usage | None = None,
    form: Mapping[str, str] | None = None,
    files: Mapping[str, tuple[str, bytes, str]] | None = None,
) -> Any:
    """The answer's JSON; a typed error otherwise. `where` is a path from `path()`; `body` goes as JSON, `form` and
    `files` (name → (file name, bytes, type)) as a multipart upload."""
    if account.secret is None:
        raise AuthExpired("no saved sign-in for this Meta account; sign in again")
    url = f"{base_of(account)}{where}"
    headers = {"Authorization": f"Bearer {account.secret.reveal()}", "Accept": "application/json"}
    with translated_errors(url):
        if files is not None:
            response = await client.request(
                method, url, params=list(params), data=dict(form or {}), files=dict(files), headers=headers
            )
        else:
            response = await client.request(method, url, params=list(params), json=body, headers=headers)
    if usage is not None:
        usage.read(response)
    try:
        answer = response.json() if response.content else {}
    except ValueError:
        if response.status_code >= 500:
            raise Transient(f"Meta server error HTTP {response.status_code} for {method} {where}") from None
        raise BadPayload(f"{method} {where}: Meta did not answer with JSON") from None
    error = answer.get("error") if isinstance(answer, Mapping) else None
    if response.status_code >= 400 or isinstance(error, Mapping):
        raise graph_error(response, error if isinstance(error, Mapping) else {}, f"{method} {where}")
    return answer


def graph_error(response: httpx.Response, error: Mapping[str, Any], where: str) -> Exception:
    """Graph's error object as the typed error the engine and the outbox understand."""
    code = error.get("code")
    subcode = error.get("error_subcode")
    said = str(error.get("error_user_msg") or error.get("message") or f"HTTP {response.status_code}")
    if code == 190 or response.status_code == 401:
        return AuthExpired(f"Meta refused the sign-in (expired or revoked token): {said}")
    if code in RATE_CODES or response.status_code == 429:
        usage = Usage()
        usage.read(response)
        wait = usage.regain if usage.regain > timedelta(0) else DEFAULT_WAIT
        return RateLimited(datetime.now(UTC) + wait, f"Meta asks to slow down ({said})")
    if subcode == OUTSIDE_WINDOW:
        return Permanent(
            "Meta refused the message: the person wrote more than 24 hours ago (7 days with the human agent tag), "
            "so the Page can no longer answer in Messenger; answer by comment or wait for them to write again"
        )
    if code == 10 or (isinstance(code, int) and 200 <= code <= 299):
        missing = sorted(set(PERMISSION.findall(said)))
        named = f" (missing: {', '.join(missing)})" if missing else ""
        return Permanent(f"Meta refused {where} for want of a permission{named}: {said}")
    if code == 100:
        return BadPayload(f"Meta did not accept {where}: {said}")
    if code in (1, 2) or response.status_code >= 500 or error.get("is_transient") is True:
        return Transient(f"Meta had a temporary problem with {where}: {said}")
    return Permanent(f"Meta refused {where}: {said}" + (f" (code {code})" if code is not None else ""))


def listed(answer: Any, what: str) -> tuple[list[Mapping[str, Any]], str]:
    """A Graph list's entries and its `after` cursor ("" when it is the last page)."""
    if not isinstance(answer, Mapping) or not isinstance(answer.get("data", []), list):
        raise BadPayload(f"{what}: unexpected answer (expected a Graph list)")
    entries = [entry for entry in answer.get("data", []) if isinstance(entry, Mapping)]
    paging = answer.get("paging")
    cursors = paging.get("cursors") if isinstance(paging, Mapping) else None
    after = cursors.get("after") if isinstance(cursors, Mapping) else None
    has_next = isinstance(paging, Mapping) and bool(paging.get("next"))
    return entries, str(after) if after and has_next else ""
