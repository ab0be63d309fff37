"""The Facebook Page connector (Graph API): the Page's Messenger conversations, and the comments under the posts of
its feed (its own and visitors'), read by polling (webhooks need a public server, which a laptop has not); replies to
comments, private replies, Messenger answers within Meta's windows, hiding, liking and deleting through the outbox.

Account: `settings["me"]` is the Page id, `settings["api_base"]` the API origin; the secret is a Page access token.
Cursor (opaque to the engine, stored with each page):
    {"conv_…": where the Messenger conversations were read to (connectors/meta/messaging.py),
     "feed_after": Graph's cursor while the first pull walks the whole feed, "feed_done": that walk is over,
     "watch": {post id: [comment count, newest comment time]} of the newest posts, re-checked each pass,
     "slow_until": while Meta's usage headers said the app or the Page was near its limit}
A pass reads one page of conversations and one page of posts, then what changed under them; it stops early, keeping
what it read, when a usage header passes 80 %, and waits as long as Meta says (or a while) before the next."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, ClassVar

import httpx

from cmdesk.connectors import registry
from cmdesk.connectors.base import ITEM_FAILURES, Permanent, item_problem_text
from cmdesk.connectors.meta import facebook_posts, graph, messaging
from cmdesk.connectors.meta.facebook_payloads import (
    COMMENT_FIELDS,
    POST_FIELDS,
    comment_count,
    comment_item,
    is_hidden,
    post_item,
)
from cmdesk.connectors.meta.graph import path
from cmdesk.domain import (
    Account,
    Action,
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
)
from cmdesk.domain.acts import Approve, Delete, Favourite, Hide, Post, Reply, Withdraw

PAGE_SIZE = 25
COMMENT_PAGE = 100
COMMENT_PAGES = 20
MESSAGE_PAGES = 10
WATCHED = 100
IDS_A_REQUEST = 50


class FacebookConnector:
    network: ClassVar[NetworkId] = Network.FACEBOOK
    capabilities: ClassVar[Capabilities] = registry.capabilities(Network.FACEBOOK)

    async def pull(self, client: httpx.AsyncClient, account: Account, cursor: Cursor) -> Page:
        page_id = str(account.settings.get("me") or "")
        if not page_id:
            raise Permanent("this Facebook account has no Page id; sign in again")

        async def stages(calls: messaging.Pass, state: dict[str, Any], found: messaging.Gathered) -> bool:
            more = await messaging.read_conversations(
                calls, page_id, "messenger", page_id, state, found.items, found.problems
            )
            feed = await self._feed(calls, page_id, account.name, state, found.items, found.problems, found.hidden)
            return feed or more

        return await messaging.paced_pull(client, account, cursor, stages)

    async def _feed(
        self,
        calls: messaging.Pass,
        page_id: str,
        page_name: str,
        state: dict[str, Any],
        items: list[Item],
        problems: list[ItemProblem],
        hidden: list[str],
    ) -> bool:
        params = [("fields", POST_FIELDS), ("limit", str(PAGE_SIZE))]
        if state.get("feed_after"):
            params.append(("after", str(state["feed_after"])))
        posts, after = graph.listed(await calls.get(path(page_id, "feed"), params), "feed")
        watch: dict[str, list[Any]] = {
            str(k): [int(v[0]), str(v[1])]
            for k, v in (state.get("watch") or {}).items()
            if isinstance(v, list) and len(v) == 2 and isinstance(v[0], int)
        }
        seen: dict[str, list[Any]] = {}
        for post in posts:
            try:
                root = post_item(post, page_id, page_name)
            except ITEM_FAILURES as error:
                problems.append(ItemProblem(f"post {post.get('id', '?')}", item_problem_text(error)))
                continue
            items.append(root)
            seen[root.remote_id] = await self._comments_if_changed(
                calls, root.remote_id, comment_count(post), watch.get(root.remote_id), page_id, items, problems, hidden
            )
        first_walk = not state.get("feed_done")
        if not first_walk:
            older = [post_id for post_id in watch if post_id not in seen][:WATCHED]
            for start in range(0, len(older), IDS_A_REQUEST):
                chunk = older[start : start + IDS_A_REQUEST]
                params = [("ids", ",".join(chunk)), ("fields", "comments.summary(true).limit(0)")]
                counts = await calls.get(path(""), params)
                for post_id in chunk:
                    entry = counts.get(post_id) if isinstance(counts, Mapping) else None
                    total = comment_count(entry) if isinstance(entry, Mapping) else -1
                    seen[post_id] = await self._comments_if_changed(
                        calls, post_id, total, watch[post_id], page_id, items, problems, hidden
                    )
        go_on = first_walk and bool(after)
        newest_first = {**{p: seen[p] for p in seen}, **{p: seen.get(p, c) for p, c in watch.items() if p not in seen}}
        if first_walk and state.get("feed_after"):  # an older page of the first walk: what was watched is newer
            newest_first = {**{p: seen.get(p, c) for p, c in watch.items()}, **seen}
        state.update(
            feed_after=after if go_on else None,
            feed_done=not go_on,
            watch=dict(list(newest_first.items())[:WATCHED]),
        )
        return go_on

    async def _comments_if_changed(
        self,
        calls: messaging.Pass,
        post_id: str,
        total: int,
        known: list[Any] | None,
        page_id: str,
        items: list[Item],
        problems: list[ItemProblem],
        hidden: list[str],
    ) -> list[Any]:
        """Read a post's comments when their count differs from what was known; the post's new [count, newest]."""
        if known is not None and total == known[0]:
            return known
        since = str(known[1]) if known else ""
        newest = since
        after = ""
        for _page in range(COMMENT_PAGES):
            params = [("filter", "stream"), ("order", "reverse_chronological"), ("fields", COMMENT_FIELDS),
                      ("limit", str(COMMENT_PAGE))]  # fmt: skip
            if after:
                params.append(("after", after))
            comments, after = graph.listed(await calls.get(path(post_id, "comments"), params), "comments")
            reached = False
            for comment in comments:
                created = messaging.iso(comment.get("created_time"))
                if since and created and created <= since:
                    reached = True
                    break
                try:
                    item = comment_item(comment, post_id, page_id)
                except ITEM_FAILURES as error:
                    problems.append(ItemProblem(f"comment {comment.get('id', '?')}", item_problem_text(error)))
                    continue
                items.append(item)
                if is_hidden(comment):
                    hidden.append(item.remote_id)
                newest = max(newest, created)
            if reached or not after:
                break
        return [max(total, 0), newest]

    # acts ----------------------------------------------------------------------------------------------------------

    async def perform(self, client: httpx.AsyncClient, account: Account, action: Action) -> RemoteRef:
        act = action.act
        page_id = str(account.settings.get("me") or "")
        if isinstance(act, Reply) and act.private and len(act.text) > messaging.MAX_LENGTH:
            raise Permanent(f"a Messenger message is at most {messaging.MAX_LENGTH:,} characters: shorten it")
        if isinstance(act, Reply) and act.private:
            body = {"recipient": {"comment_id": act.target}, "message": {"text": act.text}}
            sent = await graph.request(client, account, "POST", path(page_id, "messages"), body=body)
            return RemoteRef(messaging.sent_id(sent, "message_id"))
        if isinstance(act, Reply) and act.kind == Kind.MESSAGE:
            return await messaging.answer(client, account, page_id, page_id, act)
        if isinstance(act, Reply):
            parent = await self._top_comment(client, account, act.target, act.thread_key)
            made = await graph.request(client, account, "POST", path(parent, "comments"), body={"message": act.text})
            remote_id = messaging.sent_id(made, "id")
            item = Item(remote_id, act.thread_key or parent, Kind.COMMENT, act.text, parent_remote_id=parent,
                        created_at=datetime.now(UTC), direction=Direction.OUTBOUND)  # fmt: skip
            return RemoteRef(remote_id, item=item)
        if isinstance(act, Hide | Approve):
            hide = "true" if isinstance(act, Hide) else "false"
            await graph.request(client, account, "POST", path(act.target), params=[("is_hidden", hide)])
            return RemoteRef(act.target)
        if isinstance(act, Favourite):
            await graph.request(client, account, "POST", path(act.target, "likes"))
            return RemoteRef(act.target)
        if isinstance(act, Delete):
            await graph.request(client, account, "DELETE", path(act.target))
            return RemoteRef(act.target)
        if isinstance(act, Post):
            return await facebook_posts.post(client, account, act)
        if isinstance(act, Withdraw):
            return await facebook_posts.withdraw(client, account, act.schedule_id)
        raise Permanent(f"Facebook Pages cannot do this from cmdesk ({action.kind})")

    # Facebook's own scheduler --------------------------------------------------------------------------------------

    async def hand_over(self, client: httpx.AsyncClient, account: Account, action: Action, at: datetime) -> str:
        if not isinstance(action.act, Post):
            raise Permanent(f"only posts can wait on Facebook's scheduler, not a {action.kind}")
        return await facebook_posts.hand_over(client, account, action.act, at)

    async def find_handed_over(
        self, client: httpx.AsyncClient, account: Account, action: Action, at: datetime
    ) -> str | None:
        if not isinstance(action.act, Post):
            return None
        return await facebook_posts.find_handed_over(client, account, action.act, at)

    async def published(
        self, client: httpx.AsyncClient, account: Account, action: Action, schedule_id: str, at: datetime
    ) -> RemoteRef | None:
        return await facebook_posts.published(client, account, schedule_id)

    async def _top_comment(self, client: httpx.AsyncClient, account: Account, target: str, post: str) -> str:
        """Facebook threads comments two levels deep: an answer to a reply goes under the comment it answers (an
        answer to the post itself, under the post)."""
        if not post or target == post:
            return target
        found = await graph.request(client, account, "GET", path(target), params=[("fields", "parent{id}")])
        parent = found.get("parent") if isinstance(found, Mapping) else None
        return str(parent["id"]) if isinstance(parent, Mapping) and parent.get("id") else target

    async def find_sent(
        self, client: httpx.AsyncClient, account: Account, action: Action, since: datetime
    ) -> RemoteRef | None:
        """A reply is looked for among the comment's replies, a Messenger answer among the conversation's last
        messages (Graph keeps no idempotency key): the Page's own, with the same text, since the first attempt."""
        act = action.act
        if isinstance(act, Post):
            return await facebook_posts.find_posted(client, account, act, since)
        if not isinstance(act, Reply):
            return None
        page_id = str(account.settings.get("me") or "")
        if act.private:
            raise Permanent("cannot tell whether the private reply went out: look in the Page's Messenger inbox")
        if act.kind == Kind.MESSAGE:
            entries = await messaging.recent_messages(client, account, act.thread_key)
        else:
            parent = await self._top_comment(client, account, act.target, act.thread_key)
            params = [("filter", "stream"), ("order", "reverse_chronological"), ("fields", COMMENT_FIELDS),
                      ("limit", str(COMMENT_PAGE))]  # fmt: skip
            entries, _after = graph.listed(
                await graph.request(client, account, "GET", path(parent, "comments"), params=params), "comments"
            )
        return messaging.same_text_since(entries, page_id, act.text, since)


__all__ = ["FacebookConnector"]
