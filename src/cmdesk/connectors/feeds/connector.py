"""The feed connector: pull = conditional GET of the feed (and of changed comment feeds), parse off the event loop.

Cursor (opaque to the engine, stored with each page):
    {"url": where the feed now lives (after permanent redirects), "etag": …, "last_modified": …,
     "comments": {post id: {"url": …, "etag": …, "last_modified": …, "count": announced comment count}}}
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, ClassVar

import httpx

from cmdesk.connectors import registry
from cmdesk.connectors.base import (
    ITEM_FAILURES,
    BadPayload,
    ConnectorError,
    Permanent,
    ReadOnly,
    Transient,
    item_problem_text,
)
from cmdesk.connectors.child_processes import PARSER_MEMORY, start_parser_process
from cmdesk.connectors.feeds.discovery import FeedLink
from cmdesk.connectors.feeds.fetch import MAX_BODY_BYTES, Fetched, fetch
from cmdesk.connectors.feeds.parse import CommentFeed, ParsedFeed, Thread, parse_feed
from cmdesk.connectors.idle_pools import IdlePool
from cmdesk.domain import Account, Capabilities, Cursor, Item, ItemProblem, Network, NetworkId, Page

COMMENT_FEEDS_PER_PULL = 10
"""At most this many comment feeds are fetched per pull (newest posts first), to stay polite to small blogs."""


def _parser_processes() -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=2,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=start_parser_process,
        initargs=(os.getpid(),),
    )


_shared_pool = IdlePool(_parser_processes)
"""The parser processes, started by the first parse ("spawn": safe in a process that runs Qt or threads) and
stopped when a minute has passed without one (connectors/idle_pools.py)."""


def parser_pool() -> Executor:
    """The process pool for parsing."""
    return _shared_pool


class NotAFeed(Permanent):
    """The address is an HTML page; `candidates` are the feeds it advertises (autodiscovery)."""

    def __init__(self, reason: str, candidates: tuple[FeedLink, ...]) -> None:
        super().__init__(reason)
        self.candidates = candidates


@dataclass(frozen=True, slots=True)
class Discovered:
    url: str
    title: str


class FeedConnector(ReadOnly):
    network: ClassVar[NetworkId] = Network.FEED
    capabilities: ClassVar[Capabilities] = registry.capabilities(Network.FEED)

    def __init__(self, executor: Executor | None = None, *, max_body: int = MAX_BODY_BYTES) -> None:
        self._executor = executor
        self._max_body = max_body

    async def _parse(self, fetched: Fetched, thread: Thread | None = None) -> ParsedFeed:
        loop = asyncio.get_running_loop()
        executor = self._executor or parser_pool()
        call: Callable[..., ParsedFeed] = parse_feed
        try:
            return await loop.run_in_executor(executor, call, fetched.body, fetched.headers, fetched.url, thread)
        except BrokenProcessPool:
            if executor is _shared_pool:
                _shared_pool.discard()  # a worker was killed: the next parse starts fresh processes
            raise Transient("the feed parser process stopped unexpectedly; will retry") from None
        except ITEM_FAILURES as error:  # the parser met something it could not read as a whole document
            raise BadPayload(f"{fetched.url} could not be read: {item_problem_text(error)}") from None
        except MemoryError:
            raise BadPayload(
                f"{fetched.url} needed more than {PARSER_MEMORY // (1024 * 1024)} MB to read; cmdesk stopped reading it"
            ) from None

    async def pull(self, client: httpx.AsyncClient, account: Account, cursor: Cursor) -> Page:
        url = str(cursor.get("url") or account.address)
        fetched = await fetch(
            client, url, etag=cursor.get("etag"), last_modified=cursor.get("last_modified"), limit=self._max_body
        )
        new_cursor: dict[str, Any] = dict(cursor)
        new_cursor["url"] = fetched.permanent_url or url
        comments_state: dict[str, Any] = dict(cursor.get("comments") or {})
        items: list[Item] = []
        problems: list[ItemProblem] = []
        if fetched.not_modified:
            wanted = [
                CommentFeed(post_id, state.get("title", ""), state["url"], None)
                for post_id, state in comments_state.items()
                if state.get("count") is None and state.get("url")
            ]
        else:
            parsed = await self._parse(fetched)
            if parsed.fatal:
                if parsed.is_html:
                    raise NotAFeed(parsed.fatal, parsed.alternates)
                raise BadPayload(parsed.fatal)
            items.extend(parsed.items)
            problems.extend(parsed.problems)
            new_cursor["etag"] = fetched.headers.get("etag")
            new_cursor["last_modified"] = fetched.headers.get("last-modified")
            new_cursor["title"] = parsed.title
            wanted = _comment_feeds_to_check(parsed.comment_feeds, comments_state)
            present = {feed.post_id for feed in parsed.comment_feeds}
            comments_state = {key: value for key, value in comments_state.items() if key in present}
        for feed in wanted[:COMMENT_FEEDS_PER_PULL]:
            state = dict(comments_state.get(feed.post_id) or {})
            try:
                comment_page = await fetch(
                    client,
                    feed.url,
                    etag=state.get("etag") if state.get("url") == feed.url else None,
                    last_modified=state.get("last_modified") if state.get("url") == feed.url else None,
                    limit=self._max_body,
                )
                if not comment_page.not_modified:
                    parsed_comments = await self._parse(comment_page, Thread(feed.post_id, feed.post_title))
                    if parsed_comments.fatal:
                        raise BadPayload(parsed_comments.fatal)
                    items.extend(parsed_comments.items)
                    problems.extend(parsed_comments.problems)
                    state["etag"] = comment_page.headers.get("etag")
                    state["last_modified"] = comment_page.headers.get("last-modified")
            except ConnectorError as error:
                problems.append(ItemProblem(f"comments of {feed.post_title or feed.post_id}", str(error)))
                continue
            state.update(url=feed.url, count=feed.count, title=feed.post_title)
            comments_state[feed.post_id] = state
        new_cursor["comments"] = comments_state
        return Page(items=tuple(items), cursor=new_cursor, problems=tuple(problems), not_modified=fetched.not_modified)

    async def discover(self, client: httpx.AsyncClient, url: str) -> Discovered:
        """Check an address before adding it: a feed → its URL and title; an HTML page → NotAFeed with candidates."""
        fetched = await fetch(client, url, limit=self._max_body)
        parsed = await self._parse(fetched)
        if parsed.fatal:
            if parsed.is_html:
                raise NotAFeed(parsed.fatal, parsed.alternates)
            raise BadPayload(parsed.fatal)
        return Discovered(fetched.permanent_url or url, parsed.title)


def _comment_feeds_to_check(feeds: tuple[CommentFeed, ...], state: dict[str, Any]) -> list[CommentFeed]:
    """Comment feeds whose announced count changed, then those with no count (feed order, newest first)."""
    changed = [
        f for f in feeds if f.count is not None and f.count > 0 and (state.get(f.post_id) or {}).get("count") != f.count
    ]
    unknown = [f for f in feeds if f.count is None]
    return changed + unknown


async def discover(client: httpx.AsyncClient, url: str, executor: Executor | None = None) -> Discovered:
    return await FeedConnector(executor).discover(client, url)
