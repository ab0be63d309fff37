"""The quick road through a feed: a well-formed RSS 2.0 or Atom 1.0 document made only of the elements cmdesk
reads, parsed by the standard library's C parser (expat building ElementTree elements) into the same entries
feedparser would give parse.py — the same keys, the same values, feedparser's own helpers for dates, addresses
and its text fix-ups.

Why: feedparser runs a Python handler for every start tag, end tag and text run; on a 1,000-entry feed it took
~0.5 s of the ~0.7 s a sync spends on it, and a sync of 60 such feeds spent 40 s of its CPU there (issue 23). This
road reads the same feed in ~15 ms. Anything it does not know — not well-formed, a DOCTYPE, an encoding other
than UTF-8 or a one-byte one (ISO-8859, Windows-125x), xml:base, an element in an entry it has no rule for (a
threading link, XHTML content…), an element given twice — answers None, and feedparser reads the feed as before:
the quick road never guesses. tests/unit/test_fast_feeds.py checks that both roads give the same items on every
feed the tests know.

It does not import feedparser (12 MB and ~100 ms in each parser process): the few helpers of feedparser's it must
agree with are written here (their agreement is tested), and feedparser is imported only for what they do not
cover (a date in an unusual form).

Entries are read as they end and then dropped (a pull parser fed 64 KB at a time), so the parsed tree of a large
feed is never held whole.
"""

from __future__ import annotations

import codecs
import re
import time
import urllib.parse
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
DC = "{http://purl.org/dc/elements/1.1/}"
SLASH = "{http://purl.org/rss/1.0/modules/slash/}"
MEDIA = "{http://search.yahoo.com/mrss/}"
YOUTUBE = "{http://www.youtube.com/xml/schemas/2015}"
WFW_NAMESPACES = ("{http://wellformedweb.org/CommentAPI/}", "{http://wellformedweb.org/commentAPI/}")
XML_TYPES = ("", "application/rss+xml", "application/atom+xml", "application/xml", "text/xml")
"""Media types read on the quick road: text/xml as RFC 7303 reads it, as application/xml (parse.as_rfc7303)."""
CHUNK = 64 * 1024

RSS_TEXTS = {
    "title": "title",
    "link": "link",
    "description": "summary",
    "guid": "id",
    "pubDate": "published",
    "author": "author",
    f"{CONTENT}encoded": "content",
    f"{DC}creator": "author",
    f"{DC}date": "updated",
    f"{SLASH}comments": "slash_comments",
    **{f"{wfw}commentRss": "wfw_commentrss" for wfw in WFW_NAMESPACES},
}
"""An RSS item's elements read as text, and the feedparser key each one fills."""
RSS_IGNORED = {
    "category",
    "comments",
    "source",
    f"{DC}subject",
    f"{DC}format",
    f"{DC}language",
    f"{MEDIA}rating",
    *(f"{wfw}comment" for wfw in WFW_NAMESPACES),
}
"""Elements feedparser keeps under keys parse.py never reads (`source`: the publication Google News names in each
item, with its address; `media:rating`: adult or not, as Yandex Zen asks of each item; `dc:format` and `dc:language`,
as SPIP writes in each item: feedparser reads the language for its own detail dicts, which parse.py never reads)."""
BING_NEWS = ("{https://www.bing.com", "{http://www.bing.com")
"""Bing News search feeds declare a namespace of their own query's address and write News:Source, News:Image… in
each item: feedparser keeps such an element's text under `news_source`, `news_image`…, which parse.py never reads."""
ATOM_TEXTS = {
    f"{ATOM}id": "id",
    f"{ATOM}title": "title",
    f"{ATOM}summary": "summary",
    f"{ATOM}content": "content",
    f"{ATOM}published": "published",
    f"{ATOM}updated": "updated",
}
ATOM_IGNORED = {f"{ATOM}category", f"{ATOM}rights", f"{ATOM}contributor"}
ATOM_TYPES = {"text": "text/plain", "html": "text/html", "": "text/plain"}
HTML_TYPES = {"text/html", "application/xhtml+xml"}
_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']""")
_DECLARED_ENCODING = re.compile(rb"""^<\?.*encoding=['"](.*?)['"].*\?>""")
"""feedparser's reading of the declared encoding (feedparser.encodings.RE_XML_PI_ENCODING)."""
_XML_DECLARATION = re.compile(r"^<\?xml[^>]*?>")
"""What feedparser replaces with a UTF-8 declaration once it has decoded a feed (RE_XML_DECLARATION)."""
ONE_BYTE_ENCODINGS = frozenset(
    {"ascii", *(f"iso8859-{part}" for part in (1, 2, 3, 4, 9, 13, 15, 16)), *(f"cp125{n}" for n in range(9))}
)
"""Encodings read on the quick road besides UTF-8 (Python's names): one byte a character, what older sites use."""
_LINK_ENTITY = re.compile("&([A-Za-z0-9_]+);")
_C1_CONTROLS = re.compile("[\x80-\x9f]")
_MOJIBAKE = re.compile("[\xc2-\xf4][\x80-\xbf]")
"""A UTF-8 lead byte then a continuation byte, read as Latin-1: without one, a text's Latin-1 bytes are not UTF-8."""
_MAY_NEED_MENDING = re.compile("[\x80-\x9f\xc2-\xf4](?:(?<=[\x80-\x9f])|[\x80-\xbf])")
"""Either of the two above, in one look over the text (most texts have neither: a WordPress post's content looked at
once instead of twice, 20.2 → 16.1 µs a post's texts): a C1 control, or a lead character then a continuation one."""


