"""Bluesky's views (app.bsky.notification.listNotifications, app.bsky.feed.getPosts) as cmdesk sees them: a mention,
a reply or a quote is a message of the conversation of its thread's root post; a like, a repost or a follow is
activity on the account's posts, counted, never a conversation."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from cmdesk.domain import Activity, Author, Direction, Item, Kind

APP = "https://bsky.app"
CONVERSING = ("mention", "reply", "quote")
ACTIVITY = {"like": "favourite", "repost": "boost", "follow": "follow"}


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def when(value: Any) -> datetime | None:
    text = _text(value)
    if not text:
        return None
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError(f"a time without its zone: {text!r}")
    return moment


def rkey(uri: str) -> str:
    return uri.rsplit("/", 1)[-1]


def post_url(handle_or_did: str, uri: str) -> str:
    return f"{APP}/profile/{handle_or_did}/post/{rkey(uri)}"


def author_of(view: Mapping[str, Any]) -> Author:
    handle = _text(view.get("handle")) or _text(view.get("did"))
    return Author(name=_text(view.get("displayName")) or handle, handle=f"@{handle}", url=f"{APP}/profile/{handle}")


def thread_of(record: Mapping[str, Any], uri: str) -> tuple[str, str]:
    """(root uri, parent uri) of a post record: its own uri and "" for a post that answers none."""
    reply = _map(record.get("reply"))
    root = _text(_map(reply.get("root")).get("uri"))
    parent = _text(_map(reply.get("parent")).get("uri"))
    return (root or uri), parent


def post_item(uri: str, author: Mapping[str, Any], record: Mapping[str, Any], me: str, kind: Kind) -> Item:
    if not uri.startswith("at://"):
        raise ValueError(f"not a record address: {uri!r}")
    root, parent = thread_of(record, uri)
    who = author_of(author)
    mine = _text(author.get("did")) == me
    return Item(
        remote_id=uri,
        thread_key=root,
        kind=kind,
        text=_text(record.get("text")),
        url=post_url(who.handle.lstrip("@"), uri),
        author=who,
        created_at=when(record.get("createdAt")),
        parent_remote_id=parent,
        direction=Direction.OUTBOUND if mine else Direction.INBOUND,
    )


def notification_item(notification: Mapping[str, Any], me: str) -> Item:
    return post_item(_text(notification.get("uri")), _map(notification.get("author")),
                     _map(notification.get("record")), me, Kind.MENTION)  # fmt: skip


def notification_activity(notification: Mapping[str, Any]) -> Activity:
    reason = _text(notification.get("reason"))
    return Activity(
        remote_id=_text(notification.get("uri")),
        kind=ACTIVITY[reason],
        actor=author_of(_map(notification.get("author"))),
        target_remote_id=_text(notification.get("reasonSubject")),
        created_at=when(notification.get("indexedAt")),
    )


def view_item(post: Mapping[str, Any], me: str) -> Item:
    """A post view (getPosts) as context of a thread: the post answered, the thread's root."""
    return post_item(_text(post.get("uri")), _map(post.get("author")), _map(post.get("record")), me, Kind.MENTION)


__all__ = ["ACTIVITY", "CONVERSING", "notification_activity", "notification_item", "post_url", "rkey", "view_item",
           "when"]  # fmt: skip
