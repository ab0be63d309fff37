"""Publishing on an Instagram professional account (Instagram API with Facebook Login, content publishing): Instagram
takes an image only from a public web address, which a laptop has not, so the image is first uploaded to the linked
Facebook Page as an unpublished photo, whose address on Meta's servers Instagram can fetch; then a media container
with the caption and the image's description (`POST /{ig-user-id}/media`), published once Instagram has prepared it
(`POST /{ig-user-id}/media_publish`); the unpublished photo is deleted after. A lost answer: the post is looked for
among the account's newest media by its caption (Graph keeps no idempotency key). JPEG only, one image a post."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from pathlib import Path

import httpx

from cmdesk.connectors.base import BadPayload, Permanent, Transient
from cmdesk.connectors.meta import graph, messaging
from cmdesk.connectors.meta.graph import path
from cmdesk.connectors.meta.instagram_payloads import MEDIA_FIELDS, media_item
from cmdesk.domain import Account, RemoteRef
from cmdesk.domain.acts import Post


async def _hosted(client: httpx.AsyncClient, account: Account, post: Post) -> tuple[str, str]:
    """The image uploaded to the linked Page, unpublished: (its photo id, the address Instagram can fetch it at)."""
    page_id = str(account.settings.get("page_id") or "")
    if not page_id:
        raise Permanent("this Instagram account has no linked Facebook Page to carry its image: sign in again")
    if len(post.media) != 1:
        raise Permanent("Instagram posts from cmdesk carry exactly one image")
    medium = post.media[0]
    file = Path(medium.path)
    try:
        data = file.read_bytes()
    except OSError as error:
        raise Permanent(f"cannot read the image {file.name}: {error.strerror or error}") from None
    made = await graph.request(client, account, "POST", path(page_id, "photos"), form={"published": "false"},
                               files={"source": (medium.name or file.name, data, "image/jpeg")})  # fmt: skip
    photo = messaging.sent_id(made, "id")
    found = await graph.request(client, account, "GET", path(photo), params=[("fields", "images")])
    images = found.get("images") if isinstance(found, Mapping) else None
    sources = [str(i["source"]) for i in images or [] if isinstance(i, Mapping) and i.get("source")]
    if not sources:
        raise BadPayload("Meta kept the image but gave no address for it")
    return photo, sources[0]


async def publish(client: httpx.AsyncClient, account: Account, post: Post) -> RemoteRef:
    me = str(account.settings.get("me") or "")
    photo, address = await _hosted(client, account, post)
    params = [("image_url", address), ("caption", post.text)]
    if post.media[0].description:
        params.append(("alt_text", post.media[0].description))
    container = messaging.sent_id(await graph.request(client, account, "POST", path(me, "media"), params=params), "id")
    state = await graph.request(client, account, "GET", path(container), params=[("fields", "status_code")])
    status = str(state.get("status_code") or "") if isinstance(state, Mapping) else ""
    if status == "ERROR":
        raise Permanent("Instagram could not use the image (a JPEG between 4:5 and 1.91:1 is what it takes)")
    if status not in ("FINISHED", "PUBLISHED"):
        raise Transient("Instagram is still preparing the image; cmdesk publishes it at the next try")
    made = await graph.request(client, account, "POST", path(me, "media_publish"), params=[("creation_id", container)])
    media_id = messaging.sent_id(made, "id")
    try:
        await graph.request(client, account, "DELETE", path(photo))
    except (BadPayload, Permanent):
        pass  # the unpublished copy stays hidden on the Page: nothing is lost
    found = await graph.request(client, account, "GET", path(media_id), params=[("fields", MEDIA_FIELDS)])
    item = media_item(found if isinstance(found, Mapping) else {"id": media_id}, me, account.name)
    return RemoteRef(item.remote_id, item.url, item)


async def find_posted(client: httpx.AsyncClient, account: Account, post: Post, since: datetime) -> RemoteRef | None:
    me = str(account.settings.get("me") or "")
    found = await graph.request(client, account, "GET", path(me, "media"),
                                params=[("fields", MEDIA_FIELDS), ("limit", "25")])  # fmt: skip
    for media in graph.listed(found, "media")[0]:
        created = graph.graph_time(media.get("timestamp"))
        if str(media.get("caption") or "").strip() == post.text.strip() and (
            created is None or created >= since - timedelta(minutes=5)
        ):
            item = media_item(media, me, account.name)
            return RemoteRef(item.remote_id, item.url, item)
    return None
