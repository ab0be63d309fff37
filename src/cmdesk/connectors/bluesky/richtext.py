"""A post's rich text as Bluesky stores it (https://docs.bsky.app/docs/advanced-guides/post-richtext): the plain
text and its facets — links, mentions (resolved to DIDs) and hashtags — each over a range counted in UTF-8 bytes, and
record keys (TIDs, https://atproto.com/specs/tid) chosen by cmdesk so that a resent act finds its record."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Awaitable, Callable
from typing import Any

LINK = re.compile(r"https?://[^\s<>\"]+")
MENTION = re.compile(
    r"(?<![\w@])@([a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)+)"
)
HASHTAG = re.compile(r"(?<![\w#&])#(\w{1,64})")
TRAILING = ".,;:!?)]}'\""
TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"


def _span(text: str, start: int, end: int) -> dict[str, int]:
    return {"byteStart": len(text[:start].encode()), "byteEnd": len(text[:end].encode())}


async def facets(text: str, resolve: Callable[[str], Awaitable[str | None]]) -> list[dict[str, Any]]:
    """The facets of a text; `resolve` gives a handle's DID (None: the mention stays plain text)."""
    found: list[dict[str, Any]] = []
    taken: list[tuple[int, int]] = []
    for match in LINK.finditer(text):
        url = match.group().rstrip(TRAILING)
        end = match.start() + len(url)
        taken.append((match.start(), end))
        found.append({"index": _span(text, match.start(), end),
                      "features": [{"$type": "app.bsky.richtext.facet#link", "uri": url}]})  # fmt: skip
    for match in MENTION.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        did = await resolve(match.group(1).lower())
        if did:
            found.append({"index": _span(text, match.start(), match.end()),
                          "features": [{"$type": "app.bsky.richtext.facet#mention", "did": did}]})  # fmt: skip
    for match in HASHTAG.finditer(text):
        if match.group(1).isdigit() or any(start <= match.start() < end for start, end in taken):
            continue
        found.append({"index": _span(text, match.start(), match.end()),
                      "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": match.group(1)}]})  # fmt: skip
    return sorted(found, key=lambda facet: facet["index"]["byteStart"])


def tid(micros: int, clock: int) -> str:
    """A TID: 64 bits (0, 53 bits of microseconds since 1970, 10 bits of clock id) in base32-sortable."""
    value = ((micros & ((1 << 53) - 1)) << 10) | (clock & 0x3FF)
    return "".join(TID_ALPHABET[(value >> shift) & 31] for shift in range(60, -1, -5))


def tid_for(key: str) -> str:
    """The record key of the act with this idempotency key: the same for every attempt. The outbox's keys begin with
    the time they were made (14 hex digits of microseconds); for an older key, a time drawn from its hash."""
    head = key[:14]
    if len(key) >= 17 and all(c in "0123456789abcdef" for c in key[:17]) and int(head, 16) > 1_600_000_000_000_000:
        return tid(int(head, 16), int(key[14:17], 16))
    digest = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big")
    return tid(1_700_000_000_000_000 + digest % 100_000_000_000_000, digest >> 54)


__all__ = ["facets", "tid", "tid_for"]
