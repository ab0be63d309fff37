"""Feed autodiscovery: the feeds an HTML page advertises with `<link rel="alternate" type="…">`."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin

FEED_TYPES = {
    "application/rss+xml": "RSS",
    "application/atom+xml": "Atom",
    "application/feed+json": "JSON Feed",
    "application/json": "JSON Feed",
    "application/rdf+xml": "RSS 1.0",
    "text/xml": "XML",
    "application/xml": "XML",
}


@dataclass(frozen=True, slots=True)
class FeedLink:
    url: str
    title: str
    format: str


class _LinkCollector(HTMLParser):
    def __init__(self, base: str) -> None:
        super().__init__(convert_charrefs=True)
        self.base = base
        self.links: list[FeedLink] = []
        self.is_html = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): (value or "") for name, value in attrs}
        if tag in ("html", "head", "body", "meta", "title"):
            self.is_html = True
        if tag == "base" and values.get("href"):
            self.base = urljoin(self.base, values["href"])
        if tag != "link":
            return
        rels = values.get("rel", "").lower().split()
        kind = values.get("type", "").lower().split(";")[0].strip()
        href = values.get("href", "").strip()
        if "alternate" in rels and kind in FEED_TYPES and href:
            url = urljoin(self.base, href)
            if all(link.url != url for link in self.links):
                self.links.append(FeedLink(url, values.get("title", "").strip(), FEED_TYPES[kind]))


def looks_like_html(body: bytes, content_type: str) -> bool:
    head = body[:2048].lstrip().lower()
    return "html" in content_type.lower() or head.startswith(b"<!doctype html") or head.startswith(b"<html")


def feed_links(body: bytes, base_url: str, encoding: str = "utf-8") -> list[FeedLink]:
    """Every feed an HTML page advertises, in page order, with relative addresses resolved."""
    collector = _LinkCollector(base_url)
    try:
        collector.feed(body.decode(encoding or "utf-8", errors="replace"))
        collector.close()
    except Exception:  # noqa: BLE001 - a broken page yields what was collected so far
        pass
    return collector.links
