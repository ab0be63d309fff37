"""The one place where HTTP clients are made, and where HTTP failures become typed connector errors.

Every client has cmdesk's user agent, bounded timeouts, TLS verification on and a per-host concurrency limit (a
transport wrapper), so no connector can hammer one server however many accounts point at it.
"""

from __future__ import annotations

import asyncio
import email.utils
import errno
import importlib
import json
import socket
import ssl
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from cmdesk import __version__
from cmdesk.connectors.base import AuthExpired, BadPayload, ConnectorError, Permanent, RateLimited, Transient
from cmdesk.connectors.bounded import read_body

USER_AGENT = f"cmdesk/{__version__} (+https://github.com/cmdesk/cmdesk; community manager's desk)"
TIMEOUT = httpx.Timeout(20.0, connect=10.0)
PER_HOST_CONNECTIONS = 4
DEFAULT_RETRY_AFTER = timedelta(seconds=60)


class PerHostLimit(httpx.AsyncBaseTransport):
    """Wraps a transport so that at most `per_host` requests run at once against any single host."""

    def __init__(self, inner: httpx.AsyncBaseTransport, per_host: int = PER_HOST_CONNECTIONS) -> None:
        self._inner = inner
        self._per_host = per_host
        self._gates: dict[str, asyncio.Semaphore] = {}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        host = request.url.host
        gate = self._gates.get(host)
        if gate is None:
            gate = self._gates[host] = asyncio.Semaphore(self._per_host)
        async with gate:
            return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()


SAFE_TO_RESEND = frozenset({"GET", "HEAD", "OPTIONS", "DELETE", "PUT"})


class ResendOnStaleConnection(httpx.AsyncBaseTransport):
    """Send a request once more on a fresh connection when the kept-alive one it went out on turns out closed by
    the server before any answer (ReadError / "server disconnected"), as browsers and curl do. Only requests that
    are safe to send twice: idempotent methods, and POSTs that carry an `Idempotency-Key` (the server answers a
    repeat with the first result). Some servers (snac) close every connection without saying
    `Connection: close`, which makes this the common case with them, not a corner case."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self._inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return await self._inner.handle_async_request(request)
        except (httpx.ReadError, httpx.RemoteProtocolError):
            if request.method not in SAFE_TO_RESEND and "Idempotency-Key" not in request.headers:
                raise
            return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()


FIRST_REQUEST_IMPORTS = ("anyio._backends._asyncio", "anyio.streams.tls", "httpcore._backends.anyio")
"""What httpx imports on its first request (its asyncio backend): imported on the event loop's thread as the first
sync began, they held the window's loop past 35 ms (a watchdog's stack sample during bench/ui.py's sync; PySide6's
import hook reads the source of each module imported), and bench/ingest.py's plain loop 50 ms."""


def import_first_request_modules() -> None:
    """Import now, on the calling (worker) thread, what the first request would import on the event loop's."""
    for module in FIRST_REQUEST_IMPORTS:
        try:
            importlib.import_module(module)
        except ImportError:  # another httpx or anyio lays itself out otherwise: it imports what it needs then
            continue


def make_client(
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    per_host: int = PER_HOST_CONNECTIONS,
    timeout: httpx.Timeout = TIMEOUT,
) -> httpx.AsyncClient:
    """The shared AsyncClient. Tests pass a transport or point it at loopback servers; nothing patches httpx."""
    inner = transport or httpx.AsyncHTTPTransport(
        verify=True, retries=0, limits=httpx.Limits(max_connections=64, max_keepalive_connections=16)
    )
    return httpx.AsyncClient(
        transport=PerHostLimit(ResendOnStaleConnection(inner), per_host),
        headers={"User-Agent": USER_AGENT},
        timeout=timeout,
        follow_redirects=False,
    )


def retry_at_from(response: httpx.Response, now: datetime | None = None) -> datetime:
    """When the server allows the next request: Retry-After (seconds or HTTP date), else X-RateLimit-Reset."""
    now = now or datetime.now(UTC)
    value = response.headers.get("Retry-After", "").strip()
    if value.isdigit():
        return now + timedelta(seconds=int(value))
    if value:
        try:
            parsed = email.utils.parsedate_to_datetime(value)
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
        except (TypeError, ValueError):
            pass
    reset = response.headers.get("X-RateLimit-Reset", "").strip()
    if reset:
        try:
            return datetime.fromisoformat(reset.replace("Z", "+00:00"))
        except ValueError:
            if reset.isdigit():
                seconds = int(reset)
                return datetime.fromtimestamp(seconds, UTC) if seconds > 10**9 else now + timedelta(seconds=seconds)
    return now + DEFAULT_RETRY_AFTER


def rest_if_spent(cursor: Mapping[str, Any], now: datetime, network: str) -> None:
    """RateLimited, without a request, while the rate-limit window an earlier pull used up (its cursor's
    `rest_until`) has not ended."""
    rest = datetime.fromisoformat(str(cursor["rest_until"])) if cursor.get("rest_until") else None
    if rest is not None and rest > now:
        raise RateLimited(rest, f"{network}'s rate limit for this account is used up until its window ends")