class NotPlain(Exception):
    """The feed needs feedparser: something the quick road has no rule for."""


@dataclass(slots=True)
class FastFeed:
    version: str
    feed: dict[str, Any] = field(default_factory=dict)
    entries: list[dict[str, Any]] = field(default_factory=list)


def read_plain_feed(body: bytes, content_type: str) -> FastFeed | None:
    """The feed read the quick way, or None when feedparser has to read it."""
    media_type, _, parameters = content_type.partition(";")
    if media_type.strip().lower() not in XML_TYPES:
        return None
    charset = parameters.strip().lower().removeprefix("charset=").strip("\"' ")
    if b"<!DOCTYPE" in body[:4096] or b"xml:base" in body:
        return None
    try:
        utf8 = _in_utf8(body, charset)
        return _read(utf8) if utf8 is not None else None
    except (NotPlain, ET.ParseError, UnicodeError, ValueError):
        return None


def _in_utf8(body: bytes, charset: str) -> bytes | None:
    """The body in UTF-8, read in the encoding feedparser would read it in (RFC 3023 for an XML media type: the
    HTTP charset, else the XML declaration's, else UTF-8); None where feedparser might read it otherwise. Besides
    UTF-8, the one-byte encodings of older French sites (ISO-8859-1, -15, Windows-1252…): the text is decoded and
    the declaration made UTF-8's, as feedparser does, so expat reads the same characters."""
    unmarked = body.removeprefix(b"\xef\xbb\xbf")
    loose, strict = _ENCODING.match(unmarked), _DECLARED_ENCODING.match(unmarked)
    declared = _codec(strict.group(1).decode("latin-1")) if strict else ""  # as feedparser reads it
    if (strict and not declared) or (charset and declared and _codec(charset) != declared):
        return None  # a name Python does not know (feedparser tries others), or two encodings named
    encoding = _codec(charset) if charset else declared or "utf-8"
    if encoding == "utf-8":
        # Given as it is, so expat reads the declaration itself, which must say UTF-8 too.
        return body if loose is None or _codec(loose.group(1).decode("latin-1")) == "utf-8" else None
    if encoding not in ONE_BYTE_ENCODINGS or body.startswith(b"\xef\xbb\xbf"):
        return None
    text = body.decode(encoding)
    utf8_declaration = "<?xml version='1.0' encoding='utf-8'?>"
    found = _XML_DECLARATION.match(text)
    text = utf8_declaration + text[found.end() :] if found else f"{utf8_declaration}\n{text}"
    return text.encode("utf-8")


