"""The Mastodon connector: pull = notifications and direct conversations, each status with the thread that led to
it, and the monitors' hashtags and keywords; perform, find_sent and the server's own scheduler come from
publishing.py (reply, post, favourite, boost, delete, withdraw), the requests from api.py.

Account: `address` is the instance's base URL; `settings["me"]` the signed-in account's id; the token is the secret.
Cursor (opaque to the engine, stored with each page):
    {"stage": "notifications" | "conversations",
     "notifications": {"newest": min_id for what is new, "older": max_id to continue the first sync, "pages": n},
     "conversations": {… the same …, "unsupported": true when the server has no /api/v1/conversations}}
One pull makes one list request (plus the context of statuses that reply to something) and says whether more is
waiting, so every page commits with its cursor and a crash never loses or doubles anything.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, ClassVar
from urllib.parse import quote

import httpx

from cmdesk.connectors import registry
from cmdesk.connectors.base import (
    ITEM_FAILURES,
    BadPayload,
    Permanent,
    item_problem_text,
)
from cmdesk.connectors.mastodon import payloads
from cmdesk.connectors.mastodon.api import base_of
from cmdesk.connectors.mastodon.payloads import EntityError
from cmdesk.connectors.mastodon.publishing import MastodonPublishing
from cmdesk.connectors.mastodon.replies import (
    participants,
    reply_visibility,
    with_mentions,
)
from cmdesk.domain import (
    Account,
    Activity,
    Capabilities,
    Cursor,
    Item,
    ItemProblem,
    Kind,
    Network,
    NetworkId,
    Page,
)
from cmdesk.domain.monitors import searched_terms

__all__ = ["MastodonConnector", "participants", "reply_visibility", "with_mentions"]

PAGE_LIMITS = {"notifications": 40, "conversations": 40}
MONITOR_PAGE = 40
MONITOR_FIRST_PAGES = 1
"""A new monitor brings one page of recent matches, not the whole history of a busy hashtag."""
MONITOR_PREFIX = "monitor:"
RECHECK = "recheck"
WATCHED = 40
"""How many recently synced statuses each pass looks at again, for edits and deletions."""
RECHECK_ONE_BY_ONE = 10
"""On servers without the many-statuses request, how many of them are fetched one by one per pass."""
"""Mastodon's maximum page sizes are 80 and 40; 40 keeps each committed page small."""
FIRST_SYNC_PAGES = 5
"""How far back the first sync reaches, in pages per stream (about 200 notifications)."""
STAGES = ("notifications", "conversations")
"""Stop a pass when fewer requests than this remain in the server's window (X-RateLimit-Remaining), so the user's
own actions (replies, favourites) still go through."""
MAX_LENGTH = registry.MASTODON_MAX_LENGTH


@dataclass(slots=True)
class _Listing:
    entries: list[Any]
    newer: str | None
    older: str | None
    low_on_requests: bool


def monitor_term(stage: str) -> str | None:
    return stage[len(MONITOR_PREFIX) :] if stage.startswith(MONITOR_PREFIX) else None


def _watch_list(value: Any) -> list[list[str]]:
    """The cursor's [status id, thread key, kind] triples, defensively (a cursor is stored JSON)."""
    if not isinstance(value, list):
        return []
    return [[str(e[0]), str(e[1]), str(e[2])] for e in value if isinstance(e, list) and len(e) == 3]


def _watched(items: Sequence[Item], watch: list[list[str]]) -> list[list[str]]:
    """The newest statuses first, each once, at most WATCHED."""
    fresh = sorted(items, key=lambda item: item.created_at or datetime.min.replace(tzinfo=UTC), reverse=True)
    merged: dict[str, list[str]] = {}
    for entry in [[item.remote_id, item.thread_key, item.kind.value] for item in fresh] + watch:
        merged.setdefault(entry[0], entry)
    return list(merged.values())[:WATCHED]


