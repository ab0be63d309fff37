"""Requests to the X API v2 (https://docs.x.com/x-api): the account's origin (`https://api.x.com`, or the
`--api-base` a test gives), the bearer token (the keyring's bundle, x/oauth.py), X's problem documents turned into the
typed connector errors, its rate-limit headers (`x-rate-limit-remaining`/`-reset`) honoured, and what each call
costs at X's pay-per-use prices — read resources and write requests, counted in the ledger (storage/usage.py) under
the client's meter, by month.

Prices (https://docs.x.com/x-api/getting-started/pricing, 2026): a post read $0.005, a user read $0.010, a DM event
read $0.010; a post created $0.015 ($0.200 with a URL), a DM sent $0.015, a like $0.015, a deletion $0.010. X charges a
resource read twice in one UTC day once; cmdesk counts every read (an estimate that errs on the safe side). The user
corrects the table in the account's settings (`x_prices`, dollars per unit) when X changes it."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import httpx

from cmdesk.connectors.base import AuthExpired, BadPayload, Permanent, RateLimited, Transient
from cmdesk.connectors.hosts import api_origin
from cmdesk.connectors.http import retry_at_from, translated_errors
from cmdesk.connectors.x.oauth import Tokens
from cmdesk.domain import Account, Quota, Usage

ORIGIN = "https://api.x.com"
PRICES = {
    "post_read": 0.005,
    "user_read": 0.010,
    "dm_read": 0.010,
    "post_create": 0.015,
    "post_create_url": 0.200,
    "dm_create": 0.015,
    "like_create": 0.015,
    "delete": 0.010,
}
"""Dollars per unit, X's published pay-per-use prices."""
MICRO = 1_000_000
"""The ledger counts micro-dollars."""
DEFAULT_MONTHLY_CAP = 5.0
"""Dollars a month the pulls of one client may spend unless its account says otherwise (`x_monthly_cap`)."""
URL = re.compile(r"https?://\S+")


def api_base(text: str) -> str:
    return api_origin(text, "X")


def base_of(account: Account) -> str:
    return str(account.settings.get("api_base") or ORIGIN)


def prices_of(account: Account) -> dict[str, float]:
    corrected = account.settings.get("x_prices")
    table = dict(PRICES)
    if isinstance(corrected, Mapping):
        table.update({str(k): float(v) for k, v in corrected.items() if isinstance(v, int | float) and v >= 0})
    return table


def meter_of(account: Account) -> str:
    return f"x:client:{account.client_id}"


def month_of(now: datetime) -> str:
    return now.astimezone(UTC).strftime("%Y-%m")


def cap_of(account: Account) -> float:
    cap = account.settings.get("x_monthly_cap")
    return float(cap) if isinstance(cap, int | float) and cap >= 0 else DEFAULT_MONTHLY_CAP


def quota_of(account: Account, now: datetime) -> Quota:
    """The client's monthly budget for X, in micro-dollars, until the first of next month (UTC)."""
    utc = now.astimezone(UTC)
    following = datetime(utc.year + (utc.month == 12), utc.month % 12 + 1, 1, tzinfo=UTC)
    return Quota(meter_of(account), month_of(now), int(cap_of(account) * MICRO), following,
                 "this client's X accounts", money=True)  # fmt: skip


class Costs:
    """What one pull or act spends, at the account's prices."""

    def __init__(self, account: Account, now: datetime) -> None:
        self.account = account
        self.prices = prices_of(account)
        self.month = month_of(now)
        self.micro = 0

    def add(self, kind: str, units: int = 1) -> None:
        self.micro += round(self.prices.get(kind, 0.0) * MICRO * units)

    def spent_before(self) -> int:
        return self.account.usage.get((meter_of(self.account), self.month), 0)

    def usage(self) -> tuple[Usage, ...]:
        return (Usage(meter_of(self.account), self.month, self.micro),) if self.micro else ()


def creation_kind(text: str) -> str:
    """A post with a link costs more."""
    return "post_create_url" if URL.search(text) else "post_create"


async def request(
    client: httpx.AsyncClient,
    account: Account,
    method: str,
    path: str,
    *,
    params: Sequence[tuple[str, str]] = (),
    body: Mapping[str, Any] | None = None,
    files: Mapping[str, Any] | None = None,
    data: Mapping[str, str] | None = None,
    limits: dict[str, datetime] | None = None,
) -> Any:
    """The answer's JSON; a typed error otherwise (partial errors in a 200 stay in the answer's `errors`). With
    `limits`, an endpoint whose window this answer used up (`x-rate-limit-remaining: 0`) is noted there with the
    window's end, for the caller to rest until then."""
    if account.secret is None:
        raise AuthExpired("no saved sign-in for this X account; sign in again")
    token = Tokens.from_secret(account.secret).access
    url = f"{base_of(account)}{path}"
    headers = {"Authorization": f"Bearer {token.reveal()}"}
    with translated_errors(url):
        response = await client.request(method, url, params=list(params), json=body, files=files, data=data,
                                        headers=headers)  # fmt: skip
    if response.status_code >= 400:
        _raise(response, f"{method} {path}")
    if limits is not None and response.headers.get("x-rate-limit-remaining") == "0":
        limits[path] = _reset(response)
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        raise BadPayload(f"{method} {path}: X did not answer with JSON") from None


def _reset(response: httpx.Response) -> datetime:
    reset = response.headers.get("x-rate-limit-reset", "")
    return datetime.fromtimestamp(int(reset), UTC) if reset.isdigit() else retry_at_from(response)


def _raise(response: httpx.Response, where: str) -> None:
    try:
        body = response.json()
    except ValueError:
        body = {}
    body = body if isinstance(body, Mapping) else {}
    errors = body.get("errors") if isinstance(body.get("errors"), list) else []
    first = errors[0] if errors and isinstance(errors[0], Mapping) else {}
    said = str(body.get("detail") or first.get("message") or body.get("title") or f"HTTP {response.status_code}")
    kind = str(body.get("type") or "")
    status = response.status_code
    if status == 401:
        raise AuthExpired(f"X refused the sign-in (expired or revoked): {said}")
    if status == 429:
        raise RateLimited(_reset(response), f"X asks to slow down: {said}")
    if status == 402 or "credits" in said.lower() or kind.endswith("/usage-capped"):
        raise RateLimited(_reset(response), f"X refuses more requests until the app has credits: {said}")
    if status == 403:
        raise Permanent(f"X refused {where}: {said} (the app's permissions or the account's settings)")
    if status >= 500:
        raise Transient(f"X server error HTTP {status} for {where}")
    raise Permanent(f"X refused {where}: {said}")


__all__ = ["ORIGIN", "PRICES", "Costs", "api_base", "base_of", "creation_kind", "meter_of", "quota_of", "request"]
