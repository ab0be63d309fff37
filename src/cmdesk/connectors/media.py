"""Images (media previews, custom emoji) fetched only when the user asks to see them: messages never load remote
content by themselves. Only images, at most MAX_IMAGE_BYTES each; anything else or any failure is skipped. Through the
app's one HTTP client (connectors/http.py: user agent, timeouts, TLS), like every other request."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable

import httpx

from cmdesk.connectors.base import Permanent
from cmdesk.connectors.bounded import read_body

log = logging.getLogger(__name__)
MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGES = 16


async def fetch_images(client: httpx.AsyncClient, urls: Iterable[str]) -> dict[str, bytes]:
    wanted = [url for url in dict.fromkeys(urls) if url.startswith(("https://", "http://"))][:MAX_IMAGES]
    answers = await asyncio.gather(*(_one(client, url) for url in wanted))
    return {url: data for url, data in zip(wanted, answers, strict=True) if data}


async def _one(client: httpx.AsyncClient, url: str) -> bytes | None:
    try:
        async with client.stream("GET", url, follow_redirects=True) as response:
            kind = response.headers.get("content-type", "")
            if response.status_code != 200 or not kind.startswith("image/"):
                return None
            return await read_body(response, MAX_IMAGE_BYTES, url)
    except Permanent as error:  # too big once decoded, or an encoding cmdesk did not ask for
        log.info("image not loaded (%s): %s", error, url)
        return None
    except httpx.HTTPError as error:
        log.info("image not loaded (%s): %s", type(error).__name__, url)
        return None
