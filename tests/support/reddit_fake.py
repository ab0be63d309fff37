"""A loopback server speaking Reddit's OAuth API for what no test can reach: the signed-in user (`/api/v1/me`), the
inbox as a listing newest first with `after` (fullnames), read marks (`/api/read_message`), replies (`/api/comment`,
`api_type=json`), the user's comments and sent messages, the `X-Ratelimit-*` headers on every answer and 429 once
the window is spent, 401 for an expired token, a `RATELIMIT` error in a 200 answer; the installed app's OAuth 2.0
(`/api/v1/authorize` redirecting to the registered uri, `/api/v1/access_token` with HTTP Basic and an empty password).
Every thing is derived from the examples in tests/data/reddit (Reddit's JSON, as its wiki documents the kinds);
nothing here is cmdesk code."""

from __future__ import annotations

import base64
import copy
import json
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode

from tests.support.json_server import Answer, LoopbackJson, Request

DATA = Path(__file__).parents[1] / "data" / "reddit"
COMMENT, MESSAGE, ME_DATA = (json.loads((DATA / f"{n}.json").read_text()) for n in ("comment_reply", "message", "me"))
ME = ME_DATA["name"]
CLIENT_ID = "cmdesk-reddit-test"
REDIRECT = "http://127.0.0.1:48763/callback"
T0 = 1_763_700_000


