"""A loopback server speaking Discourse's API (https://docs.discourse.org and the User API Keys specification) for
what no test can run here (Discourse needs Ruby, PostgreSQL and Redis in a Docker image): the forum's basic
information, the signed-in user (`/session/current.json`), notifications newest first sixty a page with `offset` and
`total_rows_notifications`, a topic's posts by id (`/t/{id}/posts.json?post_ids[]=`), its post stream
(`/t/{id}.json`), a post by number or id (with `raw`), replying (`POST /posts.json`); a User API Key's headers (or an
administrator's `Api-Key` and `Api-Username`), 403 `invalid_access` once revoked, 429 with `Retry-After` and
`extras.wait_seconds`; `/user-api-key/new` approving at once, the payload encrypted with the public key given
(RSA PKCS#1 v1.5, Base64 over lines as Ruby's `encode64` writes it) sent to an allowed `auth_redirect` or shown.
Objects are copies of the examples in tests/data/discourse (the API documentation's); nothing here is cmdesk code."""

from __future__ import annotations

import base64
import copy
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from tests.support.json_server import Answer, LoopbackJson, Request

DATA = Path(__file__).parents[1] / "data" / "discourse"
POST, NOTIFICATIONS, CURRENT, BASIC = (
    json.loads((DATA / f"{name}.json").read_text())
    for name in ("post", "notifications", "session_current", "basic_info")
)
NOTIFICATION = NOTIFICATIONS["notifications"][0]
ME = CURRENT["current_user"]["username"]
T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
PAGE = 60
DENIED = {"errors": ["You are not permitted to view the requested resource. The API username or key is invalid."],
          "error_type": "invalid_access"}  # fmt: skip


