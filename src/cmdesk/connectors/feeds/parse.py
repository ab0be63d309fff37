"""Turning a fetched feed body into Items. Runs in a worker process, so the event loop never waits on it: a plain
RSS 2.0 or Atom feed is read by the standard library's C parser (fast_parse.py, ~5,000 entries/s with the HTML
cleaned and turned into text), anything else by feedparser (pure Python, ~1,400 entries/s).

Identity of an entry: its id/guid, else its link, else a hash of title + content — so a feed that re-publishes or
reorders entries never creates duplicates. A partly broken feed yields every entry that could be read, and the rest
as ItemProblems.
"""

from __future__ import annotations

import calendar
import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

from cmdesk.connectors.feeds.discovery import FeedLink, feed_links, looks_like_html
from cmdesk.connectors.feeds.fast_parse import read_plain_feed
from cmdesk.connectors.htmltext import PLAIN_ABSOLUTE, plain_to_html, sanitize, text_of_sanitized, to_text
from cmdesk.domain import Attachment, Author, Item, ItemProblem, Kind
from cmdesk.domain.types import quick_pickling


@quick_pickling
@dataclass(frozen=True, slots=True)
class CommentFeed:
    """A post's own comments feed (WordPress `wfw:commentRss`) and the comment count the feed announced."""

    post_id: str
    post_title: str
    url: str
    count: int | None


@quick_pickling
@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str = ""
    link: str = ""
    items: tuple[Item, ...] = ()
    problems: tuple[ItemProblem, ...] = ()
    comment_feeds: tuple[CommentFeed, ...] = ()
    alternates: tuple[FeedLink, ...] = ()
    is_feed: bool = True
    is_html: bool = False
    fatal: str = ""
    """Set when nothing at all could be read (not a feed, broken JSON…): the whole pull fails with this reason."""


@dataclass(frozen=True, slots=True)
class Thread:
    """When parsing a post's comments feed: the post every entry belongs to."""

    post_id: str
    post_title: str


_COMMENT_TITLE = re.compile(r"^(?:comment on|commentaire sur|re:)\s+(.+?)(?:\s+(?:by|par)\s+.+)?$", re.IGNORECASE)


def _header(headers: dict[str, str], name: str) -> str:
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return ""


_INTERNAL_SUBSET = re.compile(rb"<!DOCTYPE[^\[>]*\[.*?\]\s*>", re.IGNORECASE | re.DOTALL)
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY[^>]*>", re.IGNORECASE)


def as_rfc7303(content_type: str) -> str:
    """The content type with text/xml read as RFC 7303 reads it (the same as application/xml: the charset
    parameter, else the document's own declaration, else UTF-8). feedparser follows the older RFC 3023, where a
    text/xml feed without a charset is US-ASCII: a UTF-8 feed served so — common on older sites — was read right
    but reported "declared as us-ascii, but parsed as utf-8", a warning about nothing."""
    media_type, separator, parameters = content_type.partition(";")
    if media_type.strip().lower() == "text/xml":
        return f"application/xml{separator}{parameters}"
    return content_type


def without_entity_declarations(body: bytes) -> tuple[bytes, bool]:
    """The feed without a DOCTYPE's internal subset (its own entity declarations), and whether it had one. Feeds
    have no use for them, and feedparser's loose parser expanded them even where expat refused: a 106 KB feed with
    one 100 KB entity referenced 2,000 times became a 200 MB message and 3.9 GB of memory."""
    if _ENTITY_DECLARATION.search(body) is None:  # no lowered copy of every feed body on the way
        return body, False
    body = _INTERNAL_SUBSET.sub(b"", body, count=1)
    return _ENTITY_DECLARATION.sub(b"", body), True


_LONG_CHARACTER_REFERENCE = re.compile(rb"&#(?:[xX][0-9a-fA-F]{6,}|[0-9]{7,});")
_CHARACTER_REFERENCE = re.compile(rb"&#([xX][0-9a-fA-F]+|[0-9]+);")
UNICODE_LIMIT = 0x10FFFF


def without_impossible_characters(body: bytes) -> bytes:
    """The feed with each character reference past Unicode's last code point (`&#8888888211;`) made U+FFFD:
    feedparser's loose parser turns them into characters with `chr()`, which raised out of the whole parse (a
    ValueError or an OverflowError: the feed lost, not one title). Found by the fuzz test."""
    if _LONG_CHARACTER_REFERENCE.search(body) is None:  # the common case: one quick scan, no copy
        return body

    def replaced(match: re.Match[bytes]) -> bytes:
        digits = match.group(1)
        value = int(digits[1:], 16) if digits[:1] in (b"x", b"X") else int(digits)
        return b"&#xFFFD;" if value > UNICODE_LIMIT else match.group(0)

    return _CHARACTER_REFERENCE.sub(replaced, body)


