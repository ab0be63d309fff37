"""Signing in to a Discourse forum: the forum found from any of its addresses (`/site/basic-info.json`), then a User
API Key through the browser (discourse/user_api_key.py: the loopback redirect, or the encrypted text the forum shows,
pasted), or a site administrator's API key with the username it acts as; then who the key is
(`/session/current.json`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

import httpx

from cmdesk.connectors.base import BadPayload, Permanent
from cmdesk.connectors.discourse import api
from cmdesk.connectors.discourse.user_api_key import REDIRECT_PORT, Handshake
from cmdesk.connectors.loopback import LoopbackRedirect
from cmdesk.domain import Secret

SIGN_IN_TIMEOUT = 600.0


@dataclass(frozen=True, slots=True)
class Forum:
    origin: str
    title: str


@dataclass(frozen=True, slots=True)
class ForumUser:
    forum: Forum
    username: str
    name: str
    key: api.Key

    @property
    def address(self) -> str:
        return f"{self.forum.origin}/u/{self.username}"


async def find_forum(client: httpx.AsyncClient, address: str) -> Forum:
    """The Discourse forum at this address; Permanent with the reason otherwise (ValueError: no address)."""
    origin = api.forum_origin(address)
    try:
        basic = await api.call(client, origin, "GET", "/site/basic-info.json")
    except (Permanent, BadPayload):
        raise Permanent(f"{origin} is not a Discourse forum (no /site/basic-info.json)") from None
    if not isinstance(basic, Mapping) or "title" not in basic:
        raise Permanent(f"{origin} is not a Discourse forum (its basic information has no title)")
    return Forum(origin, str(basic.get("title") or httpx.URL(origin).host))


async def identify(client: httpx.AsyncClient, forum: Forum, key: api.Key) -> ForumUser:
    """Who the key acts as; AuthExpired when the forum refuses it."""
    found = await api.call(client, forum.origin, "GET", "/session/current.json", key=key, signs_in=True)
    user = found.get("current_user") if isinstance(found, Mapping) else None
    if not isinstance(user, Mapping) or not user.get("username"):
        raise BadPayload("/session/current.json: unexpected answer (no current user)")
    username = str(user["username"])
    if key.kind == api.ADMIN_KEY and username.lower() != key.username.lower():
        raise Permanent(f"the API key acts as {username}, not {key.username}")
    return ForumUser(forum, username, str(user.get("name") or username), key)


async def sign_in_with_browser(
    client: httpx.AsyncClient,
    forum: Forum,
    handshake: Handshake,
    open_url: Callable[[str], Awaitable[object] | object],
    *,
    timeout: float = SIGN_IN_TIMEOUT,
) -> ForumUser:
    """The user approves cmdesk on the forum's page; its encrypted answer comes back on the loopback redirect."""
    async with LoopbackRedirect(REDIRECT_PORT, carried="payload") as redirect:
        payload = await redirect.consent(handshake.url(forum.origin), open_url, timeout)
    return await identify(client, forum, api.Key(api.USER_KEY, handshake.key_from(payload), handshake.client_id))


async def sign_in_with_pasted(client: httpx.AsyncClient, forum: Forum, handshake: Handshake, pasted: str) -> ForumUser:
    """The encrypted text the forum showed (a forum that does not allow cmdesk's redirect), pasted by the user."""
    return await identify(client, forum, api.Key(api.USER_KEY, handshake.key_from(pasted), handshake.client_id))


async def sign_in_with_api_key(client: httpx.AsyncClient, forum: Forum, username: str, key: Secret) -> ForumUser:
    """A key a site administrator made (Admin → API), acting as `username`."""
    return await identify(client, forum, api.Key(api.ADMIN_KEY, key, username=username.strip().lstrip("@")))


__all__ = [
    "Forum",
    "ForumUser",
    "find_forum",
    "identify",
    "sign_in_with_api_key",
    "sign_in_with_browser",
    "sign_in_with_pasted",
]
