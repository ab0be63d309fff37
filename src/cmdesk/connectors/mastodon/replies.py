"""How a reply looks on Mastodon: its visibility follows the post it answers, it mentions the people in the
conversation, and a status found on the server is compared with what was sent without case and spacing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import httpx


def comparable(text: str) -> str:
    """Text compared without case and whitespace differences (servers reformat what they are sent)."""
    return " ".join(text.lower().split())


def error_text(response: httpx.Response) -> str:
    try:
        data = response.json()
    except ValueError:
        return f"HTTP {response.status_code}"
    return str(data.get("error") or data) if isinstance(data, Mapping) else str(data)


def reply_visibility(original: Mapping[str, Any]) -> str:
    """A reply keeps the original's visibility: a reply to a direct message stays direct."""
    visibility = original.get("visibility")
    return visibility if visibility in ("public", "unlisted", "private", "direct") else "public"


def participants(original: Mapping[str, Any], me: str, base: str) -> list[str]:
    """The handles a reply must mention: the author and everyone they mentioned, never ourselves."""
    handles: list[str] = []
    account = original.get("account")
    if isinstance(account, Mapping) and str(account.get("id", "")) != me and account.get("acct"):
        handles.append(str(account["acct"]))
    for mention in original.get("mentions") or []:
        if isinstance(mention, Mapping) and str(mention.get("id", "")) != me and mention.get("acct"):
            handles.append(str(mention["acct"]))
    own = str(account.get("acct", "")) if isinstance(account, Mapping) and str(account.get("id", "")) == me else ""
    seen: list[str] = []
    for handle in handles:
        if handle != own and handle not in seen:
            seen.append(handle)
    return seen


def with_mentions(text: str, handles: Sequence[str]) -> str:
    """Prefix the mentions the text does not already carry (as Mastodon's own reply box does)."""
    missing = [f"@{handle}" for handle in handles if f"@{handle}".lower() not in text.lower()]
    return f"{' '.join(missing)} {text}" if missing else text