def parse_feed(
    body: bytes, headers: dict[str, str], url: str, thread: Thread | None = None, *, quick: bool = True
) -> ParsedFeed:
    """Parse any supported feed format (or detect an HTML page and list the feeds it advertises). `quick` False:
    feedparser reads even a plain feed (the tests compare both roads)."""
    content_type = _header(headers, "content-type")
    stripped = body.lstrip()
    if "json" in content_type.lower() or stripped.startswith(b"{"):
        return _parse_json_feed(body, url, thread)
    body, declared = without_entity_declarations(body)
    body = without_impossible_characters(body)
    fast = read_plain_feed(body, content_type) if quick and not declared else None
    if fast is not None:
        return _parsed(fast.feed, fast.entries, [], thread, url, rss=fast.version.startswith("rss"))
    # No content-location: feedparser would resolve entry *ids* against it, so a moved feed would change every
    # identity. Links and content are resolved against the feed's address below instead.
    import feedparser  # here, not above: a worker that meets only plain feeds never pays for it (12 MB)

    try:
        parsed = feedparser.parse(
            body,
            response_headers={"content-type": as_rfc7303(content_type) or "application/xml"},
            sanitize_html=False,
            resolve_relative_uris=True,
        )
    except (ValueError, TypeError, LookupError, RecursionError) as error:  # e.g. a NUL in the declared encoding
        return ParsedFeed(is_feed=False, fatal=f"not a feed: feedparser could not read it ({error})")
    version = parsed.get("version", "")
    if not version and not parsed.entries:
        if looks_like_html(body, content_type):
            links = feed_links(body, url, parsed.get("encoding") or "utf-8")
            return ParsedFeed(alternates=tuple(links), is_feed=False, is_html=True, fatal=_not_a_feed(url, links))
        detail = parsed.get("bozo_exception") or "no RSS, Atom or JSON Feed structure found"
        return ParsedFeed(is_feed=False, fatal=f"not a feed: {detail}")
    problems: list[ItemProblem] = []
    if declared:
        problems.append(ItemProblem("feed", "the feed declares entities of its own: they were ignored, not expanded"))
    elif parsed.get("bozo"):
        problems.append(ItemProblem("feed", _describe_bozo(parsed.get("bozo_exception"))))
    return _parsed(parsed.get("feed", {}), parsed.entries, problems, thread, url, rss=version.startswith("rss"))


def _parsed(
    feed: Any, entries: list[Any], problems: list[ItemProblem], thread: Thread | None, url: str, *, rss: bool
) -> ParsedFeed:
    """The items of feedparser's entries (or the quick road's, shaped the same), each bad one a problem. `rss`: the
    feed is RSS, where a plain-text "content" is a media's description (see _media_descriptions)."""
    items: list[Item] = []
    comment_feeds: list[CommentFeed] = []
    publisher, site = _publisher(feed), _host(feed.get("link", "")) or _host(url)
    for index, entry in enumerate(_let_go(entries)):
        try:
            item = _item_from_entry(entry, thread, url, publisher, site, rss=rss)
        except Exception as error:  # noqa: BLE001 - one bad entry must not sink the page
            problems.append(ItemProblem(f"entry {index + 1}", f"{type(error).__name__}: {error}"))
            continue
        items.append(item)
        comments_url = urljoin(url, (entry.get("wfw_commentrss") or "").strip()) if entry.get("wfw_commentrss") else ""
        if comments_url and thread is None:
            comment_feeds.append(
                CommentFeed(item.remote_id, item.title, comments_url, _int(entry.get("slash_comments")))
            )
    return ParsedFeed(
        title=to_text(feed.get("title", "")),
        link=feed.get("link", ""),
        items=tuple(items),
        problems=tuple(problems),
        comment_feeds=tuple(comment_feeds),
    )


def _let_go(entries: list[Any]) -> Iterator[Any]:
    """Each entry in turn, emptying the list as it goes: an entry read into its item is let go of at once, so a
    parser process never holds all of the feed's entries and all of their items together."""
    entries.reverse()
    while entries:
        yield entries.pop()


def _not_a_feed(url: str, links: list[FeedLink]) -> str:
    if not links:
        return f"{url} is a web page that advertises no feed"
    listed = ", ".join(link.url for link in links[:5])
    return f"{url} is a web page, not a feed; it advertises: {listed}"


