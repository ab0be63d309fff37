"""Direct messages through a Facebook Page's conversations (Graph's Page conversations, `platform=messenger` for the
Page's Messenger, `platform=instagram` for its Instagram professional account), shared by both connectors: reading
them newest first until what was read, one pass's requests watching Meta's usage headers, and answering a person
within Meta's windows (a response within 24 hours of their last message, the human agent tag within 7 days).

Cursor keys (in the connector's cursor): "conv_after" (Graph's cursor while conversations are walked), "conv_mark"
(the newest conversation time when a catch-up began), "conv_newest" (the newest time read), "conv_done" (the first
walk is over), "conv_run_newest"."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from cmdesk.connectors import registry
from cmdesk.connectors.base import ITEM_FAILURES, BadPayload, Permanent, RateLimited, item_problem_text
from cmdesk.connectors.meta import graph
from cmdesk.connectors.meta.facebook_payloads import (
    CONVERSATION_FIELDS,
    MESSENGER_FIELDS,
    conversation_person,
    message_item,
)
from cmdesk.connectors.meta.graph import path
from cmdesk.domain import Account, Author, Cursor, Direction, Item, ItemProblem, Kind, Network, Page, RemoteRef
from cmdesk.domain.acts import Reply

PAGE_SIZE = 25
MESSAGE_PAGES = 10
STANDARD_WINDOW = timedelta(hours=registry.capabilities(Network.FACEBOOK).message_window_hours)
HUMAN_AGENT_WINDOW = timedelta(hours=registry.capabilities(Network.FACEBOOK).message_window_tagged_hours)
MAX_LENGTH = 2_000
"""A Messenger (and Instagram) message's limit in characters."""


@dataclass
class Gathered:
    """What one pass read: the items, what could not become one, and the ids Meta says are hidden from the public."""

    items: list[Item] = field(default_factory=list)
    problems: list[ItemProblem] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)


class Pause(Exception):
    """Meta's usage headers say to stop for now: the pass keeps what it read and goes no further."""


class Pass:
    """One pull's requests, watching Meta's usage headers."""

    def __init__(self, client: httpx.AsyncClient, account: Account) -> None:
        self.client = client
        self.account = account
        self.usage = graph.Usage()

    async def get(self, where: str, params: list[tuple[str, str]]) -> Any:
        if self.usage.near_limit:
            raise Pause
        return await graph.request(self.client, self.account, "GET", where, params=params, usage=self.usage)


Stages = Callable[["Pass", dict[str, Any], Gathered], Awaitable[bool]]
"""A connector's reading of one pass: into `Gathered`, its cursor `state` updated; whether more waits."""


async def paced_pull(client: httpx.AsyncClient, account: Account, cursor: Cursor, stages: Stages) -> Page:
    """One pass of a Meta connector, paced by Meta's usage headers: none while a previous pass said to wait; past
    80 % the pass keeps what it read, stops, and says how long to wait (the cursor's "slow_until")."""
    state = dict(cursor or {})
    now = datetime.now(UTC)
    slow = graph.graph_time(state.get("slow_until"))
    if slow is not None and slow > now:
        raise RateLimited(slow, "Meta's usage counters were close to the limit: cmdesk waits before reading more")
    calls = Pass(client, account)
    found = Gathered()
    try:
        more = await stages(calls, state, found)
    except Pause:
        more = False
    state["slow_until"] = (now + calls.usage.wait()).isoformat() if calls.usage.near_limit else None
    return Page(tuple(found.items), state, has_more=more, problems=tuple(found.problems), deleted=tuple(found.hidden))


def iso(value: Any) -> str:
    moment = graph.graph_time(value)
    return moment.isoformat() if moment else ""


async def read_conversations(
    calls: Pass,
    page_id: str,
    platform: str,
    me: str,
    state: dict[str, Any],
    items: list[Item],
    problems: list[ItemProblem],
) -> bool:
    """One page of the Page's conversations on `platform` (those changed since the last pass, or every one on the
    first), their new messages into `items`; whether more waits. `me`: the id the account writes as."""
    params = [("platform", platform), ("fields", CONVERSATION_FIELDS), ("limit", str(PAGE_SIZE))]
    if state.get("conv_after"):
        params.append(("after", str(state["conv_after"])))
    conversations, after = graph.listed(await calls.get(path(page_id, "conversations"), params), "conversations")
    done = bool(state.get("conv_done"))
    newest = str(state.get("conv_newest") or "")
    mark = str(state.get("conv_mark") or newest) if state.get("conv_after") else newest
    run_newest = str(state.get("conv_run_newest") or "")
    reached = False
    for conversation in conversations:
        updated = iso(conversation.get("updated_time"))
        if done and updated and updated <= mark:
            reached = True  # listed newest first: the rest was read before
            break
        try:
            items.extend(await _messages(calls, conversation, me, mark if done else ""))
        except ITEM_FAILURES as error:
            problems.append(ItemProblem(f"conversation {conversation.get('id', '?')}", item_problem_text(error)))
        run_newest = max(run_newest, updated)
    go_on = bool(after) and not reached
    state.update(
        conv_after=after if go_on else None,
        conv_mark=mark if go_on else None,
        conv_run_newest=run_newest if go_on else None,
        conv_newest=newest if go_on else max(newest, run_newest),
        conv_done=done or not go_on,
    )
    return go_on


