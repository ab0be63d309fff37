"""Dailymotion's video objects as cmdesk sees them: each video of the channel the root of a conversation of its own
(read-only: Dailymotion's API lists no comments), its views and likes as the day's measures."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from cmdesk.connectors.dailymotion.api import SITE
from cmdesk.domain import Attachment, Author, Item, Kind, Measure

VIDEO_FIELDS = "id,title,description,created_time,url,views_total,likes_total,duration,thumbnail_360_url,owner.screenname,owner.username"  # noqa: E501
DESCRIPTION_KEPT = 5_000


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def video_id(video: Mapping[str, Any]) -> str:
    found = _text(video.get("id"))
    if not found:
        raise ValueError("a video without an id")
    return found


def video_item(video: Mapping[str, Any], channel: str) -> Item:
    """A video as its conversation's root: what it is called, says and links to, when it was published."""
    remote_id = video_id(video)
    created = video.get("created_time")
    if not isinstance(created, int) or isinstance(created, bool):
        raise ValueError(f"video {remote_id}: created_time is not a Unix time")
    title = _text(video.get("title")) or remote_id
    screenname = _text(video.get("owner.screenname")) or channel
    username = _text(video.get("owner.username")) or channel
    thumbnail = _text(video.get("thumbnail_360_url"))
    url = _text(video.get("url")) or f"{SITE}/video/{remote_id}"
    return Item(
        remote_id=remote_id,
        thread_key=remote_id,
        kind=Kind.FEED,
        text=_text(video.get("description"))[:DESCRIPTION_KEPT],
        title=title,
        thread_title=title,
        url=url,
        author=Author(name=screenname, handle=username, url=f"{SITE}/{username}"),
        created_at=datetime.fromtimestamp(created, UTC),
        attachments=(Attachment(thumbnail, "image", "", None, role="thumbnail"),)
        if thumbnail.startswith("https://")
        else (),
    )


def video_measures(video: Mapping[str, Any]) -> tuple[Measure, ...]:
    """Its views and likes, where Dailymotion gives them."""
    remote_id = video_id(video)
    found = (("view", _count(video.get("views_total"))), ("like", _count(video.get("likes_total"))))
    return tuple(Measure(remote_id, metric, value) for metric, value in found if value is not None)


__all__ = ["VIDEO_FIELDS", "video_id", "video_item", "video_measures"]