def _describe_bozo(error: object) -> str:
    name = type(error).__name__ if error is not None else "problem"
    if name == "CharacterEncodingOverride":
        return f"the declared character set was wrong; read as another one ({error})"
    if name == "NonXMLContentType":
        return f"served with a non-XML content type ({error})"
    return f"the feed is not well-formed; read what could be read ({error})"


def _int(value: Any) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _time(value: time.struct_time | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), UTC)
    except (OverflowError, ValueError, OSError):
        return None


def _entry_time(entry: Any, key: str) -> datetime | None:
    """The entry's `key` date, unless its text is a placeholder that feedparser turns into a real-looking date
    ("-0001-11-30" became 2000-01-01, "0000-00-00" 30 November of year -1): then none, and the time it was first
    seen stands."""
    if key not in entry:  # not entry.get(): feedparser would answer "updated" with "published", and warn
        return None
    written = str(entry[key] or "").strip()
    if written.startswith(("-", "0000")):
        return None
    return _time(entry.get(f"{key}_parsed"))


def _identity(entry: Any, title: str, content: str) -> str:
    for candidate in (entry.get("id"), entry.get("guid"), entry.get("link")):
        if candidate and str(candidate).strip():
            return str(candidate).strip()
    return content_id(title, content)


def content_id(title: str, content: str) -> str:
    """The identity of an entry that has no id, guid or link: a digest of what it says. hashlib is imported here, on
    this rare road: its import maps OpenSSL, 3.8 MB in each parser process that never needs it."""
    import hashlib

    return "sha256:" + hashlib.sha256(f"{title}\n{content}".encode()).hexdigest()[:32]


def _media_descriptions(entry: Any, rss: bool) -> list[str]:
    """An RSS item's media descriptions that feedparser took for its content: a `<media:description type="plain">`
    after the item's `<description>` (Mastodon's RSS writes an image's alt text so, inside its `<media:content>`)
    becomes a "text/plain" content beside the summary, since feedparser reads the media namespace flat. No other RSS
    element gives a plain-text content, so there it is the media's and the summary is the item's body. (The quick
    road keeps each description with its medium, where feedparser's flat reading loses all but a lone one.)"""
    return [block.get("value", "") for block in entry.get("content") or () if _describes_media(entry, block, rss)]


def _describes_media(entry: Any, block: Any, rss: bool) -> bool:
    """Whether a content block of the entry is a medium's description (see _media_descriptions)."""
    return rss and bool(entry.get("summary")) and block.get("type") == "text/plain"


def _content(entry: Any, rss: bool) -> str:
    """The richest body the entry has, as HTML (not a media's description: see _media_descriptions)."""
    for block in entry.get("content") or ():
        value = block.get("value", "")
        if value and not _describes_media(entry, block, rss):
            return value if "html" in (block.get("type") or "") else plain_to_html(value)
    summary = entry.get("summary", "")
    detail = entry.get("summary_detail") or {}
    if summary and "html" not in (detail.get("type") or "text/html"):
        return plain_to_html(summary)
    return str(summary)


def _title(entry: Any) -> str:
    title = entry.get("title", "")
    detail = entry.get("title_detail") or {}
    return to_text(title) if "html" in (detail.get("type") or "") else " ".join(title.split())


def _author(entry: Any) -> Author:
    detail = entry.get("author_detail") or {}
    name = detail.get("name") or entry.get("author") or ""
    return Author(name=" ".join(name.split()), url=detail.get("href", ""), email=detail.get("email", ""))


def _publisher(feed: Any) -> Author:
    """Who a post without an author of its own is from: the feed's author, else the site (its title and link).
    Most RSS posts of small blogs and shops name no author; a comment without one stays anonymous."""
    detail = feed.get("author_detail") or {}
    name = detail.get("name") or to_text(feed.get("title", ""))
    return Author(name=" ".join(name.split()), url=detail.get("href") or feed.get("link", ""))


def _byline(link: str, site: str, publisher: Author) -> Author:
    """An aggregator's post (a Google Alert, a planet) is from the site it links to, not from the aggregator."""
    host = _host(link)
    if host and site and host != site:
        parts = urlsplit(link)
        return Author(name=host, url=f"{parts.scheme}://{parts.netloc}/")
    return publisher


def _host(url: str) -> str:
    """The address's host without "www."; "" for none, or for an address that cannot be read ("https://[www…")."""
    try:
        host = (urlsplit(url).hostname or "") if url else ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def _link(feed_url: str, written: str) -> str:
    """The entry's link, absolute and unwrapped; "" when it is not an address (the entry is kept without it)."""
    written = written.strip()
    if not written:
        return ""
    if PLAIN_ABSOLUTE.fullmatch(written):
        return _unwrapped(written)  # what urljoin would give back, without its splitting and joining again
    try:
        return _unwrapped(urljoin(feed_url, written))
    except ValueError:
        return ""


