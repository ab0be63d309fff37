"""The WordPress connector: the site's comments, newest first (`/wp/v2/comments`, `status=all`: those held for
moderation too), each under its post (fetched once, `/wp/v2/posts` then `/wp/v2/pages`, as its conversation's root);
replies (`POST /wp/v2/comments` with `post` and `parent`), approve, spam and trash. WordPress keeps no idempotency
key: before a retry the reply is looked for among the answered comment's children (wordpress/sent.py).

Account: `address` the site's home; `settings`: "rest_root" (the REST index's address), "login" (what the
application password belongs to), "user_id", "moderates" (the user may see and moderate held comments), "site_name";
the secret is the application password. Cursor (opaque to the engine):
    {"page": the page of a walk under way (first pull, or a burst of comments), "newest": the highest comment id
     stored (comment ids only grow), "run_newest": the highest of the walk under way,
     "posts": {post id: [guid, title]} of the posts already delivered (the latest KNOWN_POSTS),
     "held": {comment id: remote id} of the comments stored as held, checked each pull for approval or removal}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, ClassVar

import httpx

from cmdesk.connectors import registry
from cmdesk.connectors.base import ITEM_FAILURES, BadPayload, Permanent, item_problem_text
from cmdesk.connectors.wordpress import api, payloads, sent
from cmdesk.connectors.wordpress.payloads import comment_id, comment_item, comment_remote_id
from cmdesk.domain import Account, Action, Capabilities, Cursor, Item, ItemProblem, Network, NetworkId, Page, RemoteRef
from cmdesk.domain.acts import Approve, Reply, Trash

PAGE_SIZE = 100
KNOWN_POSTS = 500
HELD_KEPT = 500
"""Comments held for moderation followed for their approval or removal on the site; beyond, the oldest are left."""
COMMENT_FIELDS = "id,post,parent,author,author_name,author_url,date_gmt,content,link,status"
POST_FIELDS = "id,guid,link,title,excerpt,date_gmt"


class WordPressConnector:
    network: ClassVar[NetworkId] = Network.WORDPRESS
    capabilities: ClassVar[Capabilities] = registry.capabilities(Network.WORDPRESS)

    async def pull(self, client: httpx.AsyncClient, account: Account, cursor: Cursor) -> Page:
        state: dict[str, Any] = dict(cursor or {})
        page = int(state.get("page") or 1)
        moderates = bool(account.settings.get("moderates", True))
        params = [("per_page", str(PAGE_SIZE)), ("page", str(page)), ("orderby", "id"), ("order", "desc"),
                  ("_fields", COMMENT_FIELDS), ("status", "all" if moderates else "approve")]  # fmt: skip
        comments, headers = await api.request(client, account, "GET", "/wp/v2/comments", params=params)
        if not isinstance(comments, list):
            raise BadPayload("/wp/v2/comments: unexpected answer (expected a list of comments)")
        newest, run_newest = int(state.get("newest") or 0), int(state.get("run_newest") or 0)
        problems: list[ItemProblem] = []
        fresh: list[Mapping[str, Any]] = []
        reached = False
        for comment in comments:
            number = comment.get("id") if isinstance(comment, Mapping) else None
            if not isinstance(number, int) or isinstance(number, bool):
                problems.append(ItemProblem("comment ?", "not a comment object with an id"))
                continue
            if number <= newest:
                reached = True
                break
            fresh.append(comment)
            run_newest = max(run_newest, number)
        posts = {str(k): v for k, v in (state.get("posts") or {}).items() if isinstance(v, list) and len(v) == 2}
        items = await self._posts(client, account, {c.get("post") for c in fresh}, posts, problems)
        held: dict[str, str] = {str(k): str(v) for k, v in (state.get("held") or {}).items()}
        items.extend(self._comments(account, fresh, posts, held, problems))
        total_pages = headers.get("x-wp-totalpages", "")
        more_pages = not total_pages.isdigit() or page < int(total_pages)
        go_on = len(comments) == PAGE_SIZE and more_pages and not reached
        deleted: list[str] = []
        if not go_on and moderates:
            seen = {str(c.get("id")) for c in fresh}
            await self._recheck_held(client, account, held, seen, posts, items, deleted, problems)
        if go_on:
            state.update(page=page + 1, run_newest=run_newest)
        else:
            state.update(page=None, run_newest=None, newest=max(newest, run_newest))
        state["posts"] = dict(list(posts.items())[-KNOWN_POSTS:])
        state["held"] = dict(list(held.items())[-HELD_KEPT:])
        return Page(tuple(items), state, has_more=go_on, problems=tuple(problems), deleted=tuple(deleted))

    def _comments(
        self,
        account: Account,
        comments: Iterable[Mapping[str, Any]],
        posts: Mapping[str, list[str]],
        held: dict[str, str],
        problems: list[ItemProblem],
    ) -> list[Item]:
        me = int(account.settings.get("user_id") or 0)
        home = account.address
        items = []
        for comment in comments:
            number = str(comment.get("id"))
            post = comment.get("post")
            guid, title = posts.get(str(post)) or [
                payloads.fallback_guid(home, post if isinstance(post, int) else 0),
                "",
            ]
            try:
                item = comment_item(comment, guid, title, me)
            except ITEM_FAILURES as error:
                problems.append(ItemProblem(f"comment {number}", item_problem_text(error)))
                continue
            if item.held:
                held[number] = item.remote_id
            else:
                held.pop(number, None)
            items.append(item)
        return items

    async def _posts(
        self,
        client: httpx.AsyncClient,
        account: Account,
        wanted: set[Any],
        posts: dict[str, list[str]],
        problems: list[ItemProblem],
    ) -> list[Item]:
        """The roots of the posts not yet delivered: posts, else pages; a post the API will not show keeps
        WordPress's default guid and no root."""
        missing = sorted(
            n for n in wanted if isinstance(n, int) and not isinstance(n, bool) and n and str(n) not in posts
        )
        site_name = str(account.settings.get("site_name") or account.name)
        roots: list[Item] = []
        for route in ("/wp/v2/posts", "/wp/v2/pages"):
            for first in range(0, len(missing), PAGE_SIZE):
                chunk = [n for n in missing[first : first + PAGE_SIZE] if str(n) not in posts]
                if not chunk:
                    continue
                params = [
                    ("include", ",".join(map(str, chunk))),
                    ("per_page", str(PAGE_SIZE)),
                    ("_fields", POST_FIELDS),
                ]
                try:
                    found, _headers = await api.request(client, account, "GET", route, params=params)
                except Permanent as error:
                    problems.append(ItemProblem(route, str(error)))
                    continue
                for post in found if isinstance(found, list) else []:
                    try:
                        number, root = payloads.post_item(post, site_name)
                    except ITEM_FAILURES as error:
                        problems.append(ItemProblem(f"post {post.get('id', '?')}", item_problem_text(error)))
                        continue
                    posts[str(number)] = [root.remote_id, root.title]
                    roots.append(root)
        return roots

    async def _recheck_held(
        self,
        client: httpx.AsyncClient,
        account: Account,
        held: dict[str, str],
        seen: set[str],
        posts: Mapping[str, list[str]],
        items: list[Item],
        deleted: list[str],
        problems: list[ItemProblem],
    ) -> None:
        """The comments stored as held that this pull did not read again: approved on the site since (delivered
        again, no longer held), or spammed, trashed or deleted there (shown as deleted, kept)."""
        waiting = [number for number in held if number not in seen]
        for first in range(0, len(waiting), PAGE_SIZE):
            chunk = waiting[first : first + PAGE_SIZE]
            params = [("include", ",".join(chunk)), ("status", "all"), ("per_page", str(PAGE_SIZE)),
                      ("_fields", COMMENT_FIELDS)]  # fmt: skip
            found, _headers = await api.request(client, account, "GET", "/wp/v2/comments", params=params)
            present = {str(c.get("id")): c for c in found if isinstance(c, Mapping)} if isinstance(found, list) else {}
            for number in chunk:
                comment = present.get(number)
                if comment is None:
                    deleted.append(held.pop(number))
                elif comment.get("status") != payloads.HELD:
                    post_guid = held[number].rpartition("#comment-")[0]
                    title = next((t for g, t in posts.values() if g == post_guid), "")
                    items.extend(self._comments(account, [comment], {str(comment.get("post")): [post_guid, title]},
                                                held, problems))  # fmt: skip

    async def perform(self, client: httpx.AsyncClient, account: Account, action: Action) -> RemoteRef:
        act = action.act
        if isinstance(act, Reply):
            return await self._reply(client, account, act)
        if not isinstance(act, Approve | Trash) or (number := comment_id(act.target)) is None:
            raise Permanent(f"WordPress sites cannot do this from cmdesk ({action.kind})")
        route = f"/wp/v2/comments/{number}"
        if isinstance(act, Trash) and not act.spam:
            try:
                await api.request(client, account, "DELETE", route)
            except Permanent as error:
                if "already been trashed" not in str(error):  # WordPress's rest_already_trashed: done before
                    raise
        else:
            status = "spam" if isinstance(act, Trash) else "approved"
            await api.request(client, account, "POST", route, body={"status": status})
        return RemoteRef(act.target)

    async def _reply(self, client: httpx.AsyncClient, account: Account, act: Reply) -> RemoteRef:
        post_guid, parent = sent.answered(act.target)
        post = await sent.post_number(client, account, act.target)
        body = {"post": post, "parent": parent, "content": act.text}
        made, _headers = await api.request(client, account, "POST", "/wp/v2/comments", body=body)
        if not isinstance(made, Mapping) or not isinstance(made.get("id"), int):
            raise BadPayload("WordPress answered the reply without its id")
        me = int(account.settings.get("user_id") or 0)
        try:
            item: Item | None = comment_item(made, post_guid, "", me)
        except ITEM_FAILURES:
            item = None  # sent all the same; the next pull brings it
        return RemoteRef(comment_remote_id(post_guid, made["id"]), url=str(made.get("link") or ""), item=item)

    async def find_sent(
        self, client: httpx.AsyncClient, account: Account, action: Action, since: datetime
    ) -> RemoteRef | None:
        act = action.act
        if not isinstance(act, Reply):
            return None  # approving, spamming or trashing twice is doing it once
        return await sent.find_reply(client, account, act, since)


__all__ = ["WordPressConnector"]
