"""Mastodon JSON entities (Status, Account, Notification, Conversation) turned into domain objects, defensively:
a surprising entity becomes an ItemProblem and the rest of the page still ingests. Ids are opaque strings (some
servers use long hex ids), never numbers. https://docs.joinmastodon.org/entities/
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from cmdesk.connectors.htmltext import sanitize, to_text
from cmdesk.connectors.mastodon.instance import handle_of
from cmdesk.domain import Activity, Attachment, Author, Direction, Item, Kind

ACTIVITY_TYPES = {"favourite": "favourite", "reblog": "boost", "follow": "follow"}
"""Notification types that are activity on the account's posts (counted, shown on the post), not conversations."""


class EntityError(ValueError):
    """An entity that lacks what cmdesk needs; the message names what."""


def text_of(value: Any) -> str:
    return value if isinstance(value, str) else ""


def entity_id(entity: Mapping[str, Any], what: str) -> str:
    value = entity.get("id")
    if isinstance(value, bool) or not isinstance(value, str | int) or value == "":
        raise EntityError(f"{what} without an id")
    return str(value)


def parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def author_of(account: Any, base: str) -> Author:
    if not isinstance(account, Mapping):
        raise EntityError("status without an account")
    acct = text_of(account.get("acct")) or text_of(account.get("username"))
    count = account.get("followers_count")
    followers = count if isinstance(count, int) and not isinstance(count, bool) and count >= 0 else None
    return Author(
        name=text_of(account.get("display_name")) or text_of(account.get("username")),
        handle=handle_of(acct, base) if acct else "",
        url=text_of(account.get("url")),
        followers=followers,
    )


def attachments_of(status: Mapping[str, Any]) -> tuple[Attachment, ...]:
    """Media (with their preview) and custom emoji (role "emoji", `title` its :shortcode:): links only; the
    window loads their images when the user asks."""
    media = status.get("media_attachments")
    found = []
    for emoji in status.get("emojis") or []:
        if isinstance(emoji, Mapping) and text_of(emoji.get("shortcode")) and text_of(emoji.get("static_url")):
            found.append(
                Attachment(url=text_of(emoji.get("static_url")), title=text_of(emoji.get("shortcode")), role="emoji")
            )
    if not isinstance(media, list):
        return tuple(found)
    for entry in media:
        if isinstance(entry, Mapping) and (text_of(entry.get("url")) or text_of(entry.get("remote_url"))):
            found.append(
                Attachment(
                    url=text_of(entry.get("url")) or text_of(entry.get("remote_url")),
                    media_type=text_of(entry.get("type")),
                    title=text_of(entry.get("description")),
                    role="media",
                    preview_url=text_of(entry.get("preview_url")),
                )
            )
    return tuple(found)


def status_item(status: Mapping[str, Any], *, base: str, me: str, thread_key: str, kind: Kind) -> Item:
    """One status as an Item of the conversation `thread_key`. `me` is the signed-in account's id."""
    remote_id = entity_id(status, "status")
    account = status.get("account")
    author = author_of(account, base)
    account_id = str(account.get("id", "")) if isinstance(account, Mapping) else ""
    content = text_of(status.get("content"))
    created = parse_time(status.get("created_at"))
    return Item(
        remote_id=remote_id,
        thread_key=thread_key,
        kind=kind,
        text=to_text(content) or text_of(status.get("text")),
        html=sanitize(content),
        url=text_of(status.get("url")) or text_of(status.get("uri")),
        author=author,
        created_at=created,
        updated_at=parse_time(status.get("edited_at")),
        parent_remote_id=str(status.get("in_reply_to_id") or ""),
        direction=Direction.OUTBOUND if account_id and account_id == me else Direction.INBOUND,
        attachments=attachments_of(status),
        content_warning=text_of(status.get("spoiler_text")),
    )


def is_direct(status: Mapping[str, Any]) -> bool:
    return status.get("visibility") == "direct"


def mentions(status: Mapping[str, Any], me: str, handle: str, base: str) -> bool:
    """Does the status mention the account (`me` its id, `handle` its full @user@host)? By id, or by handle where a
    server sends no real id (snac sends "0")."""
    found = status.get("mentions")
    if not isinstance(found, list):
        return False
    wanted = handle.lower()
    for mention in found:
        if not isinstance(mention, Mapping):
            continue
        if me and str(mention.get("id", "")) == me:
            return True
        acct = text_of(mention.get("acct"))
        if wanted and acct and handle_of(acct, base).lower() == wanted:
            return True
    return False


def is_mine(status: Mapping[str, Any], me: str) -> bool:
    account = status.get("account")
    return isinstance(account, Mapping) and str(account.get("id", "")) == me


def activity_of(notification: Mapping[str, Any], base: str) -> Activity:
    kind = ACTIVITY_TYPES[text_of(notification.get("type"))]
    status = notification.get("status")
    target = entity_id(status, "status") if isinstance(status, Mapping) else ""
    return Activity(
        remote_id=entity_id(notification, "notification"),
        kind=kind,
        actor=author_of(notification.get("account"), base),
        target_remote_id=target,
        created_at=parse_time(notification.get("created_at")),
    )
