"""The YouTube connector: the comments under the channel's videos (commentThreads with
`allThreadsRelatedToChannelId`, newest first), each thread's replies beyond those it carries (comments with
`parentId`), each video once as its conversation's root (videos); replies, moderation and deletion of the channel's
own replies through the outbox.

Account: `address` is the channel's page; `settings["me"]` its channel id, `settings["api_base"]` the API origin;
the secret is the keyring's token bundle (youtube/oauth.py: access token, refresh token and the user's OAuth client),
renewed through `renew` before it expires. Cursor (opaque to the engine, stored with each page):
    {"next": the page token to go on with (the first sync reaching back as far as YouTube lists, or a catch-up),
     "mark": the newest thread's time when a catch-up began, "newest": the newest thread's time seen,
     "watch": {thread id: [reply count, its first comment's time]} of the newest threads, re-checked for new
               replies each pass,
     "videos": the video ids whose root is stored,
     "held": [comment id, its video id] of the comments held for review last pass}
A pull makes one list request, then the requests for the replies and videos it needs, and says whether more waits;
the units it spent go to the ledger of the account's Google project (Page.usage), within PULL_BUDGET a day for all
the project's channels together.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

import httpx

from cmdesk.connectors import registry
from cmdesk.connectors.base import ITEM_FAILURES, BadPayload, Permanent, RateLimited, item_problem_text
from cmdesk.connectors.youtube import api, oauth
from cmdesk.connectors.youtube.payloads import (
    comment_item,
    reply_count,
    thread_items,
    top_level_id,
    video_item,
)
from cmdesk.domain import (
    Account,
    Action,
    Capabilities,
    Cursor,
    Item,
    ItemProblem,
    Network,
    NetworkId,
    Page,
    RemoteRef,
    Secret,
    Usage,
)
from cmdesk.domain.acts import Approve, Delete, Hide, Reply

PAGE_SIZE = 100
"""commentThreads and comments list at most 100 a page."""
VIDEOS_A_REQUEST = 50
WATCHED = 200
"""Threads re-checked each pass for replies (YouTube lists threads by their first comment's time, so a new reply
under an older thread is found only this way): 4 units a pass. The 200 with the latest activity — a thread where
people keep answering stays watched however old its first comment."""
KNOWN_VIDEOS = 2000
REPLY_PAGES = 20
"""At most this many pages of one thread's replies a pass (2,000 replies)."""
PULL_BUDGET = 8_000
"""Units a day the pulls may spend of the project's 10,000: the rest stays for the user's replies and moderation
(50 units each)."""
FIND_SENT_PAGES = 5
HELD_PAGES = 5
"""Pages of the moderation queue read a pass (500 comments held for review)."""
HELD_KEPT = 1000


def _list(value: Any, what: str) -> list[Mapping[str, Any]]:
    if not isinstance(value, Mapping) or not isinstance(value.get("items", []), list):
        raise BadPayload(f"{what}: unexpected answer (expected a list of resources)")
    return [entry for entry in value.get("items", []) if isinstance(entry, Mapping)]


class _Pass:
    """One pull's requests, counting the quota they spend against what the project's channels spent today (the
    ledger the engine gives with the account)."""

    def __init__(self, client: httpx.AsyncClient, account: Account, now: datetime) -> None:
        self.client = client
        self.account = account
        self.day = api.quota_day(now)
        self.meter = api.meter_of(account)
        self.before = account.usage.get((self.meter, self.day), 0)
        self.spent = 0
        self.now = now

    async def get(self, path: str, params: list[tuple[str, str]]) -> Any:
        used = self.before + self.spent
        if used + api.LIST_COST > PULL_BUDGET:
            raise RateLimited(
                api.quota_reset(self.now),
                f"today's YouTube quota for reading is spent ({used:,} units of the project's 10,000): cmdesk keeps "
                "the rest for your replies and moderation, and reads again after midnight Pacific time",
            )
        self.spent += api.LIST_COST
        return await api.request(self.client, self.account, "GET", path, params=params)

    def usage(self) -> tuple[Usage, ...]:
        return (Usage(self.meter, self.day, self.spent),)


