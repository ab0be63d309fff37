"""YouTube's resources as cmdesk items: each video is a conversation's root (its title and link; the channel's own
upload, so outbound), each comment thread's top-level comment and replies are comments under it, threaded by
`parentId`. A comment by the channel itself (an answer from YouTube Studio, or from cmdesk) is outbound.

Resources as the reference documents them (https://developers.google.com/youtube/v3/docs/comments,
…/commentThreads, …/videos); ids are YouTube's own (a reply's id is its top-level comment's id, a dot, and its
own part)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from cmdesk.domain import Author, Direction, Item, Kind

WATCH = "https://www.youtube.com/watch?v="


class ResourceError(ValueError):
    """A resource without what an item needs (an id, a snippet)."""


def _snippet(resource: Mapping[str, Any]) -> Mapping[str, Any]:
    snippet = resource.get("snippet")
    if not isinstance(snippet, Mapping):
        raise ResourceError(f"{resource.get('kind', 'resource')} {resource.get('id', '?')} has no snippet")
    return snippet


def _time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def top_level_id(comment_id: str) -> str:
    """The top-level comment a comment belongs to: itself, or the part of a reply's id before its dot."""
    return comment_id.split(".", 1)[0]


def comment_url(video_id: str, comment_id: str) -> str:
    return f"{WATCH}{video_id}&lc={comment_id}" if video_id else ""


def comment_item(comment: Mapping[str, Any], video_id: str, me: str) -> Item:
    """A `youtube#comment` as an item of the video's conversation (a reply's parent is its top-level comment)."""
    comment_id = str(comment.get("id") or "")
    if not comment_id:
        raise ResourceError("a comment without an id")
    snippet = _snippet(comment)
    channel = snippet.get("authorChannelId")
    author_channel = str(channel.get("value", "")) if isinstance(channel, Mapping) else ""
    text = snippet.get("textOriginal") or snippet.get("textDisplay") or ""
    parent = str(snippet.get("parentId") or "")
    thread = video_id or str(snippet.get("channelId") or top_level_id(comment_id))
    return Item(
        remote_id=comment_id,
        thread_key=thread,
        kind=Kind.COMMENT,
        text=str(text),
        url=comment_url(video_id, comment_id),
        author=Author(
            name=str(snippet.get("authorDisplayName") or ""),
            handle=author_channel,
            url=str(snippet.get("authorChannelUrl") or ""),
        ),
        created_at=_time(snippet.get("publishedAt")),
        updated_at=_time(snippet.get("updatedAt")),
        parent_remote_id=parent or thread,
        direction=Direction.OUTBOUND if me and author_channel == me else Direction.INBOUND,
    )


def thread_items(thread: Mapping[str, Any], me: str) -> tuple[str, list[Item]]:
    """A `youtube#commentThread`: (its video's id, its top-level comment and the replies it carries)."""
    snippet = _snippet(thread)
    video_id = str(snippet.get("videoId") or "")
    top = snippet.get("topLevelComment")
    if not isinstance(top, Mapping):
        raise ResourceError(f"comment thread {thread.get('id', '?')} has no top-level comment")
    items = [comment_item(top, video_id, me)]
    replies = thread.get("replies")
    for reply in replies.get("comments", []) if isinstance(replies, Mapping) else []:
        if isinstance(reply, Mapping):
            items.append(comment_item(reply, video_id, me))
    return video_id, items


def reply_count(thread: Mapping[str, Any]) -> int:
    """How many replies YouTube says the thread has (it carries only some of them)."""
    count = _snippet(thread).get("totalReplyCount")
    return int(count) if isinstance(count, int) and count >= 0 else 0


def video_item(video: Mapping[str, Any], channel_title: str) -> Item:
    """A `youtube#video` as its conversation's root: what people comment on, published by the channel."""
    video_id = str(video.get("id") or "")
    if not video_id:
        raise ResourceError("a video without an id")
    snippet = _snippet(video)
    title = str(snippet.get("title") or video_id)
    return Item(
        remote_id=video_id,
        thread_key=video_id,
        kind=Kind.COMMENT,
        text=str(snippet.get("description") or "")[:2000],
        title=title,
        thread_title=title,
        url=WATCH + video_id,
        author=Author(name=str(snippet.get("channelTitle") or channel_title), handle=str(snippet.get("channelId", ""))),
        created_at=_time(snippet.get("publishedAt")),
        direction=Direction.OUTBOUND,
    )


__all__ = ["ResourceError", "comment_item", "reply_count", "thread_items", "top_level_id", "video_item"]
