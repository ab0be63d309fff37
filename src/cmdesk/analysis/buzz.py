"""Bad buzz, seen early: is the last WINDOW of a client's messages (by their own publication times) a spike of volume,
or of negative messages, against that client's own usual traffic?

The usual is worked out from the weeks before: the same hours of the same weekday (an exponentially weighted mean
over past weeks, recent weeks weighing more) blended with the client's overall rate, never below a floor. A spike
is a count that a Poisson law with that mean makes very unlikely (tail probability under SURPRISE), at least
RATIO times the usual, and at least MIN_MESSAGES messages: three messages in a quiet week are not a crisis. A first
sync that brings months of history spreads them over their own dates, so the history is the baseline, not a spike.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

WINDOW = timedelta(hours=2)
HISTORY_WEEKS = 8
WEEK_WEIGHT = 0.35
"""Each past week's share in the weekly mean for the same hours: the latest week counts most."""
FLOOR = 0.25
"""The least a 2-hour window is expected to hold, so that one message on a dead Sunday night is not 'infinitely
more than usual'."""
SURPRISE = 1e-3
RATIO = 3.0
MIN_MESSAGES = {"volume": 8, "negative": 4}
MIN_NEGATIVE_SHARE = 0.4
COOLDOWN = timedelta(hours=6)
"""After an alert of a kind, the client gets no other of that kind for this long (unless it doubles)."""
TERMS = 5


@dataclass(frozen=True, slots=True)
class Post:
    """What the detector needs of a message: when it was published, its sentiment, its text, its id."""

    at: datetime
    sentiment: str
    text: str = ""
    id: int = 0


@dataclass(frozen=True, slots=True)
class Spike:
    kind: str
    """"volume" or "negative"."""
    started_at: datetime
    ended_at: datetime
    messages: int
    baseline: float
    terms: tuple[str, ...]
    message_ids: tuple[int, ...]

    @property
    def ratio(self) -> float:
        return self.messages / self.baseline if self.baseline else math.inf


def poisson_tail(observed: int, mean: float) -> float:
    """P(X ≥ observed) for X ~ Poisson(mean)."""
    if observed <= 0:
        return 1.0
    term = math.exp(-mean)
    below = term
    for k in range(1, observed):
        term *= mean / k
        below += term
    return max(0.0, 1.0 - below)


def expected(history: Sequence[datetime], now: datetime) -> float:
    """The usual count in the WINDOW ending at `now`, from the messages published in the weeks before it."""
    start = now - WINDOW
    weekly = []
    for week in range(1, HISTORY_WEEKS + 1):
        shift = timedelta(weeks=week)
        weekly.append(sum(1 for at in history if start - shift <= at < now - shift))
    mean_same_hours = 0.0
    weight_left = 1.0
    for count in weekly:
        mean_same_hours += weight_left * WEEK_WEIGHT * count
        weight_left *= 1 - WEEK_WEIGHT
    mean_same_hours /= 1 - weight_left
    horizon = timedelta(weeks=HISTORY_WEEKS)
    before = [at for at in history if now - horizon <= at < start]
    if not before:
        return FLOOR
    covered = max(now - min(before), WINDOW * 12)
    overall = len(before) * (WINDOW / covered)
    return max(FLOOR, 0.5 * mean_same_hours + 0.5 * overall)


def spikes(posts: Sequence[Post], now: datetime, stopwords: frozenset[str] = frozenset()) -> list[Spike]:
    """The spike in the WINDOW ending at `now`, judged against the posts before it: a negative one, else one of
    volume, else none."""
    start = now - WINDOW
    recent = [post for post in posts if start <= post.at <= now]
    earlier = [post for post in posts if post.at < start]
    found = []
    for kind in ("volume", "negative"):
        chosen = recent if kind == "volume" else [p for p in recent if p.sentiment == "negative"]
        history = [p.at for p in earlier] if kind == "volume" else [p.at for p in earlier if p.sentiment == "negative"]
        mean = expected(history, now)
        count = len(chosen)
        if count < MIN_MESSAGES[kind] or count < RATIO * mean or poisson_tail(count, mean) > SURPRISE:
            continue
        if kind == "negative" and count < MIN_NEGATIVE_SHARE * len(recent):
            continue
        first = min(post.at for post in chosen)
        found.append(
            Spike(
                kind,
                first,
                now,
                count,
                round(mean, 2),
                top_terms([post.text for post in chosen], [post.text for post in earlier], stopwords),
                tuple(post.id for post in chosen),
            )
        )
    if len(found) == 2:
        return found[1:]  # a negative spike says more than the volume spike it is part of
    return found