def _codec(name: str) -> str:
    """Python's own name of an encoding ("" when it has none)."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        return ""


def _read(body: bytes) -> FastFeed:
    events = _events(body)
    _kind, root = next(events)
    if root.tag == "rss" and root.get("version") == "2.0":
        return _read_rss(events)
    if root.tag == f"{ATOM}feed":
        return _read_atom(events, root)
    raise NotPlain(f"not RSS 2.0 or Atom 1.0: {root.tag}")


def _events(body: bytes) -> Iterator[tuple[str, ET.Element]]:
    """(start or end, element) as the body is read, 64 KB at a time."""
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start", "end"))
    for start in range(0, len(body), CHUNK):
        parser.feed(body[start : start + CHUNK])
        yield from parser.read_events()  # type: ignore[misc]  # (event, element) for start and end events
    parser.close()
    yield from parser.read_events()  # type: ignore[misc]


def _read_rss(events: Iterator[tuple[str, ET.Element]]) -> FastFeed:
    fast = FastFeed("rss20")
    depth, channel = 1, None
    for kind, element in events:
        depth += 1 if kind == "start" else -1
        if kind == "start":
            if depth == 2 and element.tag == "channel":
                channel = element
            continue
        if depth == 2 and element is not channel and channel is not None:
            if element.tag == "item":
                fast.entries.append(_rss_entry(element))
                channel.remove(element)  # read: its tree goes now, not with the whole feed's
    if channel is None:
        raise NotPlain("an RSS document without a channel")
    fast.feed = _rss_channel(channel)
    return fast


def _rss_channel(channel: ET.Element) -> dict[str, Any]:
    feed: dict[str, Any] = {}
    for child in channel:
        tag = child.tag
        if tag == "title":
            _once(feed, "title", _text_type(_text(child), "text/plain", atom=False))
        elif tag == "link":
            _once(feed, "link", _LINK_ENTITY.sub(r"&\g<1>", _urljoin("", _text(child))))
        elif tag in ("managingEditor", f"{DC}creator", "author"):
            _once(feed, "author", _text(child))
            feed.update(_author_detail(feed["author"]))
        elif tag == f"{ATOM}link":
            if child.get("rel", "alternate") == "alternate" or not child.get("href"):
                raise NotPlain("an Atom link in an RSS channel that feedparser takes as its link")
        elif tag.startswith("{http://www.itunes.com/") or tag in (f"{DC}title", "source"):
            raise NotPlain(f"{tag} in the channel")
    if "title" in feed:
        feed["title"], _type = feed["title"]
    return feed


def _rss_entry(item: ET.Element) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    guid_is_link = False
    for child in item:
        tag = child.tag
        key = RSS_TEXTS.get(tag)
        if key is not None:
            text = _text(child)
            if key == "title":
                value, kind = _text_type(text, "text/plain", atom=False)
                _once(entry, "title", value)
                entry["title_detail"] = {"type": kind}
            elif key == "summary":
                _no_attributes(child)
                _once(entry, "summary", text)
                entry["summary_detail"] = {"type": "text/html"}
            elif key == "content":
                _no_attributes(child)
                _once(entry, "content", [{"type": "text/html", "value": text}])
                entry.setdefault("summary", text)
            elif key == "id":
                guid_is_link = child.get("isPermaLink", "true") == "true"
                _once(entry, "id", _urljoin("", text) if guid_is_link else text)
            elif key == "link":
                _once(entry, "link", _LINK_ENTITY.sub(r"&\g<1>", _urljoin("", text).replace("&amp;", "&")))
            elif key in ("published", "updated"):
                _once(entry, key, text)
                entry[f"{key}_parsed"] = _parse_date(text)
            elif key == "author":
                _once(entry, "author", text)
                entry.update(_author_detail(text))
            elif key == "wfw_commentrss":
                _once(entry, key, _urljoin("", text))
            else:
                _once(entry, key, text)
        elif tag == "enclosure":
            attributes = dict(child.attrib)
            href = attributes.pop("url", attributes.pop("uri", attributes.pop("href", None)))
            if href:
                attributes["href"] = href
            entry.setdefault("enclosures", []).append(attributes)
        elif tag == f"{MEDIA}content":
            entry.setdefault("media_content", []).append(dict(child.attrib))
            _media_content_children(entry, child)
        elif tag == f"{MEDIA}thumbnail":
            entry.setdefault("media_thumbnail", []).append(_thumbnail(child))
        elif tag not in RSS_IGNORED and not (tag.startswith(BING_NEWS) and not len(child)):
            raise NotPlain(f"no rule for {tag} in an item")
    if guid_is_link and "link" not in entry:
        entry["link"] = entry["id"]
    _identified(entry)
    return entry


def _read_atom(events: Iterator[tuple[str, ET.Element]], root: ET.Element) -> FastFeed:
    fast = FastFeed("atom10")
    depth = 1
    for kind, element in events:
        depth += 1 if kind == "start" else -1
        if kind == "end" and depth == 1 and element.tag == f"{ATOM}entry":
            fast.entries.append(_atom_entry(element))
            root.remove(element)
    feed: dict[str, Any] = {}
    for child in root:
        if child.tag == f"{ATOM}title":
            _once(feed, "title", _atom_text(child)[0])
        elif child.tag == f"{ATOM}link":
            _atom_link(feed, child)
        elif child.tag == f"{ATOM}author":
            feed.update(_atom_author(child))
        elif child.tag == f"{ATOM}id":
            feed["id"] = _urljoin("", _text(child))
    if "id" in feed:  # feedparser's: an id is the feed's link until a link says otherwise
        feed.setdefault("link", feed["id"])
    fast.feed = feed
    return fast


def _atom_entry(element: ET.Element) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    for child in element:
        tag = child.tag
        key = ATOM_TEXTS.get(tag)
        if key in ("title", "summary"):
            value, kind = _atom_text(child)
            _once(entry, key, value)
            entry[f"{key}_detail"] = {"type": kind}
        elif key == "content":
            if child.get("src") is not None:
                raise NotPlain("content elsewhere (src)")
            value, kind = _atom_text(child)
            _once(entry, "content", [{"type": kind, "value": value}])
            entry.setdefault("summary", value)
        elif key == "id":
            _once(entry, "id", _urljoin("", _text(child)))
        elif key in ("published", "updated"):
            text = _text(child)
            _once(entry, key, text)
            entry[f"{key}_parsed"] = _parse_date(text)
        elif tag == f"{ATOM}link":
            _atom_link(entry, child)
        elif tag == f"{ATOM}author":
            if "author_detail" in entry:
                raise NotPlain("an entry with two authors")
            entry.update(_atom_author(child))
        elif tag == f"{MEDIA}thumbnail":
            entry.setdefault("media_thumbnail", []).append(_thumbnail(child))
        elif tag == f"{MEDIA}group":
            _media_group(entry, child)
        elif tag.startswith(YOUTUBE) and not len(child):
            pass  # yt:videoId, yt:channelId: feedparser keeps them under keys parse.py never reads
        elif tag not in ATOM_IGNORED:
            raise NotPlain(f"no rule for {tag} in an entry")
    if "id" in entry and "link" not in entry:
        entry["link"] = entry["id"]
    _identified(entry)
    return entry


def _media_group(entry: dict[str, Any], group: ET.Element) -> None:
    """A media:group as a YouTube channel's feed writes one in each entry, read as feedparser reads it: its title does
    not replace the entry's (one was read before it), its player and thumbnail are the entry's media, its description
    is the entry's summary as HTML, its counts (media:community) go under keys parse.py never reads."""
    for child in group:
        tag = child.tag
        if tag == f"{MEDIA}title":
            if not entry.get("title"):
                raise NotPlain("a media title where the entry has none: feedparser takes it as the entry's")
            _text(child)
        elif tag == f"{MEDIA}content":
            entry.setdefault("media_content", []).append(dict(child.attrib))
        elif tag == f"{MEDIA}thumbnail":
            entry.setdefault("media_thumbnail", []).append(_thumbnail(child))
        elif tag == f"{MEDIA}description":
            if "summary" in entry or child.attrib:
                raise NotPlain("a media description beside a summary, or typed")
            entry["summary"] = _text(child)
            entry["summary_detail"] = {"type": "text/html"}
        elif tag != f"{MEDIA}community":
            raise NotPlain(f"no rule for {tag} in a media group")