_REDIRECTS = {("google.com", "/url"), ("bing.com", "/news/apiclick.aspx")}
_REDIRECT_NAMES = ("google", "bing")


def _unwrapped(link: str) -> str:
    """Google Alerts links go through google.com/url?…&url=<the article>, Bing News ones through
    bing.com/news/apiclick.aspx?…&url=<the article>: open the article itself, with no redirect that would tell the
    search engine what the user reads (and so the same article from two search feeds is seen as one)."""
    lowered = link.lower()
    if link.isprintable() and not any(name in lowered for name in _REDIRECT_NAMES):
        return link
    try:
        parts = urlsplit(link)
    except ValueError:
        return link  # not an address a browser could open either; kept as the feed wrote it
    if (_host(link), parts.path.casefold()) in _REDIRECTS:
        target = parse_qs(parts.query).get("url") or parse_qs(parts.query).get("q") or [""]
        if target[0].startswith(("https://", "http://")):
            return target[0]
    return link


FLASH = "application/x-shockwave-flash"
"""A Flash player's address (a YouTube feed's medium): no browser has played one since 2021, so it opens the entry's
own page (the video's) instead."""


def _attachments(entry: Any, rss: bool, link: str) -> tuple[Attachment, ...]:
    """The entry's enclosures, media and thumbnails, once each. A lone medium described (an image's alt text) has its
    description as its title; a lone medium with a lone thumbnail (a Mastodon post's image, a YouTube video) is one
    picture, the thumbnail its preview (role "media", as the Mastodon API's images): the thread shows the thumbnail,
    which opens the medium, instead of two links. feedparser reads the media namespace flat, so which thumbnail is
    whose is only known when there is one of each. `link`: the entry's page (see FLASH)."""
    found: dict[str, Attachment] = {}
    for enclosure in entry.get("enclosures") or ():
        href = enclosure.get("href") or enclosure.get("url")
        if href:
            found.setdefault(href, Attachment(href, enclosure.get("type", ""), "", _int(enclosure.get("length"))))
    media_content = [media for media in entry.get("media_content") or () if media.get("url")]
    thumbnails = [thumbnail["url"] for thumbnail in entry.get("media_thumbnail") or () if thumbnail.get("url")]
    descriptions = _media_descriptions(entry, rss)
    lone = descriptions[0] if len(media_content) == len(descriptions) == 1 else ""
    preview = thumbnails[0] if len(media_content) == len(thumbnails) == 1 else ""
    for media in media_content:
        kind = media.get("type", "") or media.get("medium", "")
        href = link if kind == FLASH and link else media["url"]
        described = " ".join((media.get("description") or lone).split())
        if preview and href not in found:
            found[href] = Attachment(href, kind, described, None, role="media", preview_url=preview)
            return tuple(found.values())
        found.setdefault(href, Attachment(href, kind, described, None))
    for thumbnail in thumbnails:
        found.setdefault(thumbnail, Attachment(thumbnail, "image", "", None, role="thumbnail"))
    return tuple(found.values())


def _comment_thread(entry: Any, link: str, title: str) -> tuple[str, str, str] | None:
    """(thread key, parent id, thread title) for an entry that is a comment in a standalone comments feed."""
    reply_to = entry.get("thr_in-reply-to") or {}
    if isinstance(reply_to, dict) and (reply_to.get("ref") or reply_to.get("href")):
        key = str(reply_to.get("ref") or reply_to.get("href"))
        return key, key, _thread_title(title)
    if "#comment-" in link:
        key = link.split("#", 1)[0]
        return key, key, _thread_title(title)
    return None


def _thread_title(comment_title: str) -> str:
    match = _COMMENT_TITLE.match(comment_title)
    return match.group(1).strip() if match else ""


