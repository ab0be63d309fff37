"""A loopback server speaking the Graph API for a Facebook Page, for what no test can reach: the Page and its token
(a user token exchanged for the Page token through `/{page-id}?fields=access_token`), Page conversations
(`platform=messenger`) with their messages inline and on their own edge, the Page feed with each post's comment
count (`comments.summary(true)`), a post's comments (`filter=stream`, `order=reverse_chronological`, replies with
their `parent`), several objects by `?ids=`, comments and Messenger messages sent (within Meta's windows: RESPONSE
24 hours, the HUMAN_AGENT tag 7 days, error 10/2018278 after), private replies, hiding, likes, deletion; cursor
paging whose `next` links carry the token as Graph's do; partial `fields=` (only the top-level fields asked are
returned); Graph's error objects (190, 32, 200, 100) and its usage headers. Every object is derived from the
examples in tests/data/facebook, which follow the reference's; nothing here is cmdesk code."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from tests.support.json_server import Answer, LoopbackJson, Request

DATA = Path(__file__).parents[1] / "data" / "facebook"
PAGE, CONVERSATION, MESSAGE, POST, COMMENT = (
    json.loads((DATA / f"{name}.json").read_text()) for name in ("page", "conversation", "message", "post", "comment")
)
ERRORS = {name: json.loads((DATA / f"error_{name}.json").read_text()) for name in
          ("expired", "rate", "permission", "window", "parameter")}  # fmt: skip
PAGE_ID = PAGE["id"]
APP_ID = "138483919580948"
APP_SECRET = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
REDIRECT_URI = "http://localhost:48761/callback"
"""cmdesk's fixed loopback redirect, as the user registers it in the app (connectors/meta/login.py)."""
VERSION = "/v25.0"
T0 = datetime(2026, 11, 1, 9, tzinfo=UTC)


def graph_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")


def _cursor(index: int) -> str:
    return base64.b64encode(f"index:{index}".encode()).decode()


def _index(cursor: str) -> int:
    return int(base64.b64decode(cursor).decode().split(":")[1]) if cursor else 0


def top_fields(fields: str) -> list[str]:
    """The top-level names of a `fields=` value ("id,messages.limit(25){id,from},parent{id}" → id, messages, parent)."""
    names, depth, current = [], 0, ""
    for char in fields + ",":
        if char in "{(":
            depth += 1
        elif char in "})":
            depth -= 1
        if char == "," and depth == 0:
            names.append(current.split(".")[0].split("{")[0].strip())
            current = ""
        else:
            current += char
    return [name for name in names if name]


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, str]
    body: Any = None