def _link_params(response: httpx.Response) -> dict[str, dict[str, str]]:
    """{"next": {"max_id": …}, "prev": {"min_id": …}} from the Link header (the documented way to page)."""
    found: dict[str, dict[str, str]] = {}
    for rel, link in response.links.items():
        url = link.get("url")
        if rel and url:
            found[rel] = dict(httpx.URL(url).params)
    return found


class MastodonConnector(MastodonPublishing):
    network: ClassVar[NetworkId] = Network.MASTODON
    capabilities: ClassVar[Capabilities] = registry.capabilities(Network.MASTODON)

    async def _list(
        self, client: httpx.AsyncClient, account: Account, stage: str, params: Sequence[tuple[str, str]]
    ) -> _Listing | None:
        """One page of a stream; None when the server does not have this stream."""
        term = monitor_term(stage)
        if term is None:
            path, what = f"/api/v1/{stage}", stage
        elif term.startswith("#"):
            path, what = f"/api/v1/timelines/tag/{quote(term[1:], safe='')}", f"hashtag {term}"
        else:
            path, what = "/api/v2/search", f"search for “{term}”"
            params = [("q", term), ("type", "statuses"), ("resolve", "false"), *params]
        limit = PAGE_LIMITS.get(stage, MONITOR_PAGE)
        response = await self._request(client, account, "GET", path, params=[("limit", str(limit)), *params])
        if stage != "notifications" and response.status_code in (404, 422, 501):
            return None
        if response.status_code == 404:
            raise Permanent(f"{base_of(account)} has no Mastodon API (GET {path} answered 404)")
        data = self._json(response, what)
        if term is not None and not term.startswith("#") and isinstance(data, Mapping):
            data = data.get("statuses")
        if not isinstance(data, list):
            raise BadPayload(f"{what}: unexpected answer (expected a JSON list); is it a Mastodon-compatible server?")
        links = _link_params(response)
        newer = links.get("prev", {}).get("min_id") or links.get("prev", {}).get("since_id")
        if newer is None and data and isinstance(data[0], Mapping) and data[0].get("id") is not None:
            newer = str(data[0]["id"])  # lists come newest first
        older = links.get("next", {}).get("max_id")
        return _Listing(data, newer, older, self._low_on_requests(response))

    async def _context(self, client: httpx.AsyncClient, account: Account, status_id: str) -> list[Mapping[str, Any]]:
        """The statuses a status replies to, oldest first (GET /api/v1/statuses/:id/context → ancestors)."""
        response = await self._request(client, account, "GET", f"/api/v1/statuses/{status_id}/context")
        if response.status_code in (404, 410):
            return []
        data = self._json(response, "status context")
        ancestors = data.get("ancestors") if isinstance(data, Mapping) else None
        return [entry for entry in ancestors or [] if isinstance(entry, Mapping)]

    # pull ------------------------------------------------------------------------------------------------------------

    async def pull(self, client: httpx.AsyncClient, account: Account, cursor: Cursor) -> Page:
        stages = (*STAGES, *(f"{MONITOR_PREFIX}{term}" for term in searched_terms(account.settings)), RECHECK)
        watch = _watch_list(cursor.get("watch"))
        if cursor.get("stage") == RECHECK:
            return await self._recheck(client, account, cursor, watch)
        state = {key: dict(value) for key, value in cursor.items() if key != "stage" and isinstance(value, Mapping)}
        for stage_name in stages:
            state.setdefault(stage_name, {})
        stage = str(cursor.get("stage")) if cursor.get("stage") in stages else stages[0]
        first_pages = FIRST_SYNC_PAGES if monitor_term(stage) is None else MONITOR_FIRST_PAGES
        stream = state[stage]
        listing: _Listing | None = None
        unsupported: ItemProblem | None = None
        incremental = False
        if not stream.get("unsupported"):
            if "newest" not in stream:
                listing = await self._list(client, account, stage, [])
                if listing is not None:
                    stream.update(newest=listing.newer or "", pages=1, older=self._older(stage, listing))
            elif stream.get("older") and int(stream.get("pages", 0)) < first_pages:
                listing = await self._list(client, account, stage, [("max_id", str(stream["older"]))])
                if listing is not None:
                    stream.update(pages=int(stream.get("pages", 0)) + 1, older=self._older(stage, listing))
            else:
                incremental = True
                newest = str(stream.get("newest") or "")
                listing = await self._list(client, account, stage, [("min_id", newest)] if newest else [])
                if listing is not None and listing.newer:
                    stream["newest"] = listing.newer
            if listing is None:
                stream["unsupported"] = True
                if monitor_term(stage) is not None:
                    unsupported = ItemProblem(
                        stage, f"{base_of(account)} does not offer this search; nothing to monitor"
                    )
        items: list[Item] = []
        activities: tuple[Activity, ...] = ()
        problems: list[ItemProblem] = [unsupported] if unsupported else []
        more_here = False
        if listing is not None:
            items, activities, problems = await self._entries(client, account, stage, listing.entries)
            backfilling = bool(stream.get("older")) and int(stream.get("pages", 0)) < first_pages
            catching_up = incremental and len(listing.entries) >= PAGE_LIMITS.get(stage, MONITOR_PAGE)
            more_here = backfilling or catching_up
            if monitor_term(stage) is None:
                watch = _watched(items, watch)
            if listing.low_on_requests:
                cursor_out = {"stage": stage, **state, "watch": watch}
                return Page(tuple(items), cursor_out, False, tuple(problems), activities=activities)
        if more_here:
            next_stage = stage
        else:
            next_stage = stages[stages.index(stage) + 1]
        cursor_out = {"stage": next_stage, **state, "watch": watch}
        return Page(tuple(items), cursor_out, True, tuple(problems), activities=activities)

    async def _recheck(
        self, client: httpx.AsyncClient, account: Account, cursor: Cursor, watch: list[list[str]]
    ) -> Page:
        """The last stage of a pass: look again at the statuses synced lately, so edits are reflected and statuses
        deleted on the network are marked as such. One request where the server can fetch many statuses at once
        (Mastodon 4.3+: GET /api/v1/statuses?id[]=…), else one request each for the most recent few."""
        state = {key: value for key, value in cursor.items() if key not in ("stage", "watch")}
        done = {"stage": STAGES[0], **state, "watch": watch}
        if not watch:
            return Page((), done, False)
        ids = [entry[0] for entry in watch]
        response = await self._request(
            client, account, "GET", "/api/v1/statuses", params=[("id[]", status_id) for status_id in ids]
        )
        found: dict[str, Mapping[str, Any]] = {}
        if response.status_code == 200:
            data = self._json(response, "statuses")
            checked = ids
            if not isinstance(data, list):
                raise BadPayload("statuses: unexpected answer (expected a JSON list)")
            found = {str(s.get("id")): s for s in data if isinstance(s, Mapping)}
        else:
            checked = ids[:RECHECK_ONE_BY_ONE]
            answers = await asyncio.gather(*(self._maybe_status(client, account, status_id) for status_id in checked))
            found = {status_id: status for status_id, status in zip(checked, answers, strict=True) if status}
        me = str(account.settings.get("me", ""))
        items: list[Item] = []
        problems: list[ItemProblem] = []
        for status_id, thread_key, kind in watch:
            status = found.get(status_id)
            if status is None:
                continue
            try:
                items.append(
                    payloads.status_item(status, base=base_of(account), me=me, thread_key=thread_key, kind=Kind(kind))
                )
            except (EntityError, ValueError) as error:
                problems.append(ItemProblem(f"status {status_id}", str(error)))
        deleted = tuple(status_id for status_id in checked if status_id not in found)
        done["watch"] = [entry for entry in watch if entry[0] not in deleted]
        return Page(tuple(items), done, False, tuple(problems), deleted=deleted)

    @staticmethod
    def _older(stage: str, listing: _Listing) -> str | None:
        """Where the first sync continues backwards: only after a full page, and only where the server says."""
        return listing.older if len(listing.entries) >= PAGE_LIMITS.get(stage, MONITOR_PAGE) else None

    async def _entries(
        self, client: httpx.AsyncClient, account: Account, stage: str, entries: Sequence[Any]
    ) -> tuple[list[Item], tuple[Activity, ...], list[ItemProblem]]:
        statuses: list[Mapping[str, Any]] = []
        activities: list[Activity] = []
        problems: list[ItemProblem] = []
        term = monitor_term(stage)
        if term is not None:
            return self._matches(account, term, entries, problems), (), problems
        for entry in entries:
            try:
                if not isinstance(entry, Mapping):
                    raise EntityError(f"{stage} entry is not an object")
                if stage == "conversations":
                    status = entry.get("last_status")
                    if isinstance(status, Mapping):
                        statuses.append(status)
                    continue
                kind = entry.get("type")
                if kind in payloads.ACTIVITY_TYPES:
                    activities.append(payloads.activity_of(entry, base_of(account)))
                elif kind in ("mention", "status", "update") and isinstance(entry.get("status"), Mapping):
                    statuses.append(entry["status"])
            except ITEM_FAILURES as error:  # EntityError among them (a ValueError)
                where = f"{stage} {entry.get('id', '?') if isinstance(entry, Mapping) else '?'}"
                problems.append(
                    ItemProblem(where, str(error) if isinstance(error, EntityError) else item_problem_text(error))
                )
        items = await self._threads(client, account, statuses, problems)
        return items, tuple(activities), problems

    def _matches(self, account: Account, term: str, entries: Sequence[Any], problems: list[ItemProblem]) -> list[Item]:
        """Public posts that match a monitor, for the Monitoring view: each its own conversation, titled with the
        term. Posts that mention the account are left to the mentions (they arrive as notifications, with their
        thread), and the account's own posts are not news to it."""
        me = str(account.settings.get("me", ""))
        items: list[Item] = []
        for status in entries:
            if not isinstance(status, Mapping):
                problems.append(ItemProblem(f"monitor {term}", "entry is not an object"))
                continue
            handle = str(account.settings.get("handle", ""))
            try:
                if (
                    status.get("reblog")
                    or payloads.is_mine(status, me)
                    or payloads.mentions(status, me, handle, base_of(account))
                ):
                    continue
                item = payloads.status_item(
                    status,
                    base=base_of(account),
                    me=me,
                    thread_key=payloads.entity_id(status, "status"),
                    kind=Kind.FEED,
                )
            except ITEM_FAILURES as error:  # EntityError among them (a ValueError)
                problems.append(ItemProblem(f"monitor {term} status {status.get('id', '?')}", item_problem_text(error)))
                continue
            items.append(replace(item, thread_title=term))
        return items

    async def _threads(
        self,
        client: httpx.AsyncClient,
        account: Account,
        statuses: Sequence[Mapping[str, Any]],
        problems: list[ItemProblem],
    ) -> list[Item]:
        """Each status with the statuses it replies to, all keyed to the thread's first status."""
        me = str(account.settings.get("me", ""))
        replies = {str(s.get("id")): s for s in statuses if s.get("in_reply_to_id") and s.get("id") is not None}
        contexts = dict(
            zip(
                replies,
                await asyncio.gather(*(self._context(client, account, status_id) for status_id in replies)),
                strict=True,
            )
        )
        items: list[Item] = []
        for status in statuses:
            try:
                ancestors = contexts.get(str(status.get("id")), [])
                chain = [*ancestors, status]
                root = chain[0]
                thread_key = payloads.entity_id(root, "status")
                if any(payloads.is_direct(s) for s in chain):
                    kind = Kind.MESSAGE
                elif payloads.is_mine(root, me):
                    kind = Kind.COMMENT
                else:
                    kind = Kind.MENTION
                for entry in chain:
                    items.append(
                        payloads.status_item(entry, base=base_of(account), me=me, thread_key=thread_key, kind=kind)
                    )
            except ITEM_FAILURES as error:  # EntityError among them (a ValueError)
                problems.append(ItemProblem(f"status {status.get('id', '?')}", item_problem_text(error)))
        return items
