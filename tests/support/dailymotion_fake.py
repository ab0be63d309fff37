"""A loopback server speaking Dailymotion's Platform API for what no test can reach: a user by name or id
(`/user/{id}`), the user's videos newest first (`/user/{id}/videos`) paged by `page` and `limit` with `has_more`
and `total`, only the `fields` asked for (dotted names such as `owner.screenname` flattened as the API does), the
API's JSON errors (404 `not_found`, 429 `rate_limit_exceeded`). Every resource is derived from the examples in
tests/data/dailymotion, which follow the reference's objects and error format; nothing here is cmdesk code."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.support.json_server import Answer, LoopbackJson, Request

DATA = Path(__file__).parents[1] / "data" / "dailymotion"
USER, VIDEO, NOT_FOUND, RATE_LIMITED = (
    json.loads((DATA / f"{name}.json").read_text()) for name in ("user", "video", "error_not_found", "error_rate_limit")
)
ME = USER["id"]
DEFAULT_FIELDS = ("id", "title", "channel", "owner")
MAX_LIMIT = 100


@dataclass
class DailymotionFake(LoopbackJson):
    videos: list[dict[str, Any]] = field(default_factory=list)
    """Newest first, as the API lists with sort=recent."""
    requests: list[Request] = field(default_factory=list)
    limited: int = 0
    """Answer this many next requests with 429."""

    def video(self, video_id: str, title: str, created: int, *, views: int = 0, likes: int = 0) -> dict[str, Any]:
        made = copy.deepcopy(VIDEO) | {
            "id": video_id,
            "title": title,
            "created_time": created,
            "url": f"https://www.dailymotion.com/video/{video_id}",
            "views_total": views,
            "likes_total": likes,
        }
        self.videos.append(made)
        self.videos.sort(key=lambda video: -int(video["created_time"]))
        return made

    def seen(self, video_id: str, *, views: int, likes: int) -> None:
        for video in self.videos:
            if video["id"] == video_id:
                video.update(views_total=views, likes_total=likes)

    def answer(self, request: Request) -> Answer:
        self.requests.append(request)
        if self.limited:
            self.limited -= 1
            return 429, RATE_LIMITED, {"Retry-After": "30"}
        parts = [part for part in request.path.split("/") if part]
        if request.method != "GET" or len(parts) not in (2, 3) or parts[0] != "user":
            return 400, {"error": {"code": 400, "message": "Invalid method", "type": "invalid_method"}}, {}
        if parts[1] not in (ME, USER["username"]):
            return 404, NOT_FOUND, {}
        fields = request.query.get("fields", "").split(",") if request.query.get("fields") else list(DEFAULT_FIELDS)
        if len(parts) == 2:
            return 200, {name: USER[name] for name in fields if name in USER}, {}
        if parts[2] != "videos":
            return 404, NOT_FOUND, {}
        limit = min(MAX_LIMIT, int(request.query.get("limit", "10")))
        page = int(request.query.get("page", "1"))
        chosen = self.videos[(page - 1) * limit : page * limit]
        listed = [{name: video.get(name) for name in fields} for video in chosen]
        more = page * limit < len(self.videos)
        return 200, {"page": page, "limit": limit, "explicit": False, "total": len(self.videos), "has_more": more,
                     "list": listed}, {}  # fmt: skip


__all__ = ["ME", "USER", "DailymotionFake"]