@dataclass
class FacebookFake(LoopbackJson):
    user_token: str = "EAAUser-test-token"
    page_token: str = "EAAPage-test-token"
    usage_percent: int = 5
    """What X-App-Usage says of every counter."""
    regain_minutes: int = 0
    conversations: list[dict[str, Any]] = field(default_factory=list)
    """Newest first; each {"conversation": …, "messages": [newest first]}."""
    posts: list[dict[str, Any]] = field(default_factory=list)
    """Newest first; each {"post": …, "comments": [oldest first]}."""
    hidden: set[str] = field(default_factory=set)
    liked: set[str] = field(default_factory=set)
    deleted: set[str] = field(default_factory=set)
    sent: list[dict[str, Any]] = field(default_factory=list)
    photos: list[bytes] = field(default_factory=list)
    """Multipart bodies of the photos uploaded."""
    scheduled: list[dict[str, Any]] = field(default_factory=list)
    """Posts on Facebook's scheduler: {"post": …, "comments": [], "at": Unix time}."""
    requests: list[Recorded] = field(default_factory=list)
    scopes: list[str] = field(default_factory=lambda: ["pages_show_list", "pages_read_engagement",
                              "pages_read_user_content", "pages_manage_engagement", "pages_messaging"])  # fmt: skip
    """What /debug_token says the tokens were granted."""
    data_access_ends: int = 0
    """/debug_token's data_access_expires_at (Unix time; 0: never)."""
    fail_next: str = ""
    """An error of ERRORS to answer the next request with (then cleared)."""
    _counter: int = 0
    _people: dict[str, str] = field(default_factory=dict)
    short_token: str = "EAAShort-lived-token"
    _login_codes: dict[str, str] = field(default_factory=dict)

    # the Page's content -------------------------------------------------------------------------------------------

    def _next_id(self) -> int:
        self._counter += 1
        return self._counter

    def person(self, name: str) -> dict[str, str]:
        """Someone, with the page-scoped id (PSID) Messenger gives them: the same each time for the same name."""
        known = self._people.setdefault(name, str(7234567890000000 + len(self._people)))
        return {"name": name, "email": f"{known}@facebook.com", "id": known}

    def message(self, name: str, text: str, at: datetime, *, from_page: bool = False) -> str:
        """A Messenger message between `name` and the Page (a new conversation when they had none); its id."""
        person = self.person(name)
        found = next((c for c in self.conversations if c["person"] == person["id"]), None)
        if found is None:
            conversation = copy.deepcopy(CONVERSATION)
            conversation["id"] = f"t_{1016152837305 + self._next_id()}"
            conversation["participants"]["data"][0] = person
            found = {"conversation": conversation, "messages": [], "person": person["id"]}
        else:
            self.conversations.remove(found)
        self.conversations.insert(0, found)
        page = {"name": PAGE["name"], "email": f"{PAGE_ID}@facebook.com", "id": PAGE_ID}
        message = copy.deepcopy(MESSAGE)
        sender, receiver = (page, person) if from_page else (person, page)
        message.update(id=f"m_{self._next_id():06d}Qx", message=text, created_time=graph_time(at))
        message.update({"from": sender, "to": {"data": [receiver]}})
        found["messages"].insert(0, message)
        found["messages"].sort(key=lambda m: m["created_time"], reverse=True)
        found["conversation"]["updated_time"] = found["messages"][0]["created_time"]
        return str(message["id"])

    def post(self, text: str, at: datetime, *, visitor: str = "") -> str:
        post = copy.deepcopy(POST)
        post.update(id=f"{PAGE_ID}_{1122334455000000 + self._next_id()}", message=text, created_time=graph_time(at))
        post["permalink_url"] = f"https://www.facebook.com/{post['id']}"
        if visitor:
            post["from"] = self.person(visitor)
        self.posts.insert(0, {"post": post, "comments": []})
        return str(post["id"])

    def comment(self, post_id: str, name: str, text: str, at: datetime, *, parent: str = "", page: bool = False) -> str:
        entry = next(p for p in self.posts if p["post"]["id"] == post_id)
        comment = copy.deepcopy(COMMENT)
        short = post_id.split("_")[1]
        comment.update(id=f"{short}_{2233445566000000 + self._next_id()}", message=text, created_time=graph_time(at),
                       **{"from": {"name": PAGE["name"], "id": PAGE_ID} if page else self.person(name)})  # fmt: skip
        comment["permalink_url"] = f"https://www.facebook.com/{post_id}?comment_id={comment['id']}"
        if parent:
            comment["parent"] = {"id": parent}
        entry["comments"].append(comment)
        return str(comment["id"])

    def publish_scheduled(self) -> None:
        """Facebook's scheduler publishes what was due (here: everything waiting)."""
        for entry in self.scheduled:
            self.posts.insert(0, {"post": entry["post"], "comments": []})
        self.scheduled.clear()

    # serving -----------------------------------------------------------------------------------------------------

    def respond(self, method: str, path: str, query: dict[str, str], token: str, body: Any) -> tuple[int, Any]:
        if self.fail_next:
            name, self.fail_next = self.fail_next, ""
            return (400 if name != "permission" else 403), ERRORS[name]
        if token not in (self.user_token, self.page_token):
            return 400, ERRORS["expired"]
        if not path.startswith(VERSION + "/") and path != VERSION + "/":
            return 400, {"error": {"message": "Unknown path components", "type": "OAuthException", "code": 2500}}
        parts = [p for p in path[len(VERSION) :].split("/") if p]
        fields = query.get("fields", "")
        if method == "GET" and not parts and "ids" in query:
            return 200, {i: self._object(i, fields) for i in query["ids"].split(",") if self._object(i, fields)}
        if method == "GET" and parts == ["debug_token"]:
            kind = "PAGE" if query.get("input_token") == self.page_token else "USER"
            return 200, {"data": {"app_id": "138483919580948", "type": kind, "application": "cmdesk test app",
                                  "data_access_expires_at": self.data_access_ends, "expires_at": 0, "is_valid": True,
                                  "scopes": self.scopes, "user_id": "5550001"}}  # fmt: skip
        if method == "GET" and parts == ["me"]:
            me = PAGE if token == self.page_token else {"id": "5550001", "name": "Claire Dubois"}
            return 200, self._fields(me, fields)
        if method == "GET" and parts == [PAGE_ID]:
            page = {**PAGE, **({"access_token": self.page_token} if "access_token" in fields else {})}
            return 200, self._fields(page, fields)
        if method == "GET" and parts == [PAGE_ID, "conversations"]:
            assert query.get("platform") == "messenger"
            newest_first = sorted(self.conversations, key=lambda c: c["conversation"]["updated_time"], reverse=True)
            listed = [self._conversation(c, fields) for c in newest_first]
            return 200, self._page(listed, query, path)
        if method == "GET" and parts == [PAGE_ID, "feed"]:
            newest_first = sorted(self.posts, key=lambda p: p["post"]["created_time"], reverse=True)
            listed = [self._post(p, fields) for p in newest_first]
            return 200, self._page(listed, query, path)
        if method == "GET" and len(parts) == 2 and parts[1] == "messages":
            found = next(c for c in self.conversations if c["conversation"]["id"] == parts[0])
            return 200, self._page(found["messages"], query, path)
        if method == "GET" and len(parts) == 2 and parts[1] == "comments":
            assert query.get("filter") == "stream" and query.get("order") == "reverse_chronological"
            comments = list(reversed(self._comments_under(parts[0])))
            return 200, self._page([self._fields(c, fields) for c in comments], query, path)
        waiting = next((e for e in self.scheduled if e["post"]["id"] == (parts[0] if parts else "")), None)
        if waiting is not None and method == "DELETE":
            self.scheduled.remove(waiting)
            return 200, {"success": True}
        if waiting is not None and method == "GET" and len(parts) == 1:
            return 200, {**self._fields(waiting["post"], fields), "is_published": False}
        if method == "GET" and len(parts) == 1 and "is_published" in fields and self._object(parts[0], ""):
            return 200, {**(self._object(parts[0], fields) or {}), "is_published": True}
        if method == "GET" and len(parts) == 1:
            found = self._object(parts[0], fields)
            if found is None:
                return 400, ERRORS["parameter"]
            return 200, found
        if method == "POST" and parts == [PAGE_ID, "messages"]:
            return self._send(body)
        if method == "POST" and parts == [PAGE_ID, "photos"]:
            raw = body["multipart"]
            assert b'name="published"' in raw and b'name="source"; filename=' in raw, "an unpublished photo upload"
            self.photos.append(raw)
            return 200, {"id": str(9900000000000 + self._next_id())}
        if method == "POST" and parts == [PAGE_ID, "feed"]:
            made = self.post(body["message"], datetime.now(UTC))
            entry = next(p for p in self.posts if p["post"]["id"] == made)
            entry["post"]["attached_media"] = body.get("attached_media", [])
            if body.get("published") is False:
                when = body["scheduled_publish_time"]
                assert 600 <= when - datetime.now(UTC).timestamp() <= 30 * 86400, "10 minutes to 30 days ahead"
                self.posts.remove(entry)
                self.scheduled.append({**entry, "at": when})
            return 200, {"id": made}
        if method == "GET" and parts == [PAGE_ID, "scheduled_posts"]:
            listed = [{**self._fields(e["post"], fields), "scheduled_publish_time": e["at"]} for e in self.scheduled]
            return 200, self._page(listed, query, path)
        if method == "POST" and len(parts) == 2 and parts[1] == "comments":
            post_id = parts[0] if parts[0] in {p["post"]["id"] for p in self.posts} else self._post_of(parts[0])
            made = self.comment(post_id, PAGE["name"], body["message"], datetime.now(UTC), page=True,
                                parent="" if parts[0] == post_id else parts[0])  # fmt: skip
            return 200, {"id": made}
        if method == "POST" and len(parts) == 2 and parts[1] == "likes":
            self.liked.add(parts[0])
            return 200, {"success": True}
        if method == "POST" and len(parts) == 1 and "is_hidden" in query:
            (self.hidden.add if query["is_hidden"] == "true" else self.hidden.discard)(parts[0])
            return 200, {"success": True}
        if method == "DELETE" and len(parts) == 1:
            self.deleted.add(parts[0])
            for post in self.posts:
                post["comments"][:] = [c for c in post["comments"] if c["id"] != parts[0]]
            return 200, {"success": True}
        return 400, ERRORS["parameter"]

    def _send(self, body: dict[str, Any]) -> tuple[int, Any]:
        recipient = body.get("recipient", {})
        if "comment_id" in recipient:
            self.sent.append(body)
            return 200, {"recipient_id": "7234567890009999", "message_id": f"m_private_{self._next_id()}"}
        found = next(c for c in self.conversations if c["person"] == recipient.get("id"))
        theirs = [m for m in found["messages"] if m["from"]["id"] != PAGE_ID]
        last = datetime.strptime(theirs[0]["created_time"], "%Y-%m-%dT%H:%M:%S%z") if theirs else None
        age = datetime.now(UTC) - last if last else timedelta(days=365)
        allowed = timedelta(hours=24) if body.get("messaging_type") == "RESPONSE" else timedelta(days=7)
        if body.get("messaging_type") == "MESSAGE_TAG" and body.get("tag") != "HUMAN_AGENT":
            allowed = timedelta(0)
        if age > allowed:
            return 400, ERRORS["window"]
        self.sent.append(body)
        person = found["conversation"]["participants"]["data"][0]
        made = self.message(person["name"], body["message"]["text"], datetime.now(UTC), from_page=True)
        return 200, {"recipient_id": recipient["id"], "message_id": made}

    def _comments_under(self, object_id: str) -> list[dict[str, Any]]:
        for post in self.posts:
            if post["post"]["id"] == object_id:
                return post["comments"]
        return [c for p in self.posts for c in p["comments"] if c.get("parent", {}).get("id") == object_id]

    def _post_of(self, comment_id: str) -> str:
        return next(p["post"]["id"] for p in self.posts for c in p["comments"] if c["id"] == comment_id)

    def _object(self, object_id: str, fields: str) -> dict[str, Any] | None:
        for post in self.posts:
            if post["post"]["id"] == object_id:
                return self._post(post, fields)
            for comment in post["comments"]:
                if comment["id"] == object_id:
                    return self._fields(comment, fields)
        for conversation in self.conversations:
            if conversation["conversation"]["id"] == object_id:
                return self._conversation(conversation, fields)
        return None

    def _conversation(self, entry: dict[str, Any], fields: str) -> dict[str, Any]:
        shown = copy.deepcopy(entry["conversation"])
        inline = entry["messages"][:25]
        shown["messages"] = {
            "data": copy.deepcopy(inline),
            "paging": {"cursors": {"before": _cursor(0), "after": _cursor(len(inline))}},
        }
        if len(entry["messages"]) > 25:
            shown["messages"]["paging"]["next"] = (
                f"https://graph.facebook.com{VERSION}/{shown['id']}/messages?after={_cursor(25)}&access_token={self.page_token}"
            )
        return self._fields(shown, fields)

    def _post(self, entry: dict[str, Any], fields: str) -> dict[str, Any]:
        shown = copy.deepcopy(entry["post"])
        total = len(entry["comments"])
        shown["comments"] = {
            "data": [],
            "summary": {"order": "chronological", "total_count": total, "can_comment": True},
        }
        return self._fields(shown, fields)

    @staticmethod
    def _fields(entry: dict[str, Any], fields: str) -> dict[str, Any]:
        if not fields:
            return copy.deepcopy(entry)
        wanted = set(top_fields(fields)) | {"id"}
        return {key: copy.deepcopy(value) for key, value in entry.items() if key in wanted}

    def _page(self, entries: list[dict[str, Any]], query: dict[str, str], path: str) -> dict[str, Any]:
        size = min(int(query.get("limit", "25")), 100)
        start = _index(query.get("after", ""))
        cursors = {"before": _cursor(start), "after": _cursor(start + size)}
        page: dict[str, Any] = {"data": entries[start : start + size], "paging": {"cursors": cursors}}
        if start + size < len(entries):
            rest = {k: v for k, v in query.items() if k != "after"}
            following = {**rest, "after": _cursor(start + size), "access_token": self.page_token}  # as Graph's links
            page["paging"]["next"] = f"https://graph.facebook.com{path}?{urlencode(following)}"
        return page

    def usage_headers(self) -> dict[str, str]:
        counters = {"call_count": self.usage_percent, "total_cputime": 1, "total_time": 1}
        business = {PAGE_ID: [{"type": "pages", "call_count": 1, "total_cputime": 1, "total_time": 1,
                               "estimated_time_to_regain_access": self.regain_minutes}]}  # fmt: skip
        return {"X-App-Usage": json.dumps(counters), "X-Business-Use-Case-Usage": json.dumps(business)}

    def login(self, request: Request) -> Answer | None:
        """Facebook Login's dialog (deciding at once for the user) and token endpoint, as the manual flow documents."""
        query = request.query
        if request.path == f"{VERSION}/dialog/oauth":
            if query.get("client_id") != APP_ID or query.get("redirect_uri") != REDIRECT_URI:
                return 400, {"error": {"message": "URL blocked: the redirect URI is not whitelisted", "code": 191}}, {}
            assert "pages_show_list" in query["scope"].split(",") and query.get("code_challenge_method") == "S256"
            code = f"AQD-code-{self._next_id()}"
            self._login_codes[code] = query["code_challenge"]
            return 302, b"", {"Location": f"{REDIRECT_URI}?{urlencode({'code': code, 'state': query['state']})}"}
        if request.path != f"{VERSION}/oauth/access_token":
            return None
        if query.get("client_id") != APP_ID or query.get("client_secret") != APP_SECRET:
            return 400, {"error": {"message": "Error validating client secret.", "type": "OAuthException",
                                   "code": 1}}, {}  # fmt: skip
        if query.get("grant_type") == "fb_exchange_token":
            if query.get("fb_exchange_token") != self.short_token:
                return 400, ERRORS["expired"], {}
            return 200, {"access_token": self.user_token, "token_type": "bearer", "expires_in": 5183944}, {}
        challenge = self._login_codes.pop(query.get("code", ""), "")
        verifier = query.get("code_verifier", "")
        digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if not challenge or digest != challenge or query.get("redirect_uri") != REDIRECT_URI:
            return 400, {"error": {"message": "Invalid verification code format.", "code": 100}}, {}
        return 200, {"access_token": self.short_token, "token_type": "bearer", "expires_in": 5400}, {}

    def answer(self, request: Request) -> Answer:
        signing_in = self.login(request)
        if signing_in is not None:
            self.requests.append(Recorded(request.method, request.path, request.query))
            return signing_in
        kind = request.headers.get("content-type", "")
        body = {"multipart": request.raw} if kind.startswith("multipart/") else request.json()
        self.requests.append(Recorded(request.method, request.path, request.query, body))
        status, payload = self.respond(request.method, request.path, request.query, request.bearer, body)
        return status, payload, self.usage_headers()
