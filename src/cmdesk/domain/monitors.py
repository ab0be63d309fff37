"""A client's monitors: what to listen for across everything its sources bring, as a user types it in a search box:
words that must all appear (`levain`), an exact phrase (`"pain au levain"`), a hashtag (`#boulangerie`), words that
rule a message out (`-emploi`), and the languages wanted (`lang:fr`). Case and accents do not matter."""

from __future__ import annotations

import re
import shlex
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

CLIENT_MONITORS = "client_monitors"
"""The account setting under which the sync engine hands a connector its client's monitors, to search for."""


def monitor_terms(settings: Mapping[str, Any]) -> list[str]:
    """The account's monitors: hashtags ("#boulangerie") and keywords ("pain au levain"), as the user typed them."""
    terms = settings.get("monitors")
    return [str(term) for term in terms if str(term).strip()] if isinstance(terms, list) else []


def searched_terms(settings: Mapping[str, Any]) -> list[str]:
    """What the account searches for: its own monitors, then its client's (a hashtag alone is a hashtag timeline;
    other queries are searched as typed, without their `lang:`)."""
    terms = monitor_terms(settings)
    client = settings.get(CLIENT_MONITORS)
    for query in client if isinstance(client, list) else []:
        words = [part for part in str(query).split() if not part.lower().startswith("lang:")]
        term = " ".join(words)
        if term and term.lower() not in {t.lower() for t in terms}:
            terms.append(term)
    return terms


class MonitorQueryError(ValueError):
    """The query cannot be read, in words the user understands."""


@dataclass(frozen=True, slots=True)
class MonitorQuery:
    text: str
    """As the user typed it."""
    words: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()

    @property
    def search_terms(self) -> tuple[str, ...]:
        """What a network's own search is asked (hashtags as they are, words and phrases as typed)."""
        return tuple(f'"{phrase}"' if " " in phrase else phrase for phrase in self.phrases) + self.words


def folded(text: str) -> str:
    """`text` without case or accents ("Déçue" → "decue"): case-folded, decomposed (NFKD), combining marks dropped.
    Each character folds alone (marks are dropped, so NFKD's reordering of them never shows): only the characters
    outside ASCII are looked at, each worked out once (ingest folds every headline: the whole string's
    decomposition and a Python loop over every character cost a third of the stories' filing)."""
    lowered = text.casefold()
    return lowered if lowered.isascii() else _NOT_ASCII.sub(_folded_character, lowered)


_NOT_ASCII = re.compile(r"[^\x00-\x7f]")
_FOLDS: dict[str, str] = {}
FOLDS_KEPT = 4096
"""Characters whose folding is kept: a stranger's text of every code point cannot make the table large."""


def _folded_character(match: re.Match[str]) -> str:
    character = match.group()
    found = _FOLDS.get(character)
    if found is None:
        found = "".join(c for c in unicodedata.normalize("NFKD", character) if not unicodedata.combining(c))
        if len(_FOLDS) < FOLDS_KEPT:
            _FOLDS[character] = found
    return found


_SPACES = re.compile(r"\s+")


def parse(text: str) -> MonitorQuery:
    """`pain "au levain" -emploi lang:fr` → words, phrases, exclusions and languages."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise MonitorQueryError("a monitor needs words to listen for: a name, a #hashtag or a phrase in quotes")
    if len(cleaned) > 200:
        raise MonitorQueryError("a monitor is at most 200 characters")
    try:
        parts = shlex.split(cleaned)
    except ValueError:
        raise MonitorQueryError(f"{text!r}: a quote is not closed") from None
    words: list[str] = []
    phrases: list[str] = []
    excluded: list[str] = []
    languages: list[str] = []
    for part in parts:
        if part.lower().startswith("lang:"):
            languages.extend(code.strip().lower() for code in part[5:].split(",") if code.strip())
        elif part.startswith("-") and len(part) > 1:
            excluded.append(part[1:])
        elif " " in part:
            phrases.append(part)
        elif part.strip("#"):
            words.append(part)
    if not words and not phrases:
        raise MonitorQueryError(f"{text!r} only rules things out: say what to listen for too")
    return MonitorQuery(cleaned, tuple(words), tuple(phrases), tuple(excluded), tuple(languages))


def distinct(queries: Iterable[str]) -> list[str]:
    """Each query read (MonitorQueryError when one cannot be), the same one (whatever its case) kept once, in order."""
    kept: list[str] = []
    for query in queries:
        text = parse(query).text
        if text.casefold() not in {known.casefold() for known in kept}:
            kept.append(text)
    return kept


def _has(haystack: str, needle: str) -> bool:
    """Whole words: "pain" is in "du pain chaud", not in "copain"."""
    wanted = folded(needle).lstrip("#")
    return re.search(rf"(?<!\w){re.escape(wanted)}(?!\w)", haystack) is not None


def matches(query: MonitorQuery, text: str, language: str = "") -> bool:
    """Whether a message says what the query listens for."""
    if query.languages and language and language not in query.languages:
        return False
    haystack = _SPACES.sub(" ", folded(text))
    if not all(_has(haystack, word) for word in query.words):
        return False
    if not all(_has(haystack, phrase) for phrase in query.phrases):
        return False
    return not any(_has(haystack, word) for word in query.excluded)


def first_match(queries: tuple[MonitorQuery, ...], text: str, language: str = "") -> str:
    """The first query the text matches (as typed), or ""."""
    return next((query.text for query in queries if matches(query, text, language)), "")