def rest_until(spent: Mapping[str, datetime]) -> str | None:
    """What a pull keeps as its cursor's `rest_until`: the latest end of the windows it used up (None for none)."""
    return max(spent.values()).isoformat() if spent else None


def raise_for_status(response: httpx.Response) -> None:
    """Map an HTTP error status to the typed error the engine understands; 2xx and 3xx pass."""
    status = response.status_code
    if status < 400:
        return
    where = f"{response.request.method} {response.request.url.copy_with(query=None)}"
    if status in (401, 403):
        raise AuthExpired(f"access refused by the server (HTTP {status}) for {where}")
    if status == 429:
        raise RateLimited(retry_at_from(response), f"rate-limited by the server (HTTP 429) for {where}")
    if status in (408, 425) or status >= 500:
        raise Transient(f"server error HTTP {status} for {where}")
    if status in (404, 410):
        raise Permanent(f"not found (HTTP {status}): {where}")
    raise Permanent(f"the server refused the request (HTTP {status}) for {where}")


def _causes(error: BaseException) -> Iterator[BaseException]:
    seen: BaseException | None = error
    while seen is not None:
        yield seen
        seen = seen.__cause__ or seen.__context__


def _describe_connect_error(error: BaseException, host: str) -> str:
    for cause in _causes(error):
        if isinstance(cause, socket.gaierror):
            return f"cannot resolve host {host} (DNS lookup failed; offline?)"
        if isinstance(cause, ConnectionRefusedError):
            return f"{host} refused the connection (nothing listens there)"
        if isinstance(cause, OSError) and cause.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
            return f"{host} is unreachable (offline?)"
    return f"cannot connect to {host}: {error or type(error).__name__}"


def _tls_problem(error: BaseException) -> str | None:
    for seen in _causes(error):
        if isinstance(seen, ssl.SSLCertVerificationError):
            return f"TLS certificate refused: {seen.verify_message or seen.reason}"
        if isinstance(seen, ssl.SSLError):
            return f"TLS error: {seen.reason or seen}"
    text = str(error)
    if "CERTIFICATE_VERIFY_FAILED" in text or "certificate verify failed" in text:
        return f"TLS certificate refused: {text}"
    if "SSL" in text or "TLS" in text:
        return f"TLS error: {text}"
    return None


def _failed_address(error: httpx.HTTPError, url: httpx.URL) -> httpx.URL:
    """The address whose request failed: after a redirect, the target, not the address first asked for."""
    try:
        return error.request.url
    except RuntimeError:  # no request attached to the error
        return url


def _host(address: httpx.URL) -> str:
    return f"{address.host}:{address.port}" if address.port else address.host


@contextmanager
def translated_errors(url: httpx.URL | str) -> Iterator[None]:
    """Turn httpx's transport exceptions into typed connector errors with a one-line reason, naming the address
    that failed (a redirect's target, said as such)."""
    asked = httpx.URL(url)
    try:
        yield
    except httpx.HTTPError as error:
        failed = _failed_address(error, asked)
        redirected = f" (redirected from {asked})" if failed != asked else ""
        raise _translated(error, failed, _host(failed), redirected) from None


def _translated(error: httpx.HTTPError, url: httpx.URL, host: str, redirected: str) -> ConnectorError:
    if isinstance(error, httpx.TimeoutException):
        return Transient(f"{host} did not answer in time ({type(error).__name__}){redirected}")
    if isinstance(error, httpx.ConnectError):
        tls = _tls_problem(error)
        if tls:
            return Permanent(f"{tls} ({host}){redirected}")
        return Transient(_describe_connect_error(error, host) + redirected)
    if isinstance(error, httpx.RemoteProtocolError | httpx.ReadError | httpx.WriteError):
        return Transient(f"connection to {host} broke: {error or type(error).__name__}{redirected}")
    if isinstance(error, httpx.TooManyRedirects):
        return Permanent(f"too many redirects, the last to {url}{redirected}")
    if isinstance(error, httpx.UnsupportedProtocol):
        return Permanent(f"unsupported address {url} (use http:// or https://){redirected}")
    if isinstance(error, httpx.InvalidURL):
        return Permanent(f"invalid address {url}: {error}{redirected}")
    if isinstance(error, httpx.DecodingError):
        return Transient(f"{host} sent a body that could not be decoded: {error}{redirected}")
    return Transient(f"network error with {host}: {error or type(error).__name__}{redirected}")


async def json_exchange(
    client: httpx.AsyncClient, method: str, url: str, *, limit: int, not_json: str, **request: Any
) -> tuple[httpx.Response, Any]:
    """One request to a JSON API (`request`: httpx's params, content, headers, auth), its body read with the ceiling
    `limit`: the response and its JSON (None when empty, or not JSON in an error answer). Transport failures typed;
    a success that is not JSON is BadPayload(`not_json`). The caller turns an error status into its network's
    typed error."""
    with translated_errors(url):
        async with client.stream(method, url, **request) as response:
            raw = await read_body(response, limit, url)
    try:
        return response, (json.loads(raw) if raw else None)
    except ValueError:
        if response.status_code < 400:
            raise BadPayload(not_json) from None
        return response, None
