"""Plain text of HTML (connectors/htmltext.py): the regular-expression reading of what `sanitize` returned gives the
very text Python's HTML parser gives (to_text), on hand-written cases and on thousands of generated fragments made of
what feeds, mail and forums send: entities, attributes with quotes and ">", scripts, comments, unclosed tags."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from cmdesk.connectors.feeds.parse import parse_feed
from cmdesk.connectors.htmltext import _ALT, _BLANK_LINES, _tidy, sanitize, text_of_sanitized, to_text

PIECES = (
    "<p>", "</p>", "<br>", "<br/>", "<br />", "<b>", "</b>", "<i>", "</i>", "<hr>", "<p/>",
    "<a href='http://x/?a=1&b=2' title=\"x > y\">", "<a href=\"/relative\">", "</a>",
    '<img alt="A &amp; B &quot;q&quot;" src=x.png>', "<img alt=''>", '<IMG ALT="up">', '<img alt="x" alt="y">',
    '<img data-alt="no" alt="yes">', '<img alt="\n line">', "<span title='a\"b'>", "</span>",
    "<script>x<y</script>", "<style>p{}</style>", "<!-- c -->", "<title>T</title>", "<textarea>t<x</textarea>",
    "<noscript>n</noscript>", "<template>t</template>", "<svg><text>s</text></svg>", "<math>m</math>",
    "<iframe>f</iframe>", "<?php x ?>", "<![CDATA[x]]>", "<<>>", "</>", "<a",
    "&amp;", "&lt;", "&gt;", "&nbsp;", "&#233;", "&eacute;", "&bogus;", "&", "&#x27;", "&#0;", "&#xD800;",
    " < ", " > ", "\n", "\r\n", "  ", "\t", "\u00a0", "text", "mot é", "Ça déçoit",
    "<ul><li>1<li>2</ul>", "<pre>  x\n  y</pre>", "<table><tr><td>a<td>b</table>", '<div class="c">', "</div>",
    "<h2>", "</h2>", "<figure><figcaption>c</figcaption></figure>", "<blockquote>q</blockquote>",
)  # fmt: skip


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("<p>Merci &amp; bravo</p><p>À bientôt</p>", "Merci & bravo\n\nÀ bientôt"),
        ('<p>Voir <a href="http://x/?a=1&amp;b=2" title="a &gt; b">ici</a></p>', "Voir ici"),
        ('<img alt="Le &quot;pain&quot; &amp; co" src="http://x/p.png">suite', 'Le "pain" & co suite'),
        ("<ul><li>un<li>deux</ul>", "un\n\ndeux"),
        ("a<br>b", "a\nb"),
        ("<script>alert(1)</script>ok &lt;3", "ok <3"),
        ("prix&nbsp;: 3&nbsp;€", "prix : 3 €"),
    ],
)
def test_the_text_of_sanitized_html(raw: str, text: str) -> None:
    clean = sanitize(raw, "http://example.org/")
    assert text_of_sanitized(clean) == to_text(clean) == text


def test_generated_fragments_read_as_the_html_parser_reads_them() -> None:
    generator = random.Random(23)
    for _ in range(3000):
        raw = "".join(generator.choice(PIECES) for _ in range(generator.randint(1, 30)))
        clean = sanitize(raw, "http://example.org/")
        assert text_of_sanitized(clean) == to_text(clean), raw


def test_the_feed_samples_read_as_the_html_parser_reads_them() -> None:
    read = 0
    for path in sorted((Path(__file__).parents[1] / "data" / "feeds").iterdir()):
        for item in parse_feed(path.read_bytes(), {}, "http://example.org/feed").items:
            assert item.text == to_text(item.html), path.name
            read += bool(item.html)
    assert read > 10


def test_every_run_of_spaces_becomes_one_plain_space() -> None:
    """A lone plain space is left where it is (the quick way), anything else collapses as a run always did."""
    every_run = re.compile(r"[ \t\r\f\v\u00a0]+")
    rng = random.Random(5)
    for _ in range(20_000):
        line = "".join(rng.choice(" \t\r\f\v\u00a0ab\u2009") for _ in range(rng.randint(0, 14)))
        assert to_text(line) == every_run.sub(" ", line).strip(), repr(line)


def test_a_text_is_tidied_as_line_by_line() -> None:
    """_tidy makes the odd spaces plain and then collapses runs of plain spaces over the whole text: the same text as
    collapsing every run of any space line by line (missing one of the odd spaces, or a run crossing a line, fails
    it)."""
    every_run = re.compile(r"[ \t\r\f\v\u00a0]+")

    def by_lines(text: str) -> str:
        lines = (every_run.sub(" ", line).strip() for line in text.split("\n"))
        return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()

    rng = random.Random(11)
    for _ in range(20_000):
        text = "".join(rng.choice(" \t\r\f\v\u00a0\n\u2009\u202fab") for _ in range(rng.randint(0, 16)))
        assert _tidy(text) == by_lines(text), repr(text)


def test_an_alt_attribute_is_what_the_space_first_pattern_found() -> None:
    """_ALT reads "alt" first and looks back after it: the same alt text as `(?:^|\\s)alt\\s*=\\s*"([^"]*)"`."""
    before = re.compile(r'(?:^|\s)alt\s*=\s*"([^"]*)"')
    pieces = ("alt", "ALT", "data-alt", "salt", " ", "\t", "\n", "=", '"', "x", "é", "alt=", 'alt="a"', ' alt = "b"')
    rng = random.Random(7)
    for _ in range(20_000):
        attributes = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        found, expected = _ALT.search(attributes), before.search(attributes)
        assert (found and found.group(1)) == (expected and expected.group(1)), repr(attributes)
