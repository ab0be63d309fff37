"""The Discourse connector: the user's notifications, newest first (`/notifications.json`, sixty a page with
`offset`), reaching back as far as the forum lists them on the first pull, then only what is new; the posts they
bring, fetched a topic at a time (`/t/{id}/posts.json?post_ids[]=`), with the post each answers for context
(`/posts/by_number/{topic}/{number}.json`); likes of the user's posts as activities. Replies go to the topic under
the post answered (`POST /posts.json` with `reply_to_post_number`), a private message's answer into its topic.
Discourse keeps no idempotency key: before a retry the reply is looked for among the topic's latest posts
(discourse/sent.py).

Account: `address` the forum's home; `settings`: "origin", "username" (who the key acts as), "key_kind"
("user_api_key" or "api_key"), "client_id" (a User API Key's); the secret is the key. Cursor (opaque to the engine):
    {"offset": the listing position of a reach-back under way, "newest": the highest notification id stored,
     "run_newest": the highest of the reach-back under way}
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, ClassVar

import httpx

from cmdesk.connectors import registry
from cmdesk.connectors.base import ITEM_FAILURES, BadPayload, Permanent, item_problem_text
from cmdesk.connectors.discourse import api, sent
from cmdesk.connectors.discourse.payloads import Notified, like, notified, parse_ref, post_item, post_ref
from cmdesk.domain import (
    Account,
    Action,
    Activity,
    Capabilities,
    Cursor,
    Item,
    ItemProblem,
    Kind,
    Network,
    NetworkId,
    Page,
    RemoteRef,
)
from cmdesk.domain.acts import Reply

CONTEXT_PER_PULL = 20
"""Posts fetched for context (the post a reply answers) in one pull, at most."""
POSTS_A_REQUEST = 50


class DiscourseConnector:
    network: ClassVar[NetworkId] = Network.DISCOURSE
    capabilities: ClassVar[Capabilities] = registry.capabilities(Network.DISCOURSE)

    async def pull(self, client: httpx.AsyncClient, account: Account, cursor: Cursor) -> Page:
        state: dict[str, Any] = dict(cursor or {})
        offset = int(state.get("offset") or 0)
        listing = await api.request(client, account, "GET", "/notifications.json",
                                    params=[("offset", str(offset))] if offset else [], signs_in=True)  # fmt: skip
        notifications = listing.get("notifications") if isinstance(listing, Mapping) else None
        if not isinstance(notifications, list):
            raise BadPayload("/notifications.json: unexpected answer (expected its notifications)")
        newest, run_newest = int(state.get("newest") or 0), int(state.get("run_newest") or 0)
        problems: list[ItemProblem] = []
        wanted: list[Notified] = []
        activities: list[Activity] = []
        reached = False
        for notification in notifications:
            number = notification.get("id") if isinstance(notification, Mapping) else None
            if not isinstance(number, int) or isinstance(number, bool):
                problems.append(ItemProblem("notification ?", "not a notification with an id"))
                continue
            if number <= newest:
                reached = True
                break
            run_newest = max(run_newest, number)
            try:
                found, liked = notified(notification), like(notification)
            except ITEM_FAILURES as error:
                problems.append(ItemProblem(f"notification {number}", item_problem_text(error)))
                continue
            if found is not None:
                wanted.append(found)
            if liked is not None:
                activities.append(liked)
        items = await self._posts(client, account, wanted, problems)
        replies = {post_ref(n.topic, n.number) for n in wanted if n.replied}
        items += await self._context(client, account, items, replies, problems)
        total = listing.get("total_rows_notifications")
        listed_more = isinstance(total, int) and offset + len(notifications) < total
        go_on = bool(notifications) and listed_more and not reached
        if go_on:
            state.update(offset=offset + len(notifications), run_newest=run_newest)
        else:
            state.update(offset=None, run_newest=None, newest=max(newest, run_newest))
        return Page(tuple(items), state, has_more=go_on, problems=tuple(problems), activities=tuple(activities))

    async def _posts(
        self, client: httpx.AsyncClient, account: Account, wanted: list[Notified], problems: list[ItemProblem]
    ) -> list[Item]:
        """The notified posts, a topic at a time (by id when the notification says it, else by number)."""
        origin, me = api.origin_of(account), str(account.settings.get("username") or "")
        by_topic: dict[int, list[Notified]] = {}
        for found in wanted:
            by_topic.setdefault(found.topic, []).append(found)
        items: list[Item] = []
        for topic, notes in by_topic.items():
            about = {n.number: n for n in notes}
            posts = await self._topic_posts(client, account, topic, [n.post_id for n in notes if n.post_id], problems)
            for note in notes:
                if not note.post_id and (post := await _by_number(client, account, topic, note.number, problems)):
                    posts.append(post)
            for post in posts:
                number = post.get("post_number")
                note = (about.get(number) if isinstance(number, int) else None) or notes[0]
                try:
                    items.append(post_item(post, origin, note.kind, note.topic_title, me))
                except ITEM_FAILURES as error:
                    problems.append(ItemProblem(f"post {post.get('id', '?')}", item_problem_text(error)))
        return items

    async def _topic_posts(
        self, client: httpx.AsyncClient, account: Account, topic: int, ids: list[int], problems: list[ItemProblem]
    ) -> list[Mapping[str, Any]]:
        found: list[Mapping[str, Any]] = []
        for first in range(0, len(ids), POSTS_A_REQUEST):
            params = [("post_ids[]", str(n)) for n in dict.fromkeys(ids[first : first + POSTS_A_REQUEST])]
            try:
                answer = await api.request(client, account, "GET", f"/t/{topic}/posts.json", params=params)
            except Permanent as error:  # a topic deleted or closed to the user since: its notification stays read
                problems.append(ItemProblem(f"topic {topic}", str(error)))
                continue
            stream = answer.get("post_stream") if isinstance(answer, Mapping) else None
            posts = stream.get("posts") if isinstance(stream, Mapping) else None
            found.extend(p for p in posts or [] if isinstance(p, Mapping))
        return found

    async def _context(
        self,
        client: httpx.AsyncClient,
        account: Account,
        items: list[Item],
        replies: set[str],
        problems: list[ItemProblem],
    ) -> list[Item]:
        """The posts answered by the posts fetched — the user's own, for a reply to them (`replies`), or one a post
        answers by number — for the thread to read as it happened; not the topic's first post of every post."""
        have = {item.remote_id for item in items}
        answered = (
            i.parent_remote_id
            for i in items
            if i.parent_remote_id not in have and (i.remote_id in replies or not _under_topic(i))
        )
        missing = list(dict.fromkeys(answered))
        origin, me = api.origin_of(account), str(account.settings.get("username") or "")
        kinds = {item.thread_key: (item.kind, item.thread_title) for item in items}
        context: list[Item] = []
        for ref in missing[:CONTEXT_PER_PULL]:
            topic, number = parse_ref(ref)
            post = await _by_number(client, account, topic, number, problems)
            if post is None:
                continue
            kind, title = kinds.get(str(topic), (Kind.COMMENT, ""))
            try:
                context.append(post_item(post, origin, kind, title, me))
            except ITEM_FAILURES as error:
                problems.append(ItemProblem(f"post {ref}", item_problem_text(error)))
        return context

    async def perform(self, client: httpx.AsyncClient, account: Account, action: Action) -> RemoteRef:
        act = action.act
        if not isinstance(act, Reply):
            raise Permanent(f"Discourse forums cannot do this from cmdesk ({action.kind})")
        try:
            topic, number = parse_ref(act.target)
        except ValueError as error:
            raise Permanent(str(error)) from None
        body: dict[str, Any] = {"topic_id": topic, "raw": act.text}
        if number > 1:
            body["reply_to_post_number"] = number
        made = await api.request(client, account, "POST", "/posts.json", body=body)
        if not isinstance(made, Mapping) or not isinstance(made.get("post_number"), int):
            raise BadPayload("the forum answered the reply without its post number")
        kind = Kind(act.kind) if act.kind in {k.value for k in Kind} else Kind.COMMENT
        try:
            item: Item | None = post_item(
                made, api.origin_of(account), kind, "", str(account.settings.get("username") or "")
            )
        except ITEM_FAILURES:
            item = None  # sent all the same; the next pull brings it
        ref = post_ref(topic, made["post_number"])
        return RemoteRef(ref, url=item.url if item else "", item=item)

    async def find_sent(
        self, client: httpx.AsyncClient, account: Account, action: Action, since: datetime
    ) -> RemoteRef | None:
        act = action.act
        if not isinstance(act, Reply):
            return None
        return await sent.find_reply(client, account, act, since)


def _under_topic(item: Item) -> bool:
    """Posted under the topic itself, not in answer to a post (its parent is only the topic's first post)."""
    return item.parent_remote_id in ("", f"{item.thread_key}/1")


async def _by_number(
    client: httpx.AsyncClient, account: Account, topic: int, number: int, problems: list[ItemProblem]
) -> Mapping[str, Any] | None:
    try:
        post = await api.request(client, account, "GET", f"/posts/by_number/{topic}/{number}.json")
    except Permanent as error:
        problems.append(ItemProblem(f"post {post_ref(topic, number)}", str(error)))
        return None
    return post if isinstance(post, Mapping) else None


__all__ = ["DiscourseConnector"]
