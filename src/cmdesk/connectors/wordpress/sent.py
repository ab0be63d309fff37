"""Where a WordPress reply goes and whether it already went: the post and comment a reply's target names, and,
before a retry, the reply looked for among the answered comment's children (WordPress keeps no idempotency key)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import httpx

from cmdesk.connectors.base import BadPayload, Permanent
from cmdesk.connectors.wordpress import api
from cmdesk.connectors.wordpress.payloads import comment_id, comment_remote_id, post_id_in, when
from cmdesk.domain import Account, RemoteRef
from cmdesk.domain.acts import Reply

LOOKED_AT = 100
"""The answered comment's latest children read before a retry."""


def answered(target: str) -> tuple[str, int]:
    """(the post's guid, the comment answered, 0 for the post itself) of a reply's target."""
    number = comment_id(target)
    return (target.rpartition("#comment-")[0], number) if number is not None else (target, 0)


async def post_number(client: httpx.AsyncClient, account: Account, target: str) -> int:
    """The number of the post a reply goes under: the answered comment's `post`, else the number in the post's guid,
    else the post (or page) whose guid it is, found by its slug."""
    post_guid, parent = answered(target)
    if parent:
        comment, _headers = await api.request(client, account, "GET", f"/wp/v2/comments/{parent}",
                                              params=[("_fields", "id,post"), ("context", "edit")])  # fmt: skip
        post = comment.get("post") if isinstance(comment, Mapping) else None
        if not isinstance(post, int):
            raise BadPayload(f"WordPress did not say which post comment {parent} is under")
        return post
    if (number := post_id_in(post_guid)) is not None:
        return number
    slug = httpx.URL(post_guid).path.rstrip("/").rpartition("/")[2]
    for route in ("/wp/v2/posts", "/wp/v2/pages"):
        found, _headers = await api.request(client, account, "GET", route,
                                            params=[("slug", slug), ("_fields", "id,guid,link")])  # fmt: skip
        for post in found if isinstance(found, list) else []:
            guid = post.get("guid")
            if isinstance(post.get("id"), int) and post_guid in (guid.get("rendered") if isinstance(guid, Mapping)
                                                                 else None, post.get("link")):  # fmt: skip
                return int(post["id"])
    raise Permanent(f"cannot find the post {post_guid} on the site any more")


def _raw(comment: Mapping[str, Any]) -> str:
    content = comment.get("content")
    raw = content.get("raw") if isinstance(content, Mapping) else None
    return raw.strip() if isinstance(raw, str) else ""


async def find_reply(client: httpx.AsyncClient, account: Account, act: Reply, since: datetime) -> RemoteRef | None:
    """The account's comment with the reply's text under the answered comment (or post), written since the first
    attempt; None when there is none."""
    post_guid, parent = answered(act.target)
    post = await post_number(client, account, act.target)
    me = int(account.settings.get("user_id") or 0)
    params = [("post", str(post)), ("parent", str(parent)), ("status", "all"), ("context", "edit"),
              ("orderby", "id"), ("order", "desc"), ("per_page", str(LOOKED_AT)),
              ("_fields", "id,author,content,date_gmt,link")]  # fmt: skip
    children, _headers = await api.request(client, account, "GET", "/wp/v2/comments", params=params)
    for child in children if isinstance(children, list) else []:
        if not isinstance(child, Mapping) or child.get("author") != me or _raw(child) != act.text.strip():
            continue
        try:
            recent = when(child.get("date_gmt")) >= since.replace(microsecond=0)
        except ValueError:
            continue
        if recent and isinstance(child.get("id"), int):
            return RemoteRef(comment_remote_id(post_guid, child["id"]), url=str(child.get("link") or ""))
    return None


__all__ = ["answered", "find_reply", "post_number"]