def _media_content_children(entry: dict[str, Any], media: ET.Element) -> None:
    """What an RSS item's media:content holds, as Mastodon writes it for each image of a post: its rating (under keys
    parse.py never reads), its thumbnail (the entry's, as feedparser reads it), its plain description (the image's alt
    text) kept as the medium's own. feedparser reads the media namespace flat, so a description there becomes the
    item's content, and a second one its summary: the one place the roads differ, the quick one right (parse.py mends
    feedparser's reading of a lone described medium). Any other child steps aside."""
    found = entry["media_content"][-1]
    for child in media:
        tag = child.tag
        if tag == f"{MEDIA}rating" and not len(child):
            continue
        if tag == f"{MEDIA}thumbnail":
            entry.setdefault("media_thumbnail", []).append(_thumbnail(child))
        elif tag == f"{MEDIA}description" and child.get("type", "plain") == "plain" and len(child.attrib) <= 1:
            _once(found, "description", _text(child))
        else:
            raise NotPlain(f"no rule for {tag} in a media:content")


def _thumbnail(element: ET.Element) -> dict[str, str]:
    """A media:thumbnail's attributes, its text as its address when it has no url attribute (feedparser's)."""
    thumbnail = dict(element.attrib)
    if (element.text or "").strip() and "url" not in thumbnail:
        thumbnail["url"] = _text(element)
    return thumbnail


