"""Requests to Reddit's OAuth API (https://www.reddit.com/dev/api): the account's origin (`https://oauth.reddit.com`,
or the `--api-base` a test gives), the bearer token (the keyring's bundle, reddit/oauth.py), the descriptive
User-Agent Reddit requires of every client, `raw_json=1` (so bodies come unescaped), Reddit's errors turned into the
typed connector errors, and its rate-limit headers (`X-Ratelimit-Remaining`, `-Reset` in seconds) honoured."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from cmdesk import __version__
from cmdesk.connectors.base import AuthExpired, BadPayload, Permanent, RateLimited, Transient
from cmdesk.connectors.hosts import api_origin
from cmdesk.connectors.http import retry_at_from, translated_errors
from cmdesk.connectors.reddit.oauth import Tokens
from cmdesk.domain import Account

ORIGIN = "https://oauth.reddit.com"
USER_AGENT = f"desktop:cmdesk:{__version__} (community manager's desk)"


def api_base(text: str) -> str:
    return api_origin(text, "Reddit")


def base_of(account: Account) -> str:
    return str(account.settings.get("api_base") or ORIGIN)


async def request(
    client: httpx.AsyncClient,
    account: Account,
    method: str,
    path: str,
    *,
    params: Sequence[tuple[str, str]] = (),
    form: Mapping[str, str] | None = None,
    limits: dict[str, datetime] | None = None,
) -> Any:
    """The answer's JSON; a typed error otherwise. With `limits`, a window the answer used up is noted there."""
    if account.secret is None:
        raise AuthExpired("no saved sign-in for this Reddit account; sign in again")
    token = Tokens.from_secret(account.secret).access
    url = f"{base_of(account)}{path}"
    headers = {"Authorization": f"bearer {token.reveal()}", "User-Agent": USER_AGENT}
    with translated_errors(url):
        response = await client.request(method, url, params=[*params, ("raw_json", "1")], data=form,
                                        headers=headers)  # fmt: skip
    if response.status_code >= 400:
        _raise(response, f"{method} {path}")
    remaining = response.headers.get("x-ratelimit-remaining", "")
    if limits is not None and remaining and float(remaining) < 1:
        limits[path] = _reset(response)
    try:
        answer = response.json()
    except ValueError:
        raise BadPayload(f"{method} {path}: Reddit did not answer with JSON") from None
    errors = answer.get("json", {}).get("errors") if isinstance(answer, Mapping) else None
    if errors:
        first = errors[0] if isinstance(errors[0], list) else [str(errors[0])]
        if first and first[0] == "RATELIMIT":
            raise RateLimited(datetime.now(UTC) + timedelta(minutes=1), f"Reddit asks to wait: {first[1:2]}")
        raise Permanent(f"Reddit refused {method} {path}: {' '.join(str(part) for part in first[:2])}")
    return answer


def _reset(response: httpx.Response) -> datetime:
    reset = response.headers.get("x-ratelimit-reset", "")
    try:
        return datetime.now(UTC) + timedelta(seconds=float(reset))
    except ValueError:
        return retry_at_from(response)


def _raise(response: httpx.Response, where: str) -> None:
    try:
        body = response.json()
    except ValueError:
        body = {}
    said = str(body.get("message") or body.get("error") or "") if isinstance(body, Mapping) else ""
    said = said or f"HTTP {response.status_code}"
    status = response.status_code
    if status == 401:
        raise AuthExpired(f"Reddit refused the sign-in (expired or revoked): {said}")
    if status == 429:
        raise RateLimited(_reset(response), f"Reddit asks to slow down: {said}")
    if status == 403:
        raise Permanent(f"Reddit refused {where}: {said} (a banned, private or deleted place)")
    if status >= 500:
        raise Transient(f"Reddit server error HTTP {status} for {where}")
    raise Permanent(f"Reddit refused {where}: {said}")


__all__ = ["ORIGIN", "USER_AGENT", "api_base", "base_of", "request"]
