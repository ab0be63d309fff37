"""Images (media previews, custom emoji) fetched only when the user asks to see them: messages never load remote
content by themselves. Only images, at most MAX_IMAGE_BYTES each; anything else or any failure is skipped. Through the
app's one HTTP client (connectors/http.py: user agent, timeouts, TLS), like every other request."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable

import httpx

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
            data = bytearray()
            async for chunk in response.aiter_bytes():
                data.extend(chunk)
                if len(data) > MAX_IMAGE_BYTES:
                    return None
            return bytes(data)
    except httpx.HTTPError as error:
        log.info("image not loaded (%s): %s", type(error).__name__, url)
        return None
