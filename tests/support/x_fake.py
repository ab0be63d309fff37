"""A loopback server speaking the X API v2 for what no test can reach: the signed-in user (`/2/users/me`), mentions
newest first with `since_id` and `pagination_token` paging and `includes` (users, the posts answered), direct message
events, posts created (replies among them), direct messages sent, likes, deletions, the user's own posts since a time,
media upload; OAuth 2.0 with PKCE (`/i/oauth2/authorize` redirecting to the registered callback, `/2/oauth2/token`
for the code and for rotating refresh tokens), `x-rate-limit-*` headers on every answer, 429 when the window is
spent, 401 for an expired token. Every resource is derived from the examples in tests/data/x, which follow the API
reference's responses; nothing here is cmdesk code."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode

from tests.support.json_server import Answer, LoopbackJson, Request

DATA = Path(__file__).parents[1] / "data" / "x"
MENTIONS, DM_EVENTS, ME_DATA, UNAUTHORIZED, TOO_MANY = (
    json.loads((DATA / f"{name}.json").read_text())
    for name in ("mentions", "dm_events", "me", "error_unauthorized", "error_too_many")
)
ME = ME_DATA["data"]["id"]
CLIENT_ID = "cmdesk-test-client"
T0 = datetime(2026, 11, 15, 10, tzinfo=UTC)
REDIRECT = "http://127.0.0.1:48762/callback"
SCOPES = ("tweet.read", "tweet.write", "users.read", "like.write", "dm.read", "dm.write", "media.write",
          "offline.access")  # fmt: skip


def _time(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


@dataclass
class XFake(LoopbackJson):
    tweets: list[dict[str, Any]] = field(default_factory=list)
    """Every post, oldest first."""
    events: list[dict[str, Any]] = field(default_factory=list)
    users: dict[str, dict[str, str]] = field(default_factory=lambda: {ME: dict(ME_DATA["data"])})
    requests: list[Request] = field(default_factory=list)
    token: str = "x-access-1"
    refresh_token: str = "x-refresh-1"
    window: int = 1000
    """Requests left in the rate-limit window."""
    next_id: int = 1_600_000_000_000_000_000
    codes: dict[str, str] = field(default_factory=dict)
    """Authorisation code → its PKCE challenge."""
    likes: list[str] = field(default_factory=list)
    media: dict[str, str] = field(default_factory=dict)
    """Uploaded media id → its alt text."""

    def _id(self) -> str:
        self.next_id += 1000
        return str(self.next_id)

    def person(self, user_id: str, name: str, username: str) -> None:
        self.users[user_id] = {"id": user_id, "name": name, "username": username}

    def post(self, author: str, text: str, reply_to: str = "", at: datetime | None = None) -> dict[str, Any]:
        tweet = copy.deepcopy(MENTIONS["data"][0])
        tweet_id = self._id()
        parent = next((t for t in self.tweets if t["id"] == reply_to), None)
        made = _time(at or T0 + timedelta(minutes=len(self.tweets)))
        tweet.update(id=tweet_id, text=text, author_id=author, edit_history_tweet_ids=[tweet_id], created_at=made,
                     conversation_id=parent["conversation_id"] if parent else tweet_id)  # fmt: skip
        if parent:
            tweet["referenced_tweets"] = [{"type": "replied_to", "id": reply_to}]
            tweet["in_reply_to_user_id"] = parent["author_id"]
        self.tweets.append(tweet)
        return tweet

    def message(self, sender: str, conversation: str, text: str, at: datetime | None = None) -> dict[str, Any]:
        event = copy.deepcopy(DM_EVENTS["data"][0])
        made = _time(at or T0 + timedelta(minutes=len(self.events)))
        event.update(id=self._id(), text=text, sender_id=sender, dm_conversation_id=conversation, created_at=made)
        self.events.append(event)
        return event

    def _mentions_me(self, tweet: dict[str, Any]) -> bool:
        named = f"@{self.users[ME]['username']}" in tweet["text"]
        return tweet["author_id"] != ME and (named or tweet.get("in_reply_to_user_id") == ME)

    def _headers(self) -> dict[str, str]:
        reset = int((datetime.now(UTC) + timedelta(minutes=15)).timestamp())
        return {"x-rate-limit-limit": "1000", "x-rate-limit-remaining": str(max(0, self.window)),
                "x-rate-limit-reset": str(reset)}  # fmt: skip

    def answer(self, request: Request) -> Answer:
        self.requests.append(request)
        path = request.path
        if path == "/i/oauth2/authorize":
            return self._authorize(request)
        if path == "/2/oauth2/token":
            return self._token(request)
        if request.bearer != self.token:
            return 401, UNAUTHORIZED, {}
        self.window -= 1
        if self.window < 0:
            return 429, TOO_MANY, self._headers()
        found = self._route(request)
        return found[0], found[1], {**self._headers(), **found[2]}

    def _route(self, request: Request) -> Answer:
        path, method, query = request.path, request.method, request.query
        if path == "/2/users/me":
            return 200, {"data": self.users[ME]}, {}
        if path == f"/2/users/{ME}/mentions":
            chosen = [t for t in reversed(self.tweets) if self._mentions_me(t)]
            if query.get("since_id"):
                chosen = [t for t in chosen if (len(t["id"]), t["id"]) > (len(query["since_id"]), query["since_id"])]
            return 200, self._page(chosen, query, with_context=True), {}
        if path == "/2/dm_events":
            return 200, self._page(list(reversed(self.events)), query), {}
        if path.startswith("/2/dm_conversations/") and path.endswith("/dm_events"):
            conversation = path.split("/")[3]
            return 200, self._page([e for e in reversed(self.events) if e["dm_conversation_id"] == conversation],
                                   query), {}  # fmt: skip
        if path.startswith("/2/dm_conversations/") and path.endswith("/messages") and method == "POST":
            event = self.message(ME, path.split("/")[3], request.json()["text"], datetime.now(UTC))
            return 201, {"data": {"dm_conversation_id": event["dm_conversation_id"], "dm_event_id": event["id"]}}, {}
        if path == "/2/tweets" and method == "POST":
            body = request.json()
            reply = (body.get("reply") or {}).get("in_reply_to_tweet_id", "")
            tweet = self.post(ME, body["text"], reply, datetime.now(UTC))
            if body.get("media"):
                tweet["attachments"] = {"media_keys": [f"3_{i}" for i in body["media"]["media_ids"]]}
            return 201, {"data": {"id": tweet["id"], "text": tweet["text"],
                                  "edit_history_tweet_ids": [tweet["id"]]}}, {}  # fmt: skip
        if path.startswith("/2/tweets/") and method == "DELETE":
            self.tweets = [t for t in self.tweets if t["id"] != path.rsplit("/", 1)[1]]
            return 200, {"data": {"deleted": True}}, {}
        if path == f"/2/users/{ME}/likes" and method == "POST":
            self.likes.append(request.json()["tweet_id"])
            return 200, {"data": {"liked": True}}, {}
        if path == "/2/media/upload" and method == "POST":
            if b'name="media"' not in request.raw or b"tweet_image" not in request.raw:
                return 400, {"title": "Invalid Request", "detail": "media and media_category are required"}, {}
            media_id = self._id()
            self.media[media_id] = ""
            return 200, {"data": {"id": media_id, "media_key": f"3_{media_id}", "expires_after_secs": 86400}}, {}
        if path == "/2/media/metadata" and method == "POST":
            body = request.json()
            self.media[body["id"]] = body["metadata"]["alt_text"]["text"]
            return 200, {"data": {"id": body["id"], "associated_metadata": body["metadata"]}}, {}
        if path == f"/2/users/{ME}/tweets":
            since = query.get("start_time", "")
            mine = [t for t in reversed(self.tweets) if t["author_id"] == ME and t["created_at"] >= since]
            return 200, self._page(mine, query), {}
        return 404, {"title": "Not Found Error", "detail": f"no route {method} {path}", "type": "about:blank"}, {}

    def _page(self, entries: list[dict[str, Any]], query: dict[str, str], with_context: bool = False) -> Any:
        size = min(100, int(query.get("max_results", "10")))
        start = int(query.get("pagination_token") or 0)
        chosen = entries[start : start + size]
        authors = {e.get("author_id") or e.get("sender_id") for e in chosen}
        page: dict[str, Any] = {"data": chosen, "meta": {"result_count": len(chosen)}} if chosen else {
            "meta": {"result_count": 0}}  # fmt: skip
        if start + size < len(entries):
            page["meta"]["next_token"] = str(start + size)
        if with_context:
            answered = {r["id"] for t in chosen for r in t.get("referenced_tweets", [])}
            context = [t for t in self.tweets if t["id"] in answered]
            if context:
                page.setdefault("includes", {})["tweets"] = context
                authors |= {t["author_id"] for t in context}
        people = [self.users[a] for a in authors if a in self.users]
        if people:
            page.setdefault("includes", {})["users"] = people
        return page

    def _authorize(self, request: Request) -> Answer:
        query = request.query
        if query.get("client_id") != CLIENT_ID or query.get("redirect_uri") != REDIRECT:
            return 400, {"error": "invalid_request"}, {}
        code = secrets.token_urlsafe(12)
        self.codes[code] = query["code_challenge"]
        target = f"{REDIRECT}?{urlencode({'state': query['state'], 'code': code})}"
        return 302, b"", {"Location": target}

    def _token(self, request: Request) -> Answer:
        form = {key: values[0] for key, values in parse_qs(request.raw.decode()).items()}
        if form.get("client_id") != CLIENT_ID:
            return 401, {"error": "unauthorized_client", "error_description": "Missing valid authorization header"}, {}
        if form.get("grant_type") == "authorization_code":
            challenge = self.codes.pop(form.get("code", ""), None)
            verifier = form.get("code_verifier", "").encode()
            computed = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=").decode()
            if challenge is None or computed != challenge or form.get("redirect_uri") != REDIRECT:
                return 400, {"error": "invalid_request", "error_description": "Value passed for the authorization code "
                             "was invalid."}, {}  # fmt: skip
        elif form.get("grant_type") == "refresh_token":
            if form.get("refresh_token") != self.refresh_token:
                return 400, {"error": "invalid_request", "error_description": "Value passed for the token was "
                             "invalid."}, {}  # fmt: skip
        else:
            return 400, {"error": "unsupported_grant_type"}, {}
        number = int(self.token.rsplit("-", 1)[1]) + 1
        self.token, self.refresh_token = f"x-access-{number}", f"x-refresh-{number}"
        return 200, {"token_type": "bearer", "expires_in": 7200, "access_token": self.token,
                     "scope": " ".join(SCOPES),
                     "refresh_token": self.refresh_token}, {}  # fmt: skip


__all__ = ["CLIENT_ID", "ME", "REDIRECT", "XFake"]
