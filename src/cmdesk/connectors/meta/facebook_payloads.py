"""A Facebook Page's Graph objects as cmdesk items: each Messenger conversation (`t_…`) is a conversation of kind
message whose messages (`m_…`) are its items; each post of the Page's feed (the Page's own and visitors') is a
conversation's root and its comments and replies (two levels, `parent`) are comments under it. What the Page itself
wrote is outbound. Objects as the Graph API reference documents them (Page conversations, Message, Page feed, Post,
Comment)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cmdesk.connectors.meta.graph import graph_time
from cmdesk.domain import Author, Direction, Item, Kind

SITE = "https://www.facebook.com"
MESSENGER_FIELDS = "id,message,from,to,created_time"
CONVERSATION_FIELDS = f"id,updated_time,link,participants,messages.limit(25){{{MESSENGER_FIELDS}}}"
COMMENT_FIELDS = "id,message,created_time,from,parent{id},is_hidden,permalink_url"
POST_FIELDS = "id,message,story,created_time,permalink_url,from,comments.summary(true).limit(0)"


class ObjectError(ValueError):
    """A Graph object without what an item needs (an id)."""


def _id(entry: Mapping[str, Any], what: str) -> str:
    value = entry.get("id")
    if not isinstance(value, str | int) or not str(value):
        raise ObjectError(f"a {what} without an id")
    return str(value)


def _author(value: Any) -> Author:
    person = value if isinstance(value, Mapping) else {}
    return Author(name=str(person.get("name") or person.get("username") or ""), handle=str(person.get("id") or ""))


def _direction(value: Any, page_id: str) -> Direction:
    return (
        Direction.OUTBOUND if isinstance(value, Mapping) and str(value.get("id", "")) == page_id else Direction.INBOUND
    )


def conversation_person(conversation: Mapping[str, Any], page_id: str) -> Author:
    """Who the Page talks with in a Messenger conversation."""
    people = conversation.get("participants")
    found = people.get("data") if isinstance(people, Mapping) else None
    for person in found if isinstance(found, list) else ():
        if isinstance(person, Mapping) and str(person.get("id", "")) != page_id:
            return _author(person)
    return Author()


def message_item(message: Mapping[str, Any], conversation: Mapping[str, Any], page_id: str) -> Item:
    """One Messenger message of a Page conversation."""
    thread = _id(conversation, "conversation")
    person = conversation_person(conversation, page_id)
    link = str(conversation.get("link") or "")
    return Item(
        remote_id=_id(message, "message"),
        thread_key=thread,
        kind=Kind.MESSAGE,
        text=str(message.get("message") or ""),
        thread_title=person.name,
        url=SITE + link if link.startswith("/") else link,
        author=_author(message.get("from")),
        created_at=graph_time(message.get("created_time")),
        direction=_direction(message.get("from"), page_id),
    )


def post_item(post: Mapping[str, Any], page_id: str, page_name: str) -> Item:
    """A post of the Page's feed as its conversation's root (the Page's own is outbound; a visitor's inbound)."""
    post_id = _id(post, "post")
    text = str(post.get("message") or post.get("story") or "")
    title = " ".join(text.split())[:120] or page_name
    return Item(
        remote_id=post_id,
        thread_key=post_id,
        kind=Kind.COMMENT,
        text=text,
        title=title,
        thread_title=title,
        url=str(post.get("permalink_url") or f"{SITE}/{post_id}"),
        author=_author(post.get("from")) if post.get("from") else Author(name=page_name, handle=page_id),
        created_at=graph_time(post.get("created_time")),
        direction=_direction(post.get("from"), page_id) if post.get("from") else Direction.OUTBOUND,
    )


def comment_item(comment: Mapping[str, Any], post_id: str, page_id: str) -> Item:
    """A comment (or a reply: its `parent` is the comment it answers) under a post."""
    parent = comment.get("parent")
    return Item(
        remote_id=_id(comment, "comment"),
        thread_key=post_id,
        kind=Kind.COMMENT,
        text=str(comment.get("message") or ""),
        url=str(comment.get("permalink_url") or ""),
        author=_author(comment.get("from")),
        created_at=graph_time(comment.get("created_time")),
        parent_remote_id=str(parent.get("id")) if isinstance(parent, Mapping) and parent.get("id") else post_id,
        direction=_direction(comment.get("from"), page_id),
    )


def comment_count(post: Mapping[str, Any]) -> int:
    """How many comments Graph says a post has (`comments.summary(true)`), -1 when it does not say."""
    comments = post.get("comments")
    summary = comments.get("summary") if isinstance(comments, Mapping) else None
    total = summary.get("total_count") if isinstance(summary, Mapping) else None
    return int(total) if isinstance(total, int) and total >= 0 else -1


def is_hidden(comment: Mapping[str, Any]) -> bool:
    return comment.get("is_hidden") is True


__all__ = [
    "COMMENT_FIELDS",
    "CONVERSATION_FIELDS",
    "MESSENGER_FIELDS",
    "POST_FIELDS",
    "ObjectError",
    "comment_count",
    "comment_item",
    "conversation_person",
    "is_hidden",
    "message_item",
    "post_item",
]
