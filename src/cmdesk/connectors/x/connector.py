"""The X connector (API v2): the account's mentions (`/2/users/:id/mentions`, newest first; replies to its posts
arrive as mentions) with the posts they answer, its direct messages (`/2/dm_events`); replies, posts (with images),
direct messages, likes and deletions. X keeps no idempotency key: before a retry the account's own recent posts
(`/2/users/:id/tweets`) or the conversation's messages are searched for the text. Every call is priced (x/api.py):
pulls stop, with a clear state, when the client's monthly cap would be passed.

Account: `address` is the profile's page; `settings["me"]` the user id, `settings["handle"]`, `settings["api_base"]`;
the secret is the keyring's token bundle (x/oauth.py), renewed through `renew`. Cursor (opaque to the engine):
    {"next": the pagination token of a reach-back under way, "since_id": the newest mention stored,
     "run_newest": the newest mention of the reach-back under way, "dm_newest": the newest DM event stored,
     "rest_until": the end of a rate-limit window the last pull used up (x-rate-limit-remaining: 0)}
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

import httpx

from cmdesk.connectors import registry
from cmdesk.connectors.base import ITEM_FAILURES, BadPayload, Permanent, RateLimited, item_problem_text
from cmdesk.connectors.http import rest_if_spent, rest_until
from cmdesk.connectors.x import api, oauth
from cmdesk.connectors.x.payloads import (
    DM_FIELDS,
    EXPANSIONS,
    TWEET_FIELDS,
    USER_FIELDS,
    dm_item,
    included_tweets,
    replied_to,
    tweet_item,
    users,
    when,
)
from cmdesk.domain import (
    Account,
    Action,
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
from cmdesk.domain.acts import Delete, Favourite, Post, Reply

PAGE_SIZE = 100
DM_PAGES = 3


def _newer(a: str, b: str) -> bool:
    """X ids are 64-bit snowflakes: longer is newer, then by digits."""
    return (len(a), a) > (len(b), b)


class XConnector:
    network: ClassVar[NetworkId] = Network.X
    capabilities: ClassVar[Capabilities] = registry.capabilities(Network.X)

    async def pull(self, client: httpx.AsyncClient, account: Account, cursor: Cursor) -> Page:
        state: dict[str, Any] = dict(cursor or {})
        me = str(account.settings.get("me") or "")
        if not me:
            raise Permanent("this X account has no user id; sign in again")
        now = datetime.now(UTC)
        rest_if_spent(state, now, "X")
        costs = api.Costs(account, now)
        self._within_cap(account, costs, PAGE_SIZE * costs.prices["post_read"])
        limits: dict[str, datetime] = {}
        params = [("max_results", str(PAGE_SIZE)), ("tweet.fields", TWEET_FIELDS), ("expansions", EXPANSIONS),
                  ("user.fields", USER_FIELDS)]  # fmt: skip
        if state.get("next"):
            params.append(("pagination_token", str(state["next"])))
        if state.get("since_id"):
            params.append(("since_id", str(state["since_id"])))
        answer = await api.request(client, account, "GET", f"/2/users/{me}/mentions", params=params, limits=limits)
        if not isinstance(answer, Mapping):
            raise BadPayload("mentions: unexpected answer")
        tweets = [t for t in answer.get("data") or [] if isinstance(t, Mapping)]
        context = included_tweets(answer)
        people = users(answer)
        costs.add("post_read", len(tweets) + len(context))
        costs.add("user_read", len(people))
        items: list[Item] = []
        problems: list[ItemProblem] = []
        for tweet in tweets:
            try:
                items.append(tweet_item(tweet, people, me))
            except ITEM_FAILURES as error:
                problems.append(ItemProblem(f"post {tweet.get('id', '?')}", item_problem_text(error)))
        wanted = {item.parent_remote_id for item in items} | {item.thread_key for item in items}
        for tweet in context:
            if str(tweet.get("id")) in wanted:
                try:
                    items.append(tweet_item(tweet, people, me))
                except ITEM_FAILURES as error:
                    problems.append(ItemProblem(f"post {tweet.get('id', '?')}", item_problem_text(error)))
        meta = answer.get("meta") if isinstance(answer.get("meta"), Mapping) else {}
        token = str(meta.get("next_token") or "") if isinstance(meta, Mapping) else ""
        newest = max((str(t.get("id")) for t in tweets if t.get("id")), key=lambda i: (len(i), i), default="")
        run_newest = str(state.get("run_newest") or "")
        if newest and (not run_newest or _newer(newest, run_newest)):
            run_newest = newest
        go_on = bool(token)
        if not state.get("next") and account.settings.get("direct_messages", True):
            messages, state["dm_newest"] = await self._messages(client, account, me, str(state.get("dm_newest") or ""),
                                                                costs, problems, limits)  # fmt: skip
            items.extend(messages)
        state.update(next=token or None, run_newest=run_newest if go_on else None)
        state["rest_until"] = rest_until(limits)
        if not go_on and run_newest:
            state["since_id"] = run_newest
        return Page(tuple(items), state, has_more=go_on, problems=tuple(problems), usage=costs.usage())

    def _within_cap(self, account: Account, costs: api.Costs, next_cost: float) -> None:
        quota = api.quota_of(account, datetime.now(UTC))
        spent = costs.spent_before() + costs.micro
        if spent + next_cost * api.MICRO > quota.limit:
            said = f"${spent / api.MICRO:.2f} of ${quota.limit / api.MICRO:.2f}"
            raise RateLimited(quota.resets_at, f"this client's X budget for the month is spent ({said}): reading "
                              "waits for next month, or a higher cap")  # fmt: skip

    async def _messages(
        self, client: httpx.AsyncClient, account: Account, me: str, known: str, costs: api.Costs,
        problems: list[ItemProblem], limits: dict[str, datetime],
    ) -> tuple[list[Item], str]:  # fmt: skip
        """The direct message events newer than the newest stored (all there are, on the first pull)."""
        found: list[Item] = []
        newest = known
        token = ""
        for _page in range(DM_PAGES):
            self._within_cap(account, costs, PAGE_SIZE * costs.prices["dm_read"])
            params = [("max_results", str(PAGE_SIZE)), ("dm_event.fields", DM_FIELDS), ("event_types", "MessageCreate"),
                      ("expansions", "sender_id"), ("user.fields", USER_FIELDS)]  # fmt: skip
            if token:
                params.append(("pagination_token", token))
            answer = await api.request(client, account, "GET", "/2/dm_events", params=params, limits=limits)
            events = [e for e in (answer or {}).get("data") or [] if isinstance(e, Mapping)]
            people = users(answer or {})
            costs.add("dm_read", len(events))
            costs.add("user_read", len(people))
            older = False
            for event in events:
                event_id = str(event.get("id") or "")
                if known and not _newer(event_id, known):
                    older = True
                    break
                if not newest or _newer(event_id, newest):
                    newest = event_id
                try:
                    found.append(dm_item(event, people, me))
                except ITEM_FAILURES as error:
                    problems.append(ItemProblem(f"direct message {event_id or '?'}", item_problem_text(error)))
            meta = (answer or {}).get("meta") or {}
            token = str(meta.get("next_token") or "") if isinstance(meta, Mapping) else ""
            if older or not token or "/2/dm_events" in limits:
                break
        return found, newest

    async def renew(self, client: httpx.AsyncClient, account: Account, now: datetime) -> Secret | None:
        if account.secret is None:
            return None
        tokens = oauth.Tokens.from_secret(account.secret)
        return (await oauth.refresh(client, tokens, now)).to_secret() if tokens.due(now) else None

    async def perform(self, client: httpx.AsyncClient, account: Account, action: Action) -> RemoteRef:
        act = action.act
        me = str(account.settings.get("me") or "")
        costs = api.Costs(account, datetime.now(UTC))
        if isinstance(act, Reply) and act.kind == Kind.MESSAGE:
            made = await api.request(client, account, "POST", f"/2/dm_conversations/{act.thread_key}/messages",
                                     body={"text": act.text})  # fmt: skip
            costs.add("dm_create")
            data = made.get("data") if isinstance(made, Mapping) else None
            event = str(data.get("dm_event_id") or "") if isinstance(data, Mapping) else ""
            if not event:
                raise BadPayload("X answered the direct message without its event id")
            item = self._own(account, event, act.thread_key, Kind.MESSAGE, act.text, "")
            return RemoteRef(event, item=item, usage=costs.usage())
        if isinstance(act, Reply | Post):
            body: dict[str, Any] = {"text": act.text}
            if isinstance(act, Reply):
                body["reply"] = {"in_reply_to_tweet_id": act.target}
            elif act.media:
                ids = [await self._upload(client, account, m.path, m.media_type, m.description) for m in act.media]
                body["media"] = {"media_ids": ids}
            made = await api.request(client, account, "POST", "/2/tweets", body=body)
            costs.add(api.creation_kind(act.text))
            data = made.get("data") if isinstance(made, Mapping) else None
            tweet_id = str(data.get("id") or "") if isinstance(data, Mapping) else ""
            if not tweet_id:
                raise BadPayload("X answered the post without its id")
            thread = act.thread_key or act.target if isinstance(act, Reply) else tweet_id
            parent = act.target if isinstance(act, Reply) else ""
            item = self._own(account, tweet_id, thread, Kind.MENTION, act.text, parent)
            return RemoteRef(tweet_id, url=item.url, item=item, usage=costs.usage())
        if isinstance(act, Favourite):
            await api.request(client, account, "POST", f"/2/users/{me}/likes", body={"tweet_id": act.target})
            costs.add("like_create")
            return RemoteRef(act.target, usage=costs.usage())
        if isinstance(act, Delete):
            await api.request(client, account, "DELETE", f"/2/tweets/{act.target}")
            costs.add("delete")
            return RemoteRef(act.target, usage=costs.usage())
        raise Permanent(f"X accounts cannot do this from cmdesk ({action.kind})")

    def _own(self, account: Account, remote_id: str, thread: str, kind: Kind, text: str, parent: str) -> Item:
        handle = str(account.settings.get("handle") or "")
        url = (
            f"https://x.com/messages/{thread}" if kind == Kind.MESSAGE else f"https://x.com/{handle}/status/{remote_id}"
        )
        return Item(remote_id, thread, kind, text, url=url, author=Author(name=account.name, handle=f"@{handle}"),
                    created_at=datetime.now(UTC), parent_remote_id=parent, direction=Direction.OUTBOUND)  # fmt: skip

    async def _upload(self, client: httpx.AsyncClient, account: Account, path: str, media_type: str, alt: str) -> str:
        data = Path(path).read_bytes()
        made = await api.request(client, account, "POST", "/2/media/upload", data={"media_category": "tweet_image"},
                                 files={"media": (Path(path).name, data, media_type or "image/jpeg")})  # fmt: skip
        found = made.get("data") if isinstance(made, Mapping) else None
        media_id = str(found.get("id") or "") if isinstance(found, Mapping) else ""
        if not media_id:
            raise BadPayload("X answered the upload without the media id")
        if alt:
            await api.request(client, account, "POST", "/2/media/metadata",
                              body={"id": media_id, "metadata": {"alt_text": {"text": alt}}})  # fmt: skip
        return media_id

    async def find_sent(
        self, client: httpx.AsyncClient, account: Account, action: Action, since: datetime
    ) -> RemoteRef | None:
        act = action.act
        me = str(account.settings.get("me") or "")
        start = since.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        if isinstance(act, Reply) and act.kind == Kind.MESSAGE:
            answer = await api.request(client, account, "GET", f"/2/dm_conversations/{act.thread_key}/dm_events",
                                       params=[("max_results", "50"), ("dm_event.fields", DM_FIELDS)])  # fmt: skip
            for event in (answer or {}).get("data") or []:
                sent = when(event.get("created_at"))
                if event.get("sender_id") == me and event.get("text") == act.text and sent and sent >= since:
                    return RemoteRef(str(event["id"]))
            return None
        if not isinstance(act, Reply | Post):
            return None  # a like twice is one like; a deletion twice, nothing more
        answer = await api.request(client, account, "GET", f"/2/users/{me}/tweets", params=[
            ("start_time", start), ("max_results", "100"), ("tweet.fields", TWEET_FIELDS)])  # fmt: skip
        for tweet in (answer or {}).get("data") or []:
            same_target = not isinstance(act, Reply) or replied_to(tweet) == act.target
            if tweet.get("text") == act.text and same_target:
                return RemoteRef(str(tweet["id"]))
        return None


__all__ = ["XConnector"]
