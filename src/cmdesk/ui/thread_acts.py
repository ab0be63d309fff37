"""What the thread offers on each message, from the network's capabilities and the conversation's kind, and how a
person's handle is shown beside their name."""

from __future__ import annotations

from cmdesk.domain import Capabilities


def message_acts(capabilities: Capabilities, kind: str = "") -> frozenset[str]:
    """What the thread offers on a message of a network that can do it: favourite and boost (Mastodon), delete
    one's own (Mastodon, YouTube, Meta), hide someone's comment from the public (YouTube's and Meta's moderation),
    approve a held one, send it to the trash or mark it as spam (WordPress). In a direct message, only what the
    network does there (Meta has no likes nor hiding in Messenger)."""
    private = kind == "message" and not capabilities.acts_on_direct_messages
    allowed = (
        ("favourite", capabilities.can_favourite and not private),
        ("boost", capabilities.can_boost and not private),
        ("delete", capabilities.can_delete and not private),
        ("hide", capabilities.can_hide and kind != "message"),
        ("approve", capabilities.can_moderate and kind != "message"),
        ("trash", capabilities.can_trash and kind != "message"),
        ("spam", capabilities.can_trash and kind != "message"),
    )
    return frozenset(verb for verb, can in allowed if can)


def shown_handle(handle: str) -> str:
    """The handle worth showing beside a name: not a network's internal number (Meta's page-scoped ids)."""
    return "" if handle.isdigit() else handle
