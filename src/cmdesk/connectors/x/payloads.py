"""X's v2 objects as cmdesk sees them: a post that mentions the account (or answers one of its posts) is a message
of its `conversation_id`'s conversation, under the post it answers; the account's own posts that others answer come
with them (`includes.tweets`) for context; a direct message event is a message of its DM conversation. Users come
once per page in `includes.users` and are looked up by id."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from cmdesk.domain import Author, Direction, Item, Kind

SITE = "https://x.com"
TWEET_FIELDS = "created_at,author_id,conversation_id,in_reply_to_user_id,referenced_tweets,entities"
USER_FIELDS = "username,name"
EXPANSIONS = "author_id,referenced_tweets.id,referenced_tweets.id.author_id"
DM_FIELDS = "id,text,event_type,created_at,sender_id,dm_conversation_id"


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def when(value: Any) -> datetime | None:
    text = _text(value)
    return datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None


def users(answer: Mapping[str, Any]) -> dict[str, Author]:
    includes = answer.get("includes") if isinstance(answer.get("includes"), Mapping) else {}
    found: dict[str, Author] = {}
    for user in includes.get("users") or [] if isinstance(includes, Mapping) else []:
        if isinstance(user, Mapping) and user.get("id"):
            username = _text(user.get("username"))
            found[str(user["id"])] = Author(name=_text(user.get("name")) or username, handle=f"@{username}",
                                            url=f"{SITE}/{username}")  # fmt: skip
    return found


def included_tweets(answer: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    includes = answer.get("includes") if isinstance(answer.get("includes"), Mapping) else {}
    tweets = includes.get("tweets") if isinstance(includes, Mapping) else None
    return [tweet for tweet in tweets or [] if isinstance(tweet, Mapping)]


def replied_to(tweet: Mapping[str, Any]) -> str:
    for reference in tweet.get("referenced_tweets") or []:
        if isinstance(reference, Mapping) and reference.get("type") == "replied_to":
            return _text(reference.get("id"))
    return ""


def tweet_item(tweet: Mapping[str, Any], people: Mapping[str, Author], me: str) -> Item:
    tweet_id, text = _text(tweet.get("id")), tweet.get("text")
    if not tweet_id or not isinstance(text, str):
        raise ValueError("a post without its id or text")
    author_id = _text(tweet.get("author_id"))
    author = people.get(author_id) or Author(name=author_id, handle=author_id)
    handle = author.handle.lstrip("@") or "i"
    return Item(
        remote_id=tweet_id,
        thread_key=_text(tweet.get("conversation_id")) or tweet_id,
        kind=Kind.MENTION,
        text=text,
        url=f"{SITE}/{handle}/status/{tweet_id}",
        author=author,
        created_at=when(tweet.get("created_at")),
        parent_remote_id=replied_to(tweet),
        direction=Direction.OUTBOUND if author_id == me else Direction.INBOUND,
    )


def dm_item(event: Mapping[str, Any], people: Mapping[str, Author], me: str) -> Item:
    event_id, text = _text(event.get("id")), event.get("text")
    conversation = _text(event.get("dm_conversation_id"))
    if not event_id or not isinstance(text, str) or not conversation:
        raise ValueError("a direct message without its id, text or conversation")
    sender = _text(event.get("sender_id"))
    author = people.get(sender) or Author(name=sender, handle=sender)
    return Item(
        remote_id=event_id,
        thread_key=conversation,
        kind=Kind.MESSAGE,
        text=text,
        thread_title=author.handle if sender != me else "",
        url=f"{SITE}/messages/{conversation}",
        author=author,
        created_at=when(event.get("created_at")),
        direction=Direction.OUTBOUND if sender == me else Direction.INBOUND,
    )


__all__ = ["DM_FIELDS", "EXPANSIONS", "TWEET_FIELDS", "USER_FIELDS", "dm_item", "included_tweets", "replied_to",
           "tweet_item", "users", "when"]  # fmt: skip
