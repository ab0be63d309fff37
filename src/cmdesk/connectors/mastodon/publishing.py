"""Publishing through the Mastodon API: replies and posts (with images and their descriptions), favourites,
boosts, deletions, each POST with an `Idempotency-Key`; finding what an earlier attempt sent; and the server's own
scheduler — a post handed over for later (`scheduled_at`), looked for after a lost answer, withdrawn, and found
once published."""

from __future__ import annotations

import asyncio
import mimetypes
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from cmdesk.connectors.base import (
    BadPayload,
    Permanent,
    Transient,
)
from cmdesk.connectors.htmltext import to_text
from cmdesk.connectors.http import raise_for_status
from cmdesk.connectors.mastodon import payloads
from cmdesk.connectors.mastodon.api import MastodonApi, base_of
from cmdesk.connectors.mastodon.media import MAX_DESCRIPTION, MAX_IMAGE_BYTES, media_problem
from cmdesk.connectors.mastodon.payloads import EntityError
from cmdesk.connectors.mastodon.replies import (
    comparable,
    error_text,
    participants,
    reply_visibility,
    with_mentions,
)
from cmdesk.domain import (
    Account,
    Action,
    Kind,
    RemoteRef,
)
from cmdesk.domain.acts import Boost, Delete, Favourite, Medium, Post, Reply, Withdraw
from cmdesk.domain.reads import FIXED_SCHEDULE

CLOCK_SKEW = timedelta(minutes=5)
SCHEDULE_MATCH = timedelta(minutes=1)
"""A copy on the scheduler is this post's when its time is the post's to the minute (servers round it)."""


