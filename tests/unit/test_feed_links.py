"""Issue 23: an entry's link is made absolute and unwrapped without urllib where urllib would change nothing (most
entries' links are plain absolute addresses, and joining them was a seventh of a feed's parsing). The quick answer
must be urllib's, whatever the address."""

from __future__ import annotations

from urllib.parse import parse_qs, urljoin, urlsplit

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cmdesk.connectors.feeds.parse import _link
from cmdesk.connectors.htmltext import PLAIN_ABSOLUTE, _absolute

BASES = ["http://127.0.0.1:8000/feed/", "https://f.example/a/b?c=1#d", "HTTP://F.EXAMPLE", "ftp://f.example/"]
PIECES = st.sampled_from(
    [
        "http://", "https://", "HTTP://", "Https://", "ftp://", "//", "f.example", "WWW.F.Example", "www.google.com",
        "news.google.com", "bing.com", "user@", ":8080", ":", "[::1]", "[", "é.example", "/", "/a", "/./", "/../",
        "//", ";p", ";", "?", "?q=1", "?url=https://news.example/a&ct=ga", "&q=https://x.example", "#", "#frag",
        "/url", "/news/apiclick.aspx", " ", "\t", "\n", "\x00", "\x7f", "%20", "é", "\u2028", "\xa0", "..", "a",
    ]
)  # fmt: skip
addresses = st.lists(PIECES, max_size=8).map("".join)


def unwrapped_by_urllib(link: str) -> str:
    """The unwrapping as it was written before its quick test: every link split by urllib."""
    try:
        parts = urlsplit(link)
        host = (parts.hostname or "").removeprefix("www.")
    except ValueError:
        return link
    if (host, parts.path.casefold()) in {("google.com", "/url"), ("bing.com", "/news/apiclick.aspx")}:
        target = parse_qs(parts.query).get("url") or parse_qs(parts.query).get("q") or [""]
        if target[0].startswith(("https://", "http://")):
            return target[0]
    return link


def link_by_urllib(base: str, written: str) -> str:
    written = written.strip()
    if not written:
        return ""
    try:
        return unwrapped_by_urllib(urljoin(base, written))
    except ValueError:
        return ""


@settings(max_examples=3000, deadline=None)
@given(st.one_of(addresses, st.text(max_size=30), st.tuples(addresses, st.text(max_size=10)).map("".join)))
@example("https://f.example/a;b")
@example("https://f.example/a;")
@example("https://f.example/?")
@example("https://f.example/#")
@example("https://www.google.com/url?rct=j&url=https://news.example/a&ct=ga")
@example("https://www.goo\tgle.com/url?url=https://news.example/a")
def test_a_link_reads_as_urllib_reads_it(written: str) -> None:
    for base in BASES:
        assert _link(base, written) == link_by_urllib(base, written), (base, written)
    if PLAIN_ABSOLUTE.fullmatch(written):
        assert all(urljoin(base, written) == written for base in BASES)


def test_plain_links_take_the_quick_road() -> None:
    for plain in ("http://x/1/post/0", "https://f.example:8443/2026/11/pain-au-levain/?p=412#comments"):
        assert PLAIN_ABSOLUTE.fullmatch(plain)
    for other in ("/relative", "HTTPS://f.example/", "https://f.example/a;b", "https://f.example/?", "https://u@f/"):
        assert not PLAIN_ABSOLUTE.fullmatch(other)


@settings(max_examples=1000, deadline=None)
@given(st.one_of(addresses, st.text(max_size=30)))
def test_an_address_attribute_is_read_against_the_entry_as_urljoin_reads_it(written: str) -> None:
    """sanitize's attribute filter leaves a plain absolute address as it is, without urljoin: the same value."""
    for base in BASES:
        try:
            expected = urljoin(base, written.strip())
        except ValueError:
            expected = written
        assert _absolute(base, "a", "href", written) == expected, (base, written)
        assert _absolute(base, "img", "alt", written) == written
