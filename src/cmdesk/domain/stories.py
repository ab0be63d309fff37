"""One story, however many sources bring it: the keys that say two posts are the same story. A client's Google News
and Bing News search feeds both bring the local paper's article (the same headline, one with " - Le Parisien" after
it); a blog's feed and a Reddit search both link the same page; two of a client's Mastodon accounts both see one
post (a status's `url` is the same on every server). Storage files each new post of a client's sources under its
keys and puts a later post with one of the same keys in the first one's conversation (storage/stories.py).

Only posts that start a thread and come from listening (Kind.FEED: feed entries, monitored statuses) have keys: an
e-mail or a direct message is never the same conversation as another because it has the same subject.
"""

from __future__ import annotations

import re
from datetime import timedelta

from cmdesk.domain.monitors import folded
from cmdesk.domain.types import Item, Kind

TITLE_WINDOW = timedelta(days=3)
"""Two posts with the same headline are one story only when published within this of each other: a blog's yearly
"Nos horaires pour les fêtes de fin d'année" is a new post each December."""

SHORTEST_HEADLINE = (4, 20)
"""Words and characters a headline needs before it says which story it is ("Actualités", "Nouveau message" do not)."""

LONGEST_SOURCE_NAME = 5
"""Words after a last " - " or " | " that may be the publication's name, which news aggregators add to headlines."""

TRACKING_PARAMETERS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "ocid", "cmpid", "xtor", "ref", "ref_src", "igshid"}
)
_TRACKING_PREFIXES = ("utm_", "at_", "pk_", "mtm_")
_SOURCE_SEPARATOR = re.compile(r"\s+[-–—|]\s+(?=[^-–—|]+$)")
_NOT_A_WORD = re.compile(r"[\W_]+")


def canonical_url(url: str) -> str:
    """The address with what does not change the page taken out: scheme, "www.", the default port, the fragment, a
    trailing slash and tracking parameters (utm_*, fbclid…), the others sorted; "" when it is not a web address.
    String work only, no urllib: a first sync files tens of thousands of addresses."""
    scheme, separator, rest = url.strip().partition("://")
    if not separator or scheme.lower() not in ("https", "http"):
        return ""
    rest = rest.partition("#")[0]
    place, _mark, query = rest.partition("?")
    host, _slash, path = place.partition("/")
    host = host.rpartition("@")[2].lower().removeprefix("www.").removesuffix(":80").removesuffix(":443")
    if not host or any(c in host for c in " \\<>\"'"):
        return ""
    kept = sorted(
        parameter
        for parameter in query.split("&")
        if parameter and not _is_tracking(parameter.partition("=")[0].casefold())
    )
    path = path.rstrip("/")
    return host + (f"/{path}" if path else "") + (f"?{'&'.join(kept)}" if kept else "")


def _is_tracking(name: str) -> bool:
    return name in TRACKING_PARAMETERS or name.startswith(_TRACKING_PREFIXES)


def _folded(text: str) -> str:
    return text.casefold() if text.isascii() else folded(text)


def headline_forms(title: str) -> tuple[str, ...]:
    """The headline folded (case, accents, punctuation), and again without a trailing " - Publication" when it has
    one; nothing when it is too short to tell a story."""
    forms = []
    whole = title.strip()
    candidates = [whole]
    tail = _SOURCE_SEPARATOR.split(whole)
    if len(tail) == 2 and len(tail[1].split()) <= LONGEST_SOURCE_NAME:
        candidates.append(tail[0])
    for candidate in candidates:
        form = " ".join(_NOT_A_WORD.sub(" ", _folded(candidate)).split())
        words, characters = SHORTEST_HEADLINE
        if len(form.split()) >= words and len(form) >= characters and form not in forms:
            forms.append(form)
    return tuple(forms)


def story_keys(item: Item) -> tuple[str, ...]:
    """The keys of a post that starts a thread from listening; () for anything else. "url:…" keys join posts
    whatever their dates; "title:…" keys only within TITLE_WINDOW (is_title_key)."""
    if item.kind is not Kind.FEED or item.remote_id != item.thread_key:
        return ()
    keys = []
    address = canonical_url(item.url)
    if address:
        keys.append(f"url:{address}")
    keys.extend(f"title:{form}" for form in headline_forms(item.title))
    return tuple(keys)


def is_title_key(key: str) -> bool:
    return key.startswith("title:")


__all__ = ["TITLE_WINDOW", "canonical_url", "headline_forms", "is_title_key", "story_keys"]