class YouTubeConnector:
    network: ClassVar[NetworkId] = Network.YOUTUBE
    capabilities: ClassVar[Capabilities] = registry.capabilities(Network.YOUTUBE)

    async def pull(self, client: httpx.AsyncClient, account: Account, cursor: Cursor) -> Page:
        state = dict(cursor or {})
        me = str(account.settings.get("me") or "")
        if not me:
            raise Permanent("this YouTube account has no channel id; sign in again")
        now = datetime.now(UTC)
        calls = _Pass(client, account, now)
        params = [
            ("part", "snippet,replies"),
            ("allThreadsRelatedToChannelId", me),
            ("maxResults", str(PAGE_SIZE)),
            ("order", "time"),
            ("textFormat", "plainText"),
        ]
        if state.get("next"):
            params.append(("pageToken", str(state["next"])))
        listing = await calls.get("/youtube/v3/commentThreads", params)
        threads = _list(listing, "comment threads")
        watch = {
            str(k): [int(v[0]), str(v[1])]
            for k, v in (state.get("watch") or {}).items()
            if isinstance(v, list) and len(v) == 2 and isinstance(v[0], int)
        }
        items: list[Item] = []
        problems: list[ItemProblem] = []
        counts: dict[str, list[Any]] = {}
        videos: set[str] = set()
        times: list[str] = []
        for thread in threads:
            try:
                video, found = thread_items(thread, me)
                carried = len(found) - 1
                total = reply_count(thread)
            except ITEM_FAILURES as error:
                problems.append(ItemProblem(f"comment thread {thread.get('id', '?')}", item_problem_text(error)))
                continue
            if total > carried and watch.get(found[0].remote_id, [-1])[0] != total:  # the rest, unless seen
                found = found[:1] + await self._replies(calls, found[0].remote_id, video, me, problems)
            items.extend(found)
            times.append(_top_time(thread))
            counts[found[0].remote_id] = [total, max(times[-1], _latest(found))]
            if video:
                videos.add(video)
        first_done = bool(state.get("first_done"))
        if first_done and not state.get("next"):
            items.extend(await self._new_replies(calls, watch, set(counts), me, problems, videos))
        was_held = {str(e[0]): str(e[1]) for e in state.get("held") or [] if isinstance(e, list) and len(e) == 2}
        held, released, gone = await self._held(calls, me, was_held, problems, videos)
        items.extend(held + released)
        known = [str(v) for v in state.get("videos") or [] if isinstance(v, str)]
        items.extend(await self._videos(calls, videos - set(known), problems))
        newest = str(state.get("newest") or "")
        mark = str(state.get("mark") or newest) if state.get("next") else newest
        token = listing.get("nextPageToken") if isinstance(listing, Mapping) else None
        oldest = min(times, default="")
        go_on = bool(token) and (not first_done or (bool(oldest) and oldest > mark))
        run_newest = max([str(state.get("run_newest") or ""), *times])
        newest_first = sorted({**watch, **counts}.items(), key=lambda entry: entry[1][1], reverse=True)
        state.update(
            next=str(token) if go_on else None,
            mark=mark if go_on else None,
            run_newest=run_newest if go_on else None,
            newest=newest if go_on else max(newest, run_newest),
            first_done=first_done or not go_on,
            watch=dict(newest_first[:WATCHED]),
            videos=(sorted(videos - set(known)) + known)[:KNOWN_VIDEOS],
            held=[[item.remote_id, item.thread_key] for item in held][:HELD_KEPT],
        )
        state.pop("quota", None)  # counted per account before the project's ledger (storage/usage.py)
        return Page(
            tuple(items), state, has_more=go_on, problems=tuple(problems), deleted=tuple(gone), usage=calls.usage()
        )

    async def _replies(self, calls: _Pass, top: str, video: str, me: str, problems: list[ItemProblem]) -> list[Item]:
        """Every reply of a thread (the thread resource carries only a few)."""
        found: list[Item] = []
        token = ""
        for _page in range(REPLY_PAGES):
            params = [("part", "snippet"), ("parentId", top), ("maxResults", str(PAGE_SIZE))]
            params.append(("textFormat", "plainText"))
            if token:
                params.append(("pageToken", token))
            listing = await calls.get("/youtube/v3/comments", params)
            for comment in _list(listing, "replies"):
                try:
                    found.append(comment_item(comment, video, me))
                except ITEM_FAILURES as error:
                    problems.append(ItemProblem(f"reply {comment.get('id', '?')}", item_problem_text(error)))
            token = str(listing.get("nextPageToken") or "")
            if not token:
                break
        return found

    async def _new_replies(
        self,
        calls: _Pass,
        watch: dict[str, list[Any]],
        listed: set[str],
        me: str,
        problems: list[ItemProblem],
        videos: set[str],
    ) -> list[Item]:
        """The replies that came under watched threads not on this page since they were last seen."""
        ids = [thread for thread in watch if thread not in listed]
        found: list[Item] = []
        for first in range(0, len(ids), VIDEOS_A_REQUEST):
            chunk = ids[first : first + VIDEOS_A_REQUEST]
            listing = await calls.get("/youtube/v3/commentThreads", [("part", "snippet"), ("id", ",".join(chunk))])
            for thread in _list(listing, "watched comment threads"):
                try:
                    total = reply_count(thread)
                    video, top = thread_items(thread, me)
                except ITEM_FAILURES as error:
                    problems.append(ItemProblem(f"comment thread {thread.get('id', '?')}", item_problem_text(error)))
                    continue
                seen = watch.get(top[0].remote_id, [0, ""])
                if total > seen[0]:
                    replies = await self._replies(calls, top[0].remote_id, video, me, problems)
                    found.extend(replies)
                    watch[top[0].remote_id] = [total, max(str(seen[1]), _latest(replies))]
                    if video:
                        videos.add(video)
        return found

    async def _held(
        self, calls: _Pass, me: str, was_held: dict[str, str], problems: list[ItemProblem], videos: set[str]
    ) -> tuple[list[Item], list[Item], list[str]]:
        """The comments YouTube holds for the channel's review (its moderation queue; top-level comments, as
        commentThreads lists them), those held last pass and since approved (public now: found by id), and those
        since rejected or deleted (not found)."""
        held: list[Item] = []
        token = ""
        for _page in range(HELD_PAGES):
            params = [("part", "snippet,replies"), ("allThreadsRelatedToChannelId", me), ("textFormat", "plainText"),
                      ("moderationStatus", "heldForReview"), ("maxResults", str(PAGE_SIZE))]  # fmt: skip
            if token:
                params.append(("pageToken", token))
            listing = await calls.get("/youtube/v3/commentThreads", params)
            for thread in _list(listing, "comments held for review"):
                try:
                    video, found = thread_items(thread, me)
                except ITEM_FAILURES as error:
                    problems.append(ItemProblem(f"held comment {thread.get('id', '?')}", item_problem_text(error)))
                    continue
                held.extend(replace(item, held=True) for item in found)
                if video:
                    videos.add(video)
            token = str(listing.get("nextPageToken") or "") if isinstance(listing, Mapping) else ""
            if not token:
                break
        still = {item.remote_id for item in held}
        left = [comment for comment in was_held if comment not in still]
        released: list[Item] = []
        for first in range(0, len(left), VIDEOS_A_REQUEST):
            chunk = left[first : first + VIDEOS_A_REQUEST]
            listing = await calls.get("/youtube/v3/comments", [("part", "snippet"), ("id", ",".join(chunk))])
            for comment in _list(listing, "comments"):
                try:
                    found_item = comment_item(comment, was_held.get(str(comment.get("id")), ""), me)
                except ITEM_FAILURES as error:
                    problems.append(ItemProblem(f"comment {comment.get('id', '?')}", item_problem_text(error)))
                    continue
                released.append(found_item)
        public = {item.remote_id for item in released}
        return held, released, [comment for comment in left if comment not in public]

    async def _videos(self, calls: _Pass, ids: Iterable[str], problems: list[ItemProblem]) -> list[Item]:
        wanted = sorted(ids)
        roots: list[Item] = []
        for first in range(0, len(wanted), VIDEOS_A_REQUEST):
            chunk = wanted[first : first + VIDEOS_A_REQUEST]
            listing = await calls.get("/youtube/v3/videos", [("part", "snippet"), ("id", ",".join(chunk))])
            for video in _list(listing, "videos"):
                try:
                    roots.append(video_item(video, str(calls.account.name)))
                except ITEM_FAILURES as error:
                    problems.append(ItemProblem(f"video {video.get('id', '?')}", item_problem_text(error)))
        return roots

    async def renew(self, client: httpx.AsyncClient, account: Account, now: datetime) -> Secret | None:
        """A fresh access token (Google's last an hour) when the saved one is within minutes of its end."""
        if account.secret is None:
            return None
        tokens = oauth.Tokens.from_secret(account.secret)
        if not tokens.due(now):
            return None
        return (await oauth.refresh(client, tokens, now)).to_secret()

    async def perform(self, client: httpx.AsyncClient, account: Account, action: Action) -> RemoteRef:
        act = action.act
        if isinstance(act, Reply):
            body = {"snippet": {"parentId": top_level_id(act.target), "textOriginal": act.text}}
            made = await api.request(client, account, "POST", "/youtube/v3/comments", params=[("part", "snippet")],
                                     body=body)  # fmt: skip
            if not isinstance(made, Mapping):
                raise BadPayload("the reply was sent, but YouTube's answer is not a comment")
            item = comment_item(made, act.thread_key, str(account.settings.get("me") or ""))
            return RemoteRef(item.remote_id, item.url, item, usage=_write_cost(account))
        if isinstance(act, Approve | Hide):
            status = "published" if isinstance(act, Approve) else "rejected"
            params = [("id", act.target), ("moderationStatus", status)]
            if isinstance(act, Hide) and act.ban_author:
                params.append(("banAuthor", "true"))  # only with "rejected", as the reference says
            await api.request(client, account, "POST", "/youtube/v3/comments/setModerationStatus", params=params)
            return RemoteRef(act.target, usage=_write_cost(account))
        if isinstance(act, Delete):
            await api.request(client, account, "DELETE", "/youtube/v3/comments", params=[("id", act.target)],
                              allow_missing=True)  # fmt: skip
            return RemoteRef(act.target, usage=_write_cost(account))
        raise Permanent(f"YouTube accounts cannot do this from cmdesk ({action.kind})")

    async def find_sent(
        self, client: httpx.AsyncClient, account: Account, action: Action, since: datetime
    ) -> RemoteRef | None:
        """A reply is looked for among its thread's replies (YouTube keeps no idempotency key): the channel's own,
        with the same text, since the first attempt. Moderation and deletion are safe to do again."""
        act = action.act
        if not isinstance(act, Reply):
            return None
        me = str(account.settings.get("me") or "")
        token = ""
        for _page in range(FIND_SENT_PAGES):
            params = [("part", "snippet"), ("parentId", top_level_id(act.target)), ("maxResults", str(PAGE_SIZE)),
                      ("textFormat", "plainText")]  # fmt: skip
            if token:
                params.append(("pageToken", token))
            listing = await api.request(client, account, "GET", "/youtube/v3/comments", params=params)
            for comment in _list(listing, "replies"):
                item = comment_item(comment, act.thread_key, me)
                if (
                    item.direction.value == "out"
                    and item.text.strip() == act.text.strip()
                    and (item.created_at is None or item.created_at >= since - timedelta(minutes=5))
                ):
                    return RemoteRef(item.remote_id, item.url, item)
            token = str(listing.get("nextPageToken") or "") if isinstance(listing, Mapping) else ""
            if not token:
                return None
        raise Permanent("cannot tell whether the reply went out: its thread has too many replies to look through")


def _write_cost(account: Account) -> tuple[Usage, ...]:
    return (Usage(api.meter_of(account), api.quota_day(datetime.now(UTC)), api.WRITE_COST),)


def _latest(items: Iterable[Item]) -> str:
    """The newest of these comments' times, written as YouTube writes `publishedAt` ("" for none)."""
    return max((item.created_at.strftime("%Y-%m-%dT%H:%M:%SZ") for item in items if item.created_at), default="")


def _top_time(thread: Mapping[str, Any]) -> str:
    snippet = thread.get("snippet")
    top = snippet.get("topLevelComment") if isinstance(snippet, Mapping) else None
    top_snippet = top.get("snippet") if isinstance(top, Mapping) else None
    value = top_snippet.get("publishedAt") if isinstance(top_snippet, Mapping) else None
    return str(value) if isinstance(value, str) else ""


__all__ = ["YouTubeConnector"]