def _atom_text(element: ET.Element) -> tuple[str, str]:
    kind = ATOM_TYPES.get(element.get("type", ""))
    if kind is None:
        raise NotPlain(f"Atom text of type {element.get('type')!r}")
    return _text(element), kind


def _atom_link(context: dict[str, Any], link: ET.Element) -> None:
    rel = link.get("rel", "alternate")
    href = link.get("href")
    if not href:  # feedparser reads such a link's text as the link, whatever its rel
        raise NotPlain("an Atom link without href")
    if rel == "enclosure":
        attributes = {key: value for key, value in link.attrib.items() if key != "rel"}
        attributes["href"] = _urljoin("", href)
        attributes.setdefault("type", "text/html")
        context.setdefault("enclosures", []).append(attributes)
    elif rel == "alternate" and link.get("type", "text/html") in HTML_TYPES:
        context["link"] = _urljoin("", href)


def _atom_author(author: ET.Element) -> dict[str, Any]:
    detail: dict[str, str] = {}
    for child in author:
        if child.tag == f"{ATOM}name":
            detail["name"] = _text(child)
        elif child.tag == f"{ATOM}email":
            detail["email"] = _text(child)
        elif child.tag == f"{ATOM}uri":
            detail["href"] = _urljoin("", _text(child))
        else:
            raise NotPlain(f"no rule for {child.tag} in an author")
    name, email = detail.get("name"), detail.get("email")
    found: dict[str, Any] = {"author_detail": detail}
    if name or email:
        found["author"] = f"{name} ({email})" if name and email else name or email
    return found


