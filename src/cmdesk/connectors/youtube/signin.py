"""Signing in to YouTube with an access token: the channel it belongs to (`channels?mine=true`), which becomes the
account. The browser sign-in (Google's OAuth for desktop apps, loopback redirect, PKCE) gives such a token."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import httpx

from cmdesk.connectors.base import BadPayload, Permanent
from cmdesk.connectors.youtube import api
from cmdesk.domain import Account, Network, NetworkId, Secret


@dataclass(frozen=True, slots=True)
class Channel:
    """The channel a token signs in to."""

    base: str
    token: Secret
    me: str
    title: str
    handle: str
    network: NetworkId = Network.YOUTUBE
    """The network signed in to, for whoever stores it."""

    @property
    def address(self) -> str:
        return f"https://www.youtube.com/channel/{self.me}"


async def identify(client: httpx.AsyncClient, base: str, token: Secret) -> Channel:
    """The token's own channel; AuthExpired when the token is refused, Permanent when it has no channel."""
    probe = Account(0, "", 0, Network.YOUTUBE, "", "", settings={"api_base": base}, secret=token)
    found = await api.request(
        client, probe, "GET", "/youtube/v3/channels", params=[("part", "snippet"), ("mine", "true")]
    )
    items = found.get("items") if isinstance(found, Mapping) else None
    if not isinstance(items, list):
        raise BadPayload("channels: unexpected answer (expected a list of channels)")
    if not items or not isinstance(items[0], Mapping) or not items[0].get("id"):
        raise Permanent("this Google account has no YouTube channel")
    given = items[0].get("snippet")
    snippet: Mapping[str, object] = given if isinstance(given, Mapping) else {}
    me = str(items[0]["id"])
    title = str(snippet.get("title") or me)
    return Channel(base, token, me, title, str(snippet.get("customUrl") or title))


__all__ = ["Channel", "identify"]
