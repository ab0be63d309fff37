"""Shared helpers for benchmarks: synthetic but realistic feed bodies and message rows, timing, peak memory."""

from __future__ import annotations

import functools
import html
import itertools
import random
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


def rss_feed(feed: int, entries: int, base: str, seed: int = 0, *, prose: bool = False) -> bytes:
    """An RSS 2.0 feed like a busy blog's or forum's: guid, link, author, date, ~300-character HTML body (`prose`:
    the title and body from real posts, see prose_of)."""
    rng = random.Random(seed * 1000 + feed)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    items = []
    for n in range(entries):
        when = (start + timedelta(minutes=feed * entries + n)).strftime("%a, %d %b %Y %H:%M:%S +0000")
        if prose:
            language = rng.choice(posts())
            title, body = " ".join(rng.choice(language).split()[:6]), prose_of(rng, language)
        else:
            body = text_of(rng)
            title = sentence(rng, 5)
        title, body = xml_escape(title), xml_escape(html.escape(body, quote=False))
        items.append(
            f"<item><title>{title}</title><link>{base}/{feed}/post/{n}</link>"
            f'<guid isPermaLink="false">feed-{feed}-entry-{n}</guid><pubDate>{when}</pubDate>'
            f"<author>user{rng.randint(1, 500)}@example.org (User {rng.randint(1, 500)})</author>"
            f"<description>&lt;p&gt;{body}&lt;/p&gt;</description></item>"
        )
    channel = f"<title>Feed {feed}</title><link>{base}/{feed}</link><description>Synthetic feed {feed}</description>"
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>{channel}'
        + "".join(items)
        + "</channel></rss>"
    ).encode()


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