def _author_detail(author: str) -> dict[str, Any]:
    """feedparser's reading of an RSS author ("mail@example.org (Name)"), from its _sync_author_detail."""
    match = _EMAIL.search(author)
    email = None
    if match:
        email = match.group(0)
        author = author.replace(email, "").replace("()", "").replace("<>", "").replace("&lt;&gt;", "").strip()
        if author and author[0] == "(":
            author = author[1:]
        if author and author[-1] == ")":
            author = author[:-1]
        author = author.strip()
    detail: dict[str, str] = {}
    if author:
        detail["name"] = author
    if email:
        detail["email"] = email
    return {"author_detail": detail} if detail else {}


_EMAIL = re.compile(
    r"""(([a-zA-Z0-9\_\-\.\+]+)@((\[[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.)|(([a-zA-Z0-9\-]+\.)+))"""
    r"""([a-zA-Z]{2,4}|[0-9]{1,3})(\]?))(\?subject=\S+)?"""
)


def _text(element: ET.Element) -> str:
    """An element's text as feedparser gives it: stripped, the UTF-8-read-as-Latin-1 mistake undone, the
    Windows-1252 control codes mapped to their characters. An element with elements inside is not plain text."""
    if len(element):
        raise NotPlain(f"markup inside {element.tag}")
    text = (element.text or "").strip()
    if not text.isascii() and _MAY_NEED_MENDING.search(text) is not None:
        if _MOJIBAKE.search(text):  # else the bytes could not be UTF-8: no need to try (and raise)
            try:
                text = text.encode("iso-8859-1").decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                pass
        if _C1_CONTROLS.search(text):
            text = text.translate(CP1252)
    return text


def _text_type(text: str, kind: str, *, atom: bool) -> tuple[str, str]:
    """RSS says nothing of a title's type: feedparser calls it HTML when it looks like HTML."""
    if not atom and kind == "text/plain" and looks_like_html(text):
        return text, "text/html"
    return text, kind


def looks_like_html(text: str) -> bool:
    """feedparser's `_FeedParserMixin.looks_like_html`, without importing feedparser (a title holding "&amp;" or
    "&#8217;" took 10 MB into each parser process, with OpenSSL): a closing tag or an entity, every tag one of
    HTML_ELEMENTS, every named entity one HTML defines."""
    if _MAYBE_HTML.search(text) is None:
        return False
    if any(tag.lower() not in HTML_ELEMENTS for tag in _TAG.findall(text)):
        return False
    from html.entities import entitydefs

    return all(name in entitydefs for name in _NAMED_ENTITY.findall(text))


_MAYBE_HTML = re.compile(r"</\w+>|&#?\w+;")
_TAG = re.compile(r"</?(\w+)")
_NAMED_ENTITY = re.compile(r"&(\w+);")
HTML_ELEMENTS = frozenset(
    "a abbr acronym address area article aside audio b big blockquote br button canvas caption center cite code col "
    "colgroup command datagrid datalist dd del details dfn dialog dir div dl dt em event-source fieldset figcaption "
    "figure font footer form h1 h2 h3 h4 h5 h6 header hr i img input ins kbd keygen label legend li m map menu meter "
    "multicol nav nextid noscript ol optgroup option output p pre progress q s samp section select small sound source "
    "spacer span strike strong sub sup table tbody td textarea tfoot th thead time tr tt u ul var video".split()
)
"""The tags feedparser's sanitizer accepts (`_HTMLSanitizer.acceptable_elements`): a title with any other is text."""
UNDEFINED_IN_CP1252 = (0x81, 0x8D, 0x8F, 0x90, 0x9D)
CP1252 = {code: bytes([code]).decode("cp1252") for code in range(0x80, 0xA0) if code not in UNDEFINED_IN_CP1252}
"""The C1 control codes a Windows-1252 text meant as its characters (feedparser's `_cp1252`)."""
_URI_FIXER = re.compile("^([A-Za-z][A-Za-z0-9+-.]*://)(/*)(.*?)")


