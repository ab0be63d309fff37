"""Shared helpers for benchmarks: synthetic but realistic feed bodies and message rows, timing, peak memory."""

from __future__ import annotations

import argparse
import functools
import html
import itertools
import random
import re
import resource
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
# bench/email.py (its name is issue 5's) would hide the standard library's `email` package from every script run
# from this folder: the folder goes last on the path, after the standard library.
if sys.path and Path(sys.path[0] or ".").resolve() == HERE:
    sys.path.append(sys.path.pop(0))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

WORDS = (
    "pain levain croissant boutique client commande livraison merci horaires fermeture brioche farine four "
    "service avis question retard qualité prix dimanche matin équipe recette baguette tarte café thé chocolat "
    "great bread order delivery thanks opening hours closed question late quality price team recipe coffee"
).split()


def _vocabulary(size: int = 8000) -> tuple[list[str], list[float]]:
    """Everyday words first, then made-up ones, weighted 1/rank (Zipf's law, as in real text): the commonest
    words still appear in a large share of messages, most words in few."""
    rng = random.Random(99)
    letters = "abcdefghijklmnopqrstuvwxyzéè"
    made_up = {"".join(rng.choice(letters) for _ in range(rng.randint(4, 10))) for _ in range(size)}
    words = WORDS + sorted(made_up - set(WORDS))
    return words, list(itertools.accumulate(1 / (rank + 1) for rank in range(len(words))))


@functools.cache
def vocabulary() -> tuple[list[str], list[float]]:
    return _vocabulary()


def sentence(rng: random.Random, words: int) -> str:
    names, weights = vocabulary()
    return " ".join(rng.choices(names, cum_weights=weights, k=words)).capitalize() + "."


def text_of(rng: random.Random, length: int = 300) -> str:
    parts: list[str] = []
    while sum(len(p) + 1 for p in parts) < length:
        parts.append(sentence(rng, rng.randint(6, 14)))
    return " ".join(parts)[:length]


POSTS = HERE / "data" / "sentiment"
PROSE_HELP = (
    "bodies of real French or English posts (XLM-T's, bench/data/sentiment) instead of Zipf-drawn words, most of "
    "them made up: what a language detector meets in real feeds"
)


@functools.cache
def posts() -> tuple[tuple[str, ...], ...]:
    """The committed XLM-T posts, French ones then English ones (bench/sentiment.py)."""
    return tuple(
        tuple(
            line
            for split in ("test", "val")
            for line in (POSTS / folder / f"{split}_text.txt").read_text(encoding="utf-8").splitlines()
            if line.strip()
        )
        for folder in ("french", "english")
    )


def prose_of(rng: random.Random, language: tuple[str, ...], length: int = 300) -> str:
    """About `length` characters of real posts of one language (one of posts()), one after the other."""
    parts: list[str] = []
    while sum(len(p) + 1 for p in parts) < length:
        parts.append(rng.choice(language))
    return " ".join(parts)[:length]


def xml_escape(text: str) -> str:
    """Text as XML character data (xml.sax.saxutils imports urllib.request, which imports `email`: bench/email.py
    before the path is set above)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


BODIES = ("made-up", "prose", "wordpress")


def add_body_arguments(parser: argparse.ArgumentParser) -> None:
    """The feeds' kind of entry body (`args.body`, one of BODIES): made-up words by default."""
    kinds = parser.add_mutually_exclusive_group()
    kinds.add_argument("--prose", dest="body", action="store_const", const="prose", default="made-up", help=PROSE_HELP)
    kinds.add_argument(
        "--wordpress",
        dest="body",
        action="store_const",
        const="wordpress",
        help="entries as a WordPress blog's feed gives them: an excerpt, and the whole post (1–3 kB of real posts' "
        "paragraphs with links, figures with srcset, headings, lists) in content:encoded",
    )


