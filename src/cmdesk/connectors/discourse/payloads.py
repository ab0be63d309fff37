"""A Discourse forum's notifications and posts as cmdesk sees them (the API's notification and post objects): a topic
is a conversation (`thread_key` its id), a post a message (`{topic id}/{post number}`, the number it keeps in its
topic), under the post it answers (`reply_to_post_number`, else the topic's first post). A private message's topic is
a direct conversation; a like is an activity on the user's post."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cmdesk.connectors.htmltext import sanitize, text_of_sanitized
from cmdesk.domain import Activity, Author, Direction, Item, Kind

MENTIONED, REPLIED, QUOTED, LIKED, PRIVATE_MESSAGE, INVITED_TO_PM, POSTED = 1, 2, 3, 5, 6, 7, 9
GROUP_MENTIONED, WATCHING_FIRST_POST, LIKED_CONSOLIDATED, WATCHING_CATEGORY_OR_TAG = 15, 17, 19, 36
KINDS = {
    MENTIONED: Kind.MENTION,
    GROUP_MENTIONED: Kind.MENTION,
    QUOTED: Kind.MENTION,
    REPLIED: Kind.COMMENT,
    POSTED: Kind.COMMENT,
    WATCHING_FIRST_POST: Kind.COMMENT,
    WATCHING_CATEGORY_OR_TAG: Kind.COMMENT,
    PRIVATE_MESSAGE: Kind.MESSAGE,
    INVITED_TO_PM: Kind.MESSAGE,
}
"""The notifications that bring a post to answer, and the kind of conversation each makes."""


@dataclass(frozen=True, slots=True)
class Notified:
    """A notification that brings a post: where the post is, and what it says of its topic."""

    notification: int
    kind: Kind
    topic: int
    number: int
    post_id: int
    topic_title: str
    slug: str
    replied: bool = False
    """It answers one of the user's posts (whose text the thread shows above it)."""


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _id(value: Any, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise ValueError(f"{what} is not an id: {value!r}")
    return value


def when(value: Any) -> datetime:
    text = _text(value)
    if not text:
        raise ValueError("no created_at")
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def post_ref(topic: int, number: int) -> str:
    return f"{topic}/{number}"


def parse_ref(remote_id: str) -> tuple[int, int]:
    """(topic, post number) of a message's remote id; (topic, 0) for a topic's."""
    topic, _, number = remote_id.partition("/")
    if not topic.isdigit() or (number and not number.isdigit()):
        raise ValueError(f"not a Discourse post: {remote_id!r}")
    return int(topic), int(number or 0)


def notified(notification: Mapping[str, Any]) -> Notified | None:
    """The post a notification brings; None for one that brings none (a badge, a like…)."""
    kind_number = notification.get("notification_type")
    kind = KINDS.get(kind_number) if isinstance(kind_number, int) else None
    if kind is None:
        return None
    data = notification.get("data") if isinstance(notification.get("data"), Mapping) else {}
    post_id = data.get("original_post_id") if isinstance(data, Mapping) else None
    return Notified(
        _id(notification.get("id"), "the notification's id"),
        kind,
        _id(notification.get("topic_id"), "its topic"),
        _id(notification.get("post_number"), "its post number"),
        post_id if isinstance(post_id, int) and not isinstance(post_id, bool) else 0,
        _text(data.get("topic_title")) if isinstance(data, Mapping) else "",
        _text(notification.get("slug")),
        notification.get("notification_type") == REPLIED,
    )


def like(notification: Mapping[str, Any]) -> Activity | None:
    """A like of the user's post, as an activity on it."""
    if notification.get("notification_type") not in (LIKED, LIKED_CONSOLIDATED):
        return None
    data = notification.get("data") if isinstance(notification.get("data"), Mapping) else {}
    who = _text(data.get("display_username") or data.get("username")) if isinstance(data, Mapping) else ""
    topic, number = notification.get("topic_id"), notification.get("post_number")
    if not isinstance(topic, int) or not isinstance(number, int):
        return None
    return Activity(f"notification-{_id(notification.get('id'), 'its id')}", "favourite", Author(name=who, handle=who),
                    post_ref(topic, number), when(notification.get("created_at")))  # fmt: skip


def post_item(post: Mapping[str, Any], origin: str, kind: Kind, topic_title: str, me: str) -> Item:
    """A post as a message of its topic's conversation."""
    topic = _id(post.get("topic_id"), "the post's topic")
    number = _id(post.get("post_number"), "the post's number")
    username = _text(post.get("username"))
    if not username:
        raise ValueError("a post without its author")
    replied = post.get("reply_to_post_number")
    parent = post_ref(topic, replied) if isinstance(replied, int) and replied > 0 else ""
    html = sanitize(_text(post.get("cooked")))
    slug = _text(post.get("topic_slug")) or "-"
    author = Author(name=_text(post.get("name")) or username, handle=f"@{username}", url=f"{origin}/u/{username}")
    return Item(remote_id=post_ref(topic, number), thread_key=str(topic), kind=kind, text=text_of_sanitized(html),
                html=html, thread_title=topic_title, url=f"{origin}/t/{slug}/{topic}/{number}", author=author,
                created_at=when(post.get("created_at")),
                parent_remote_id=parent or (post_ref(topic, 1) if number > 1 else ""),
                direction=Direction.OUTBOUND if username.lower() == me.lower() else Direction.INBOUND)  # fmt: skip


__all__ = ["KINDS", "Notified", "like", "notified", "parse_ref", "post_item", "post_ref", "when"]
