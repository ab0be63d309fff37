"""What a demo account "sends": nothing leaves the computer, but the act is played out in cmdesk — a reply joins
its thread, a post is sent, a favourite lands — so a new user sees the whole loop before adding an account. Each
message made so has a remote id starting with DEMO_SENT_PREFIX, by which the thread marks it as demo."""

from __future__ import annotations

from datetime import datetime

from cmdesk.domain import DEMO_SENT_PREFIX, Account, Author, Direction, Item, Kind, RemoteRef
from cmdesk.domain.acts import Act, Post, Reply, target_of


def played_out(act: Act, idempotency_key: str, account: Account, now: datetime) -> RemoteRef:
    """The act's result as if the network had taken it (the same key always gives the same id: exactly once)."""
    remote_id = DEMO_SENT_PREFIX + idempotency_key
    if isinstance(act, Reply):
        kind = Kind(act.kind) if act.kind in Kind._value2member_map_ else Kind.MENTION
        item = Item(
            remote_id=remote_id,
            thread_key=act.thread_key or act.target,
            kind=kind,
            text=act.text,
            author=Author(name=account.name),
            created_at=now,
            parent_remote_id=act.target,
            direction=Direction.OUTBOUND,
            content_warning=act.content_warning,
        )
        return RemoteRef(remote_id, "", item)
    if isinstance(act, Post):
        item = Item(
            remote_id=remote_id,
            thread_key=remote_id,
            kind=Kind.MENTION,
            text=act.text,
            author=Author(name=account.name),
            created_at=now,
            direction=Direction.OUTBOUND,
            content_warning=act.content_warning,
        )
        return RemoteRef(remote_id, "", item)
    return RemoteRef(target_of(act) or remote_id)
