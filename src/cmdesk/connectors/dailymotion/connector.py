"""The Dailymotion connector: a channel's videos through the Platform API (`/user/{id}/videos`, newest first), each
the root of a read-only conversation, with its views and likes kept as the day's figures.

What Dailymotion's API offers today, read in its reference (v0 "legacy" and v2, 2026): videos, playlists and users
with their statistics (`views_total`, `likes_total`, `followers_total`…), no comments — the `comment` object and
the `/video/{id}/comments` connection of the old Data API are gone from both references. Nothing can be answered
from cmdesk: the thread says so and links to the video.

Account: `address` is the channel's page, `settings["me"]` its user id, `settings["api_base"]` the API origin. No
secret: public data. Cursor (opaque to the engine, stored with each page):
    {"page": the next page of a sweep under way, "swept": the UTC day the last sweep ended,
     "newest": the newest video's Unix time stored}
A sweep walks every page (up to MAX_PAGES) once a day, to read every video's figures and reach back to the first
video on the first pull; between sweeps, each pull reads the first page: new videos and the newest ones' figures.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, ClassVar

import httpx

from cmdesk.connectors import registry
from cmdesk.connectors.base import ITEM_FAILURES, BadPayload, ChannelFound, Permanent, ReadOnly, item_problem_text
from cmdesk.connectors.dailymotion import api
from cmdesk.connectors.dailymotion.payloads import VIDEO_FIELDS, video_item, video_measures
from cmdesk.domain import (
    Account,
    Capabilities,
    Cursor,
    Item,
    ItemProblem,
    Measure,
    Network,
    NetworkId,
    Page,
)

PAGE_SIZE = 100
"""The most `limit` Dailymotion allows."""
MAX_PAGES = 100
"""10,000 videos: a sweep stops there (the API's own paging ends near it)."""


def _videos(answer: Any) -> tuple[list[Mapping[str, Any]], bool]:
    if not isinstance(answer, Mapping) or not isinstance(answer.get("list"), list):
        raise BadPayload("GET /user/…/videos: unexpected answer (expected a list of videos)")
    return [video for video in answer["list"] if isinstance(video, Mapping)], answer.get("has_more") is True


class DailymotionConnector(ReadOnly):
    network: ClassVar[NetworkId] = Network.DAILYMOTION
    capabilities: ClassVar[Capabilities] = registry.capabilities(Network.DAILYMOTION)

    async def pull(self, client: httpx.AsyncClient, account: Account, cursor: Cursor) -> Page:
        state: dict[str, Any] = dict(cursor or {})
        me = str(account.settings.get("me") or "")
        if not me:
            raise Permanent("this Dailymotion source has no channel id: remove it and add the channel again")
        today = datetime.now(UTC).date().isoformat()
        sweeping = bool(state.get("page")) or state.get("swept") != today
        page_number = int(state.get("page") or 1)
        params = [("fields", VIDEO_FIELDS), ("sort", "recent"), ("limit", str(PAGE_SIZE)), ("page", str(page_number))]
        videos, has_more = _videos(await api.request(client, api.base_of(account), f"/user/{me}/videos", params))
        first_sweep = "swept" not in state
        newest = int(state.get("newest") or 0)
        items: list[Item] = []
        measures: list[Measure] = []
        problems: list[ItemProblem] = []
        for video in videos:
            try:
                item = video_item(video, account.name)
                measures.extend(video_measures(video))
            except ITEM_FAILURES as error:
                where = str(video.get("id") or "a video")
                problems.append(ItemProblem(where, item_problem_text(error)))
                continue
            stamp = int(item.created_at.timestamp()) if item.created_at else 0
            if first_sweep or stamp > newest:
                items.append(item)
            state["newest"] = max(int(state.get("newest") or 0), stamp)
        more = sweeping and has_more and page_number < MAX_PAGES
        if sweeping:
            state["page"] = page_number + 1 if more else None
            if not more:
                state["swept"] = today
        return Page(tuple(items), state, has_more=more, problems=tuple(problems), measures=tuple(measures))

    async def check_channel(self, client: httpx.AsyncClient, address: str, api_base: str | None) -> ChannelFound:
        base = api.api_base(api_base) if api_base else api.ORIGIN
        name = api.channel_name(address)
        if name is None:
            raise Permanent(f"{address} is not a Dailymotion channel's address")
        channel = await api.identify(client, base, name)
        settings = {"me": channel.user_id, "handle": channel.name, "api_base": base}
        return ChannelFound(channel.url, channel.screenname, settings, channel.videos, channel.followers)


__all__ = ["MAX_PAGES", "PAGE_SIZE", "DailymotionConnector"]