async def _messages(calls: Pass, conversation: Mapping[str, Any], me: str, since: str) -> list[Item]:
    """The conversation's messages newer than `since` ("" for all): those Graph carried, then older pages."""
    carried = conversation.get("messages")
    entries, after = graph.listed(carried if isinstance(carried, Mapping) else {"data": []}, "messages")
    found = [message_item(m, conversation, me) for m in entries]
    for _page in range(MESSAGE_PAGES):
        oldest = min((iso(m.get("created_time")) for m in entries), default="")
        if not after or (since and oldest and oldest <= since):
            break
        params = [("fields", MESSENGER_FIELDS), ("limit", "100"), ("after", after)]
        entries, after = graph.listed(await calls.get(path(str(conversation["id"]), "messages"), params), "messages")
        found.extend(message_item(m, conversation, me) for m in entries)
    return [item for item in found if not since or not item.created_at or item.created_at.isoformat() > since]


def messaging_window(last_from_them: datetime | None, now: datetime) -> dict[str, str]:
    """How Meta lets the account answer someone now: a response within 24 hours of their last message, the human
    agent tag within 7 days; Permanent after, with the reason."""
    if last_from_them is not None and now - last_from_them <= STANDARD_WINDOW:
        return {"messaging_type": "RESPONSE"}
    if last_from_them is not None and now - last_from_them <= HUMAN_AGENT_WINDOW:
        return {"messaging_type": "MESSAGE_TAG", "tag": "HUMAN_AGENT"}
    raise Permanent(
        "Meta lets a Page answer a direct message for 7 days after the person's last message (24 hours, then with "
        "the human agent tag): this conversation is older, so answer by comment or wait for them to write again"
    )


async def answer(client: httpx.AsyncClient, account: Account, page_id: str, me: str, act: Reply) -> RemoteRef:
    """Send `act` to the person of its conversation, within the window their last message opened."""
    if len(act.text) > MAX_LENGTH:
        raise Permanent(f"a direct message is at most {MAX_LENGTH:,} characters: shorten it")
    fields = f"participants,messages.limit(25){{{MESSENGER_FIELDS}}}"
    conversation = await graph.request(client, account, "GET", path(act.thread_key), params=[("fields", fields)])
    if not isinstance(conversation, Mapping):
        raise BadPayload("the conversation could not be read")
    person = conversation_person(conversation, me)
    messages, _after = graph.listed(conversation.get("messages") or {"data": []}, "messages")
    theirs = [graph.graph_time(m.get("created_time")) for m in messages if sender(m) != me]
    last = max((t for t in theirs if t is not None), default=None)
    body: dict[str, Any] = {"recipient": {"id": person.handle}, "message": {"text": act.text}}
    body.update(messaging_window(last, datetime.now(UTC)))
    sent = await graph.request(client, account, "POST", path(page_id, "messages"), body=body)
    remote_id = sent_id(sent, "message_id")
    item = Item(remote_id, act.thread_key, Kind.MESSAGE, act.text, created_at=datetime.now(UTC),
                direction=Direction.OUTBOUND, author=Author(name=account.name, handle=me))  # fmt: skip
    return RemoteRef(remote_id, item=item)


async def recent_messages(client: httpx.AsyncClient, account: Account, thread: str) -> list[Mapping[str, Any]]:
    """A conversation's last messages (to look for an answer that got no acknowledgement)."""
    fields = f"messages.limit(25){{{MESSENGER_FIELDS}}}"
    found = await graph.request(client, account, "GET", path(thread), params=[("fields", fields)])
    carried = found.get("messages") if isinstance(found, Mapping) else None
    return graph.listed(carried if isinstance(carried, Mapping) else {"data": []}, "messages")[0]


def same_text_since(entries: list[Mapping[str, Any]], me: str, text: str, since: datetime) -> RemoteRef | None:
    """The account's own entry with this text, written since the first attempt (a retry then finds it)."""
    found = own_entry_since(entries, me, text, since)
    return RemoteRef(str(found.get("id"))) if found is not None else None


def own_entry_since(entries: list[Mapping[str, Any]], me: str, text: str, since: datetime) -> Mapping[str, Any] | None:
    """The first of `entries` (messages, comments, posts) the account wrote with this text since `since`."""
    for entry in entries:
        created = graph.graph_time(entry.get("created_time") or entry.get("timestamp"))
        written = str(entry.get("message") or entry.get("text") or "")
        if (
            sender(entry) == me
            and written.strip() == text.strip()
            and (created is None or created >= since - timedelta(minutes=5))
        ):
            return entry
    return None


def sender(entry: Mapping[str, Any]) -> str:
    who = entry.get("from")
    return str(who.get("id", "")) if isinstance(who, Mapping) else ""


def sent_id(answer: Any, key: str) -> str:
    value = answer.get(key) if isinstance(answer, Mapping) else None
    if not isinstance(value, str) or not value:
        raise BadPayload(f"Meta accepted the act but sent no {key}")
    return value
