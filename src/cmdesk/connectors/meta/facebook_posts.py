"""Publishing on a Facebook Page (Graph API): a post with its text (`POST /{page-id}/feed`), with images uploaded first
as unpublished photos and attached (`POST /{page-id}/photos`, `attached_media`); Facebook's own scheduler — a post
handed over with `published=false` and `scheduled_publish_time` (10 minutes to 30 days ahead, as Meta allows), looked
for among the Page's scheduled posts after a lost answer, withdrawn by deleting it, found once published; and looking
for a post an earlier attempt sent among the Page's newest (Graph keeps no idempotency key)."""

from __future__ import annotations

import mimetypes
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from cmdesk.connectors import registry
from cmdesk.connectors.base import BadPayload, Permanent, Transient
from cmdesk.connectors.meta import graph, messaging
from cmdesk.connectors.meta.facebook_payloads import post_item
from cmdesk.connectors.meta.graph import path
from cmdesk.domain import Account, RemoteRef
from cmdesk.domain.acts import Medium, Post

SCHEDULE_MIN = timedelta(minutes=10)
SCHEDULE_MAX = timedelta(days=30)
MAX_IMAGE_BYTES = registry.FACEBOOK_MAX_IMAGE_BYTES
SCHEDULE_MATCH = timedelta(minutes=1)


def _page(account: Account) -> str:
    return str(account.settings.get("me") or "")


async def _upload(client: httpx.AsyncClient, account: Account, medium: Medium) -> str:
    """An image as an unpublished photo of the Page; its id, to attach to the post."""
    file = Path(medium.path)
    try:
        data = file.read_bytes()
    except OSError as error:
        raise Permanent(f"cannot read the image {file.name}: {error.strerror or error}") from None
    if len(data) > MAX_IMAGE_BYTES:
        raise Permanent(f"{file.name} is {len(data) / 1e6:.1f} MB: Facebook takes photos under 4 MB")
    kind = medium.media_type or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    form = {"published": "false", "temporary": "true"}
    if medium.description:
        form["alt_text_custom"] = medium.description  # read aloud to those who cannot see it
    made = await graph.request(client, account, "POST", path(_page(account), "photos"), form=form,
                               files={"source": (medium.name or file.name, data, kind)})  # fmt: skip
    return messaging.sent_id(made, "id")


async def publish(client: httpx.AsyncClient, account: Account, act: Post, at: datetime | None = None) -> str:
    """The post's id on the Page (on Facebook's scheduler when `at` is given)."""
    body: dict[str, Any] = {"message": act.text}
    photos = [await _upload(client, account, medium) for medium in act.media]
    if photos:
        body["attached_media"] = [{"media_fbid": photo} for photo in photos]
    if at is not None:
        body.update(published=False, scheduled_publish_time=int(at.timestamp()))
    made = await graph.request(client, account, "POST", path(_page(account), "feed"), body=body)
    return messaging.sent_id(made, "id")


def as_ref(account: Account, post: Mapping[str, Any]) -> RemoteRef:
    item = post_item(post, _page(account), account.name)
    return RemoteRef(item.remote_id, item.url, item)


async def post(client: httpx.AsyncClient, account: Account, act: Post) -> RemoteRef:
    post_id = await publish(client, account, act)
    fields = "id,message,created_time,permalink_url,from"
    found = await graph.request(client, account, "GET", path(post_id), params=[("fields", fields)])
    return as_ref(account, found if isinstance(found, Mapping) else {"id": post_id, "message": act.text})


async def find_posted(client: httpx.AsyncClient, account: Account, act: Post, since: datetime) -> RemoteRef | None:
    """The Page's own post with this text among its newest, since the first attempt."""
    params = [("fields", "id,message,created_time,permalink_url,from"), ("limit", "25")]
    entries, _after = graph.listed(await graph.request(client, account, "GET", path(_page(account), "feed"),
                                                       params=params), "feed")  # fmt: skip
    found = messaging.own_entry_since(entries, _page(account), act.text, since)
    return as_ref(account, found) if found is not None else None


async def hand_over(client: httpx.AsyncClient, account: Account, act: Post, at: datetime) -> str:
    ahead = at - datetime.now(UTC)
    if not SCHEDULE_MIN < ahead < SCHEDULE_MAX:
        raise Transient("Facebook schedules posts 10 minutes to 30 days ahead: cmdesk keeps this one until then, "
                        "or publishes it itself at its time")  # fmt: skip
    return await publish(client, account, act, at)


async def find_handed_over(client: httpx.AsyncClient, account: Account, act: Post, at: datetime) -> str | None:
    """Among the Page's scheduled posts: one with this text for this time (to the minute)."""
    params = [("fields", "id,message,scheduled_publish_time"), ("limit", "100")]
    found = await graph.request(client, account, "GET", path(_page(account), "scheduled_posts"), params=params)
    for entry in graph.listed(found, "scheduled posts")[0]:
        when = entry.get("scheduled_publish_time")
        moment = datetime.fromtimestamp(when, UTC) if isinstance(when, int) else graph.graph_time(when)
        if moment is not None and abs(moment - at) <= SCHEDULE_MATCH:
            if str(entry.get("message") or "").strip() == act.text.strip():
                return str(entry.get("id"))
    return None


async def published(client: httpx.AsyncClient, account: Account, schedule_id: str) -> RemoteRef | None:
    """The scheduled post once Facebook published it; None while it waits; Permanent when it is gone."""
    fields = "id,message,created_time,permalink_url,from,is_published"
    try:
        found = await graph.request(client, account, "GET", path(schedule_id), params=[("fields", fields)])
    except BadPayload:
        raise Permanent("it is no longer on Facebook's scheduler and did not go out (deleted on Facebook?)") from None
    if not isinstance(found, Mapping):
        raise BadPayload("the scheduled post: unexpected answer")
    return as_ref(account, found) if found.get("is_published") is True else None


async def withdraw(client: httpx.AsyncClient, account: Account, schedule_id: str) -> RemoteRef:
    try:
        await graph.request(client, account, "DELETE", path(schedule_id))
    except BadPayload:
        pass  # gone already: nothing left to withdraw
    return RemoteRef(schedule_id)