_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
_NOT_TALK = re.compile(r"(?:https?://|www\.)\S+|[@#]?[\w.-]*@[\w.-]+|(?<!\w)@\w+", re.UNICODE)
STOPWORDS = frozenset(
    (
        "avec dans pour plus mais nous vous elle elles ils leur leurs cette votre notre sont sera être avoir fait "
        "faire tout tous toute toutes très bien aussi encore comme quand quoi quel quelle quelqu depuis après avant "
        "hier aujourd demain chez ceux celle celui même autre autres alors donc sans sous vers entre était avait "
        "have this that with from they them their there were what when your about would could should just like "
        "been will more some into than then also only very after before here does done http https"
    ).split()
)


@lru_cache(maxsize=65536)
def _plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))


def _spoken(texts: Sequence[str], stopwords: frozenset[str]) -> tuple[Counter[str], dict[str, str]]:
    """In how many of the texts each word (folded) appears, and each as first written; common words left out."""
    skip = {_plain(word) for word in STOPWORDS | stopwords}
    spoken: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for text in texts:
        for word in {w.lower() for w in _WORD.findall(_NOT_TALK.sub(" ", text))}:
            key = _plain(word)
            if key not in skip:
                spoken[key] += 1
                shown.setdefault(key, word)
    return spoken, shown


def top_terms(spike: Sequence[str], before: Sequence[str], stopwords: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The words that say what the spike is about: frequent in its messages (in at least two of them), rarer
    before; the client's own name and common words left out."""
    spoken, shown = _spoken(spike, stopwords)
    usual: Counter[str] = Counter()
    for text in before[-2000:]:
        usual.update({_plain(w) for w in _WORD.findall(_NOT_TALK.sub(" ", text))})
    scale = len(spike) / max(1, len(before[-2000:]))
    ranked = sorted(
        (key for key, count in spoken.items() if count >= 2),
        key=lambda key: (-(spoken[key] - scale * usual.get(key, 0)), key),
    )
    return tuple(shown[key] for key in ranked[:TERMS])


def frequent_terms(
    texts: Sequence[str], limit: int = 15, stopwords: frozenset[str] = frozenset()
) -> list[tuple[str, int]]:
    """The words most messages use (each message counts a word once), common words and `stopwords` left out; words
    used as often in alphabetical order (they were in the order of a set's, which changes from run to run)."""
    spoken, shown = _spoken(texts, stopwords)
    ranked = sorted(spoken.items(), key=lambda pair: (-pair[1], pair[0]))[:limit]
    return [(shown[key], count) for key, count in ranked if count > 1]


def explanation(spike: Spike) -> str:
    """In plain English (the window translates its own): "5 negative messages in 2 h, 20× the usual; words: …"."""
    what = "negative messages" if spike.kind == "negative" else "messages"
    hours = int(WINDOW.total_seconds() // 3600)
    ratio = f"{spike.ratio:.0f}× the usual" if spike.baseline else "none usually"
    words = f"; words: {', '.join(spike.terms)}" if spike.terms else ""
    return f"{spike.messages} {what} in {hours} h, {ratio}{words}"


def cooled_down(kind: str, messages: int, previous: Sequence[tuple[str, datetime, int]], now: datetime) -> bool:
    """Whether a new alert of `kind` may be raised: none of that kind within COOLDOWN, unless it has doubled since."""
    for earlier_kind, raised_at, earlier_messages in previous:
        if earlier_kind == kind and now - raised_at < COOLDOWN and messages < 2 * earlier_messages:
            return False
    return True