def rss_feed(feed: int, entries: int, base: str, seed: int = 0, *, body: str = "made-up") -> bytes:
    """An RSS 2.0 feed like a busy blog's or forum's: guid, link, author, date, ~300-character HTML body (`body`
    "prose": the title and body from real posts, see prose_of; "wordpress": see wordpress_item)."""
    rng = random.Random(seed * 1000 + feed)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    items = []
    for n in range(entries):
        when = (start + timedelta(minutes=feed * entries + n)).strftime("%a, %d %b %Y %H:%M:%S +0000")
        if body == "wordpress":
            items.append(wordpress_item(rng, f"{base}/{feed}", n, when))
            continue
        if body == "prose":
            language = rng.choice(posts())
            title, text = " ".join(rng.choice(language).split()[:6]), prose_of(rng, language)
        else:
            text = text_of(rng)
            title = sentence(rng, 5)
        title, text = xml_escape(title), xml_escape(html.escape(text, quote=False))
        items.append(
            f"<item><title>{title}</title><link>{base}/{feed}/post/{n}</link>"
            f'<guid isPermaLink="false">feed-{feed}-entry-{n}</guid><pubDate>{when}</pubDate>'
            f"<author>user{rng.randint(1, 500)}@example.org (User {rng.randint(1, 500)})</author>"
            f"<description>&lt;p&gt;{text}&lt;/p&gt;</description></item>"
        )
    channel = f"<title>Feed {feed}</title><link>{base}/{feed}</link><description>Synthetic feed {feed}</description>"
    namespaces = (
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:slash="http://purl.org/rss/1.0/modules/slash/"'
        if body == "wordpress"
        else ""
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"{namespaces}><channel>{channel}'
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def wordpress_item(rng: random.Random, site: str, n: int, when: str) -> str:
    """One entry as WordPress 6 writes its RSS 2.0 feed: dc:creator, categories, a guid "?p=", an excerpt of 55
    words in the description, the whole post in content:encoded (as CDATA): 3 to 8 paragraphs of real posts of one
    language with a link or two, 0 to 3 block-editor figures (img with width, height, srcset, sizes, alt,
    lazy-loading), sometimes a heading and a list; comments' addresses (wfw, slash). Laid out as WordPress writes it:
    each element on its own line, the post's blocks four line breaks apart (the other kinds are one line, a feed's
    declaration then read over the whole body: feedparser's pattern for it is greedy up to the line's end)."""
    language = rng.choice(posts())
    slug = f"{n}-" + "-".join(re.findall(r"[a-z]+", rng.choice(language).lower())[:4])
    link = f"{site}/2026/{n % 12 + 1:02d}/{slug}/"
    blocks: list[str] = []
    paragraphs = [
        html.escape(prose_of(rng, language, rng.randint(150, 450)), quote=False) for _ in range(rng.randint(3, 8))
    ]
    figures = rng.randint(0, 3)
    for index, paragraph in enumerate(paragraphs):
        words = paragraph.split(" ")
        for _ in range(rng.randint(0, 2)):
            at = rng.randrange(len(words))
            words[at] = f'<a href="{site}/produits/{rng.randint(1, 400)}/">{words[at]}</a>'
        blocks.append("<p>" + " ".join(words) + "</p>")
        if index == 1 and rng.random() < 0.4:
            blocks.append(f'<h2 class="wp-block-heading">{html.escape(rng.choice(language)[:60], quote=False)}</h2>')
        if index == 2 and rng.random() < 0.3:
            entries = "".join(f"<li>{html.escape(rng.choice(language)[:80], quote=False)}</li>" for _ in range(3))
            blocks.append(f'<ul class="wp-block-list">{entries}</ul>')
        if figures and index % 2 == 1:
            figures -= 1
            picture = f"{site}/wp-content/uploads/2026/11/photo-{n}-{index}"
            blocks.append(
                f'<figure class="wp-block-image size-large"><img decoding="async" loading="lazy" width="1024" '
                f'height="683" src="{picture}-1024x683.jpg" alt="{html.escape(rng.choice(language)[:40])}" '
                f'class="wp-image-{n * 10 + index}" srcset="{picture}-1024x683.jpg 1024w, {picture}-300x200.jpg 300w, '
                f'{picture}-768x512.jpg 768w" sizes="(max-width: 1024px) 100vw, 1024px" /></figure>'
            )
    excerpt = " ".join(" ".join(paragraphs).split()[:55])
    title = " ".join(rng.choice(language).split()[:7])
    category = rng.choice(("Actualités", "Boutique", "Recettes", "News"))
    content = "\n\n\n\n".join(blocks)
    elements = (
        f"<title>{xml_escape(title)}</title>",
        f"<link>{link}</link>",
        f"<comments>{link}#respond</comments>",
        f"<dc:creator><![CDATA[{rng.choice(('Claire', 'Thomas', 'admin'))}]]></dc:creator>",
        f"<pubDate>{when}</pubDate>",
        f"<category><![CDATA[{category}]]></category>",
        f'<guid isPermaLink="false">{site}/?p={n}</guid>',
        f"<description><![CDATA[{excerpt} [&#8230;]]]></description>",
        f"<content:encoded><![CDATA[{content}\n]]></content:encoded>",
        f"<wfw:commentRss>{site}/comments/{n}.xml</wfw:commentRss>",
        f"<slash:comments>{comments_on(n)}</slash:comments>",
    )
    return "\n\t<item>\n\t\t" + "\n\t\t".join(elements) + "\n\t</item>"


def comments_on(post: int) -> int:
    """How many comments a WordPress bench post has: one post in 20 has 1 to 5, as on a small business's blog."""
    return 1 + post // 20 % 5 if post % 20 == 0 else 0


def commented_posts(entries: int) -> list[int]:
    """The posts of a WordPress bench feed that have comments, in the feed's order."""
    return [post for post in range(entries) if comments_on(post)]


def wordpress_comments(site: str, post: int) -> bytes:
    """A post's comment feed as WordPress writes it (`wfw:commentRss`; served as a file, so at its own address)."""
    items = "".join(
        f"<item><title>Par : Client {k}</title><link>{site}/?p={post}#comment-{post * 10 + k}</link>"
        f"<dc:creator><![CDATA[Client {k}]]></dc:creator><pubDate>Tue, 24 Nov 2026 0{k}:00:00 +0000</pubDate>"
        f'<guid isPermaLink="false">{site}/?p={post}#comment-{post * 10 + k}</guid>'
        f"<description><![CDATA[Merci pour cet article, commande passée pour samedi ({k}).]]></description>"
        f"<content:encoded><![CDATA[<p>Merci pour cet article, commande passée pour samedi ({k}).</p>]]>"
        "</content:encoded></item>"
        for k in range(comments_on(post))
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/'
        f'content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Commentaires sur le post {post}'
        f"</title><link>{site}/?p={post}</link><description>Commentaires</description>{items}</channel></rss>"
    ).encode()


def comments_fetched(entries: int, body: str) -> int:
    """How many comments a first sync stores from one bench feed: WordPress ones' first commented posts (the
    connector reads so many comment feeds a pull)."""
    from cmdesk.connectors.feeds.connector import COMMENT_FEEDS_PER_PULL

    if body != "wordpress":
        return 0
    return sum(comments_on(post) for post in commented_posts(entries)[:COMMENT_FEEDS_PER_PULL])


def write_feeds(folder: Path, feeds: int, entries: int, base: str, body: str = "made-up") -> list[str]:
    """The feeds as files in `folder` (served at `base`), WordPress ones with their commented posts' comment feeds;
    their addresses."""
    for feed in range(feeds):
        (folder / f"{feed}.xml").write_bytes(rss_feed(feed, entries, base, body=body))
        if body == "wordpress":
            (folder / str(feed) / "comments").mkdir(parents=True)
            for post in commented_posts(entries):
                (folder / str(feed) / "comments" / f"{post}.xml").write_bytes(
                    wordpress_comments(f"{base}/{feed}", post)
                )
    return [f"{base}/{feed}.xml" for feed in range(feeds)]


@contextmanager
def timed(results: dict[str, float], name: str) -> Any:
    started = time.perf_counter()
    yield
    results[name] = time.perf_counter() - started


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def best_of(runs: int, function: Callable[[], Any]) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best
