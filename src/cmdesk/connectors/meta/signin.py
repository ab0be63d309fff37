"""Signing in to a Facebook Page with a token (`--token-stdin`; the browser sign-in with Facebook Login for Business
gives the same): a user token of someone with a role on the Page is exchanged for the Page's own token, as Meta
documents (`GET /{page-id}?fields=access_token`); a Page token is used as it is. Either way the token must be the
Page's (`GET /me` answers with the Page), and the token handed back to the caller is the Page token, for the keyring."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import httpx

from cmdesk.connectors.base import BadPayload, Permanent
from cmdesk.connectors.meta import graph
from cmdesk.domain import Account, Network, NetworkId, Secret

PAGE_PERMISSIONS = (
    "pages_read_engagement",
    "pages_read_user_content",
    "pages_manage_engagement",
    "pages_messaging",
)
"""What reading the Page's comments and Messenger, and answering them, need."""
INSTAGRAM_PERMISSIONS = (
    "instagram_basic",
    "instagram_manage_comments",
    "instagram_manage_messages",
    "instagram_content_publish",
    "pages_read_engagement",
)


@dataclass(frozen=True, slots=True)
class TokenHealth:
    """What Meta's `/debug_token` says of a token: when it stops working (its own end, or the end of its access
    to the person's data, 90 days after they last used the app), and the permissions it lacks."""

    ends: datetime | None = None
    missing: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FacebookPage:
    """The Page a token signs in to."""

    base: str
    token: Secret
    page_id: str
    name: str
    link: str
    network: NetworkId = Network.FACEBOOK
    health: TokenHealth = TokenHealth()

    @property
    def address(self) -> str:
        return self.link or f"https://www.facebook.com/{self.page_id}"


def _probe(base: str, token: Secret) -> Account:
    return Account(0, "", 0, Network.FACEBOOK, "", "", settings={"api_base": base}, secret=token)


async def identify_page(client: httpx.AsyncClient, base: str, page_id: str, token: Secret) -> FacebookPage:
    """The Page `page_id` with its own token; AuthExpired when the token is refused, Permanent when it cannot act
    for that Page (naming the missing permission as Meta names it)."""
    page_id = page_id.strip()
    if not page_id.isdigit():
        raise Permanent(f"a Facebook Page id is a number (see the Page's About → Page transparency): {page_id!r}")
    found = await graph.request(
        client, _probe(base, token), "GET", graph.path(page_id), params=[("fields", "id,name,link,access_token")]
    )
    if not isinstance(found, Mapping) or str(found.get("id", "")) != page_id:
        raise BadPayload("Meta's answer about the Page is not the Page asked for")
    given = found.get("access_token")
    page_token = Secret(given) if isinstance(given, str) and given else token
    me = await graph.request(client, _probe(base, page_token), "GET", graph.path("me"), params=[("fields", "id,name")])
    if not isinstance(me, Mapping) or str(me.get("id", "")) != page_id:
        raise Permanent(
            f"this token cannot act as the Page {page_id}: give a token of someone with a role on the Page "
            "(with pages_show_list, pages_read_engagement, pages_manage_engagement, pages_read_user_content and "
            "pages_messaging), or the Page's own token"
        )
    page = FacebookPage(base, page_token, page_id, str(found.get("name") or page_id), str(found.get("link") or ""))
    return replace(page, health=await token_health(client, base, page_token, PAGE_PERMISSIONS))


