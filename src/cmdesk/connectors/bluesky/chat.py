"""Bluesky's direct messages (the `chat.bsky.convo` lexicons): asked of the account's PDS with the `atproto-proxy`
header naming Bluesky's chat service, which the PDS forwards to — only with an app password that allows direct
messages. Each conversation (`listConvos`, ordered by its latest message) is a cmdesk conversation; its messages
(`getMessages`, newest first) are read back to the last `rev` seen. Sending has no idempotency key: before a retry,
the account's own message with the same text since the first attempt is looked for among the newest."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import httpx

from cmdesk.connectors.base import ITEM_FAILURES, BadPayload, ConnectorError, item_problem_text
from cmdesk.connectors.bluesky import xrpc
from cmdesk.connectors.bluesky.payloads import APP, author_of, when
from cmdesk.connectors.bluesky.session import Session
from cmdesk.domain import Author, Direction, Item, ItemProblem, Kind, RemoteRef

PROXY = "did:web:api.bsky.chat#bsky_chat"
PAGE_SIZE = 100
CONVO_PAGES = 5
"""Conversations read a pass: the 500 with the latest messages."""
MESSAGE_PAGES = 10
"""Messages read back in one conversation a pass (1,000)."""
KEPT_CONVOS = 1_000


def base_of(settings: Mapping[str, Any], session: Session) -> str:
    """Where chat requests go: the PDS (which forwards them), or a test's `chat_base`."""
    return str(settings.get("chat_base") or session.pds)


async def _call(client: httpx.AsyncClient, base: str, session: Session, nsid: str, **arguments: Any) -> Any:
    return await xrpc.call(client, base, nsid, token=session.access, proxy=PROXY, **arguments)


async def probe(client: httpx.AsyncClient, base: str, session: Session) -> str:
    """ "" when this sign-in may read direct messages, else why not (an app password without direct messages)."""
    try:
        await _call(client, base, session, "chat.bsky.convo.listConvos", params=[("limit", "1")])
    except ConnectorError as error:
        return str(error)
    return ""


def _list(answer: Any, key: str, what: str) -> list[Mapping[str, Any]]:
    if not isinstance(answer, Mapping) or not isinstance(answer.get(key), list):
        raise BadPayload(f"{what}: unexpected answer (expected a list of {key})")
    return [entry for entry in answer[key] if isinstance(entry, Mapping)]


def message_item(message: Mapping[str, Any], convo: str, members: Mapping[str, Author], me: str, title: str) -> Item:
    sender = message.get("sender")
    did = str(sender.get("did") or "") if isinstance(sender, Mapping) else ""
    text = message.get("text")
    if not did or not isinstance(text, str) or not message.get("id"):
        raise ValueError("a message without its id, sender or text")
    return Item(
        remote_id=str(message["id"]),
        thread_key=convo,
        kind=Kind.MESSAGE,
        text=text,
        thread_title=title,
        url=f"{APP}/messages/{convo}",
        author=members.get(did) or Author(name=did, handle=did),
        created_at=when(message.get("sentAt")),
        direction=Direction.OUTBOUND if did == me else Direction.INBOUND,
    )


async def read(
    client: httpx.AsyncClient, base: str, session: Session, known: Mapping[str, str], problems: list[ItemProblem]
) -> tuple[list[Item], dict[str, str]]:
    """The messages new since the `rev` known of each conversation; the conversations' revs now."""
    items: list[Item] = []
    revs = dict(known)
    cursor = ""
    for _page in range(CONVO_PAGES):
        params = [("limit", str(PAGE_SIZE))] + ([("cursor", cursor)] if cursor else [])
        answer = await _call(client, base, session, "chat.bsky.convo.listConvos", params=params)
        convos = _list(answer, "convos", "listConvos")
        for convo in convos:
            convo_id, rev = str(convo.get("id") or ""), str(convo.get("rev") or "")
            if not convo_id or known.get(convo_id) == rev:
                continue
            members = {str(m.get("did")): author_of(m) for m in convo.get("members") or [] if isinstance(m, Mapping)}
            others = [a.handle for did, a in members.items() if did != session.did] or [session.handle]
            title = ", ".join(others)
            items.extend(await _messages(client, base, session, convo_id, known.get(convo_id, ""), members, title,
                                         problems))  # fmt: skip
            revs[convo_id] = rev
        unchanged = all(known.get(str(c.get("id"))) == str(c.get("rev")) for c in convos)
        cursor = str(answer.get("cursor") or "")
        if not cursor or unchanged:  # listed by latest message: past the unchanged ones, nothing more is new
            break
    newest = sorted(revs.items(), key=lambda entry: entry[1], reverse=True)[:KEPT_CONVOS]
    return items, dict(newest)


async def _messages(
    client: httpx.AsyncClient,
    base: str,
    session: Session,
    convo: str,
    since_rev: str,
    members: Mapping[str, Author],
    title: str,
    problems: list[ItemProblem],
) -> list[Item]:
    found: list[Item] = []
    cursor = ""
    for _page in range(MESSAGE_PAGES):
        params = [("convoId", convo), ("limit", str(PAGE_SIZE))] + ([("cursor", cursor)] if cursor else [])
        answer = await _call(client, base, session, "chat.bsky.convo.getMessages", params=params)
        messages = _list(answer, "messages", "getMessages")
        older = False
        for message in messages:
            if since_rev and str(message.get("rev") or "") <= since_rev:
                older = True
                break
            if str(message.get("$type") or "").endswith("#deletedMessageView") or "text" not in message:
                continue
            try:
                found.append(message_item(message, convo, members, session.did, title))
            except ITEM_FAILURES as error:
                problems.append(ItemProblem(f"message {message.get('id', '?')}", item_problem_text(error)))
        cursor = str(answer.get("cursor") or "")
        if older or not cursor:
            break
    return found


def _sent(message: Any, convo: str, session: Session) -> RemoteRef:
    if not isinstance(message, Mapping) or not message.get("id"):
        raise BadPayload("sendMessage answered without the message")
    me = Author(name=session.handle, handle=f"@{session.handle}")
    item = message_item(message, convo, {session.did: me}, session.did, "")
    return RemoteRef(str(message["id"]), url=item.url, item=item)


async def send(client: httpx.AsyncClient, base: str, session: Session, convo: str, text: str) -> RemoteRef:
    body = {"convoId": convo, "message": {"text": text}}
    return _sent(await _call(client, base, session, "chat.bsky.convo.sendMessage", body=body), convo, session)


async def find_sent(
    client: httpx.AsyncClient, base: str, session: Session, convo: str, text: str, since: datetime
) -> RemoteRef | None:
    """The account's own message with this text sent since `since`, among the conversation's newest."""
    answer = await _call(client, base, session, "chat.bsky.convo.getMessages",
                         params=[("convoId", convo), ("limit", str(PAGE_SIZE))])  # fmt: skip
    for message in _list(answer, "messages", "getMessages"):
        sender = message.get("sender")
        mine = isinstance(sender, Mapping) and sender.get("did") == session.did
        sent_at = when(message.get("sentAt")) or datetime.min.replace(tzinfo=UTC)
        if mine and message.get("text") == text and sent_at >= since:
            return _sent(message, convo, session)
    return None


__all__ = ["PROXY", "base_of", "find_sent", "probe", "read", "send"]