class MastodonPublishing(MastodonApi):
    # perform ---------------------------------------------------------------------------------------------------------

    async def perform(self, client: httpx.AsyncClient, account: Account, action: Action) -> RemoteRef:
        match action.act:
            case Reply() | Post() as publication:
                return await self._publish(client, account, publication, action.idempotency_key)
            case Favourite(target=target) | Boost(target=target):
                verb = "favourite" if isinstance(action.act, Favourite) else "reblog"
                response = await self._request(
                    client, account, "POST", f"/api/v1/statuses/{target}/{verb}", idempotency_key=action.idempotency_key
                )
                if response.status_code == 404:
                    raise Permanent(f"the post {target} no longer exists")
                data = self._json(response, action.kind)
                return RemoteRef(target, str(data.get("url") or "") if isinstance(data, Mapping) else "")
            case Withdraw(schedule_id=schedule_id):
                if schedule_id.startswith(FIXED_SCHEDULE):
                    raise Permanent("this server cannot take back a scheduled post: delete it on its site")
                response = await self._request(client, account, "DELETE", f"/api/v1/scheduled_statuses/{schedule_id}")
                if response.status_code not in (404, 410):  # gone already: nothing left to withdraw
                    raise_for_status(response)
                return RemoteRef(schedule_id)
            case Delete(target=target):
                response = await self._request(client, account, "DELETE", f"/api/v1/statuses/{target}")
                if response.status_code in (404, 410) and await self._maybe_status(client, account, target) is not None:
                    raise Permanent("this server does not let apps delete posts: delete it on the server's own site")
                if response.status_code not in (404, 410):
                    raise_for_status(response)
                return RemoteRef(target)
        raise Permanent(f"Mastodon accounts cannot {action.kind}")

    async def _publish(
        self, client: httpx.AsyncClient, account: Account, act: Reply | Post, idempotency_key: str
    ) -> RemoteRef:
        status = await self._post_status(client, account, act, idempotency_key)
        return await self._as_ref(status, account, act)

    async def _post_status(
        self,
        client: httpx.AsyncClient,
        account: Account,
        act: Reply | Post,
        idempotency_key: str,
        scheduled_at: datetime | None = None,
    ) -> Mapping[str, Any]:
        """POST /api/v1/statuses: the new Status, or with `scheduled_at` what the server answers for a scheduled
        one (Mastodon: a ScheduledStatus)."""
        text = act.text.strip()
        if not text:
            raise Permanent("nothing to send: the text is empty")
        visibility = act.visibility if isinstance(act, Post) else ""
        data: dict[str, Any] = {"status": text, "visibility": visibility or "public"}
        warning = act.content_warning
        if warning:
            data["spoiler_text"] = warning
        media = act.media if isinstance(act, Post) else ()
        if media:
            data["media_ids[]"] = [await self._upload(client, account, medium) for medium in media]
        if isinstance(act, Reply):
            original = await self._status(client, account, act.target)
            me = str(account.settings.get("me", ""))
            data["in_reply_to_id"] = act.target
            data["visibility"] = reply_visibility(original)
            data["status"] = with_mentions(text, participants(original, me, base_of(account)))
            if not warning and payloads.text_of(original.get("spoiler_text")):
                data["spoiler_text"] = original["spoiler_text"]
        if scheduled_at is not None:
            data["scheduled_at"] = scheduled_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        response = await self._request(
            client, account, "POST", "/api/v1/statuses", data=data, idempotency_key=idempotency_key
        )
        if response.status_code == 422:
            raise Permanent(f"the server refused the post: {error_text(response)}")
        status = self._json(response, "new status")
        if not isinstance(status, Mapping):
            raise BadPayload("new status: unexpected answer (expected a JSON object)")
        return status

    # the network's own scheduler ---------------------------------------------------------------------------------

    async def hand_over(self, client: httpx.AsyncClient, account: Account, action: Action, at: datetime) -> str:
        """POST /api/v1/statuses with `scheduled_at`: Mastodon answers a ScheduledStatus (`params`, `scheduled_at`)
        whose id /api/v1/scheduled_statuses withdraws. snac answers a Status it will publish at that time and
        cannot withdraw through the API: its id is kept as fixed (edit it on the server's site)."""
        if not isinstance(action.act, Post):
            raise Permanent(f"only posts can wait on the network's scheduler, not a {action.kind}")
        answer = await self._post_status(client, account, action.act, action.idempotency_key, at)
        if "params" in answer and answer.get("id"):
            return str(answer["id"])
        if answer.get("uri") or answer.get("content") is not None:
            return FIXED_SCHEDULE + payloads.entity_id(answer, "scheduled status")
        raise BadPayload("scheduled status: unexpected answer (expected a ScheduledStatus)")

    async def find_handed_over(
        self, client: httpx.AsyncClient, account: Account, action: Action, at: datetime
    ) -> str | None:
        """GET /api/v1/scheduled_statuses: one with this post's text, for this time (to the minute)."""
        act = action.act
        if not isinstance(act, Post):
            return None
        response = await self._request(client, account, "GET", "/api/v1/scheduled_statuses", params=[("limit", "40")])
        waiting = self._json(response, "scheduled statuses")
        if not isinstance(waiting, list):
            raise BadPayload("scheduled statuses: unexpected answer (expected a JSON list)")
        wanted = comparable(act.text)
        for copy in waiting:
            if not isinstance(copy, Mapping) or not isinstance(copy.get("params"), Mapping):
                continue
            when = payloads.parse_time(copy.get("scheduled_at"))
            if when is None or abs(when - at) > SCHEDULE_MATCH:
                continue
            if comparable(to_text(payloads.text_of(copy["params"].get("text")))) == wanted and copy.get("id"):
                return str(copy["id"])
        return None

    async def published(
        self, client: httpx.AsyncClient, account: Account, action: Action, schedule_id: str, at: datetime
    ) -> RemoteRef | None:
        act = action.act
        if not isinstance(act, Post):
            raise Permanent(f"only posts wait on the network's scheduler, not a {action.kind}")
        if schedule_id.startswith(FIXED_SCHEDULE):
            status_id = schedule_id.removeprefix(FIXED_SCHEDULE)
            response = await self._request(client, account, "GET", f"/api/v1/statuses/{status_id}")
            if response.status_code in (404, 410):
                raise Permanent("it is no longer on the server and did not go out (deleted on the server's site?)")
            status = self._json(response, "status")
            if not isinstance(status, Mapping):
                raise BadPayload("status: unexpected answer (expected a JSON object)")
            return await self._as_ref(status, account, act)
        response = await self._request(client, account, "GET", f"/api/v1/scheduled_statuses/{schedule_id}")
        if response.status_code not in (404, 410):
            raise_for_status(response)
            return None  # still on the scheduler: the server publishes it a little late
        found = await self.find_sent(client, account, action, at)
        if found is None:
            raise Permanent("it left the server's scheduler without being published (cancelled on the server's site?)")
        return found

    async def _upload(self, client: httpx.AsyncClient, account: Account, medium: Medium) -> str:
        """One image, with its description (alt text), through POST /api/v2/media; its id for the status. Images are
        processed at once by Mastodon (200); a server still processing one (202) is told to try again later."""
        path = Path(medium.path)
        name = medium.name or path.name
        try:
            content = await asyncio.to_thread(path.read_bytes)
        except OSError:
            raise Permanent(f"the image {name} is no longer on this computer") from None
        kind = medium.media_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
        own = account.settings
        problem = media_problem(
            kind,
            len(content),
            medium.description,
            int(own.get("image_size_limit") or MAX_IMAGE_BYTES),
            int(own.get("description_limit") or MAX_DESCRIPTION),
        )
        if problem:
            raise Permanent(f"{name}: {problem}")
        response = await self._request(
            client,
            account,
            "POST",
            "/api/v2/media",
            data={"description": medium.description},
            files={"file": (name, content, kind)},
        )
        if response.status_code == 422:
            raise Permanent(f"the server refused the image {name}: {error_text(response)}")
        uploaded = self._json(response, "media upload")
        if not isinstance(uploaded, Mapping) or not uploaded.get("id"):
            raise BadPayload("media upload: unexpected answer (expected a MediaAttachment)")
        if response.status_code == 202 and not uploaded.get("url"):
            raise Transient(f"the server is still processing {name}")
        return str(uploaded["id"])

    async def find_sent(
        self, client: httpx.AsyncClient, account: Account, action: Action, since: datetime
    ) -> RemoteRef | None:
        """Did an earlier attempt land? Servers that keep `Idempotency-Key` (Mastodon, Pleroma) would answer a
        repeat with the first status anyway; servers that ignore it (snac) would post twice, so cmdesk looks first:
        the account's own recent statuses, for one with the same reply target and text, posted since `since`."""
        act = action.act
        if not isinstance(act, Reply | Post):
            return None  # favourites, boosts and deletes are idempotent on the server: repeating them is safe
        me = str(account.settings.get("me", ""))
        if not me:
            raise Permanent("cannot check what was sent: the account's identity is unknown (sign in again)")
        response = await self._request(
            client, account, "GET", f"/api/v1/accounts/{me}/statuses", params=[("limit", "40")]
        )
        statuses = self._json(response, "own statuses")
        if not isinstance(statuses, list):
            raise BadPayload("own statuses: unexpected answer (expected a JSON list)")
        wanted = comparable(act.text)
        target = act.target if isinstance(act, Reply) else ""
        for status in statuses:
            if not isinstance(status, Mapping):
                continue
            created = payloads.parse_time(status.get("created_at"))
            if created is not None and created < since - CLOCK_SKEW:
                continue
            if str(status.get("in_reply_to_id") or "") != target:
                continue
            if wanted and wanted in comparable(to_text(payloads.text_of(status.get("content")))):
                return await self._as_ref(status, account, act)
        return None

    async def _as_ref(self, status: Mapping[str, Any], account: Account, act: Reply | Post) -> RemoteRef:
        try:
            remote_id = payloads.entity_id(status, "status")
            thread_key = (act.thread_key if isinstance(act, Reply) else "") or remote_id
            kind = Kind((act.kind if isinstance(act, Reply) else "") or Kind.MENTION.value)
            item = payloads.status_item(
                status, base=base_of(account), me=str(account.settings.get("me", "")), thread_key=thread_key, kind=kind
            )
        except (EntityError, ValueError) as error:
            raise BadPayload(f"status: {error}") from None
        return RemoteRef(remote_id, item.url, item)

    async def _status(self, client: httpx.AsyncClient, account: Account, status_id: str) -> Mapping[str, Any]:
        response = await self._request(client, account, "GET", f"/api/v1/statuses/{status_id}")
        if response.status_code in (404, 410):
            raise Permanent(f"the post {status_id} no longer exists; nothing to reply to")
        status = self._json(response, "status")
        if not isinstance(status, Mapping):
            raise BadPayload("status: unexpected answer (expected a JSON object)")
        return status
