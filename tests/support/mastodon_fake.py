"""A loopback server speaking Mastodon's client API for what snac2 cannot show: direct conversations, paging with
`Link` headers over many notifications, favourites/boosts/follows, rate-limit headers and 429, broken JSON, a
revoked token, and an `Idempotency-Key` kept like Mastodon keeps it. Every entity is derived from the Status example
of the API documentation (tests/data/mastodon/status.json); nothing here is cmdesk code.
"""

from __future__ import annotations

import copy
import email.policy
import json
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.parser import BytesParser
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.support.feedserver import QuietServer

EXAMPLE = json.loads((Path(__file__).parents[1] / "data" / "mastodon" / "status.json").read_text())
MEDIA_EXAMPLE = json.loads((Path(__file__).parents[1] / "data" / "mastodon" / "media_attachment.json").read_text())
CONFIGURATION = json.loads(
    (Path(__file__).parents[1] / "data" / "mastodon" / "instance_configuration.json").read_text()
)


def multipart(raw: bytes, content_type: str) -> tuple[dict[str, str], dict[str, tuple[str, str, bytes]]]:
    """A multipart/form-data body (RFC 7578) read with the standard library's e-mail parser: its text fields, and its
    files by field name as (file name, content type, bytes)."""
    message = BytesParser(policy=email.policy.HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + raw)
    fields: dict[str, str] = {}
    files: dict[str, tuple[str, str, bytes]] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        data = part.get_payload(decode=True) or b""
        if part.get_filename():
            files[str(name)] = (part.get_filename(), part.get_content_type(), data)
        else:
            fields[str(name)] = data.decode()
    return fields, files


TOKEN = "fake-token"


def account(account_id: str, username: str, display_name: str, domain: str = "") -> dict[str, Any]:
    entity = copy.deepcopy(EXAMPLE["account"])
    entity.update(
        id=account_id,
        username=username,
        acct=f"{username}@{domain}" if domain else username,
        display_name=display_name,
        url=f"https://{domain or 'mastodon.example'}/@{username}",
    )
    return entity


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    form: dict[str, str]


