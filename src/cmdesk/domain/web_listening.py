"""Listening to the web for a name, the feeds a community manager would otherwise assemble by hand: news search
feeds (Google News, Bing News), Reddit's search feed, a Mastodon hashtag through the client's monitors. Each is a
plain RSS/Atom address any feed reader understands; cmdesk adds them as feed sources of the client."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote_plus


@dataclass(frozen=True, slots=True)
class WebFeed:
    key: str
    title: str
    """What the source is called in Sources ("Google News — « Le Fournil »")."""
    url: str
    what: str
    """What it brings, in plain English (the window translates its own)."""


LOCALES = {"fr": ("fr", "FR", "FR:fr"), "en": ("en", "US", "US:en")}


def web_feeds(name: str, language: str = "fr") -> list[WebFeed]:
    """The search feeds for `name` (an exact phrase), in `language` ("fr" or "en")."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ValueError("a name to listen for is needed: the business, a product, a person")
    phrase = f'"{cleaned}"' if " " in cleaned else cleaned
    query = quote_plus(phrase)
    hl, gl, ceid = LOCALES.get(language, LOCALES["en"])
    shown = f"« {cleaned} »" if language == "fr" else f"“{cleaned}”"
    return [
        WebFeed(
            "news",
            f"Google News — {shown}",
            f"https://news.google.com/rss/search?q={query}&hl={hl}&gl={gl}&ceid={ceid}",
            "News articles that name it",
        ),
        WebFeed(
            "bing",
            f"Bing News — {shown}",
            f"https://www.bing.com/news/search?q={query}&format=rss",
            "More news sites, blogs and local papers",
        ),
        WebFeed(
            "reddit",
            f"Reddit — {shown}",
            f"https://www.reddit.com/search.rss?q={query}&sort=new",
            "Reddit posts that name it, newest first",
        ),
    ]


def hashtag_of(name: str) -> str:
    """The hashtag people would use: "Le Fournil" → "#LeFournil"."""
    words = re.findall(r"[^\W_]+", name)
    return "#" + "".join(word[:1].upper() + word[1:] for word in words) if words else ""