@dataclass
class RedditFake(LoopbackJson):
    inbox: list[dict[str, Any]] = field(default_factory=list)
    """Things, oldest first."""
    mine: list[dict[str, Any]] = field(default_factory=list)
    """The user's own comments and sent messages, oldest first."""
    requests: list[Request] = field(default_factory=list)
    token: str = "reddit-access-1"
    refresh_token: str = "reddit-refresh"
    remaining: float = 996.0
    rate_limit_once: bool = False
    codes: set[str] = field(default_factory=set)
    counter: int = 0
    posts: list[dict[str, Any]] = field(default_factory=list)
    """Posts (t3) anyone made, oldest first, for /search."""

    def _id(self) -> str:
        self.counter += 1
        return f"n{self.counter:06d}"

    def comment(self, author: str, body: str, post: str = "1p2abcd", parent: str = "", kind: str = "comment_reply",
                at: float | None = None) -> dict[str, Any]:  # fmt: skip
        thing = copy.deepcopy(COMMENT)
        data = thing["data"]
        thing_id = self._id()
        data.update(id=thing_id, name=f"t1_{thing_id}", author=author, body=body, type=kind,
                    parent_id=parent or f"t3_{post}", created_utc=at or T0 + self.counter * 60,
                    context=f"/r/lyon/comments/{post}/meilleure_boulangerie_de_lyon/{thing_id}/?context=3")  # fmt: skip
        self.inbox.append(thing)
        return data

    def message(self, author: str, body: str, first: str = "") -> dict[str, Any]:
        thing = copy.deepcopy(MESSAGE)
        data = thing["data"]
        thing_id = self._id()
        data.update(id=thing_id, name=f"t4_{thing_id}", author=author, body=body, first_message_name=first or None,
                    created_utc=T0 + self.counter * 60)  # fmt: skip
        self.inbox.append(thing)
        return data

    def post(self, author: str, title: str, text: str = "") -> dict[str, Any]:
        post_id = self._id()
        data = {"id": post_id, "name": f"t3_{post_id}", "author": author, "title": title, "selftext": text,
                "subreddit": "lyon", "permalink": f"/r/lyon/comments/{post_id}/{title.lower().replace(' ', '_')[:30]}/",
                "created_utc": float(T0 + self.counter * 60), "num_comments": 0}  # fmt: skip
        self.posts.append({"kind": "t3", "data": data})
        return data

    def _headers(self) -> dict[str, str]:
        return {"x-ratelimit-used": str(int(1000 - self.remaining)), "x-ratelimit-remaining": f"{self.remaining:.1f}",
                "x-ratelimit-reset": "312"}  # fmt: skip

    def answer(self, request: Request) -> Answer:
        self.requests.append(request)
        if request.path == "/api/v1/authorize":
            return self._authorize(request)
        if request.path == "/api/v1/access_token":
            return self._token(request)
        if request.headers.get("authorization") != f"bearer {self.token}":
            return 401, {"message": "Unauthorized", "error": 401}, {}
        if "cmdesk" not in request.headers.get("user-agent", ""):
            return 429, {"message": "Too Many Requests", "error": 429}, {}  # Reddit throttles generic user agents
        self.remaining -= 1
        if self.remaining < 0:
            return 429, {"message": "Too Many Requests", "error": 429}, self._headers()
        status, payload = self._route(request)
        return status, payload, self._headers()

    def _route(self, request: Request) -> tuple[int, Any]:
        path, query = request.path, request.query
        form = {k: v[0] for k, v in parse_qs(request.raw.decode()).items()} if request.method == "POST" else {}
        if path == "/api/v1/me":
            return 200, ME_DATA
        if path == "/message/inbox":
            return 200, self._listing(list(reversed(self.inbox)), query)
        if path == "/api/read_message":
            names = set(form.get("id", "").split(","))
            for thing in self.inbox:
                if thing["data"]["name"] in names:
                    thing["data"]["new"] = False
            return 200, {}
        if path == "/api/comment":
            if self.rate_limit_once:
                self.rate_limit_once = False
                return 200, {"json": {"errors": [["RATELIMIT", "Take a break for 1 minute", "ratelimit"]]}}
            target = form["thing_id"]
            thing_id = self._id()
            data = {"id": thing_id, "name": f"t{'4' if target.startswith('t4_') else '1'}_{thing_id}", "author": ME,
                    "body": form["text"], "parent_id": target, "created_utc": datetime.now(UTC).timestamp(),
                    "first_message_name": target if target.startswith("t4_") else None}  # fmt: skip
            self.mine.append({"kind": data["name"][:2], "data": data})
            return 200, {"json": {"errors": [], "data": {"things": [{"kind": data["name"][:2], "data": data}]}}}
        if path == "/search":
            words = query.get("q", "").lower().split()
            said = [(t, f"{t['data']['title']} {t['data']['selftext']}".lower()) for t in reversed(self.posts)]
            found = [t for t, text in said if all(w in text for w in words)]
            return 200, self._listing(found, query)
        if path in (f"/user/{ME}/comments", "/message/sent"):
            kind = "t1" if path.startswith("/user/") else "t4"
            return 200, self._listing([t for t in reversed(self.mine) if t["kind"] == kind], query)
        return 404, {"message": "Not Found", "error": 404}

    def _listing(self, things: list[dict[str, Any]], query: dict[str, str]) -> Any:
        limit = min(100, int(query.get("limit", "25")))
        start = 0
        if query.get("after"):
            names = [t["data"]["name"] for t in things]
            start = names.index(query["after"]) + 1 if query["after"] in names else len(things)
        chosen = things[start : start + limit]
        after = chosen[-1]["data"]["name"] if chosen and start + limit < len(things) else None
        return {"kind": "Listing", "data": {"after": after, "dist": len(chosen), "children": chosen, "before": None}}

    def _authorize(self, request: Request) -> Answer:
        query = request.query
        if query.get("client_id") != CLIENT_ID or query.get("redirect_uri") != REDIRECT:
            return 400, {"error": "invalid_request"}, {}
        code = secrets.token_urlsafe(10)
        self.codes.add(code)
        return 302, b"", {"Location": f"{REDIRECT}?{urlencode({'state': query['state'], 'code': code})}"}

    def _token(self, request: Request) -> Answer:
        expected = "Basic " + base64.b64encode(f"{CLIENT_ID}:".encode()).decode()
        if request.headers.get("authorization") != expected:
            return 401, {"message": "Unauthorized", "error": 401}, {}
        form = {k: v[0] for k, v in parse_qs(request.raw.decode()).items()}
        if form.get("grant_type") == "authorization_code":
            if form.get("code") not in self.codes or form.get("redirect_uri") != REDIRECT:
                return 200, {"error": "invalid_grant"}, {}
            self.codes.discard(form["code"])
        elif form.get("grant_type") != "refresh_token" or form.get("refresh_token") != self.refresh_token:
            return 200, {"error": "invalid_grant"}, {}
        number = int(self.token.rsplit("-", 1)[1]) + 1
        self.token = f"reddit-access-{number}"
        answer = {"access_token": self.token, "token_type": "bearer", "expires_in": 3600,
                  "scope": "identity read privatemessages submit history"}  # fmt: skip
        if form.get("grant_type") == "authorization_code":
            answer["refresh_token"] = self.refresh_token
        return 200, answer, {}


__all__ = ["CLIENT_ID", "ME", "RedditFake"]
