"""A loopback server speaking the YouTube Data API v3 for what no test can reach: the channel of a token, comment
threads newest first with `nextPageToken` paging (and by `id`), those held for review (`moderationStatus`), a
thread's replies (`comments?parentId`), comments and videos by id, replies inserted, moderation and deletion,
Google's JSON errors (401 for a refused token, 403 `quotaExceeded` once the day's units are spent), and Google's
sign-in on the same port (tests/support/google_auth_fake.py). Every resource is
derived from the examples in tests/data/youtube, which follow the reference's resource representations; nothing
here is cmdesk code."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tests.support.google_auth_fake import GoogleAuth
from tests.support.json_server import Answer, LoopbackJson, Request

DATA = Path(__file__).parents[1] / "data" / "youtube"
COMMENT, THREAD, VIDEO, CHANNEL, QUOTA_ERROR = (
    json.loads((DATA / f"{name}.json").read_text())
    for name in ("comment", "comment_thread", "video", "channel", "error_quota")
)
ME = CHANNEL["id"]
LIST_COSTS = {"GET": 1, "POST": 50, "DELETE": 50}
T0 = datetime(2026, 11, 1, 9, tzinfo=UTC)


def _time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, str]


@dataclass
class YouTubeFake(LoopbackJson):
    token: str = "ya29.test-token"
    quota: int = 10_000
    carried_replies: int = 5
    """Replies a thread resource carries (YouTube carries a few; the rest come from comments?parentId)."""
    threads: list[dict[str, Any]] = field(default_factory=list)
    held: list[dict[str, Any]] = field(default_factory=list)
    """Threads whose top-level comment waits for the channel's review (moderationStatus heldForReview)."""
    replies: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    videos: dict[str, dict[str, Any]] = field(default_factory=dict)
    moderated: dict[str, str] = field(default_factory=dict)
    requests: list[Recorded] = field(default_factory=list)
    auth: GoogleAuth = field(default_factory=GoogleAuth)
    """Google's sign-in, on the same port (`--auth-base`); the tokens it gives are accepted like `token`."""
    used: int = 0
    _counter: int = 0

    # the channel's content ------------------------------------------------------------------------------------------

    def video(self, video_id: str, title: str, at: datetime = T0) -> None:
        video = copy.deepcopy(VIDEO)
        video["id"] = video_id
        video["snippet"].update(title=title, publishedAt=_time(at))
        self.videos[video_id] = video

    def comment(
        self,
        video_id: str,
        text: str,
        author: str = "Sophie R.",
        at: datetime | None = None,
        *,
        mine: bool = False,
        held: bool = False,
    ) -> str:
        """A new top-level comment under the video (held for review, or public); its id (also its thread's)."""
        self._counter += 1
        comment = self._comment(f"Ug{self._counter:06d}AaABAg", text, author, at, mine=mine)
        thread = copy.deepcopy(THREAD)
        thread["id"] = comment["id"]
        thread["snippet"].update(videoId=video_id, topLevelComment=comment, totalReplyCount=0, isPublic=not held)
        if held:
            comment["snippet"]["moderationStatus"] = "heldForReview"
        (self.held if held else self.threads).insert(0, thread)
        self.replies[comment["id"]] = []
        return str(comment["id"])

    def reply(
        self, top: str, text: str, author: str = "Sophie R.", at: datetime | None = None, *, mine: bool = False
    ) -> str:
        self._counter += 1
        reply = self._comment(f"{top}.{self._counter:06d}", text, author, at, mine=mine)
        reply["snippet"]["parentId"] = top
        self.replies[top].append(reply)
        thread = next(t for t in self.threads if t["id"] == top)
        thread["snippet"]["totalReplyCount"] = len(self.replies[top])
        return str(reply["id"])

    def _comment(self, comment_id: str, text: str, author: str, at: datetime | None, *, mine: bool) -> dict[str, Any]:
        comment = copy.deepcopy(COMMENT)
        comment["id"] = comment_id
        when = _time(at or T0 + timedelta(minutes=self._counter))
        comment["snippet"].update(
            authorDisplayName=CHANNEL["snippet"]["title"] if mine else author,
            authorChannelId={"value": ME if mine else f"UC{author.replace(' ', '')[:20]:0<22}"},
            textDisplay=text,
            textOriginal=text,
            publishedAt=when,
            updatedAt=when,
        )
        return comment

    # serving ---------------------------------------------------------------------------------------------------------

    def respond(
        self, method: str, path: str, query: dict[str, str], headers: dict[str, str], body: Any
    ) -> tuple[int, Any]:
        if headers.get("authorization") not in {f"Bearer {t}" for t in (self.token, *self.auth.access_tokens)}:
            return 401, {"error": {"code": 401, "message": "Request had invalid authentication credentials.",
                                   "errors": [{"reason": "authError", "domain": "global"}]}}  # fmt: skip
        cost = LIST_COSTS[method]
        if self.used + cost > self.quota:
            return 403, QUOTA_ERROR
        self.used += cost
        if method == "GET" and path == "/youtube/v3/channels" and query.get("mine") == "true":
            return 200, {"kind": "youtube#channelListResponse", "items": [CHANNEL]}
        if method == "GET" and path == "/youtube/v3/commentThreads":
            return 200, self._threads(query)
        if method == "GET" and path == "/youtube/v3/comments" and "id" in query:
            wanted = query["id"].split(",")
            public = [t["snippet"]["topLevelComment"] for t in self.threads] + [
                reply for replies in self.replies.values() for reply in replies
            ]
            return 200, {"kind": "youtube#commentListResponse", "items": [c for c in public if c["id"] in wanted]}
        if method == "GET" and path == "/youtube/v3/comments":
            replies = self.replies.get(query.get("parentId", ""), [])
            return 200, self._page(replies, query, "youtube#commentListResponse", 100)
        if method == "GET" and path == "/youtube/v3/videos":
            ids = query.get("id", "").split(",")
            videos = [self.videos[i] for i in ids if i in self.videos]
            return 200, {"kind": "youtube#videoListResponse", "items": videos}
        if method == "POST" and path == "/youtube/v3/comments":
            top = body["snippet"]["parentId"]
            made = self.reply(top, body["snippet"]["textOriginal"], mine=True, at=datetime.now(UTC))
            return 200, next(r for r in self.replies[top] if r["id"] == made)
        if method == "POST" and path == "/youtube/v3/comments/setModerationStatus":
            self.moderated[query["id"]] = query["moderationStatus"]
            thread = next((t for t in self.held if t["id"] == query["id"]), None)
            if thread is not None and query["moderationStatus"] != "heldForReview":
                self.held.remove(thread)
                thread["snippet"]["topLevelComment"]["snippet"]["moderationStatus"] = query["moderationStatus"]
                if query["moderationStatus"] == "published":
                    thread["snippet"]["isPublic"] = True
                    self.threads.insert(0, thread)
            return 204, b""
        if method == "DELETE" and path == "/youtube/v3/comments":
            for replies in self.replies.values():
                replies[:] = [r for r in replies if r["id"] != query["id"]]
            return 204, b""
        return 404, {"error": {"code": 404, "message": "Not Found", "errors": [{"reason": "notFound"}]}}

    def _threads(self, query: dict[str, str]) -> dict[str, Any]:
        if "id" in query:
            wanted = query["id"].split(",")
            found = [self._carried(t, "snippet") for t in self.threads if t["id"] in wanted]
            return {"kind": "youtube#commentThreadListResponse", "items": found}
        assert query.get("allThreadsRelatedToChannelId") == ME
        listed = self.held if query.get("moderationStatus") == "heldForReview" else self.threads
        page = self._page(listed, query, "youtube#commentThreadListResponse", 100)
        page["items"] = [self._carried(t, query.get("part", "snippet")) for t in page["items"]]
        return page

    def _carried(self, thread: dict[str, Any], part: str) -> dict[str, Any]:
        shown = copy.deepcopy(thread)
        if "replies" in part.split(","):
            shown["replies"] = {"comments": copy.deepcopy(self.replies[thread["id"]][: self.carried_replies])}
        else:
            shown.pop("replies", None)
        return shown

    @staticmethod
    def _page(entries: list[dict[str, Any]], query: dict[str, str], kind: str, limit: int) -> dict[str, Any]:
        size = min(int(query.get("maxResults", "20")), limit)
        start = int(query.get("pageToken", "0") or 0)
        page: dict[str, Any] = {"kind": kind, "items": entries[start : start + size],
                                "pageInfo": {"totalResults": len(entries), "resultsPerPage": size}}  # fmt: skip
        if start + size < len(entries):
            page["nextPageToken"] = str(start + size)
        return page

    def answer(self, request: Request) -> Answer:
        self.requests.append(Recorded(request.method, request.path, request.query))
        if request.path == "/o/oauth2/v2/auth":
            status, headers = self.auth.consent(request.query)
            return status, b"", headers
        if request.path == "/token":
            return (*self.auth.token(request.raw), {})
        return (*self.respond(request.method, request.path, request.query, request.headers, request.json()), {})
