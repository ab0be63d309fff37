"""Requests to the YouTube Data API v3 (https://developers.google.com/youtube/v3/docs): the account's origin
(`https://www.googleapis.com`, or the `--api-base` a test gives), the bearer token (read from the keyring's bundle,
youtube/oauth.py), Google's JSON errors turned into the typed connector errors, and the quota each request costs.

Quota: each Google project has 10,000 units a day, reset at midnight Pacific time; a list costs 1 unit, an insert,
an update, a moderation or a delete 50 (the reference's "Quota impact" of each method). A `quotaExceeded` error
waits until that reset."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from cmdesk.connectors.base import AuthExpired, BadPayload, Permanent, RateLimited, Transient
from cmdesk.connectors.hosts import api_origin
from cmdesk.connectors.http import retry_at_from, translated_errors
from cmdesk.connectors.youtube.oauth import Tokens, project_of
from cmdesk.domain import Account, Quota

ORIGIN = "https://www.googleapis.com"
DAILY_QUOTA = 10_000
LIST_COST = 1
WRITE_COST = 50
PACIFIC = ZoneInfo("America/Los_Angeles")


def api_base(text: str) -> str:
    """An `--api-base` for YouTube (connectors/hosts.api_origin)."""
    return api_origin(text, "YouTube")


def meter_of(account: Account) -> str:
    """The quota an account spends: its Google project's (the number its OAuth client id begins with); an account
    signed in with a bare token has a meter of its own, its project being unknown."""
    client_id = str(account.settings.get("oauth_client_id") or "")
    return f"youtube:{project_of(client_id)}" if client_id else f"youtube:account:{account.uid}"


def quota_of(account: Account, now: datetime) -> Quota:
    """The quota the account spends now: its project's units of today (Pacific), until midnight Pacific."""
    client_id = str(account.settings.get("oauth_client_id") or "")
    shared = f"Google project {project_of(client_id)}" if client_id else ""
    return Quota(meter_of(account), quota_day(now), DAILY_QUOTA, quota_reset(now), shared)


def base_of(account: Account) -> str:
    return str(account.settings.get("api_base") or ORIGIN)


def quota_reset(now: datetime) -> datetime:
    """The next midnight in Pacific time, when a project's daily quota starts again (aware UTC)."""
    local = now.astimezone(PACIFIC)
    tomorrow = datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=PACIFIC)
    return tomorrow.astimezone(UTC)


def quota_day(now: datetime) -> str:
    """The Pacific date whose quota a request now spends ("2026-12-01")."""
    return now.astimezone(PACIFIC).date().isoformat()


def _reasons(body: Any) -> list[str]:
    """The `reason`s of Google's error document ({"error": {"errors": [{"reason": …}], …}})."""
    error = body.get("error") if isinstance(body, Mapping) else None
    details = error.get("errors") if isinstance(error, Mapping) else None
    return [str(entry.get("reason", "")) for entry in details or () if isinstance(entry, Mapping)]


def _message(body: Any) -> str:
    error = body.get("error") if isinstance(body, Mapping) else None
    return str(error.get("message", "")) if isinstance(error, Mapping) else ""


async def request(
    client: httpx.AsyncClient,
    account: Account,
    method: str,
    path: str,
    *,
    params: Sequence[tuple[str, str]] = (),
    body: Mapping[str, Any] | None = None,
    allow_missing: bool = False,
) -> Any:
    """The answer's JSON (None for an empty answer, or a 404 when `allow_missing`); a typed error otherwise."""
    if account.secret is None:
        raise AuthExpired("no saved sign-in for this YouTube account; sign in again")
    url = f"{base_of(account)}{path}"
    token = Tokens.from_secret(account.secret).access
    headers = {"Authorization": f"Bearer {token.reveal()}", "Accept": "application/json"}
    with translated_errors(url):
        response = await client.request(method, url, params=list(params), json=body, headers=headers)
    if response.status_code == 404 and allow_missing:
        return None
    if response.status_code >= 400:
        _raise(response)
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        raise BadPayload(f"{method} {path}: YouTube did not answer with JSON") from None


def _raise(response: httpx.Response) -> None:
    try:
        body = response.json()
    except ValueError:
        body = None
    reasons = _reasons(body)
    said = _message(body) or f"HTTP {response.status_code}"
    where = f"{response.request.method} {response.request.url.path}"
    status = response.status_code
    if status == 401:
        raise AuthExpired(f"YouTube refused the sign-in (expired or revoked): {said}")
    if "quotaExceeded" in reasons or "dailyLimitExceeded" in reasons:
        reset = quota_reset(datetime.now(UTC))
        raise RateLimited(reset, "the Google project's daily YouTube quota is spent: it starts again at midnight "
                          "Pacific time")  # fmt: skip
    if status == 429 or "rateLimitExceeded" in reasons or "userRateLimitExceeded" in reasons:
        raise RateLimited(retry_at_from(response), f"YouTube asks to slow down: {said}")
    if status == 403 and ("insufficientPermissions" in reasons or "forbidden" in reasons):
        raise Permanent(f"YouTube refused {where}: {said} (sign in again allowing cmdesk to manage comments)")
    if status >= 500:
        raise Transient(f"YouTube server error HTTP {status} for {where}")
    raise Permanent(f"YouTube refused {where}: {said}" + (f" ({', '.join(reasons)})" if reasons else ""))


__all__ = [
    "DAILY_QUOTA",
    "LIST_COST",
    "ORIGIN",
    "WRITE_COST",
    "api_base",
    "base_of",
    "quota_day",
    "quota_reset",
    "request",
]
