"""The HTTP client factory: user agent, per-host concurrency limit, and HTTP statuses as typed errors."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from cmdesk.connectors.base import AuthExpired, Permanent, RateLimited, Transient
from cmdesk.connectors.http import USER_AGENT, make_client, raise_for_status, retry_at_from


@pytest.mark.asyncio
async def test_per_host_limit_and_user_agent() -> None:
    active: dict[str, int] = {}
    peak: dict[str, int] = {}
    agents: set[str] = set()

    async def handler(request: httpx.Request) -> httpx.Response:
        host = request.url.host
        agents.add(request.headers["user-agent"])
        active[host] = active.get(host, 0) + 1
        peak[host] = max(peak.get(host, 0), active[host])
        await asyncio.sleep(0.02)
        active[host] -= 1
        return httpx.Response(200, text="ok")

    async with make_client(transport=httpx.MockTransport(handler), per_host=2) as client:
        await asyncio.gather(*(client.get(f"http://{host}.test/{n}") for n in range(8) for host in ("one", "two")))
    assert peak == {"one.test": 2, "two.test": 2}
    assert agents == {USER_AGENT}


def response(status: int, **headers: str) -> httpx.Response:
    return httpx.Response(status, headers=headers, request=httpx.Request("GET", "https://example.org/feed?token=x"))


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (401, AuthExpired),
        (403, AuthExpired),
        (404, Permanent),
        (410, Permanent),
        (400, Permanent),
        (408, Transient),
        (500, Transient),
        (502, Transient),
        (429, RateLimited),
    ],
)
def test_statuses_become_typed_errors_without_the_query_string(status: int, error: type[Exception]) -> None:
    with pytest.raises(error) as caught:
        raise_for_status(response(status))
    assert "token=x" not in str(caught.value)


def test_success_and_redirects_pass() -> None:
    for status in (200, 204, 301, 304):
        raise_for_status(response(status))


def test_retry_at_from_headers() -> None:
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    assert retry_at_from(response(429, **{"Retry-After": "30"}), now) == now + timedelta(seconds=30)
    assert retry_at_from(response(429, **{"Retry-After": "Wed, 25 Nov 2026 12:05:00 GMT"}), now) == now + timedelta(
        minutes=5
    )
    assert retry_at_from(response(429, **{"X-RateLimit-Reset": "2026-11-25T12:10:00.000Z"}), now) == now + timedelta(
        minutes=10
    )
    assert retry_at_from(response(429), now) == now + timedelta(seconds=60)