async def token_health(client: httpx.AsyncClient, base: str, token: Secret, needed: tuple[str, ...]) -> TokenHealth:
    """Ask Meta about the token (a token may inspect itself); nothing known when Meta does not say."""
    try:
        found = await graph.request(client, _probe(base, token), "GET", graph.path("debug_token"),
                                    params=[("input_token", token.reveal())])  # fmt: skip
    except (BadPayload, Permanent):
        return TokenHealth()
    data = found.get("data") if isinstance(found, Mapping) else None
    if not isinstance(data, Mapping):
        return TokenHealth()
    ends = [
        datetime.fromtimestamp(value, UTC)
        for value in (data.get("expires_at"), data.get("data_access_expires_at"))
        if isinstance(value, int) and value > 0
    ]
    scopes = data.get("scopes")
    granted = {str(scope) for scope in scopes} if isinstance(scopes, list) else set(needed)
    return TokenHealth(min(ends, default=None), tuple(name for name in needed if name not in granted))


@dataclass(frozen=True, slots=True)
class InstagramAccount:
    """The Instagram professional account a token signs in to, with the Page it is linked to (its direct messages
    go through the Page's conversations) and that Page's token."""

    base: str
    token: Secret
    user_id: str
    username: str
    name: str
    page_id: str
    network: NetworkId = Network.INSTAGRAM
    health: TokenHealth = TokenHealth()

    @property
    def address(self) -> str:
        return f"https://www.instagram.com/{self.username}/"


async def identify_instagram(client: httpx.AsyncClient, base: str, user_id: str, token: Secret) -> InstagramAccount:
    """The Instagram account `user_id` and the Page linked to it, from a user token of someone with a role on that
    Page (its token taken from `/me/accounts`) or from the Page's own token."""
    user_id = user_id.strip()
    if not user_id.isdigit():
        raise Permanent(f"an Instagram user id is a number (Graph's, not the @username): {user_id!r}")
    linked = "id,name,access_token,instagram_business_account{id}"
    try:  # a user token: the Pages the person has a role on
        found = await graph.request(
            client, _probe(base, token), "GET", graph.path("me", "accounts"), params=[("fields", linked)]
        )
        pages = graph.listed(found, "pages")[0]
    except (BadPayload, Permanent):  # a Page token: /me is the Page (Graph refuses /accounts on a Page)
        fields = "id,name,instagram_business_account{id}"
        me = await graph.request(client, _probe(base, token), "GET", graph.path("me"), params=[("fields", fields)])
        pages = [me] if isinstance(me, Mapping) else []
    page = next((p for p in pages if str((p.get("instagram_business_account") or {}).get("id", "")) == user_id), None)
    if page is None:
        raise Permanent(
            f"no Facebook Page of this token is linked to the Instagram account {user_id}: link them in the Page's "
            "settings (Linked accounts), and give a token with instagram_basic, instagram_manage_comments, "
            "instagram_manage_messages, pages_show_list and pages_read_engagement"
        )
    given = page.get("access_token")
    page_token = Secret(given) if isinstance(given, str) and given else token
    found = await graph.request(client, _probe(base, page_token), "GET", graph.path(user_id),
                                params=[("fields", "id,username,name")])  # fmt: skip
    if not isinstance(found, Mapping) or str(found.get("id", "")) != user_id:
        raise BadPayload("Meta's answer about the Instagram account is not the account asked for")
    username = str(found.get("username") or user_id)
    health = await token_health(client, base, page_token, INSTAGRAM_PERMISSIONS)
    name = str(found.get("name") or username)
    return InstagramAccount(base, page_token, user_id, username, name, str(page["id"]), health=health)


async def list_pages(client: httpx.AsyncClient, base: str, token: Secret) -> list[Mapping[str, Any]]:
    """The Pages a user token's person has a role on, each with its linked Instagram account (`id`, `name`,
    `instagram_business_account{id,username}`)."""
    fields = "id,name,instagram_business_account{id,username}"
    found = await graph.request(client, _probe(base, token), "GET", graph.path("me", "accounts"),
                                params=[("fields", fields)])  # fmt: skip
    return graph.listed(found, "pages")[0]


__all__ = [
    "FacebookPage",
    "InstagramAccount",
    "TokenHealth",
    "identify_instagram",
    "identify_page",
    "list_pages",
    "token_health",
]
