"""How long a post is, counted the way each network counts it (so the composer's counter and `cmdesk post` agree
with the server that will accept or refuse it):

- Mastodon: grapheme clusters of the text plus the content warning; every URL counts as the instance's
  `characters_reserved_per_url` (23); a mention of a remote account counts only as `@username` (Mastodon's
  StatusLengthValidator; limit `max_characters`, 500 by default).
- Bluesky: grapheme clusters of the text, at most 300 (app.bsky.feed.post `maxGraphemes`).
- X: twitter-text v3 weighted length: NFC text, code points in the Latin/General Punctuation ranges weigh 1, every
  other code point and every emoji sequence 2, URLs 23; at most 280.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

from cmdesk.domain.types import Account, Capabilities, LengthCounting

MASTODON_LIMIT = 500
MASTODON_URL_LENGTH = 23
BLUESKY_LIMIT = 300
X_LIMIT = 280
X_URL_LENGTH = 23
_X_LIGHT_RANGES = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))

# A URL as the networks find one: a scheme, then up to the next space, less the punctuation that ends a sentence.
_URL = regex.compile(r"https?://[^\s<>\"]+?(?=[.,;:!?)\]}'\"»]*(?:\s|$))", regex.IGNORECASE)
_REMOTE_MENTION = regex.compile(r"(?<=^|[^/\w])@(\w+)@[\w.\-]+\w", regex.IGNORECASE)
_GRAPHEME = regex.compile(r"\X")
_EMOJI = regex.compile(r"\p{Extended_Pictographic}|\p{Regional_Indicator}")


@dataclass(frozen=True, slots=True)
class Count:
    used: int
    limit: int | None

    @property
    def remaining(self) -> int | None:
        return None if self.limit is None else self.limit - self.used

    @property
    def over(self) -> bool:
        return self.limit is not None and self.used > self.limit


def graphemes(text: str) -> int:
    return len(_GRAPHEME.findall(text))


def mastodon_length(text: str, content_warning: str = "", url_length: int = MASTODON_URL_LENGTH) -> int:
    countable = _URL.sub("x" * url_length, text)
    countable = _REMOTE_MENTION.sub(lambda match: "@" + match.group(1), countable)
    return graphemes(countable) + graphemes(content_warning)


def bluesky_length(text: str) -> int:
    return graphemes(text)


def x_length(text: str) -> int:
    """twitter-text v3's weighted length (scale 100, default weight 200, emoji 200 per sequence)."""
    normalised = unicodedata.normalize("NFC", text)
    weight = 0
    position = 0
    for match in _URL.finditer(normalised):
        weight += _x_weight(normalised[position : match.start()])
        weight += X_URL_LENGTH * 100
        position = match.end()
    weight += _x_weight(normalised[position:])
    return weight // 100


def _x_weight(text: str) -> int:
    weight = 0
    for cluster in _GRAPHEME.findall(text):
        if _EMOJI.search(cluster):
            weight += 200
            continue
        for character in cluster:
            code = ord(character)
            light = any(start <= code <= end for start, end in _X_LIGHT_RANGES)
            weight += 100 if light else 200
    return weight


def count(
    counting: LengthCounting,
    text: str,
    content_warning: str = "",
    limit: int | None = None,
    url_length: int | None = None,
) -> Count:
    """The length of `text` for a network that counts this way, against its limit (None: no limit); `limit` and
    `url_length` are the server's own where it announces them."""
    if counting is LengthCounting.CHARACTERS:
        length = mastodon_length(text, content_warning, url_length or MASTODON_URL_LENGTH)
        return Count(length, limit or MASTODON_LIMIT)
    if counting is LengthCounting.GRAPHEMES:
        return Count(bluesky_length(text), limit or BLUESKY_LIMIT)
    if counting is LengthCounting.WEIGHTED:
        return Count(x_length(text), limit or X_LIMIT)
    return Count(graphemes(text), limit)


def count_for(account: Account, capabilities: Capabilities, text: str, content_warning: str = "") -> Count:
    """The length of a post on this account: its network's way of counting, with the limits its server announced
    at sign-in (`max_characters`, `url_length` in the account's settings) else the network's defaults."""
    limit = account.settings.get("max_characters")
    url_length = account.settings.get("url_length")
    return count(
        capabilities.length_counting,
        text,
        content_warning,
        limit if isinstance(limit, int) else capabilities.max_length,
        url_length if isinstance(url_length, int) else None,
    )
