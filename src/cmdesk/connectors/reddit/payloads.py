"""Reddit's inbox as cmdesk sees it (listings of things, https://github.com/reddit-archive/reddit/wiki/JSON): a
comment reply, a post reply or a username mention (`t1`) is a message of the conversation of the post it is under
(`t3`, read from its `context` link), under the thing it answers (`parent_id`); a private message (`t4`) is a message
of its thread (`first_message_name`). Ids are fullnames as Reddit gives them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from cmdesk.domain import Author, Direction, Item, Kind

SITE = "https://www.reddit.com"
LINK = re.compile(r"/comments/([a-z0-9]+)/")
KINDS = {"username_mention": Kind.MENTION, "comment_reply": Kind.COMMENT, "post_reply": Kind.COMMENT}


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def children(listing: Any) -> tuple[list[tuple[str, Mapping[str, Any]]], str]:
    """(kind, data) of each thing in a listing, and its `after`."""
    data = listing.get("data") if isinstance(listing, Mapping) else None
    if not isinstance(data, Mapping) or not isinstance(data.get("children"), list):
        raise ValueError("not a listing")
    things = [(_text(c.get("kind")), c["data"]) for c in data["children"]
              if isinstance(c, Mapping) and isinstance(c.get("data"), Mapping)]  # fmt: skip
    return things, _text(data.get("after"))


def when(thing: Mapping[str, Any]) -> datetime:
    created = thing.get("created_utc")
    if not isinstance(created, int | float) or isinstance(created, bool):
        raise ValueError("created_utc is not a Unix time")
    return datetime.fromtimestamp(created, UTC)


def inbox_item(kind: str, thing: Mapping[str, Any], me: str) -> Item:
    name, body = _text(thing.get("name")), thing.get("body")
    if not name or not isinstance(body, str):
        raise ValueError("a thing without its name or body")
    author_name = _text(thing.get("author")) or "[deleted]"
    author = Author(name=author_name, handle=f"u/{author_name}", url=f"{SITE}/user/{author_name}")
    direction = Direction.OUTBOUND if author_name.lower() == me.lower() else Direction.INBOUND
    if kind == "t4":
        return Item(remote_id=name, thread_key=_text(thing.get("first_message_name")) or name, kind=Kind.MESSAGE,
                    text=body, title=_text(thing.get("subject")), thread_title=_text(thing.get("subject")),
                    url=f"{SITE}/message/messages/{_text(thing.get('id'))}", author=author, created_at=when(thing),
                    direction=direction, seen=thing.get("new") is False)  # fmt: skip
    context = _text(thing.get("context"))
    found = LINK.search(context)
    if found is None:
        raise ValueError(f"no post in the comment's context {context!r}")
    kind_of = KINDS.get(_text(thing.get("type")), Kind.COMMENT)
    return Item(remote_id=name, thread_key=f"t3_{found.group(1)}", kind=kind_of,
                text=body, thread_title=_text(thing.get("link_title")), url=SITE + context.split("?")[0],
                author=author, created_at=when(thing), parent_remote_id=_text(thing.get("parent_id")),
                direction=direction, seen=thing.get("new") is False)  # fmt: skip


__all__ = ["SITE", "children", "inbox_item", "when"]
