"""Signing in to a Facebook Page with a token (`--token-stdin`; the browser sign-in with Facebook Login for Business
gives the same): a user token of someone with a role on the Page is exchanged for the Page's own token, as Meta
documents (`GET /{page-id}?fields=access_token`); a Page token is used as it is. Either way the token must be the
Page's (`GET /me` answers with the Page), and the token handed back to the caller is the Page token, for the keyring."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import httpx

from cmdesk.connectors.base import BadPayload, Permanent
from cmdesk.connectors.meta import graph
from cmdesk.domain import Account, Network, NetworkId, Secret


@dataclass(frozen=True, slots=True)
class FacebookPage:
    """The Page a token signs in to."""

    base: str
    token: Secret
    page_id: str
    name: str
    link: str
    network: NetworkId = Network.FACEBOOK

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
    return FacebookPage(base, page_token, page_id, str(found.get("name") or page_id), str(found.get("link") or ""))


__all__ = ["FacebookPage", "identify_page"]
