"""Fetching a feed over HTTP: conditional GET, redirects (permanent ones remembered), gzip, and a cap on the body
as it is decoded (connectors/bounded.py)."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from cmdesk.connectors.bounded import read_body
from cmdesk.connectors.http import raise_for_status, translated_errors

MAX_BODY_BYTES = 20 * 1024 * 1024
ACCEPT = (
    "application/atom+xml, application/rss+xml, application/feed+json, application/json;q=0.9, "
    "application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, text/html;q=0.5, */*;q=0.1"
)


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str
    """The address finally answered (after redirects)."""
    permanent_url: str | None
    """Where the feed now lives when every redirect on the way was permanent (301/308), else None."""
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def not_modified(self) -> bool:
        return self.status == 304


async def fetch(
    client: httpx.AsyncClient,
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    limit: int = MAX_BODY_BYTES,
) -> Fetched:
    headers = {"Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    with translated_errors(url):
        async with client.stream("GET", url, headers=headers, follow_redirects=True) as response:
            raise_for_status(response)
            history = response.history
            permanent = str(response.url) if history and all(r.status_code in (301, 308) for r in history) else None
            if response.status_code == 304:
                return Fetched(str(response.url), permanent, 304, dict(response.headers), b"")
            body = await read_body(response, limit, url)
            return Fetched(str(response.url), permanent, response.status_code, dict(response.headers), body)
