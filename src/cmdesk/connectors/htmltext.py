"""HTML from the outside world, made safe to show (nh3) and turned into plain text for lists, search and export."""

from __future__ import annotations

import re
from functools import partial
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urljoin

import nh3

from cmdesk.domain.text import plain_to_html as plain_to_html

_BLOCKS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "hr",
    "figure",
    "figcaption",
    "dd",
    "dt",
}
_SKIP = {"script", "style", "head", "title", "template", "noscript"}


def sanitize(fragment: str, base: str = "") -> str:
    """Keep formatting, links and images; drop scripts, styles, event handlers and dangerous URL schemes. `base`:
    the address relative links and images are read against (a feed entry's), so they still open out of context."""
    if not fragment:
        return ""
    absolute = partial(_absolute, base) if base else None
    return nh3.clean(
        fragment,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        attribute_filter=absolute,
    )


URL_ATTRIBUTES = frozenset({"href", "src", "cite", "longdesc", "usemap", "poster"})
PLAIN_ABSOLUTE = re.compile(
    r"https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[^\s\x00-\x1f\x7f;?#\[\]]*)?(?:\?[^\s\x00-\x1f\x7f#]+)?(?:#[^\s\x00-\x1f\x7f]+)?"
)
"""An absolute web address urljoin gives back as it is, whatever the base (most entries' links): a lower-case scheme,
a plain host, no ";" (urlparse's path parameters), no empty query or fragment, no white space or control character
(urlsplit drops some). tests/unit/test_feed_links.py checks the claim against urljoin."""


def _absolute(base: str, _tag: str, attribute: str, value: str) -> str:
    """An address attribute read against `base`; one already absolute and plain is as urljoin would give it back
    (a 2.1 kB blog post, four figures and eight links: 121 → 95 µs to sanitize)."""
    if attribute not in URL_ATTRIBUTES or PLAIN_ABSOLUTE.fullmatch(value):
        return value
    try:
        return urljoin(base, value.strip())
    except ValueError:  # not an address a browser could open either
        return value


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self.parts.append(f" {alt} ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


_ODD_SPACES = "\t\r\f\v\u00a0"
"""The spaces besides a plain one that a run of spaces may be made of (a line break is not one: runs stay in a line)."""
_RUN = re.compile("   *")
"""Two plain spaces or more: a pattern that starts with two literal spaces is looked for only where two spaces stand
(one starting with a set of spaces, then a look around, was tried at each space: 26.6 → 12.0 µs the tidying of a
1.8 kB WordPress post's text, which has some runs)."""
_BLANK_LINES = re.compile(r"\n\s*\n+")


def to_text(fragment: str) -> str:
    """Readable plain text: entities decoded, block elements as line breaks, runs of spaces collapsed."""
    if not fragment:
        return ""
    if "<" not in fragment and "&" not in fragment:
        return _tidy(fragment)
    extractor = _TextExtractor()
    extractor.feed(fragment)
    extractor.close()
    return _tidy("".join(extractor.parts))


_TAG = re.compile(r"""<(/?)([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_ALT = re.compile(r'alt(?<!\Salt)\s*=\s*"([^"]*)"')
"""An img's alt attribute among those ammonia wrote: "alt" first, then a look that it starts the attribute (the
start or a space before it); a pattern starting with "start or space" was tried at every character (2.1 → 0.2 µs a
WordPress image's attributes)."""


def text_of_sanitized(html: str) -> str:
    """to_text's plain text of HTML that `sanitize` returned, read with one regular expression instead of Python's
    HTML parser: what ammonia writes has no comments, scripts, styles or stray "<" (text is escaped, attribute values
    quoted), so a tag is one match, replaced by what it leaves in the text, and the text is unescaped as the parser
    would. 2.5× faster on a post with markup (150 → 61 µs for 680 characters; one substitution instead of a loop over
    the tags: a 2 kB WordPress post 57 → 46 µs), the same text (tests/unit/test_html_text.py compares both on
    generated HTML)."""
    if "<" not in html and "&" not in html:
        return _tidy(html)
    return _tidy(unescape(_TAG.sub(_tag_as_text, html)))


def _tag_as_text(tag: re.Match[str]) -> str:
    """What a tag leaves in the text: a line break for a block, an image's alt text, else nothing. The whole text is
    unescaped once afterwards: ammonia writes every "&" as the start of a whole entity, so none spans a tag."""
    closing, name, attributes = tag.group(1, 2, 3)
    name = name.lower()
    if name in _BLOCKS:
        return "\n\n" if not closing and attributes.rstrip().endswith("/") else "\n"
    if name == "img" and not closing:
        alt = _ALT.search(attributes)
        if alt is not None and alt.group(1):
            return f" {alt.group(1)} "
    return ""


def _tidy(text: str) -> str:
    """Each run of spaces one plain space, each line stripped, blank lines one. The odd spaces are made plain first
    (C's replace, only those present), then the runs of plain spaces collapsed: the same as collapsing every run of
    any of them (tests/unit/test_html_text.py compares it on generated texts)."""
    for space in _ODD_SPACES:
        if space in text:
            text = text.replace(space, " ")
    if "  " in text:
        text = _RUN.sub(" ", text)
    return _BLANK_LINES.sub("\n\n", "\n".join([line.strip() for line in text.split("\n")])).strip()
