"""A loopback server speaking Bluesky's chat lexicons (`chat.bsky.convo.listConvos`, `getMessages`, `sendMessage`)
as the PDS forwards them to the chat service — which dev-env does not run: conversations ordered by their latest
message with `rev`s, messages newest first with `cursor` paging, the `atproto-proxy` header required, and an app
password without direct messages refused as the PDS refuses it (`InvalidToken`, "Bad token scope"). It also answers
`listNotifications` with nothing, as a PDS whose account has no notifications. Resources are derived from
tests/data/bluesky, which follow the lexicons' `convoView` and `messageView`; nothing here is cmdesk code."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tests.support.json_server import Answer, LoopbackJson, Request

DATA = Path(__file__).parents[1] / "data" / "bluesky"
CONVO, MESSAGE = (json.loads((DATA / f"{name}.json").read_text()) for name in ("convo", "message"))
ME = "did:plc:fournil"
PROXY = "did:web:api.bsky.chat#bsky_chat"
T0 = datetime(2026, 12, 2, 9, tzinfo=UTC)


@dataclass
class ChatFake(LoopbackJson):
    convos: dict[str, dict[str, Any]] = field(default_factory=dict)
    messages: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    """Per conversation, oldest first."""
    requests: list[Request] = field(default_factory=list)
    refuse_scope: bool = False
    counter: int = 0

    def _rev(self) -> str:
        self.counter += 1
        return f"{3_000_000_000_000 + self.counter:013d}"

    def convo(self, convo_id: str, other: str, name: str) -> None:
        made = copy.deepcopy(CONVO) | {"id": convo_id, "rev": "", "unreadCount": 0}
        made["members"] = [made["members"][0], {"did": other, "handle": f"{name.lower()}.bsky.social",
                                                "displayName": name}]  # fmt: skip
        self.convos[convo_id] = made
        self.messages[convo_id] = []

    def message(self, convo_id: str, sender: str, text: str, at: datetime | None = None) -> dict[str, Any]:
        rev = self._rev()
        sent = (at or T0 + timedelta(minutes=self.counter)).isoformat().replace("+00:00", "Z")
        made = copy.deepcopy(MESSAGE) | {"id": f"msg{rev}", "rev": rev, "text": text, "sender": {"did": sender},
                                         "sentAt": sent}  # fmt: skip
        self.messages[convo_id].append(made)
        self.convos[convo_id].update(rev=rev, lastMessage=made)
        return made

    def answer(self, request: Request) -> Answer:
        self.requests.append(request)
        nsid = request.path.removeprefix("/xrpc/")
        if nsid == "app.bsky.notification.listNotifications":
            return 200, {"notifications": []}, {}
        if not request.bearer:
            return 401, {"error": "AuthenticationRequired", "message": "Authentication Required"}, {}
        if request.headers.get("atproto-proxy") != PROXY:
            return 400, {"error": "InvalidRequest", "message": "No service configured for chat.bsky.convo"}, {}
        if self.refuse_scope:
            return 400, {"error": "InvalidToken", "message": "Bad token scope"}, {}
        if nsid == "chat.bsky.convo.listConvos":
            ordered = sorted(self.convos.values(), key=lambda convo: convo["rev"], reverse=True)
            return self._page(ordered, "convos", request)
        if nsid == "chat.bsky.convo.getMessages":
            found = self.messages.get(request.query.get("convoId", ""))
            if found is None:
                return 400, {"error": "InvalidConvo", "message": "Convo not found"}, {}
            return self._page(list(reversed(found)), "messages", request)
        if nsid == "chat.bsky.convo.sendMessage" and request.method == "POST":
            body = request.json()
            if body["convoId"] not in self.convos:
                return 400, {"error": "InvalidConvo", "message": "Convo not found"}, {}
            return 200, self.message(body["convoId"], ME, body["message"]["text"], datetime.now(UTC)), {}
        return 501, {"error": "MethodNotImplemented", "message": f"Method Not Implemented: {nsid}"}, {}

    def _page(self, entries: list[dict[str, Any]], key: str, request: Request) -> Answer:
        limit = min(100, int(request.query.get("limit", "50")))
        start = int(request.query.get("cursor") or 0)
        chosen = entries[start : start + limit]
        more = start + limit < len(entries)
        return 200, {key: chosen, **({"cursor": str(start + limit)} if more else {})}, {}


__all__ = ["ME", "PROXY", "ChatFake"]