@dataclass
class DiscourseFake(LoopbackJson):
    key: str = "discourse-user-key-1"
    client_id: str = "cmdesk-test-client"
    admin_key: str = "discourse-admin-key"
    topics: dict[int, dict[str, Any]] = field(default_factory=dict)
    notifications: list[dict[str, Any]] = field(default_factory=list)
    """Oldest first."""
    requests: list[Request] = field(default_factory=list)
    counter: int = 0
    revoked: bool = False
    rate_limit_once: bool = False
    lose_next_reply: bool = False
    """Write the next reply, then answer 502 as if the connection broke before the answer."""
    allowed_redirects: tuple[str, ...] = ("http://127.0.0.1:48764/callback",)
    shown_payload: str = ""
    """What the approval page showed when no redirect was asked (for the user to paste)."""

    def _next(self) -> int:
        self.counter += 1
        return self.counter

    def _at(self) -> str:
        return (T0 + timedelta(minutes=self.counter)).isoformat(timespec="milliseconds").replace("+00:00", "Z")

    def topic(self, title: str, author: str, text: str, *, private: bool = False, watching: bool = False) -> int:
        topic_id = 100 + len(self.topics) + 1
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "topic"
        self.topics[topic_id] = {"title": title, "slug": slug, "posts": [], "private": private, "watching": watching}
        self.post(topic_id, author, text)
        return topic_id

    def post(self, topic_id: int, author: str, text: str, reply_to: int | None = None) -> dict[str, Any]:
        topic = self.topics[topic_id]
        post = copy.deepcopy(POST)
        number = len(topic["posts"]) + 1
        post.update(id=1000 + self._next(), username=author, name=author.capitalize(), display_username=author,
                    created_at=self._at(), updated_at=self._at(), cooked=f"<p>{text}</p>", raw=text,
                    post_number=number, topic_id=topic_id, topic_slug=topic["slug"], reply_to_post_number=reply_to,
                    yours=author == ME)  # fmt: skip
        topic["posts"].append(post)
        if author != ME:
            self._notify_of(topic_id, post, reply_to)
        return post

    def _notify_of(self, topic_id: int, post: dict[str, Any], reply_to: int | None) -> None:
        topic = self.topics[topic_id]
        answered = topic["posts"][reply_to - 1] if reply_to else None
        if topic["private"]:
            kind = 6
        elif f"@{ME}" in post["raw"]:
            kind = 1
        elif answered is not None and answered["username"] == ME:
            kind = 2
        elif topic["watching"]:
            kind = 9 if post["post_number"] > 1 else 17
        else:
            return
        self.notify(kind, topic_id, post["post_number"], post["id"], post["username"])

    def notify(self, kind: int, topic_id: int, number: int, post_id: int | None, who: str) -> dict[str, Any]:
        note = copy.deepcopy(NOTIFICATION)
        topic = self.topics[topic_id]
        note.update(id=5000 + self._next(), notification_type=kind, created_at=self._at(), post_number=number,
                    topic_id=topic_id, slug=topic["slug"], fancy_title=topic["title"], read=False)  # fmt: skip
        note["data"].update(topic_title=topic["title"], original_post_id=post_id, original_username=who,
                            display_username=who)  # fmt: skip
        self.notifications.append(note)
        return note

    def like(self, topic_id: int, number: int, who: str) -> None:
        self.notify(5, topic_id, number, None, who)

    def _authorised(self, request: Request) -> bool:
        headers = request.headers
        if headers.get("user-api-key"):
            return not self.revoked and headers["user-api-key"] == self.key and (
                headers.get("user-api-client-id") == self.client_id)  # fmt: skip
        return headers.get("api-key") == self.admin_key and headers.get("api-username", "").lower() == ME

    def answer(self, request: Request) -> Answer:
        self.requests.append(request)
        path = request.path
        if path == "/site/basic-info.json":
            return 200, BASIC, {}
        if path == "/user-api-key/new":
            return self._approve(request)
        if not self._authorised(request):
            return 403, DENIED, {}
        if self.rate_limit_once:
            self.rate_limit_once = False
            limited = {"errors": ["You've performed this action too many times. Please wait 7 seconds."],
                       "error_type": "rate_limit", "extras": {"wait_seconds": 7, "time_left": "7 seconds"}}  # fmt: skip
            return 429, limited, {"Retry-After": "7"}
        if path == "/session/current.json":
            return 200, CURRENT, {}
        if path == "/notifications.json":
            return self._notifications(request)
        if request.method == "POST" and path == "/posts.json":
            return self._reply(request)
        if match := re.fullmatch(r"/t/(\d+)/posts\.json", path):
            topic = self.topics.get(int(match.group(1)))
            wanted = {int(n) for n in (request.lists or {}).get("post_ids[]", [])}
            posts = [p for p in topic["posts"] if p["id"] in wanted] if topic else None
            return (200, {"post_stream": {"posts": posts}, "id": int(match.group(1))}, {}) if topic else _missing()
        if match := re.fullmatch(r"/t/(\d+)\.json", path):
            topic = self.topics.get(int(match.group(1)))
            if topic is None:
                return _missing()
            stream = {"posts": topic["posts"][:20], "stream": [p["id"] for p in topic["posts"]]}
            return 200, {"id": int(match.group(1)), "title": topic["title"], "post_stream": stream}, {}
        if match := re.fullmatch(r"/posts/by_number/(\d+)/(\d+)\.json", path):
            topic = self.topics.get(int(match.group(1)))
            number = int(match.group(2))
            found = topic["posts"][number - 1] if topic and 0 < number <= len(topic["posts"]) else None
            return (200, found, {}) if found else _missing()
        if match := re.fullmatch(r"/posts/(\d+)\.json", path):
            every = [p for t in self.topics.values() for p in t["posts"] if p["id"] == int(match.group(1))]
            return (200, every[0], {}) if every else _missing()
        return _missing()

    def _notifications(self, request: Request) -> Answer:
        offset = int(request.query.get("offset") or 0)
        newest_first = list(reversed(self.notifications))
        page = newest_first[offset : offset + PAGE]
        return 200, {"notifications": page, "total_rows_notifications": len(newest_first),
                     "seen_notification_id": newest_first[0]["id"] if newest_first else None,
                     "load_more_notifications": f"/notifications?offset={offset + PAGE}&username={ME}"}, {}  # fmt: skip

    def _reply(self, request: Request) -> Answer:
        body = request.json() or {}
        topic_id = body.get("topic_id")
        if topic_id not in self.topics or not str(body.get("raw") or "").strip():
            return 422, {"errors": ["Topic not found, or the post is empty"], "error_type": "invalid_parameters"}, {}
        post = self.post(topic_id, ME, str(body["raw"]), body.get("reply_to_post_number"))
        if self.lose_next_reply:
            self.lose_next_reply = False
            return 502, b"Bad Gateway", {}
        return 200, post, {}

    def _approve(self, request: Request) -> Answer:
        """The user is signed in on the forum and presses Authorize at once."""
        query = request.query
        public = serialization.load_pem_public_key(query["public_key"].encode())
        assert isinstance(public, rsa.RSAPublicKey)
        self.client_id = query["client_id"]
        said = json.dumps({"key": self.key, "nonce": query["nonce"], "push": False, "api": 4}).encode()
        payload = base64.encodebytes(public.encrypt(said, padding.PKCS1v15())).decode()
        redirect = query.get("auth_redirect")
        if redirect is None:
            self.shown_payload = payload
            return 200, f"<html><body><pre>{payload}</pre></body></html>".encode(), {}
        if redirect not in self.allowed_redirects:
            return 403, DENIED, {}
        return 302, b"", {"Location": f"{redirect}?{urlencode({'payload': payload})}"}


def _missing() -> Answer:
    return 404, {"errors": ["The requested URL or resource could not be found."], "error_type": "not_found"}, {}


__all__ = ["DiscourseFake", "ME", "PAGE"]