@dataclass
class MastodonFake:
    me: dict[str, Any] = field(default_factory=lambda: account("109", "fournil", "Le Fournil"))
    statuses: dict[str, dict[str, Any]] = field(default_factory=dict)
    notifications: list[dict[str, Any]] = field(default_factory=list)
    conversations: list[dict[str, Any]] = field(default_factory=list)
    requests: list[Recorded] = field(default_factory=list)
    rate_limit: int = 300
    remaining: int = 300
    reset_at: datetime = field(default_factory=lambda: datetime.now(UTC) + timedelta(minutes=5))
    broken_json: bool = False
    revoked: bool = False
    no_conversations: bool = False
    no_search: bool = False
    no_batch_statuses: bool = False
    idempotency: dict[str, str] = field(default_factory=dict)
    _next_id: int = 110_000_000_000_000_000
    query_lists: dict[str, list[str]] = field(default_factory=dict)
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    """Public files (media, custom emoji) by path: (content type, body)."""
    media: dict[str, dict[str, Any]] = field(default_factory=dict)
    uploads_received: dict[str, tuple[str, str, bytes]] = field(default_factory=dict)
    form_lists: dict[str, list[str]] = field(default_factory=dict)
    max_characters: int = 500
    """The instance's announced post length (GET /api/v2/instance)."""
    honour_idempotency: bool = True
    """False: behave like servers that ignore `Idempotency-Key` (snac), where only cmdesk's own check prevents a
    double."""
    post_delay: float = 0.0
    """Seconds a new status takes to be created: a client killed meanwhile never hears that it was."""
    in_flight: int = 0
    scheduled: dict[str, dict[str, Any]] = field(default_factory=dict)
    """ScheduledStatus entities by id, as /api/v1/scheduled_statuses lists them (the docs' example's shape)."""
    _mutex: threading.Lock = field(default_factory=threading.Lock)

    # content -------------------------------------------------------------------------------------------------------

    def new_id(self) -> str:
        self._next_id += 1
        return str(self._next_id)

    def status(
        self,
        author: dict[str, Any],
        content: str,
        *,
        visibility: str = "public",
        in_reply_to: str | None = None,
        spoiler_text: str = "",
        mentions: list[dict[str, Any]] | None = None,
        at: datetime | None = None,
    ) -> dict[str, Any]:
        entity = copy.deepcopy(EXAMPLE)
        status_id = self.new_id()
        entity.update(
            id=status_id,
            created_at=(at or datetime.now(UTC)).isoformat().replace("+00:00", "Z"),
            account=author,
            content=content,
            visibility=visibility,
            in_reply_to_id=in_reply_to,
            in_reply_to_account_id=self.statuses[in_reply_to]["account"]["id"] if in_reply_to else None,
            spoiler_text=spoiler_text,
            mentions=[
                {"id": m["id"], "username": m["username"], "acct": m["acct"], "url": m["url"]} for m in mentions or []
            ],
            uri=f"https://mastodon.example/users/{author['username']}/statuses/{status_id}",
            url=f"https://mastodon.example/@{author['username']}/{status_id}",
        )
        self.statuses[status_id] = entity
        return entity

    def edit(self, status_id: str, content: str) -> None:
        self.statuses[status_id].update(content=content, edited_at=datetime.now(UTC).isoformat().replace("+00:00", "Z"))

    def delete(self, status_id: str) -> None:
        del self.statuses[status_id]

    def notify(self, kind: str, by: dict[str, Any], status: dict[str, Any] | None = None) -> dict[str, Any]:
        entity = {
            "id": self.new_id(),
            "type": kind,
            "created_at": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
            "account": by,
        }
        if status is not None:
            entity["status"] = status
        self.notifications.insert(0, entity)
        return entity

    def publish_scheduled(self, now: datetime | None = None) -> list[dict[str, Any]]:
        """What Mastodon's scheduler does at each scheduled time (cmdesk running or not): the status is created
        with that time and leaves /api/v1/scheduled_statuses."""
        now = now or datetime.now(UTC)
        published = []
        for scheduled_id, entity in list(self.scheduled.items()):
            at = datetime.fromisoformat(entity["scheduled_at"].replace("Z", "+00:00"))
            if at <= now:
                params = entity["params"]
                published.append(
                    self.status(
                        self.me,
                        f"<p>{params['text']}</p>",
                        visibility=params["visibility"] or "public",
                        spoiler_text=params["spoiler_text"] or "",
                        at=at,
                    )
                )
                del self.scheduled[scheduled_id]
        return published

    def _schedule(self, form: dict[str, str], key: str) -> tuple[int, Any, dict[str, str]]:
        """POST /api/v1/statuses with `scheduled_at`: a ScheduledStatus, at least 5 minutes ahead (the docs)."""
        at = datetime.fromisoformat(form["scheduled_at"].replace("Z", "+00:00"))
        if at < datetime.now(UTC) + timedelta(minutes=5):
            return 422, {"error": "Validation failed: Scheduled at The scheduled date must be in the future"}, {}
        scheduled_id = self.new_id()
        entity = {
            "id": scheduled_id,
            "scheduled_at": at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
            "params": {
                "poll": None,
                "text": form["status"],
                "media_ids": self.form_lists.get("media_ids[]") or None,
                "sensitive": None,
                "visibility": form.get("visibility"),
                "idempotency": key or None,
                "scheduled_at": None,
                "spoiler_text": form.get("spoiler_text"),
                "application_id": 596551,
                "in_reply_to_id": form.get("in_reply_to_id"),
            },
            "media_attachments": [],
        }
        self.scheduled[scheduled_id] = entity
        if key:
            self.idempotency[key] = "scheduled:" + scheduled_id
        return 200, entity, {}

    def converse(self, participants: list[dict[str, Any]], last_status: dict[str, Any]) -> dict[str, Any]:
        entity = {"id": self.new_id(), "unread": True, "accounts": participants, "last_status": last_status}
        self.conversations = [c for c in self.conversations if c["accounts"] != participants]
        self.conversations.insert(0, entity)
        return entity

    # serving -------------------------------------------------------------------------------------------------------

    def start(self) -> MastodonFake:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def _handle(self, method: str) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                kind = self.headers.get("Content-Type", "")
                if kind.startswith("multipart/form-data"):
                    form, fake.uploads_received = multipart(raw, kind)
                else:
                    form_lists = parse_qs(raw.decode())
                    form = {key: values[0] for key, values in form_lists.items()}
                    fake.form_lists = form_lists
                lists = parse_qs(parts.query)
                query = {key: values[0] for key, values in lists.items()}
                fake.query_lists = lists
                headers = {key.lower(): value for key, value in self.headers.items()}
                with fake._mutex:
                    fake.in_flight += 1
                    fake.requests.append(Recorded(method, parts.path, query, headers, form))
                try:
                    if method == "POST" and parts.path == "/api/v1/statuses" and fake.post_delay:
                        time.sleep(fake.post_delay)
                    with fake._mutex:
                        status, payload, extra = fake.respond(method, parts.path, query, headers, form)
                finally:
                    with fake._mutex:
                        fake.in_flight -= 1
                data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
                self.send_response(status)
                headers_out = {"Content-Type": "application/json; charset=utf-8", **fake.limit_headers(), **extra}
                self.send_header("Content-Length", str(len(data)))
                for key, value in headers_out.items():
                    self.send_header(key, value)
                self.end_headers()
                try:
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client died waiting (the kill -9 trials): the status exists all the same

            def do_GET(self) -> None:  # noqa: N802
                self._handle("GET")

            def do_POST(self) -> None:  # noqa: N802
                self._handle("POST")

            def do_DELETE(self) -> None:  # noqa: N802
                self._handle("DELETE")

        self._server = QuietServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def limit_headers(self) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": str(self.rate_limit),
            "X-RateLimit-Remaining": str(max(0, self.remaining)),
            "X-RateLimit-Reset": self.reset_at.isoformat().replace("+00:00", "Z"),
        }

    def _page(
        self, path: str, entries: list[dict[str, Any]], query: dict[str, str], default: int, cap: int
    ) -> tuple[int, Any, dict[str, str]]:
        """Newest first; max_id / since_id / min_id as Mastodon pages (ids compared as the server's own ids)."""
        limit = min(int(query.get("limit", default)), cap)
        chosen = list(entries)
        if "max_id" in query:
            chosen = [e for e in chosen if int(e["id"]) < int(query["max_id"])]
        if "since_id" in query:
            chosen = [e for e in chosen if int(e["id"]) > int(query["since_id"])]
        if "min_id" in query:
            chosen = [e for e in chosen if int(e["id"]) > int(query["min_id"])][-limit:]
        page = chosen[:limit]
        links = []
        if page:
            links.append(f'<{self.base}{path}?limit={limit}&max_id={page[-1]["id"]}>; rel="next"')
            links.append(f'<{self.base}{path}?limit={limit}&min_id={page[0]["id"]}>; rel="prev"')
        return 200, page, {"Link": ", ".join(links)} if links else {}

    def respond(
        self, method: str, path: str, query: dict[str, str], headers: dict[str, str], form: dict[str, str]
    ) -> tuple[int, Any, dict[str, str]]:
        if method == "GET" and path in self.files:
            kind, body = self.files[path]
            return 200, body, {"Content-Type": kind}
        if method == "GET" and path == "/api/v2/instance":
            configuration = copy.deepcopy(CONFIGURATION)
            configuration["statuses"]["max_characters"] = self.max_characters
            return (
                200,
                {"domain": "mastodon.example", "title": "Mastodon", "configuration": configuration},
                {},
            )  # public
        if headers.get("authorization") != f"Bearer {TOKEN}" or self.revoked:
            return 401, {"error": "The access token is invalid"}, {}
        self.remaining -= 1
        if self.remaining < 0:
            return 429, {"error": "Too many requests"}, {}
        if self.broken_json:
            return 200, b"<html><body>Welcome to nginx!</body></html>", {"Content-Type": "text/html"}
        if method == "GET" and path == "/api/v1/notifications":
            return self._page(path, self.notifications, query, 40, 80)
        if method == "GET" and path == "/api/v1/conversations":
            if self.no_conversations:
                return 404, {"error": "Record not found"}, {}
            return self._page(path, self.conversations, query, 20, 40)
        if method == "GET" and path == "/api/v1/statuses" and not self.no_batch_statuses:
            wanted = self.query_lists.get("id[]", [])
            return 200, [self.statuses[key] for key in wanted if key in self.statuses], {}
        if method == "GET" and path.startswith("/api/v1/timelines/tag/"):
            tag = "#" + path.rsplit("/", 1)[1].lower()
            tagged = [s for s in self.statuses.values() if tag in s["content"].lower()]
            return self._page(path, sorted(tagged, key=lambda s: int(s["id"]), reverse=True), query, 20, 40)
        if method == "GET" and path == "/api/v2/search":
            if self.no_search:
                return 422, {"error": "Search is not enabled on this server"}, {}
            words = query.get("q", "").lower()
            found = [s for s in self.statuses.values() if words in s["content"].lower()]
            status, page, _links = self._page(
                path, sorted(found, key=lambda s: int(s["id"]), reverse=True), query, 20, 40
            )
            return status, {"accounts": [], "statuses": page, "hashtags": []}, {}
        if method == "GET" and path.startswith("/api/v1/statuses/") and path.endswith("/context"):
            status = self.statuses.get(path.split("/")[4])
            if status is None:
                return 404, {"error": "Record not found"}, {}
            ancestors = []
            parent = status.get("in_reply_to_id")
            while parent and parent in self.statuses:
                ancestors.insert(0, self.statuses[parent])
                parent = self.statuses[parent].get("in_reply_to_id")
            return 200, {"ancestors": ancestors, "descendants": []}, {}
        if method == "GET" and path.startswith("/api/v1/statuses/"):
            status = self.statuses.get(path.split("/")[4])
            return (200, status, {}) if status else (404, {"error": "Record not found"}, {})
        if method == "GET" and path == f"/api/v1/accounts/{self.me['id']}/statuses":
            own = [s for s in self.statuses.values() if s["account"]["id"] == self.me["id"]]
            return 200, sorted(own, key=lambda s: int(s["id"]), reverse=True)[:40], {}
        if method == "DELETE" and path.startswith("/api/v1/statuses/"):
            status = self.statuses.get(path.split("/")[4])
            if status is None:
                return 404, {"error": "Record not found"}, {}
            if status["account"]["id"] != self.me["id"]:
                return 403, {"error": "This action is not allowed"}, {}
            del self.statuses[status["id"]]
            return 200, {**status, "text": form.get("status", "")}, {}
        if method == "GET" and path == "/api/v1/accounts/verify_credentials":
            return 200, self.me, {}
        if method == "POST" and path == "/api/v2/media":
            upload = self.uploads_received.get("file")
            if upload is None:
                return 422, {"error": "Validation failed: File can't be blank"}, {}
            if not upload[1].startswith("image/"):
                return 422, {"error": "Validation failed: File content type is invalid"}, {}
            entity = copy.deepcopy(MEDIA_EXAMPLE)
            media_id = self.new_id()
            entity.update(
                id=media_id,
                url=f"https://files.mastodon.example/{media_id}/{upload[0]}",
                description=form.get("description") or None,
            )
            self.media[media_id] = {**entity, "_bytes": upload[2]}
            return 200, entity, {}
        if method == "GET" and path == "/api/v1/scheduled_statuses":
            return 200, sorted(self.scheduled.values(), key=lambda e: e["scheduled_at"]), {}
        if path.startswith("/api/v1/scheduled_statuses/"):
            found = self.scheduled.get(path.rsplit("/", 1)[1])
            if found is None:
                return 404, {"error": "Record not found"}, {}
            if method == "DELETE":
                del self.scheduled[found["id"]]
                return 200, {}, {}
            return 200, found, {}
        if method == "POST" and path == "/api/v1/statuses":
            key = headers.get("idempotency-key", "") if self.honour_idempotency else ""
            if key and key in self.idempotency:
                earlier = self.idempotency[key]
                if earlier.startswith("scheduled:"):
                    return 200, self.scheduled[earlier.removeprefix("scheduled:")], {}
                return 200, self.statuses[earlier], {}
            if not form.get("status"):
                return 422, {"error": "Validation failed: Text can't be blank"}, {}
            if form.get("scheduled_at"):
                return self._schedule(form, key)
            wanted = self.form_lists.get("media_ids[]", [])
            if any(media_id not in self.media for media_id in wanted):
                return 422, {"error": "Validation failed: media not found"}, {}
            created = self.status(
                self.me,
                f"<p>{form['status']}</p>",
                visibility=form.get("visibility", "public"),
                in_reply_to=form.get("in_reply_to_id"),
                spoiler_text=form.get("spoiler_text", ""),
            )
            created["media_attachments"] = [
                {k: v for k, v in self.media[media_id].items() if k != "_bytes"} for media_id in wanted
            ]
            if key:
                self.idempotency[key] = created["id"]
            return 200, created, {}
        return 404, {"error": "Record not found"}, {}
