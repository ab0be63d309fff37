"""A pulled page as JSON for the team's log, and back: what the leader of an account read from the network, replayed
by every other laptop through its own ingest (so all copies hold the same messages without pulling them).

JSON, never pickle: the log is written by other computers, and reading it must not run anything. A value that is
not what a page holds raises `BadPage` with where it is, and the page is skipped (said, never fatal)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from cmdesk.domain import Author, Direction, Item, Kind
from cmdesk.domain.types import Activity, Attachment, Measure, Page

_AUTHOR = ("name", "handle", "url", "email", "followers")
_ITEM_TEXT = ("remote_id", "thread_key", "text", "html", "title", "thread_title", "url", "parent_remote_id")


class BadPage(ValueError):
    """A page in the team's log that cannot be read back."""


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _author(author: Author) -> dict[str, Any]:
    return {key: getattr(author, key) for key in _AUTHOR}


def _item(item: Item) -> dict[str, Any]:
    data: dict[str, Any] = {key: getattr(item, key) for key in _ITEM_TEXT}
    data.update(
        kind=item.kind.value,
        author=_author(item.author),
        created_at=_time(item.created_at),
        updated_at=_time(item.updated_at),
        direction=item.direction.value,
        attachments=[attachment.to_json() for attachment in item.attachments],
        content_warning=item.content_warning,
        seen=item.seen,
        held=item.held,
    )
    return data


def encode(page: Page, *, with_cursor: bool = True) -> dict[str, Any]:
    """What of a page the other laptops need: items, activities, deletions, read marks, measures, the cursor (a
    laptop taking over the account goes on from it; None for a message sent, which moves no cursor)."""
    return {
        "items": [_item(item) for item in page.items],
        "activities": [
            {
                "remote_id": a.remote_id,
                "kind": a.kind,
                "actor": _author(a.actor),
                "target_remote_id": a.target_remote_id,
                "created_at": _time(a.created_at),
            }
            for a in page.activities
        ],
        "deleted": list(page.deleted),
        "seen": list(page.seen),
        "measures": [[m.remote_id, m.metric, m.value] for m in page.measures],
        "cursor": dict(page.cursor) if with_cursor else None,
    }


def _read_time(value: Any) -> datetime | None:
    if value is None:
        return None
    parsed = datetime.fromisoformat(str(value))
    if parsed.tzinfo is None:
        raise BadPage(f"a time without a zone: {value!r}")
    return parsed


def _read_author(data: Any) -> Author:
    if not isinstance(data, dict):
        raise BadPage("an author is not an object")
    followers = data.get("followers")
    name, handle, url, email = (str(data.get(key) or "") for key in _AUTHOR[:4])
    return Author(name, handle, url, email, followers if isinstance(followers, int) else None)


def _read_attachment(data: Any) -> Attachment:
    if not isinstance(data, dict) or not isinstance(data.get("url"), str):
        raise BadPage("an attachment has no address")
    length = data.get("length")
    return Attachment(
        data["url"],
        str(data.get("type") or ""),
        str(data.get("title") or ""),
        length if isinstance(length, int) else None,
        str(data.get("role") or "enclosure"),
        str(data.get("preview_url") or ""),
    )


def _read_item(data: Any) -> Item:
    if not isinstance(data, dict):
        raise BadPage("an item is not an object")
    texts = {key: str(data.get(key) or "") for key in _ITEM_TEXT}
    if not texts["remote_id"] or not texts["thread_key"]:
        raise BadPage("an item has no id or thread")
    return Item(
        kind=Kind(str(data.get("kind"))),
        author=_read_author(data.get("author") or {}),
        created_at=_read_time(data.get("created_at")),
        updated_at=_read_time(data.get("updated_at")),
        direction=Direction(str(data.get("direction"))),
        attachments=tuple(_read_attachment(a) for a in data.get("attachments") or ()),
        content_warning=str(data.get("content_warning") or ""),
        seen=bool(data.get("seen")),
        held=bool(data.get("held")),
        **texts,
    )


def decode(data: Any) -> Page:
    """The page again; BadPage when something in it is not what `encode` writes."""
    if not isinstance(data, dict):
        raise BadPage("a page is not an object")
    try:
        return Page(
            items=tuple(_read_item(item) for item in data.get("items") or ()),
            cursor=dict(data.get("cursor") or {}),
            activities=tuple(
                Activity(
                    str(a["remote_id"]),
                    str(a["kind"]),
                    _read_author(a.get("actor") or {}),
                    str(a.get("target_remote_id") or ""),
                    _read_time(a.get("created_at")),
                )
                for a in data.get("activities") or ()
            ),
            deleted=tuple(str(remote_id) for remote_id in data.get("deleted") or ()),
            seen=tuple(str(remote_id) for remote_id in data.get("seen") or ()),
            measures=tuple(Measure(str(m[0]), str(m[1]), int(m[2])) for m in data.get("measures") or ()),
        )
    except BadPage:
        raise
    except (KeyError, TypeError, ValueError, IndexError) as error:
        raise BadPage(f"{type(error).__name__}: {error}") from None
