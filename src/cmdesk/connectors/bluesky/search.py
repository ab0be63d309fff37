"""Listening on Bluesky: each monitor of the account and of its client is searched (`app.bsky.feed.searchPosts`,
newest first) and what is new since the last pass comes in as a public post of its own, titled with the term, for the
Monitoring view. Posts that mention the account are left to the notifications (they come with their thread), and the
account's own posts are not news to it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import httpx

from cmdesk.connectors.base import ITEM_FAILURES, BadPayload, item_problem_text
from cmdesk.connectors.bluesky import xrpc
from cmdesk.connectors.bluesky.payloads import post_item
from cmdesk.connectors.bluesky.session import Session
from cmdesk.domain import Item, ItemProblem, Kind

NEW_MONITOR = 25
"""A new monitor brings one page of recent matches, not the whole history of a busy word."""
PAGE_SIZE = 100
KEPT_TERMS = 200


def _mentions(record: Mapping[str, Any], me: str) -> bool:
    for facet in record.get("facets") or []:
        for feature in facet.get("features") or [] if isinstance(facet, Mapping) else []:
            if isinstance(feature, Mapping) and feature.get("did") == me:
                return True
    return False


async def matches(
    client: httpx.AsyncClient, session: Session, terms: list[str], seen: Mapping[str, str], problems: list[ItemProblem]
) -> tuple[list[Item], dict[str, str]]:
    """New matches of each term since the newest seen; the newest seen per term now."""
    items: list[Item] = []
    newest = {term: seen[term] for term in terms if term in seen}
    for term in terms:
        since = seen.get(term, "")
        params = [("q", term), ("sort", "latest"), ("limit", str(PAGE_SIZE if since else NEW_MONITOR))]
        answer = await xrpc.call(client, session.pds, "app.bsky.feed.searchPosts", token=session.access,
                                 params=params)  # fmt: skip
        posts = answer.get("posts") if isinstance(answer, Mapping) else None
        if not isinstance(posts, list):
            raise BadPayload("searchPosts: unexpected answer (expected a list of posts)")
        for post in posts:
            if not isinstance(post, Mapping):
                continue
            indexed = str(post.get("indexedAt") or "")
            newest[term] = max(newest.get(term, ""), indexed)
            author, record = _map(post.get("author")), _map(post.get("record"))
            if indexed <= since or author.get("did") == session.did or _mentions(record, session.did):
                continue
            try:
                found = post_item(str(post.get("uri") or ""), author, record, session.did, Kind.FEED)
            except ITEM_FAILURES as error:
                problems.append(ItemProblem(f"monitor {term} post {post.get('uri', '?')}", item_problem_text(error)))
                continue
            items.append(replace(found, thread_key=found.remote_id, parent_remote_id="", thread_title=term))
    return items, dict(list(newest.items())[:KEPT_TERMS])


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


__all__ = ["matches"]