def _item_from_entry(
    entry: Any, thread: Thread | None, feed_url: str, publisher: Author, site: str, *, rss: bool
) -> Item:
    title = _title(entry)
    raw_html = _content(entry, rss)
    remote_id = _identity(entry, title, raw_html)
    link = _link(feed_url, entry.get("link") or "")
    html = sanitize(raw_html, link or feed_url)
    text = text_of_sanitized(html)
    published = _entry_time(entry, "published") or _entry_time(entry, "created")
    updated = _entry_time(entry, "updated")
    created = published or updated
    kind, thread_key, parent, thread_title = Kind.FEED, remote_id, "", ""
    if thread is not None:
        reply_to = entry.get("thr_in-reply-to") or {}
        ref = reply_to.get("ref", "") if isinstance(reply_to, dict) else ""
        kind, thread_key, parent, thread_title = Kind.COMMENT, thread.post_id, ref or thread.post_id, thread.post_title
    else:
        comment = _comment_thread(entry, link, title)
        if comment is not None:
            kind = Kind.COMMENT
            thread_key, parent, thread_title = comment
    author = _author(entry)
    if kind is Kind.FEED and not author.name:
        author = _byline(link, site, publisher)
    return Item(
        remote_id=remote_id,
        thread_key=thread_key,
        kind=kind,
        text=text,
        html=html,
        title=title,
        thread_title=thread_title,
        url=link,
        author=author,
        created_at=created,
        updated_at=updated if updated and updated != created else None,
        parent_remote_id=parent,
        attachments=_attachments(entry, rss, link),
    )


def _parse_json_feed(body: bytes, url: str, thread: Thread | None) -> ParsedFeed:
    """JSON Feed 1.0 / 1.1 (https://www.jsonfeed.org/version/1.1/), which feedparser 6 does not read."""
    try:
        document = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return ParsedFeed(is_feed=False, fatal=f"not a feed: broken JSON ({error})")
    except RecursionError:
        return ParsedFeed(is_feed=False, fatal="not a feed: JSON nested too deep to read")
    if not isinstance(document, dict) or not str(document.get("version", "")).startswith("https://jsonfeed.org/"):
        return ParsedFeed(is_feed=False, fatal="not a feed: JSON without a JSON Feed version")
    raw_items = document.get("items")
    if not isinstance(raw_items, list):
        return ParsedFeed(is_feed=False, fatal="not a feed: JSON Feed without an items list")
    items: list[Item] = []
    problems: list[ItemProblem] = []
    feed_authors = _json_authors(document)
    site = Author(name=to_text(str(document.get("title", ""))), url=str(document.get("home_page_url", "")))
    for index, raw in enumerate(raw_items):
        try:
            items.append(_item_from_json(raw, feed_authors, site if thread is None else Author(), thread))
        except Exception as error:  # noqa: BLE001 - one bad item must not sink the page
            problems.append(ItemProblem(f"item {index + 1}", f"{type(error).__name__}: {error}"))
    return ParsedFeed(
        title=to_text(str(document.get("title", ""))),
        link=str(document.get("home_page_url", "")),
        items=tuple(items),
        problems=tuple(problems),
    )


def _json_authors(value: dict[str, Any]) -> list[Author]:
    raw = value.get("authors")
    if not isinstance(raw, list):
        raw = [value["author"]] if isinstance(value.get("author"), dict) else []
    return [Author(name=str(a.get("name", "")), url=str(a.get("url", ""))) for a in raw if isinstance(a, dict)]


def _json_time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _item_from_json(raw: Any, feed_authors: list[Author], publisher: Author, thread: Thread | None) -> Item:
    if not isinstance(raw, dict):
        raise ValueError("an item is not a JSON object")
    title = " ".join(str(raw.get("title", "")).split())
    if raw.get("content_html"):
        raw_html = str(raw["content_html"])
    else:
        raw_html = plain_to_html(str(raw.get("content_text") or raw.get("summary") or ""))
    html = sanitize(raw_html)
    link = str(raw.get("url") or raw.get("external_url") or "")
    identifier = raw.get("id")
    remote_id = str(identifier).strip() if identifier not in (None, "") else ""
    if not remote_id:
        remote_id = link or content_id(title, raw_html)
    authors = _json_authors(raw) or feed_authors or [publisher]
    attachments = [
        Attachment(str(a["url"]), str(a.get("mime_type", "")), str(a.get("title", "")), _int(a.get("size_in_bytes")))
        for a in raw.get("attachments") or ()
        if isinstance(a, dict) and a.get("url")
    ]
    if raw.get("image"):
        attachments.append(Attachment(str(raw["image"]), "image", "", None, role="thumbnail"))
    created = _json_time(raw.get("date_published"))
    updated = _json_time(raw.get("date_modified"))
    kind, thread_key, parent, thread_title = Kind.FEED, remote_id, "", ""
    if thread is not None:
        kind, thread_key, parent, thread_title = Kind.COMMENT, thread.post_id, thread.post_id, thread.post_title
    return Item(
        remote_id=remote_id,
        thread_key=thread_key,
        kind=kind,
        text=text_of_sanitized(html),
        html=html,
        title=title,
        thread_title=thread_title,
        url=link,
        author=authors[0],
        created_at=created or updated,
        updated_at=updated if updated and created and updated != created else None,
        parent_remote_id=parent,
        attachments=tuple(attachments),
    )
