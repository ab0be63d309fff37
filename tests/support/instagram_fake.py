"""The Graph API server of tests/support/facebook_fake.py with an Instagram professional account linked to its Page
(Instagram API with Facebook Login): the account (`/{ig-user-id}`), the Page's `instagram_business_account`, its
media with `comments_count`, their comments (with the replies Graph carries, `replies{…}`) and replies, the media
where someone tagged it (`/tags`), direct messages through the Page's conversations (`platform=instagram`, the
messaging windows of the Page's), replies posted (`POST /{ig-comment-id}/replies?message=` — a reply to a reply joins
its top-level comment, as the reference says), comments on a media, hiding (`hide=`) and deletion. Objects derived
from tests/data/instagram, which follow the reference's examples; nothing here is cmdesk code."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests.support.facebook_fake import ERRORS, PAGE_ID, VERSION, FacebookFake, graph_time

DATA = Path(__file__).parents[1] / "data" / "instagram"
MEDIA, COMMENT, USER, TAGGED = (
    json.loads((DATA / f"{name}.json").read_text()) for name in ("media", "comment", "user", "tagged")
)
IG_USER_ID = USER["id"]


@dataclass
class InstagramFake(FacebookFake):
    media: list[dict[str, Any]] = field(default_factory=list)
    """Newest first; each {"media": …, "comments": [top-level, oldest first, each with "replies": [...]]}."""
    tags: list[dict[str, Any]] = field(default_factory=list)
    ig_conversations: list[dict[str, Any]] = field(default_factory=list)
    containers: dict[str, dict[str, str]] = field(default_factory=dict)
    """Media containers made for publishing: id → the query that made them (image_url, caption, alt_text)."""
    deleted_photos: list[str] = field(default_factory=list)
    _ig_serial: int = 0

    def _ig_id(self) -> str:
        self._ig_serial += 1
        return str(17870000000000000 + self._ig_serial)

    def post_media(self, caption: str, at: datetime) -> str:
        media = copy.deepcopy(MEDIA)
        media.update(id=self._ig_id(), caption=caption, timestamp=graph_time(at))
        self.media.insert(0, {"media": media, "comments": []})
        return str(media["id"])

    def ig_comment(self, media_id: str, username: str, text: str, at: datetime, *, reply_to: str = "") -> str:
        entry = next(m for m in self.media if m["media"]["id"] == media_id)
        comment = copy.deepcopy(COMMENT)
        author = IG_USER_ID if username == USER["username"] else str(17841400000000000 + len(username))
        comment.update(id=self._ig_id(), text=text, timestamp=graph_time(at), username=username,
                       **{"from": {"id": author, "username": username}})  # fmt: skip
        if reply_to:
            top = next(c for c in entry["comments"] if c["id"] == reply_to or
                       reply_to in {r["id"] for r in c["replies"]})  # fmt: skip
            comment["parent_id"] = top["id"]
            top["replies"].append(comment)
        else:
            comment["replies"] = []
            entry["comments"].append(comment)
        return str(comment["id"])

    def tag(self, username: str, caption: str, at: datetime) -> str:
        media = copy.deepcopy(TAGGED)
        media.update(id=self._ig_id(), caption=caption, timestamp=graph_time(at), username=username)
        self.tags.insert(0, media)
        return str(media["id"])

    def dm(self, username: str, text: str, at: datetime) -> str:
        """A direct message from `username` to the account (through the Page's conversations, platform=instagram)."""
        person = {"username": username, "id": str(6500000000000000 + len(username))}
        me = {"username": USER["username"], "id": IG_USER_ID}
        found = next((c for c in self.ig_conversations if c["person"] == person["id"]), None)
        if found is None:
            found = {"conversation": {"id": f"aWdfZG1f{self._ig_id()}", "participants": {"data": [person, me]}},
                     "messages": [], "person": person["id"]}  # fmt: skip
            self.ig_conversations.insert(0, found)
        message = {"id": f"aWdfbWVzc2FnZ{self._ig_id()}", "message": text, "created_time": graph_time(at),
                   "from": person, "to": {"data": [me]}}  # fmt: skip
        found["messages"].insert(0, message)
        found["conversation"]["updated_time"] = message["created_time"]
        return str(message["id"])

    # serving -------------------------------------------------------------------------------------------------------

    def respond(self, method: str, path: str, query: dict[str, str], token: str, body: Any) -> tuple[int, Any]:
        if self.fail_next or token not in (self.user_token, self.page_token):
            return super().respond(method, path, query, token, body)
        parts = [p for p in path[len(VERSION) :].split("/") if p]
        fields = query.get("fields", "")
        business = {"id": IG_USER_ID, **({"username": USER["username"]} if "username" in fields else {})}
        linked = {"instagram_business_account": business}  # the sub-fields asked for, as Graph expands them
        if method == "GET" and parts == ["me", "accounts"]:
            if token != self.user_token:
                return 400, ERRORS["parameter"]
            page = {"id": PAGE_ID, "name": "Boulangerie Le Fournil", "access_token": self.page_token, **linked}
            return 200, self._page([self._fields(page, fields)], query, path)
        if method == "GET" and parts == ["me"] and token == self.page_token and "instagram_business_account" in fields:
            return 200, {"id": PAGE_ID, "name": "Boulangerie Le Fournil", **linked}
        if method == "GET" and len(parts) == 1 and parts[0].startswith("99") and fields == "images":
            hosted = {"height": 1080, "width": 1080, "source": f"https://scontent.xx.fbcdn.net/{parts[0]}.jpg"}
            return 200, {"id": parts[0], "images": [hosted]}
        if method == "DELETE" and len(parts) == 1 and parts[0].startswith("99"):
            self.deleted_photos.append(parts[0])
            return 200, {"success": True}
        if method == "POST" and parts == [IG_USER_ID, "media"]:
            assert query["image_url"].startswith("https://"), "Instagram fetches the image from a public address"
            container = self._ig_id()
            self.containers[container] = dict(query)
            return 200, {"id": container}
        if method == "GET" and len(parts) == 1 and parts[0] in self.containers:
            return 200, {"id": parts[0], "status_code": "FINISHED"}
        if method == "POST" and parts == [IG_USER_ID, "media_publish"]:
            made = self.containers[query["creation_id"]]
            return 200, {"id": self.post_media(made["caption"], datetime.now(UTC))}
        if method == "GET" and len(parts) == 1 and self._ig_media(parts[0]):
            return 200, self._media(self._ig_media(parts[0]), fields)
        if method == "GET" and parts == [IG_USER_ID]:
            return 200, self._fields(USER, fields)
        if method == "GET" and parts == [IG_USER_ID, "media"]:
            return 200, self._page([self._media(m, fields) for m in self.media], query, path)
        if method == "GET" and parts == [IG_USER_ID, "tags"]:
            return 200, self._page([self._fields(t, fields) for t in self.tags], query, path)
        if method == "GET" and parts == [PAGE_ID, "conversations"] and query.get("platform") == "instagram":
            listed = [self._conversation(c, fields) for c in self.ig_conversations]
            return 200, self._page(listed, query, path)
        if method == "GET" and not parts and "ids" in query and self._ig_media(query["ids"].split(",")[0]):
            found = {i: self._media(self._ig_media(i), fields) for i in query["ids"].split(",") if self._ig_media(i)}
            return 200, found
        if len(parts) == 2 and parts[1] == "comments" and self._ig_media(parts[0]):
            if method == "POST":
                return 200, {"id": self.ig_comment(parts[0], USER["username"], query["message"], datetime.now(UTC))}
            comments = [self._comment(c, fields) for c in self._ig_media(parts[0])["comments"]]
            return 200, self._page(comments, query, path)
        comment = self._ig_comment(parts[0]) if parts else None
        if comment is not None and len(parts) == 2 and parts[1] == "replies":
            media_id, top = comment
            if method == "POST":
                made = self.ig_comment(
                    media_id, USER["username"], query["message"], datetime.now(UTC), reply_to=top["id"]
                )
                return 200, {"id": made}
            return 200, self._page([self._fields(r, fields) for r in top.get("replies", [])], query, path)
        if comment is not None and len(parts) == 1:
            target = self._find(parts[0])
            if method == "POST" and "hide" in query:
                target["hidden"] = query["hide"] == "true"
                return 200, {"success": True}
            if method == "DELETE":
                self.deleted.add(parts[0])
                for media in self.media:
                    media["comments"][:] = [c for c in media["comments"] if c["id"] != parts[0]]
                    for top in media["comments"]:
                        top["replies"][:] = [r for r in top["replies"] if r["id"] != parts[0]]
                return 200, {"success": True}
            return 200, self._fields(target, fields)
        if method == "POST" and parts == [PAGE_ID, "messages"]:
            recipient = body.get("recipient", {})
            found = next((c for c in self.ig_conversations if c["person"] == recipient.get("id")), None)
            if found is not None:
                self.sent.append(body)
                made = {"id": f"aWdfbWVzc2FnZ{self._ig_id()}", "message": body["message"]["text"],
                        "created_time": graph_time(datetime.now(UTC)), "from": {"username": USER["username"],
                        "id": IG_USER_ID}}  # fmt: skip
                found["messages"].insert(0, made)
                return 200, {"recipient_id": recipient["id"], "message_id": made["id"]}
        if method == "GET" and len(parts) == 1:
            conversation = next((c for c in self.ig_conversations if c["conversation"]["id"] == parts[0]), None)
            if conversation is not None:
                return 200, self._conversation(conversation, fields)
        return super().respond(method, path, query, token, body)

    def _ig_media(self, media_id: str) -> dict[str, Any] | None:
        return next((m for m in self.media if m["media"]["id"] == media_id), None)

    def _ig_comment(self, comment_id: str) -> tuple[str, dict[str, Any]] | None:
        """(media id, top-level comment) of a comment or a reply."""
        for media in self.media:
            for top in media["comments"]:
                if top["id"] == comment_id or comment_id in {r["id"] for r in top["replies"]}:
                    return str(media["media"]["id"]), top
        return None

    def _find(self, comment_id: str) -> dict[str, Any]:
        found = self._ig_comment(comment_id)
        assert found is not None
        top = found[1]
        return top if top["id"] == comment_id else next(r for r in top["replies"] if r["id"] == comment_id)

    def _media(self, entry: dict[str, Any] | None, fields: str) -> dict[str, Any]:
        assert entry is not None
        shown = copy.deepcopy(entry["media"])
        shown["comments_count"] = sum(1 + len(c["replies"]) for c in entry["comments"])
        return self._fields(shown, fields)

    def _comment(self, comment: dict[str, Any], fields: str) -> dict[str, Any]:
        shown = self._fields(comment, fields)
        if "replies" in shown:
            shown["replies"] = {"data": [self._fields(r, fields) for r in comment["replies"]]}
        return shown
