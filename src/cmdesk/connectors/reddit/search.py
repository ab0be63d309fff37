"""Listening on Reddit: each monitor of the account and of its client is searched among posts (`/search`,
`sort=new`), and what is new since the last pass comes in as a post of its own, titled with the term, for the
Monitoring view. The account's own posts are not news to it."""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from cmdesk.connectors.base import ITEM_FAILURES, BadPayload, item_problem_text
from cmdesk.connectors.reddit import api
from cmdesk.connectors.reddit.payloads import SITE, children, when
from cmdesk.domain import Account, Author, Item, ItemProblem, Kind

NEW_MONITOR = 25
PAGE_SIZE = 100
KEPT_TERMS = 200


def post_item(thing: Mapping[str, object], term: str) -> Item:
    name, title = thing.get("name"), thing.get("title")
    if not isinstance(name, str) or not name or not isinstance(title, str):
        raise ValueError("a post without its name or title")
    author = str(thing.get("author") or "[deleted]")
    text = thing.get("selftext")
    who = Author(name=author, handle=f"u/{author}", url=f"{SITE}/user/{author}")
    return Item(remote_id=name, thread_key=name, kind=Kind.FEED, text=text if isinstance(text, str) else "",
                title=title, thread_title=term, url=SITE + str(thing.get("permalink") or ""), author=who,
                created_at=when(thing))  # fmt: skip


async def matches(
    client: httpx.AsyncClient,
    account: Account,
    terms: list[str],
    seen: Mapping[str, float],
    problems: list[ItemProblem],
) -> tuple[list[Item], dict[str, float]]:
    """New posts matching each term since the newest seen; the newest seen per term now (Unix time)."""
    me = str(account.settings.get("me") or "").lower()
    items: list[Item] = []
    newest = {term: seen[term] for term in terms if term in seen}
    for term in terms:
        since = seen.get(term, 0.0)
        params = [("q", term), ("sort", "new"), ("limit", str(PAGE_SIZE if since else NEW_MONITOR)), ("type", "link")]
        listing = await api.request(client, account, "GET", "/search", params=params)
        try:
            things, _after = children(listing)
        except ValueError:
            raise BadPayload("/search: unexpected answer (expected a listing)") from None
        for _kind, thing in things:
            created = thing.get("created_utc")
            stamp = float(created) if isinstance(created, int | float) else 0.0
            newest[term] = max(newest.get(term, 0.0), stamp)
            if stamp <= since or str(thing.get("author") or "").lower() == me:
                continue
            try:
                items.append(post_item(thing, term))
            except ITEM_FAILURES as error:
                problems.append(ItemProblem(f"monitor {term} post {thing.get('name', '?')}", item_problem_text(error)))
    return items, dict(list(newest.items())[:KEPT_TERMS])


__all__ = ["matches"]
