"""The Bluesky connector: the account's notifications (`app.bsky.notification.listNotifications`, newest first) —
mentions, replies and quotes as messages of their thread's conversation, with the posts they answer read for context
(`app.bsky.feed.getPosts`); likes, reposts and follows as activity. Replies, posts (facets, images with alt text),
likes, reposts and deletions as records written to the account's repository, each under a record key drawn from the
act's idempotency key, so that a resent act finds its record (`getRecord`) instead of posting twice.

Account: `address` is the profile's page; `settings["me"]` the DID, `settings["handle"]`; the secret is the
keyring's session bundle (bluesky/session.py), renewed through `renew` before the access token runs out. Cursor
(opaque to the engine, stored with each page):
    {"next": the listing cursor to go on with (the first sync reaching back as far as Bluesky lists, or a catch-up),
     "mark": the newest notification's time when a catch-up began, "newest": the newest notification's time seen,
     "edge": the notifications of that newest time already stored, "first_done": the first reach-back ended,
     "convos": {conversation id: its rev when last read} of the direct messages (bluesky/chat.py), read each pass
               when the sign-in allows them (`settings["direct_messages"]`),
     "monitors": {term: the newest match's time} of the account's and its client's monitors (bluesky/search.py)}
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar

import httpx

from cmdesk.connectors import registry
from cmdesk.connectors.base import (
    ITEM_FAILURES,
    AuthExpired,
    BadPayload,
    Permanent,
    item_problem_text,
)
from cmdesk.connectors.bluesky import chat, richtext, search, xrpc
from cmdesk.connectors.bluesky.payloads import (
    ACTIVITY,
    CONVERSING,
    notification_activity,
    notification_item,
    post_url,
    rkey,
    view_item,
    when,
)
from cmdesk.connectors.bluesky.session import Session, refresh
from cmdesk.domain import (
    Account,
    Action,
    Activity,
    Author,
    Capabilities,
    Cursor,
    Direction,
    Item,
    ItemProblem,
    Kind,
    Network,
    NetworkId,
    Page,
    RemoteRef,
    Secret,
)
from cmdesk.domain.acts import Boost, Delete, Favourite, Post, Reply
from cmdesk.domain.monitors import searched_terms

PAGE_SIZE = 100
"""listNotifications lists at most 100 a page."""
POSTS_A_REQUEST = 25
"""getPosts takes at most 25 addresses."""
THREADS_A_PAGE = 25
"""Replies deep in a thread whose chain up to the root is read a page (getPostThread, one request each)."""
RENEW_BEFORE = timedelta(minutes=5)
COLLECTIONS = {"reply": "app.bsky.feed.post", "post": "app.bsky.feed.post", "favourite": "app.bsky.feed.like",
               "boost": "app.bsky.feed.repost"}  # fmt: skip


def _session(account: Account) -> Session:
    if account.secret is None:
        raise AuthExpired("no saved sign-in for this Bluesky account; sign in again")
    return Session.from_secret(account.secret)


def _listing(answer: Any, key: str, what: str) -> list[Mapping[str, Any]]:
    if not isinstance(answer, Mapping) or not isinstance(answer.get(key), list):
        raise BadPayload(f"{what}: unexpected answer (expected a list of {key})")
    return [entry for entry in answer[key] if isinstance(entry, Mapping)]


class BlueskyConnector:
    network: ClassVar[NetworkId] = Network.BLUESKY
    capabilities: ClassVar[Capabilities] = registry.capabilities(Network.BLUESKY)

    async def pull(self, client: httpx.AsyncClient, account: Account, cursor: Cursor) -> Page:
        state: dict[str, Any] = dict(cursor or {})
        session = _session(account)
        params = [("limit", str(PAGE_SIZE))]
        if state.get("next"):
            params.append(("cursor", str(state["next"])))
        answer = await xrpc.call(client, session.pds, "app.bsky.notification.listNotifications", token=session.access,
                                 params=params)  # fmt: skip
        notifications = _listing(answer, "notifications", "listNotifications")
        items: list[Item] = []
        activities: list[Activity] = []
        problems: list[ItemProblem] = []
        times: list[str] = []
        known_until = str(state.get("newest") or "") if state.get("first_done") else ""
        edge = set(_strings(state.get("edge")))
        for notification in notifications:
            reason = str(notification.get("reason") or "")
            seen_at = str(notification.get("indexedAt") or "")
            times.append(seen_at)
            uri = str(notification.get("uri") or "")
            if known_until and (seen_at < known_until or (seen_at == known_until and uri in edge)):
                continue  # stored by an earlier pull
            try:
                if reason in CONVERSING:
                    items.append(notification_item(notification, session.did))
                elif reason in ACTIVITY:
                    activities.append(notification_activity(notification))
            except ITEM_FAILURES as error:
                problems.append(ItemProblem(f"notification {notification.get('uri', '?')}", item_problem_text(error)))
        items.extend(await self._context(client, session, items, problems))
        if account.settings.get("direct_messages") and not state.get("next"):
            known = {str(k): str(v) for k, v in (state.get("convos") or {}).items()}
            messages, state["convos"] = await chat.read(client, chat.base_of(account.settings, session), session,
                                                        known, problems)  # fmt: skip
            items.extend(messages)
        terms = searched_terms(account.settings)
        if terms and not state.get("next"):
            seen = {str(k): str(v) for k, v in (state.get("monitors") or {}).items()}
            found, state["monitors"] = await search.matches(client, session, terms, seen, problems)
            items.extend(found)
        first_done = bool(state.get("first_done"))
        newest = str(state.get("newest") or "")
        mark = str(state.get("mark") or newest) if state.get("next") else newest
        token = answer.get("cursor") if isinstance(answer, Mapping) else None
        oldest = min((t for t in times if t), default="")
        go_on = bool(token) and bool(notifications) and (not first_done or (bool(oldest) and oldest > mark))
        run_before = str(state.get("run_newest") or "")
        run_newest = max([run_before, *times])
        at_newest = [str(n.get("uri") or "") for n in notifications if str(n.get("indexedAt") or "") == run_newest]
        run_edge = at_newest + (_strings(state.get("run_edge")) if run_newest == run_before else [])
        final = max(newest, run_newest)
        state.update(
            next=str(token) if go_on else None,
            mark=mark if go_on else None,
            run_newest=run_newest if go_on else None,
            run_edge=run_edge if go_on else None,
            newest=newest if go_on else final,
            edge=sorted(edge) if go_on else sorted({*(run_edge if run_newest == final else ()),
                                                     *(edge if newest == final else ())}),
            first_done=first_done or not go_on,
        )  # fmt: skip
        return Page(tuple(items), state, has_more=go_on, problems=tuple(problems), activities=tuple(activities))

    async def _context(
        self, client: httpx.AsyncClient, session: Session, items: Sequence[Item], problems: list[ItemProblem]
    ) -> list[Item]:
        """The posts the notifications answer up to their threads' roots, read once each, so that each conversation
        shows what was answered (the account's own post, most often): getPostThread's chain of parents for a reply
        deep in a thread, getPosts (25 a request) for the rest."""
        have = {item.remote_id for item in items}
        found: list[Item] = []
        deep = [i for i in items if i.parent_remote_id and i.parent_remote_id != i.thread_key][:THREADS_A_PAGE]
        for item in deep:  # a reply down a thread: the posts between it and the root (getPostThread's parents)
            found.extend(await self._parents(client, session, item.remote_id, have, problems))
        wanted = sorted({uri for item in items for uri in (item.thread_key, item.parent_remote_id) if uri} - have)
        for first in range(0, len(wanted), POSTS_A_REQUEST):
            chunk = wanted[first : first + POSTS_A_REQUEST]
            answer = await xrpc.call(client, session.pds, "app.bsky.feed.getPosts", token=session.access,
                                     params=[("uris", uri) for uri in chunk])  # fmt: skip
            for post in _listing(answer, "posts", "getPosts"):
                try:
                    found.append(view_item(post, session.did))
                except ITEM_FAILURES as error:
                    problems.append(ItemProblem(f"post {post.get('uri', '?')}", item_problem_text(error)))
        return found

    async def _parents(
        self, client: httpx.AsyncClient, session: Session, uri: str, have: set[str], problems: list[ItemProblem]
    ) -> list[Item]:
        """The posts above this one in its thread, up to the root (those not in `have`, which grows)."""
        params = [("uri", uri), ("depth", "0"), ("parentHeight", "20")]
        answer = await xrpc.call(client, session.pds, "app.bsky.feed.getPostThread", token=session.access,
                                 params=params)  # fmt: skip
        view = answer.get("thread") if isinstance(answer, Mapping) else None
        parent = view.get("parent") if isinstance(view, Mapping) else None
        found: list[Item] = []
        while isinstance(parent, Mapping) and isinstance(parent.get("post"), Mapping):
            post = parent["post"]
            if str(post.get("uri")) not in have:
                have.add(str(post.get("uri")))
                try:
                    found.append(view_item(post, session.did))
                except ITEM_FAILURES as error:
                    problems.append(ItemProblem(f"post {post.get('uri', '?')}", item_problem_text(error)))
            parent = parent.get("parent")
        return found

    async def renew(self, client: httpx.AsyncClient, account: Account, now: datetime) -> Secret | None:
        """A new session when the access token is within minutes of its end (or says no end)."""
        session = _session(account)
        ends = session.expires_at()
        if ends is not None and ends - now > RENEW_BEFORE:
            return None
        try:
            return (await refresh(client, session)).to_secret()
        except xrpc.TokenExpired:
            raise AuthExpired("Bluesky ended this sign-in: sign in again with an app password") from None

    async def perform(self, client: httpx.AsyncClient, account: Account, action: Action) -> RemoteRef:
        session = _session(account)
        act = action.act
        if isinstance(act, Delete):
            await self._call(client, session, "com.atproto.repo.deleteRecord", _address(act.target, session.did))
            return RemoteRef(act.target)
        if isinstance(act, Reply) and act.kind == Kind.MESSAGE:
            return await chat.send(client, chat.base_of(account.settings, session), session, act.thread_key, act.text)
        if not isinstance(act, Reply | Post | Favourite | Boost):
            raise Permanent(f"Bluesky accounts cannot do this from cmdesk ({action.kind})")
        collection = COLLECTIONS[action.kind]
        key = richtext.tid_for(action.idempotency_key)
        existing = await self._existing(client, session, collection, key)
        if existing is not None:
            return existing
        record = await self._record(client, session, act)
        body = {"repo": session.did, "collection": collection, "rkey": key, "record": record}
        made = await self._call(client, session, "com.atproto.repo.createRecord", body)
        uri = str(made.get("uri") or "") if isinstance(made, Mapping) else ""
        if not uri:
            raise BadPayload("createRecord answered without the record's address")
        return self._ref(session, uri, record, act)

    async def find_sent(
        self, client: httpx.AsyncClient, account: Account, action: Action, since: datetime
    ) -> RemoteRef | None:
        session = _session(account)
        act = action.act
        if isinstance(act, Reply) and act.kind == Kind.MESSAGE:
            base = chat.base_of(account.settings, session)
            return await chat.find_sent(client, base, session, act.thread_key, act.text, since)
        collection = COLLECTIONS.get(action.kind)
        if collection is None:
            return None
        return await self._existing(client, session, collection, richtext.tid_for(action.idempotency_key))

    async def _existing(
        self, client: httpx.AsyncClient, session: Session, collection: str, key: str
    ) -> RemoteRef | None:
        """The record this act already wrote (an earlier attempt that reached the PDS), if any."""
        params = [("repo", session.did), ("collection", collection), ("rkey", key)]
        try:
            found = await xrpc.call(client, session.pds, "com.atproto.repo.getRecord", params=params)
        except xrpc.RecordMissing:
            return None
        uri = str(found.get("uri") or "") if isinstance(found, Mapping) else ""
        return RemoteRef(uri, url=post_url(session.handle, uri)) if uri else None

    async def _call(self, client: httpx.AsyncClient, session: Session, nsid: str, body: Mapping[str, Any]) -> Any:
        return await xrpc.call(client, session.pds, nsid, token=session.access, body=body)

    async def _record(
        self, client: httpx.AsyncClient, session: Session, act: Reply | Post | Favourite | Boost
    ) -> dict[str, Any]:
        now = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        if isinstance(act, Favourite | Boost):
            kind = "app.bsky.feed.like" if isinstance(act, Favourite) else "app.bsky.feed.repost"
            return {"$type": kind, "subject": await self._strong_ref(client, session, act.target), "createdAt": now}
        record: dict[str, Any] = {"$type": "app.bsky.feed.post", "text": act.text, "createdAt": now}
        found = await richtext.facets(act.text, lambda handle: self._did(client, session, handle))
        if found:
            record["facets"] = found
        if isinstance(act, Reply):
            parent = await self._post(client, session, act.target)
            parent_ref = {"uri": str(parent["uri"]), "cid": str(parent["cid"])}
            answered = parent.get("record") if isinstance(parent.get("record"), Mapping) else {}
            reply = answered.get("reply") if isinstance(answered, Mapping) else None
            root = reply.get("root") if isinstance(reply, Mapping) else None
            record["reply"] = {"root": dict(root) if isinstance(root, Mapping) else parent_ref, "parent": parent_ref}
        elif act.media:
            record["embed"] = await self._images(client, session, act)
        return record

    async def _post(self, client: httpx.AsyncClient, session: Session, uri: str) -> Mapping[str, Any]:
        answer = await xrpc.call(client, session.pds, "app.bsky.feed.getPosts", token=session.access,
                                 params=[("uris", uri)])  # fmt: skip
        posts = _listing(answer, "posts", "getPosts")
        if not posts or not posts[0].get("cid"):
            raise Permanent("the post to answer no longer exists on Bluesky")
        return posts[0]

    async def _strong_ref(self, client: httpx.AsyncClient, session: Session, uri: str) -> dict[str, str]:
        post = await self._post(client, session, uri)
        return {"uri": str(post["uri"]), "cid": str(post["cid"])}

    async def _did(self, client: httpx.AsyncClient, session: Session, handle: str) -> str | None:
        try:
            answer = await xrpc.call(client, session.pds, "com.atproto.identity.resolveHandle",
                                     params=[("handle", handle)])  # fmt: skip
        except Permanent:
            return None
        did = answer.get("did") if isinstance(answer, Mapping) else None
        return str(did) if did else None

    async def _images(self, client: httpx.AsyncClient, session: Session, act: Post) -> dict[str, Any]:
        images = []
        for medium in act.media:
            data = Path(medium.path).read_bytes()
            uploaded = await xrpc.call(client, session.pds, "com.atproto.repo.uploadBlob", token=session.access,
                                       data=data, content_type=medium.media_type or "image/jpeg")  # fmt: skip
            blob = uploaded.get("blob") if isinstance(uploaded, Mapping) else None
            if not isinstance(blob, Mapping):
                raise BadPayload("uploadBlob answered without the blob")
            images.append({"image": dict(blob), "alt": medium.description})
        return {"$type": "app.bsky.embed.images", "images": images}

    def _ref(self, session: Session, uri: str, record: Mapping[str, Any], act: Reply | Post | Favourite | Boost
             ) -> RemoteRef:  # fmt: skip
        url = post_url(session.handle, uri)
        if not isinstance(act, Reply | Post):
            return RemoteRef(uri)
        reply = record.get("reply") if isinstance(record.get("reply"), Mapping) else {}
        root = str(reply.get("root", {}).get("uri") or uri) if isinstance(reply, Mapping) else uri
        parent = str(reply.get("parent", {}).get("uri") or "") if isinstance(reply, Mapping) else ""
        me = Author(name=session.handle, handle=f"@{session.handle}")
        made = when(record["createdAt"])
        item = Item(uri, root, Kind.MENTION, str(record["text"]), url=url, author=me, created_at=made,
                    parent_remote_id=parent, direction=Direction.OUTBOUND)  # fmt: skip
        return RemoteRef(uri, url=url, item=item)


def _strings(value: Any) -> list[str]:
    return [str(entry) for entry in value] if isinstance(value, list) else []


def _address(uri: str, me: str) -> dict[str, str]:
    """deleteRecord's body for one of the account's own records (`at://did/collection/rkey`)."""
    parts = uri.removeprefix("at://").split("/")
    if len(parts) != 3 or parts[0] != me:
        raise Permanent("only the account's own posts, likes and reposts can be deleted")
    return {"repo": me, "collection": parts[1], "rkey": parts[2]}


__all__ = ["BlueskyConnector", "rkey"]
