"""The Reddit connector: the account's inbox (`/message/inbox`, newest first: comment and post replies, username
mentions, private messages), read marks both ways (`new: false` arriving; `/api/read_message` going), replies to any
of them (`/api/comment` on the thing's fullname). Reddit has no idempotency key: before a retry the account's own
recent comments (`/user/{me}/comments`) or sent messages (`/message/sent`) are searched for the reply. The account's
and its client's monitors are searched among posts (reddit/search.py).

Account: `address` is the profile's page; `settings["me"]` the username, `settings["api_base"]`; the secret is the
keyring's token bundle (reddit/oauth.py), renewed through `renew`. Cursor (opaque to the engine):
    {"after": the listing position of a reach-back under way, "newest": the newest thing's fullname stored,
     "newest_at": its time, "run_newest"/"run_newest_at": the same for the reach-back under way,
     "rest_until": the end of a rate-limit window the last pull used up,
     "monitors": {term: the newest match's Unix time} of the account's and its client's monitors (reddit/search.py)}
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, ClassVar

import httpx

from cmdesk.connectors import registry
from cmdesk.connectors.base import ITEM_FAILURES, BadPayload, Permanent, item_problem_text
from cmdesk.connectors.http import rest_if_spent, rest_until
from cmdesk.connectors.reddit import api, oauth, search
from cmdesk.connectors.reddit.payloads import children, inbox_item, when
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
from cmdesk.domain.acts import MarkRead, Reply
from cmdesk.domain.monitors import searched_terms

PAGE_SIZE = 100
READ_MARKS_A_REQUEST = 25


class RedditConnector:
    network: ClassVar[NetworkId] = Network.REDDIT
    capabilities: ClassVar[Capabilities] = registry.capabilities(Network.REDDIT)

    async def pull(self, client: httpx.AsyncClient, account: Account, cursor: Cursor) -> Page:
        state: dict[str, Any] = dict(cursor or {})
        me = str(account.settings.get("me") or "")
        now = datetime.now(UTC)
        rest_if_spent(state, now, "Reddit")
        limits: dict[str, datetime] = {}
        params = [("limit", str(PAGE_SIZE))] + ([("after", str(state["after"]))] if state.get("after") else [])
        listing = await api.request(client, account, "GET", "/message/inbox", params=params, limits=limits)
        try:
            things, after = children(listing)
        except ValueError:
            raise BadPayload("/message/inbox: unexpected answer (expected a listing)") from None
        newest, newest_at = str(state.get("newest") or ""), str(state.get("newest_at") or "")
        items: list[Item] = []
        problems: list[ItemProblem] = []
        reached = False
        run_newest, run_at = str(state.get("run_newest") or ""), str(state.get("run_newest_at") or "")
        for kind, thing in things:
            name = str(thing.get("name") or "")
            try:
                item = inbox_item(kind, thing, me)
            except ITEM_FAILURES as error:
                problems.append(ItemProblem(f"inbox {name or '?'}", item_problem_text(error)))
                continue
            stamp = item.created_at.isoformat() if item.created_at else ""
            if newest and (name == newest or stamp < newest_at):
                reached = True
                break
            if stamp > run_at:
                run_newest, run_at = name, stamp
            items.append(item)
        go_on = bool(after) and not reached
        terms = searched_terms(account.settings)
        if terms and not state.get("after"):
            known = {str(k): float(v) for k, v in (state.get("monitors") or {}).items() if isinstance(v, int | float)}
            found, state["monitors"] = await search.matches(client, account, terms, known, problems)
            items.extend(found)
        state.update(after=after if go_on else None, run_newest=run_newest if go_on else None,
                     run_newest_at=run_at if go_on else None)  # fmt: skip
        if not go_on and run_newest and run_at > newest_at:
            state.update(newest=run_newest, newest_at=run_at)
        state["rest_until"] = rest_until(limits)
        seen = tuple(item.remote_id for item in items if item.seen)
        return Page(tuple(items), state, has_more=go_on, problems=tuple(problems), seen=seen)

    async def renew(self, client: httpx.AsyncClient, account: Account, now: datetime) -> Secret | None:
        if account.secret is None:
            return None
        tokens = oauth.Tokens.from_secret(account.secret)
        return (await oauth.refresh(client, tokens, now)).to_secret() if tokens.due(now) else None

    async def perform(self, client: httpx.AsyncClient, account: Account, action: Action) -> RemoteRef:
        act = action.act
        if isinstance(act, MarkRead):
            for first in range(0, len(act.message_ids), READ_MARKS_A_REQUEST):
                chunk = act.message_ids[first : first + READ_MARKS_A_REQUEST]
                await api.request(client, account, "POST", "/api/read_message", form={"id": ",".join(chunk)})
            return RemoteRef(",".join(act.message_ids))
        if not isinstance(act, Reply):
            raise Permanent(f"Reddit accounts cannot do this from cmdesk ({action.kind})")
        answer = await api.request(client, account, "POST", "/api/comment",
                                   form={"api_type": "json", "thing_id": act.target, "text": act.text})  # fmt: skip
        things = answer.get("json", {}).get("data", {}).get("things") if isinstance(answer, Mapping) else None
        made = things[0].get("data") if isinstance(things, list) and things and isinstance(things[0], Mapping) else None
        name = str(made.get("name") or "") if isinstance(made, Mapping) else ""
        if not name:
            raise BadPayload("Reddit answered the reply without its fullname")
        return RemoteRef(name, item=self._own(account, name, act))

    def _own(self, account: Account, name: str, act: Reply) -> Item:
        me = str(account.settings.get("me") or "")
        kind = Kind.MESSAGE if act.target.startswith("t4_") else Kind.COMMENT
        author = Author(name=me, handle=f"u/{me}")
        return Item(name, act.thread_key or act.target, kind, act.text, author=author, created_at=datetime.now(UTC),
                    parent_remote_id=act.target, direction=Direction.OUTBOUND)  # fmt: skip

    async def find_sent(
        self, client: httpx.AsyncClient, account: Account, action: Action, since: datetime
    ) -> RemoteRef | None:
        act = action.act
        if not isinstance(act, Reply):
            return None  # a read mark twice is one read mark
        me = str(account.settings.get("me") or "")
        path = "/message/sent" if act.target.startswith("t4_") else f"/user/{me}/comments"
        listing = await api.request(client, account, "GET", path, params=[("limit", str(PAGE_SIZE)), ("sort", "new")])
        try:
            things, _after = children(listing)
        except ValueError:
            raise BadPayload(f"{path}: unexpected answer (expected a listing)") from None
        for _kind, thing in things:
            answers = thing.get("parent_id") == act.target or thing.get("first_message_name") == act.target
            try:
                recent = when(thing) >= since.replace(microsecond=0)
            except ValueError:
                continue
            if thing.get("body") == act.text and recent and (answers or act.target.startswith("t4_")):
                return RemoteRef(str(thing.get("name")))
        return None


__all__ = ["RedditConnector"]
