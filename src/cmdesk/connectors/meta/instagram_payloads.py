"""An Instagram professional account's Graph objects as cmdesk items (Instagram API with Facebook Login): each of
its media is a conversation's root (its caption and link; the account's own, so outbound), the comments under it and
their replies (one level: `parent_id`) are comments; a media where someone tagged the account is a mention. What the
account itself wrote is outbound. Objects as the reference documents them (IG Media, IG Comment, IG User tags)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cmdesk.connectors.meta.facebook_payloads import ObjectError
from cmdesk.connectors.meta.graph import graph_time
from cmdesk.domain import Author, Direction, Item, Kind

SITE = "https://www.instagram.com"
COMMENT_FIELDS = "id,text,timestamp,username,from{id,username},hidden,parent_id"
COMMENTS_FIELDS = f"{COMMENT_FIELDS},replies{{{COMMENT_FIELDS}}}"
MEDIA_FIELDS = "id,caption,media_type,permalink,timestamp,username,comments_count"
TAG_FIELDS = "id,caption,media_type,permalink,timestamp,username"


def _id(entry: Mapping[str, Any], what: str) -> str:
    value = entry.get("id")
    if not isinstance(value, str | int) or not str(value):
        raise ObjectError(f"an Instagram {what} without an id")
    return str(value)


def _title(caption: str, fallback: str) -> str:
    return " ".join(caption.split())[:120] or fallback


def media_item(media: Mapping[str, Any], me: str, username: str) -> Item:
    """The account's media as its conversation's root."""
    media_id = _id(media, "media")
    caption = str(media.get("caption") or "")
    title = _title(caption, str(media.get("media_type") or "Instagram").lower().replace("_", " "))
    return Item(
        remote_id=media_id,
        thread_key=media_id,
        kind=Kind.COMMENT,
        text=caption,
        title=title,
        thread_title=title,
        url=str(media.get("permalink") or ""),
        author=Author(name=str(media.get("username") or username), handle=me),
        created_at=graph_time(media.get("timestamp")),
        direction=Direction.OUTBOUND,
    )


def comment_item(comment: Mapping[str, Any], media_id: str, me: str) -> Item:
    """A comment under a media, or a reply (its parent: the top-level comment)."""
    who = comment.get("from")
    person = who if isinstance(who, Mapping) else {}
    username = str(person.get("username") or comment.get("username") or "")
    author_id = str(person.get("id") or "")
    parent = str(comment.get("parent_id") or "")
    return Item(
        remote_id=_id(comment, "comment"),
        thread_key=media_id,
        kind=Kind.COMMENT,
        text=str(comment.get("text") or ""),
        url="",
        author=Author(name=username, handle=author_id or username, url=f"{SITE}/{username}/" if username else ""),
        created_at=graph_time(comment.get("timestamp")),
        parent_remote_id=parent or media_id,
        direction=Direction.OUTBOUND if me and author_id == me else Direction.INBOUND,
    )


def comments_with_replies(comment: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """A top-level comment and the replies Graph carried with it (`replies{…}`)."""
    replies = comment.get("replies")
    carried = replies.get("data") if isinstance(replies, Mapping) else None
    return [comment, *[reply for reply in carried or [] if isinstance(reply, Mapping)]]


def tag_item(media: Mapping[str, Any]) -> Item:
    """A media where someone tagged the account: a mention, its own conversation."""
    media_id = _id(media, "media")
    caption = str(media.get("caption") or "")
    username = str(media.get("username") or "")
    return Item(
        remote_id=media_id,
        thread_key=media_id,
        kind=Kind.MENTION,
        text=caption,
        title=_title(caption, username),
        url=str(media.get("permalink") or ""),
        author=Author(name=username, handle=username, url=f"{SITE}/{username}/" if username else ""),
        created_at=graph_time(media.get("timestamp")),
    )


def comments_count(media: Mapping[str, Any]) -> int:
    value = media.get("comments_count")
    return int(value) if isinstance(value, int) and value >= 0 else -1


__all__ = [
    "COMMENTS_FIELDS",
    "COMMENT_FIELDS",
    "MEDIA_FIELDS",
    "TAG_FIELDS",
    "comment_item",
    "comments_count",
    "comments_with_replies",
    "media_item",
    "tag_item",
]
