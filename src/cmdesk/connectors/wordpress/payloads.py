"""A WordPress site's comments and posts as cmdesk sees them (the REST API's comment and post objects): a post is
its conversation's root, its comments the messages under it, a reply under the comment it answers (`parent`).

Ids are those a feed reader gives the same things, so that the blog's feed source becomes this account without a
duplicate conversation (services/sources.upgrade): a post is its `guid`, a comment `{post guid}#comment-{id}` (what
WordPress's comment feeds call `get_comment_guid`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from cmdesk.connectors.htmltext import sanitize, text_of_sanitized, to_text
from cmdesk.domain import Author, Direction, Item, Kind

COMMENT_SUFFIX = re.compile(r"#comment-(\d+)$")
POST_QUERY = re.compile(r"[?&](?:p|page_id)=(\d+)(?:&|$)")
MAX_ROOT_TEXT = 4_000
"""A post's text kept on its conversation's root: what the comments are about, not the whole article."""
HELD = "hold"


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _rendered(value: Any) -> str:
    return _text(value.get("rendered")) if isinstance(value, Mapping) else _text(value)


def _number(value: Any, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"{what} is not an id: {value!r}")
    return value


def when(value: Any) -> datetime:
    """A `date_gmt` ("2026-12-01T09:30:00", UTC without its zone)."""
    text = _text(value)
    if not text:
        raise ValueError("no date_gmt")
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def comment_id(remote_id: str) -> int | None:
    """The comment's number in a comment's remote id; None for a post's."""
    found = COMMENT_SUFFIX.search(remote_id)
    return int(found.group(1)) if found else None


def post_id_in(guid: str) -> int | None:
    """The post's number when its guid says it (`?p=123`, `?page_id=7`, as WordPress writes most guids)."""
    found = POST_QUERY.search(guid)
    return int(found.group(1)) if found else None


def comment_remote_id(post_guid: str, comment: int) -> str:
    return f"{post_guid}#comment-{comment}"


def fallback_guid(home: str, post: int) -> str:
    """The guid of a post the API would not show (a private post, a custom type): WordPress's own default form."""
    return f"{home.rstrip('/')}/?p={post}"


def post_item(post: Mapping[str, Any], site_name: str) -> tuple[int, Item]:
    """A post (or page) as its conversation's root, published by the site."""
    number = _number(post.get("id"), "the post's id")
    guid = _rendered(post.get("guid")) or _text(post.get("link"))
    if not guid:
        raise ValueError("a post without its guid or link")
    title = to_text(_rendered(post.get("title"))) or f"#{number}"
    body = _rendered(post.get("excerpt")) or _rendered(post.get("content"))
    html = sanitize(body)
    text = text_of_sanitized(html)[:MAX_ROOT_TEXT]
    html = html if len(html) <= MAX_ROOT_TEXT else ""  # a long article: its text, cut, rather than cut markup
    item = Item(remote_id=guid, thread_key=guid, kind=Kind.FEED, text=text, html=html,
                title=title, thread_title=title, url=_text(post.get("link")), author=Author(name=site_name),
                created_at=when(post.get("date_gmt")), direction=Direction.OUTBOUND)  # fmt: skip
    return number, item


def comment_item(comment: Mapping[str, Any], post_guid: str, post_title: str, me: int) -> Item:
    """A comment under its post (its root), under the comment it answers; held when waiting for moderation."""
    number = _number(comment.get("id"), "the comment's id")
    parent = _number(comment.get("parent") or 0, "the parent's id")
    html = sanitize(_rendered(comment.get("content")))
    name = _text(comment.get("author_name")) or "Anonymous"
    user = comment.get("author")
    author = Author(name=name, handle=f"user:{user}" if isinstance(user, int) and user else "",
                    url=_text(comment.get("author_url")), email=_text(comment.get("author_email")))  # fmt: skip
    mine = bool(me) and user == me
    return Item(remote_id=comment_remote_id(post_guid, number), thread_key=post_guid, kind=Kind.COMMENT,
                text=text_of_sanitized(html), html=html, thread_title=post_title, url=_text(comment.get("link")),
                author=author, created_at=when(comment.get("date_gmt")),
                parent_remote_id=comment_remote_id(post_guid, parent) if parent else post_guid,
                direction=Direction.OUTBOUND if mine else Direction.INBOUND,
                held=comment.get("status") == HELD)  # fmt: skip


__all__ = [
    "comment_id",
    "comment_item",
    "comment_remote_id",
    "fallback_guid",
    "post_id_in",
    "post_item",
    "when",
]