def _urljoin(base: str, uri: str) -> str:
    """feedparser's joining of an address (extra slashes after the scheme dropped; "" for one urljoin refuses)."""
    if not base:  # as every call here: urljoin gives the address back, fixed only where a "/" follows "://"
        after = uri.find("://")
        if after < 0 or uri[after + 3 : after + 4] != "/":
            return uri
    uri = _URI_FIXER.sub(r"\1\3", uri)
    try:
        return urllib.parse.urljoin(base, uri)
    except ValueError:
        return ""


_RFC822 = re.compile(
    r"(?:[A-Za-z]{3},\s+)?(\d{1,2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2})(?::(\d{2}))? ([+-]\d{4}|[A-Za-z]{1,4})"
)
ZONE_HOURS = {
    "ut": 0, "gmt": 0, "z": 0, "adt": -3, "ast": -4, "at": -4, "edt": -4, "est": -5, "et": -5, "cdt": -5, "cst": -6,
    "ct": -6, "mdt": -6, "mst": -7, "mt": -7, "pdt": -7, "pst": -8, "pt": -8, "a": -1, "n": 1, "m": -12, "y": 12,
    "met": 1, "mest": 2,
}  # fmt: skip
"""The zones feedparser knows by name (`datetimes.rfc822.timezone_names`); any other name it reads as UTC, as here.
A feed dated "Tue, 24 Nov 2026 08:00:00 EST" took feedparser into the parser process for its date alone."""
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})")
_MONTHS = {name: number for number, name in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}


def _parse_date(written: str) -> time.struct_time | None:
    """The date as feedparser reads it (UTC): the two forms nearly every feed writes (RFC 822 in RSS, RFC 3339 in
    Atom) read here, any other by feedparser itself."""
    quick = _rfc822(written) or _iso(written)
    if quick is not None:
        return quick
    from feedparser.datetimes import _parse_date as feedparsers

    found: time.struct_time | None = feedparsers(written)
    return found


def _rfc822(written: str) -> time.struct_time | None:
    match = _RFC822.fullmatch(written)
    month = _MONTHS.get(match.group(2).lower(), 0) if match else 0
    if match is None or not month:
        return None
    day, _name, year, hour, minute, second, zone = match.groups()
    offset = _minutes(zone[0], zone[1:3], zone[3:5]) if zone[0] in "+-" else ZONE_HOURS.get(zone.lower(), 0) * 60
    return _utc(int(year), month, int(day), int(hour), int(minute), int(second or 0), offset)


def _iso(written: str) -> time.struct_time | None:
    match = _ISO.fullmatch(written)
    if match is None:
        return None
    year, month, day, hour, minute, second, zone = match.groups()
    offset = 0 if zone == "Z" else _minutes(zone[0], zone[1:3], zone[4:6])
    return _utc(int(year), int(month), int(day), int(hour), int(minute), int(second or 0), offset)


def _minutes(sign: str, hours: str, minutes: str) -> int:
    return (int(hours) * 60 + int(minutes)) * (1 if sign == "+" else -1)


def _utc(year: int, month: int, day: int, hour: int, minute: int, second: int, offset: int) -> time.struct_time | None:
    """None for what is not a date (31 February, hour 24…): feedparser then says what it makes of it."""
    try:
        moment = datetime(year, month, day, hour, minute, second, tzinfo=timezone(timedelta(minutes=offset)))
        return moment.utctimetuple()
    except (ValueError, OverflowError):
        return None


def _identified(entry: dict[str, Any]) -> None:
    """An entry with neither id nor link is known by a hash of its title and content as feedparser rewrote them:
    only feedparser can give the same hash again."""
    if not entry.get("id") and not entry.get("link"):
        raise NotPlain("an entry with neither id nor link")


def _once(context: dict[str, Any], key: str, value: Any) -> None:
    if key in context:
        raise NotPlain(f"{key} given twice")
    context[key] = value


def _no_attributes(element: ET.Element) -> None:
    if element.attrib:
        raise NotPlain(f"attributes on {element.tag}")
