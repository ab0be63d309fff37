"""Whether a Discourse reply already went: the topic's latest posts (its post stream's last ids) looked through for
the user's post answering the same post since the first attempt, whose source text (`raw`, read per candidate) is the
reply's. Discourse keeps no idempotency key."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import httpx

from cmdesk.connectors.base import BadPayload, Permanent
from cmdesk.connectors.discourse import api
from cmdesk.connectors.discourse.payloads import parse_ref, post_ref, when
from cmdesk.domain import Account, RemoteRef
from cmdesk.domain.acts import Reply

LOOKED_AT = 30
"""The topic's latest posts read before a retry."""


def _posts(answer: Any) -> list[Mapping[str, Any]]:
    stream = answer.get("post_stream") if isinstance(answer, Mapping) else None
    posts = stream.get("posts") if isinstance(stream, Mapping) else None
    return [p for p in posts or [] if isinstance(p, Mapping)]


async def find_reply(client: httpx.AsyncClient, account: Account, act: Reply, since: datetime) -> RemoteRef | None:
    try:
        topic, number = parse_ref(act.target)
    except ValueError as error:
        raise Permanent(str(error)) from None
    me = str(account.settings.get("username") or "").lower()
    found = await api.request(client, account, "GET", f"/t/{topic}.json")
    stream = found.get("post_stream") if isinstance(found, Mapping) else None
    ids = stream.get("stream") if isinstance(stream, Mapping) else None
    if not isinstance(ids, list):
        raise BadPayload(f"/t/{topic}.json: no post stream to look in")
    latest = [str(n) for n in ids[-LOOKED_AT:] if isinstance(n, int)]
    answer = await api.request(client, account, "GET", f"/t/{topic}/posts.json",
                               params=[("post_ids[]", n) for n in latest])  # fmt: skip
    answered = number if number > 1 else None
    for post in _posts(answer):
        if str(post.get("username") or "").lower() != me or post.get("reply_to_post_number") != answered:
            continue
        try:
            recent = when(post.get("created_at")) >= since.replace(microsecond=0)
        except ValueError:
            continue
        if not recent or not isinstance(post.get("id"), int) or not isinstance(post.get("post_number"), int):
            continue
        full = await api.request(client, account, "GET", f"/posts/{post['id']}.json")
        if isinstance(full, Mapping) and str(full.get("raw") or "").strip() == act.text.strip():
            return RemoteRef(post_ref(topic, post["post_number"]))
    return None


__all__ = ["find_reply"]
