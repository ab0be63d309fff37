"""The Instagram connector (Instagram API with Facebook Login, through the Graph API): the comments under the
professional account's media and their replies, the media where someone tagged it (mentions), and its direct
messages through the linked Page's conversations (`platform=instagram`); replies to comments, private replies,
direct answers within Meta's windows, hiding and deleting through the outbox. Polling, as for the Facebook Page.

Account: `settings["me"]` is the Instagram user id, `settings["page_id"]` the Facebook Page it is linked to (its
direct messages go through that Page), `settings["api_base"]` the API origin; the secret is the Page token.
Cursor: {"conv_…": the direct messages read (connectors/meta/messaging.py), "media_after"/"media_done": the first
pull's walk over every media, "watch": {media id: comment count} of the newest media, re-checked each pass,
"tags_newest": the newest mention read, "slow_until": as for the Page}."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, ClassVar

import httpx

from cmdesk.connectors import registry
from cmdesk.connectors.base import ITEM_FAILURES, Permanent, item_problem_text
from cmdesk.connectors.meta import graph, instagram_posts, messaging
from cmdesk.connectors.meta.graph import path
from cmdesk.connectors.meta.instagram_payloads import (
    COMMENT_FIELDS,
    COMMENTS_FIELDS,
    MEDIA_FIELDS,
    TAG_FIELDS,
    comment_item,
    comments_count,
    comments_with_replies,
    media_item,
    tag_item,
)
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
from cmdesk.domain.acts import Approve, Delete, Hide, Post, Reply

PAGE_SIZE = 25
COMMENT_PAGE = 50
COMMENT_PAGES = 20
WATCHED = 100
IDS_A_REQUEST = 50


class InstagramConnector:
    network: ClassVar[NetworkId] = Network.INSTAGRAM
    capabilities: ClassVar[Capabilities] = registry.capabilities(Network.INSTAGRAM)

    async def pull(self, client: httpx.AsyncClient, account: Account, cursor: Cursor) -> Page:
        me = str(account.settings.get("me") or "")
        page_id = str(account.settings.get("page_id") or "")
        if not me:
            raise Permanent("this Instagram account has no user id; sign in again")

        async def stages(calls: messaging.Pass, state: dict[str, Any], found: messaging.Gathered) -> bool:
            more = False
            if page_id:
                more = await messaging.read_conversations(
                    calls, page_id, "instagram", me, state, found.items, found.problems
                )
            media = await self._media(calls, me, account.name, state, found.items, found.problems, found.hidden)
            await self._mentions(calls, me, state, found.items, found.problems)
            return media or more

        return await messaging.paced_pull(client, account, cursor, stages)

    async def _media(
        self,
        calls: messaging.Pass,
        me: str,
        username: str,
        state: dict[str, Any],
        items: list[Item],
        problems: list[ItemProblem],
        hidden: list[str],
    ) -> bool:
        params = [("fields", MEDIA_FIELDS), ("limit", str(PAGE_SIZE))]
        if state.get("media_after"):
            params.append(("after", str(state["media_after"])))
        listed, after = graph.listed(await calls.get(path(me, "media"), params), "media")
        watch = {str(k): int(v) for k, v in (state.get("watch") or {}).items() if isinstance(v, int)}
        seen: dict[str, int] = {}
        for media in listed:
            try:
                root = media_item(media, me, username)
            except ITEM_FAILURES as error:
                problems.append(ItemProblem(f"media {media.get('id', '?')}", item_problem_text(error)))
                continue
            items.append(root)
            total = comments_count(media)
            if total != watch.get(root.remote_id):
                await self._comments(calls, root.remote_id, me, items, problems, hidden)
            seen[root.remote_id] = total
        first_walk = not state.get("media_done")
        if not first_walk:
            older = [media_id for media_id in watch if media_id not in seen][:WATCHED]
            for start in range(0, len(older), IDS_A_REQUEST):
                chunk = older[start : start + IDS_A_REQUEST]
                counts = await calls.get(path(""), [("ids", ",".join(chunk)), ("fields", "comments_count")])
                for media_id in chunk:
                    entry = counts.get(media_id) if isinstance(counts, Mapping) else None
                    total = comments_count(entry) if isinstance(entry, Mapping) else -1
                    if total != watch[media_id]:
                        await self._comments(calls, media_id, me, items, problems, hidden)
                    seen[media_id] = total
        go_on = first_walk and bool(after)
        ordered = {**watch, **seen} if state.get("media_after") else {**seen, **watch, **seen}
        state.update(media_after=after if go_on else None, media_done=not go_on,
                     watch=dict(list(ordered.items())[:WATCHED]))  # fmt: skip
        return go_on

    async def _comments(
        self,
        calls: messaging.Pass,
        media_id: str,
        me: str,
        items: list[Item],
        problems: list[ItemProblem],
        hidden: list[str],
    ) -> None:
        after = ""
        for _page in range(COMMENT_PAGES):
            params = [("fields", COMMENTS_FIELDS), ("limit", str(COMMENT_PAGE))]
            if after:
                params.append(("after", after))
            comments, after = graph.listed(await calls.get(path(media_id, "comments"), params), "comments")
            for comment in comments:
                for entry in comments_with_replies(comment):
                    try:
                        item = comment_item(entry, media_id, me)
                    except ITEM_FAILURES as error:
                        problems.append(ItemProblem(f"comment {entry.get('id', '?')}", item_problem_text(error)))
                        continue
                    items.append(item)
                    if entry.get("hidden") is True:
                        hidden.append(item.remote_id)
            if not after:
                return

    async def _mentions(
        self, calls: messaging.Pass, me: str, state: dict[str, Any], items: list[Item], problems: list[ItemProblem]
    ) -> None:
        """The newest media where someone tagged the account (one page a pass: mentions come a few at a time)."""
        listed, _after = graph.listed(
            await calls.get(path(me, "tags"), [("fields", TAG_FIELDS), ("limit", str(PAGE_SIZE))]), "tags"
        )
        newest = str(state.get("tags_newest") or "")
        for media in listed:
            moment = messaging.iso(media.get("timestamp"))
            if newest and moment and moment <= newest:
                continue
            try:
                items.append(tag_item(media))
            except ITEM_FAILURES as error:
                problems.append(ItemProblem(f"mention {media.get('id', '?')}", item_problem_text(error)))
        state["tags_newest"] = max([newest, *(messaging.iso(m.get("timestamp")) for m in listed)])

    # acts ----------------------------------------------------------------------------------------------------------

    async def perform(self, client: httpx.AsyncClient, account: Account, action: Action) -> RemoteRef:
        act = action.act
        me = str(account.settings.get("me") or "")
        page_id = str(account.settings.get("page_id") or "")
        if isinstance(act, Reply) and (act.private or act.kind == Kind.MESSAGE) and not page_id:
            raise Permanent("this Instagram account has no linked Facebook Page: its direct messages cannot be sent")
        if isinstance(act, Reply) and act.private:
            body = {"recipient": {"comment_id": act.target}, "message": {"text": act.text}}
            sent = await graph.request(client, account, "POST", path(page_id, "messages"), body=body)
            return RemoteRef(messaging.sent_id(sent, "message_id"))
        if isinstance(act, Reply) and act.kind == Kind.MESSAGE:
            return await messaging.answer(client, account, page_id, me, act)
        if isinstance(act, Reply):
            on_media = act.target == act.thread_key
            where = path(act.target, "comments" if on_media else "replies")
            made = await graph.request(client, account, "POST", where, params=[("message", act.text)])
            remote_id = messaging.sent_id(made, "id")
            item = Item(remote_id, act.thread_key, Kind.COMMENT, act.text, parent_remote_id=act.target,
                        created_at=datetime.now(UTC), direction=Direction.OUTBOUND)  # fmt: skip
            return RemoteRef(remote_id, item=item)
        if isinstance(act, Hide | Approve):
            hide = "true" if isinstance(act, Hide) else "false"
            await graph.request(client, account, "POST", path(act.target), params=[("hide", hide)])
            return RemoteRef(act.target)
        if isinstance(act, Delete):
            await graph.request(client, account, "DELETE", path(act.target))
            return RemoteRef(act.target)
        if isinstance(act, Post):
            return await instagram_posts.publish(client, account, act)
        raise Permanent(f"Instagram accounts cannot do this from cmdesk ({action.kind})")

    async def find_sent(
        self, client: httpx.AsyncClient, account: Account, action: Action, since: datetime
    ) -> RemoteRef | None:
        """A reply is looked for among the comment's replies (or the media's comments), a direct answer among the
        conversation's last messages: the account's own, with the same text, since the first attempt."""
        act = action.act
        if isinstance(act, Post):
            return await instagram_posts.find_posted(client, account, act, since)
        if not isinstance(act, Reply):
            return None
        me = str(account.settings.get("me") or "")
        if act.private:
            raise Permanent("cannot tell whether the private reply went out: look in the account's direct messages")
        if act.kind == Kind.MESSAGE:
            return messaging.same_text_since(await messaging.recent_messages(client, account, act.thread_key), me,
                                             act.text, since)  # fmt: skip
        top = act.target
        if act.target != act.thread_key:  # a reply to a reply joins its top-level comment
            asked = await graph.request(client, account, "GET", path(act.target), params=[("fields", "parent_id")])
            top = str(asked.get("parent_id") or act.target) if isinstance(asked, Mapping) else act.target
        where = path(top, "comments" if top == act.thread_key else "replies")
        found = await graph.request(client, account, "GET", where, params=[("fields", COMMENT_FIELDS), ("limit", "50")])
        entries, _after = graph.listed(found, "replies")
        return messaging.same_text_since(entries, me, act.text, since)


__all__ = ["InstagramConnector"]
