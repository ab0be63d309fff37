"""The sentiment of a message, French or English, offline: negative, neutral or positive, with a score in -1 … 1.

Rules over valence lexicons (lexicons/README.md: VADER's English lexicon, its French translation, and the terms a
community manager meets daily), in the manner of VADER (Hutto & Gilbert, 2014) but written for both languages and
for what lexicon tools get wrong in them:

- negation over the three words before a sentiment word, in French ("ce n'est pas bon", "sans intérêt", "jamais
  satisfaite"; "plus" only with "ne") and English ("not good", "isn't great", "never");
- fixed phrases that negation would misread: "pas mal" and "not bad" are praise, "pas terrible" and "pas top" are
  not, "je ne reviendrai pas", "plus jamais", "never again", "à éviter", "je recommande";
- intensifiers and softeners ("très", "trop", "vraiment", "un peu"; "very", "so", "slightly"), a word in capitals,
  an elongated word ("nuuul" is "nul", said louder), exclamation marks;
- a clause after "mais" / "but" weighs more than the one before;
- emoji and emoticons, links, @handles (ignored) and #hashtags (read as words);
- irony where it is cheap to see: "merci pour rien", "thanks for nothing", an eye-roll 🙄.

Measured by bench/sentiment.py (speed and macro-F1 per language on a public labelled set of posts).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from cmdesk.analysis.language import ELONGATED, THRICE, has_elongation, language_of

NEGATIVE, NEUTRAL, POSITIVE = "negative", "neutral", "positive"
LABELS = (NEGATIVE, NEUTRAL, POSITIVE)
THRESHOLDS = {"fr": (0.1, 0.2), "en": (0.1, 0.35)}
"""Per language, the score at or under minus the first of which a message is negative, at or over the second
positive, neutral between. Chosen on the validation posts of XLM-T's French and English sets (bench/sentiment.py;
never its test posts): mild negative wording in a public post nearly always is a complaint, while courteous
positive words ("great", "thanks", "love") are common in posts that are neither, English ones more so."""
OTHER_LANGUAGES = (0.1, 0.3)


def thresholds(language: str) -> tuple[float, float]:
    return THRESHOLDS.get(language, OTHER_LANGUAGES)


BOOST = 0.293
CAPS_BOOST = 0.733
EXCLAMATION = 0.292
ALPHA = 15.0
"""VADER's constants: a booster's step, a word in capitals, an exclamation mark's weight, and the normalisation of
the sum into -1 … 1 (score = sum / sqrt(sum² + ALPHA))."""
NEGATED_PRAISE = -1.0
NEGATED_BLAME = -0.5
"""A negation turns praise into blame whole ("pas bon", "not good" are complaints) but blame only halfway into
praise ("pas mauvais", "not awful" are faint praise): VADER's single -0.74 left "ce n'est pas bon" neutral."""
QUESTION = 0.7
"""A question's words count less: "Vous êtes ouverts dimanche ?" asks, it does not praise."""

NEGATORS = {
    "fr": frozenset({"ne", "n", "pas", "jamais", "aucun", "aucune", "rien", "sans", "ni", "guère", "nullement"}),
    "en": frozenset(
        {"not", "no", "never", "without", "nothing", "nor", "neither", "cannot", "cant", "hardly", "none", "nobody"}
        | {"dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "werent", "wont", "wouldnt", "shouldnt", "couldnt"}
        | {"aint", "havent", "hasnt", "hadnt", "nope"}
        | {"t"}  # "isn't" is read as "isn", "t": the "t" is the negation
    ),
}
BOOSTERS = {
    "fr": {
        **dict.fromkeys(
            "très trop vraiment super hyper tellement extrêmement complètement totalement absolument vachement "
            "franchement carrément grave archi ultra si particulièrement profondément".split(),
            BOOST,
        ),
        **dict.fromkeys("peu légèrement plutôt assez moyennement presque".split(), -BOOST),
    },
    "en": {
        **dict.fromkeys(
            "very so really extremely totally absolutely completely incredibly super utterly truly most highly "
            "deeply especially particularly seriously fucking freaking such".split(),
            BOOST,
        ),
        **dict.fromkeys("slightly somewhat barely kinda kind sorta partly little marginally".split(), -BOOST),
    },
}
PAST_GLORY = {
    "fr": frozenset({("avant", "c", "était"), ("autrefois",), ("c", "était", "mieux")}),
    "en": frozenset({("used", "to", "be"), ("used", "to", "have"), ("it", "was", "better")}),
}
"""What turns the praise after it into a complaint: "used to be the best shop in town", "avant c'était bon"."""
CONTRAST = frozenset({"mais", "cependant", "pourtant", "toutefois", "but", "however", "although", "though", "yet"})
PHRASES: dict[str, dict[tuple[str, ...], float]] = {
    "fr": {
        ("pas", "mal"): 1.6,
        ("pas", "terrible"): -1.6,
        ("pas", "top"): -1.6,
        ("pas", "fou"): -1.2,
        ("pas", "ouf"): -1.2,
        ("pas", "génial"): -1.4,
        ("pas", "sérieux"): -1.6,
        ("reviendrai", "pas"): -2.4,
        ("reviendrai", "plus"): -2.4,
        ("reviendrons", "pas"): -2.4,
        ("reviendrons", "plus"): -2.4,
        ("plus", "jamais"): -2.4,
        ("jamais", "plus"): -2.4,
        ("à", "éviter"): -2.6,
        ("a", "eviter"): -2.6,
        ("je", "recommande"): 2.2,
        ("à", "recommander"): 2.2,
        ("je", "reviendrai"): 1.4,
        ("merci", "pour", "rien"): -2.2,
        ("foutez", "vous"): -2.0,
        ("c", "est", "une", "honte"): -2.6,
        ("rien", "à", "redire"): 2.2,
        ("sans", "faute"): 2.0,
        ("sans", "problème"): 1.2,
        ("sans", "souci"): 1.2,
        ("trop", "bien"): 2.2,
        ("au", "top"): 2.0,
        ("bonne", "nouvelle"): 2.2,
        ("coup", "de", "cœur"): 2.4,
        ("n", "importe", "quoi"): -1.8,
        ("tant", "pis"): -1.2,
        ("ras", "le", "bol"): -2.2,
        ("foutage", "de", "gueule"): -2.8,
        ("ta", "gueule"): -2.4,
    },
    "en": {
        ("not", "bad"): 1.6,
        ("not", "too", "bad"): 1.4,
        ("never", "again"): -2.6,
        ("thanks", "for", "nothing"): -2.2,
        ("waste", "of", "money"): -2.6,
        ("waste", "of", "time"): -2.4,
        ("highly", "recommend"): 2.6,
        ("would", "recommend"): 2.0,
        ("i", "recommend"): 2.0,
        ("no", "problem"): 1.2,
        ("no", "worries"): 1.2,
        ("food", "poisoning"): -3.0,
        ("going", "downhill"): -2.4,
        ("kind", "of"): 0.0,
        ("sort", "of"): 0.0,
        ("can", "t", "wait"): 2.0,
        ("cant", "wait"): 2.0,
        ("looking", "forward"): 2.0,
        ("made", "my", "day"): 2.8,
        ("looking", "up"): 1.2,
    },
}
EMOJI = {
    **dict.fromkeys("😍🥰😻💖💕💗💓💞😘", 3.0),
    **dict.fromkeys("❤♥💙💚💛🧡💜🤍", 2.5),
    **dict.fromkeys("😀😃😄😁😆😊☺🙂😇🤗😋🤩🥳🎉🎊👏🙌💯✨🌟⭐🏆🥇", 2.0),
    **dict.fromkeys("👍👌💪🙏😎😉😌🤤🔥", 1.6),
    **dict.fromkeys("😂🤣😅", 1.2),
    **dict.fromkeys("😐😑🤔😶", -0.3),
    **dict.fromkeys("😕😟🙁😬😳😱😰😨😥😓🥺", -1.4),
    **dict.fromkeys("😒🙄😏🤨", -1.8),
    **dict.fromkeys("😞😔😢😭😩😫☹😖😣💔👎😿", -2.2),
    **dict.fromkeys("😠😤😾", -2.6),
    **dict.fromkeys("😡🤬🤮🤢💩🖕", -3.0),
}
"""Written for cmdesk (hand-rated on VADER's scale): the emoji people use to praise or complain."""
IRONY = frozenset("🙄😒😏")
_FACES = frozenset(EMOJI)
"""Each is one code point: a message's faces are the characters of it in this set (a character class of a hundred
code points above U+FFFF cost sre a third of the rules' time, compared one by one at every character)."""
_FROM_THE_FIRST_FACE = re.compile(f"[{min(_FACES)}-\U0010ffff]")
"""A character from the first face on (☹, U+2639): a text without one has none. Typography below it (’ “ ” … —,
in most French blog posts) no longer sends a text to the set (a blog post's head 4.6–5.2 → 2.6–2.9 µs)."""
_NO_FACES: frozenset[str] = frozenset()

_URL = re.compile(r"[hHwW](?:(?<=[hH])[tT][tT][pP][sS]?://|(?<=[wW])[wW][wW]\.)\S+")
"""An address, "http://", "https://" or "www." in any case, up to the next space: an h or a w first (with IGNORECASE
sre had no first character to look for and tried it at every character: 5.9 → 2.4 µs a post with a link)."""
_HANDLE = re.compile(r"@(?<![\w@]@)[\w.@-]+")
"""An @handle not inside a word or an address: "@" first, then a look at the character before it (the look first
made sre try it at every character of the text: 6.8 µs against 1.0 a post of 340 characters)."""
_PUNCTUATION_EYES = r":;=8"
_EYES = _PUNCTUATION_EYES + "xX"  # "xD" laughs; a mouth before an x ("Dx") is a word
_MOUTHS, _REVERSED_MOUTHS = r"()\[\]dDpP/\\|{}@*3", r")(\]\[dDpP/\\"
_EMOTICON = re.compile(
    rf"[<>{_EYES}{_REVERSED_MOUTHS}]"
    rf"(?:(?<=[<>])[{_EYES}][\-o*']?[{_MOUTHS}]+|(?<=[{_EYES}])[\-o*']?[{_MOUTHS}]+"
    rf"|(?<=[{_REVERSED_MOUTHS}])[\-o*']?[{_PUNCTUATION_EYES}]|(?<=<)3|(?<=<)/3)(?!\w)"
)
"""Eyes, an optional nose, a mouth (":-)", ">:(", "xD"), or the other way round ("D:", "(:"), or a heart: the first
character of any of them, then what follows it, chosen by a look back at that character. A pattern that starts with
a set of characters lets sre skip to the next of them; the same emoticons written as alternatives (each its own
first character) were tried at every character of the text: 10.6 µs against 3.2 a real post."""
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_NOT_LETTERS = re.compile(r"[\W\d_]+", re.UNICODE)
LONGEST = 2000
"""Characters read: a message's first paragraphs say how it feels (storage judges at most its title and 600)."""
_SENTENCE = re.compile(r"[^.!?;…\n]+([.!?;…\n]*)")


@dataclass(frozen=True, slots=True)
class Sentiment:
    label: str
    score: float
    """-1 (most negative) … 1 (most positive)."""
    language: str = ""


def label_for(score: float, language: str = "") -> str:
    negative, positive = thresholds(language)
    return POSITIVE if score >= positive else NEGATIVE if score <= -negative else NEUTRAL


def _folded(term: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", term) if not unicodedata.combining(c))


ANY = "any"
"""For a text in neither French nor English (or too short to tell: "nuuul 😡"): both lexicons and both sets of
rules, French first (cmdesk's users are mostly French speakers)."""
NEGATORS[ANY] = NEGATORS["en"] | NEGATORS["fr"]
PAST_GLORY[ANY] = PAST_GLORY["en"] | PAST_GLORY["fr"]
_GLORY_STARTS = frozenset(words[0] for words in PAST_GLORY[ANY])
BOOSTERS[ANY] = {**BOOSTERS["en"], **BOOSTERS["fr"]}
PHRASES[ANY] = {**PHRASES["en"], **PHRASES["fr"]}


@cache
def _lexicon(language: str) -> dict[str, float]:
    """The language's lexicon with the project's corrections over it, and each term without its accents too (many
    people type "decue" for "déçue")."""
    if language == ANY:
        return {**_lexicon("en"), **_lexicon("fr")}
    entries: dict[str, float] = {}
    folder = resources.files("cmdesk.analysis") / "lexicons"
    for name in (f"{language}.tsv", f"{language}-cmdesk.tsv"):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            term, _, written = line.partition("\t")
            if term and written:
                entries[term] = float(written)
    for term, valence in list(entries.items()):
        entries.setdefault(_folded(term), valence)
    return entries


def _phrase_index(language: str) -> dict[str, list[tuple[tuple[str, ...], float]]]:
    """Phrases by their first word, longest first."""
    index: dict[str, list[tuple[tuple[str, ...], float]]] = {}
    for words, value in sorted(PHRASES[language].items(), key=lambda item: -len(item[0])):
        index.setdefault(words[0], []).append((words, value))
    return index


_PHRASE_INDEX = {language: _phrase_index(language) for language in PHRASES}
_TRIGGERS = {language: frozenset(_PHRASE_INDEX[language]) | CONTRAST | _GLORY_STARTS for language in PHRASES}
"""Per language, the words that start something the rules read though it is not in the lexicon."""


_PLURALS = "xs"
"""The last letters of a plural the lexicons may have in the singular (a word is never empty: _WORD matches one
letter or more)."""


def _lookup(word: str, lexicon: dict[str, float]) -> float | None:
    if word in lexicon:
        return lexicon[word]
    if word[-1] in _PLURALS and word[:-1] in lexicon and len(word) > 3:
        return lexicon[word[:-1]]
    return None


def _tokens(clause: str, elongations: bool) -> tuple[list[str], list[str], bool]:
    """The clause's words as written and lower-cased, split at apostrophes and hyphens ("n'est" is "n", "est";
    "isn't" is "isn", "t"), and whether a word of it may be elongated (never when `elongations` says the whole text
    has no letter three times in a row)."""
    written = _WORD.findall(clause)
    stretched = elongations and THRICE.search(clause) is not None and ELONGATED.search(clause) is not None
    return written, [word.lower() for word in written], stretched


def _word_value(word: str, elongated: bool, lexicon: dict[str, float]) -> float | None:
    value = _lookup(word, lexicon)
    if value is None and elongated:
        for fixed in (ELONGATED.sub(r"\1\1", word), ELONGATED.sub(r"\1", word)):
            value = _lookup(fixed, lexicon)
            if value is not None:
                break
    return value


_Rules = tuple[
    frozenset[str], dict[str, float], dict[str, list[tuple[tuple[str, ...], float]]], dict[str, float], frozenset[str]
]


@cache
def _rules(language: str) -> _Rules:
    """What a clause is read with, found once a language: its negators, boosters, phrases, lexicon and the words
    that start a phrase, a contrast or a turn."""
    return NEGATORS[language], BOOSTERS[language], _PHRASE_INDEX[language], _lexicon(language), _TRIGGERS[language]


def _may_count(plain: list[str], lexicon: dict[str, float], triggers: frozenset[str]) -> list[int]:
    """Where a word of the clause may change its sum: one of the lexicon (or its plural), or one that starts a
    phrase, a contrast or a turn; the others only count as the words before one of these (most words of a message
    are neither: finding these in one pass first took the rules from 73 to 56 µs a benchmark message, 27 to
    25 µs an XLM-T post, the same verdicts on 419,563 texts). One set of the lexicon's words and the triggers
    would spare a lookup a word (−6 % of the rules' time) for 1.8 MB in each judging process: not kept."""
    return [
        position
        for position, word in enumerate(plain)
        if word in lexicon or word in triggers or (word[-1] in _PLURALS and len(word) > 3 and word[:-1] in lexicon)
    ]


def _clause_sum(tokens: tuple[list[str], list[str], bool], language: str, shouting_everywhere: bool) -> float:
    written, plain, stretched = tokens
    negators, boosters, phrases, lexicon, triggers = _rules(language)
    # An elongated word ("nuuul") is found in the lexicon only once undone: every word of such a clause is read.
    candidates: Sequence[int] = range(len(plain)) if stretched else _may_count(plain, lexicon, triggers)
    total = 0.0
    weight = 1.0
    turned = False
    position = 0
    for candidate in candidates:
        if candidate < position:  # inside a phrase or a turn already read
            continue
        position = candidate
        word = plain[position]
        glory = _past_glory_at(plain, position, language) if word in _GLORY_STARTS else 0
        if glory:
            turned = True
            position += glory
            continue
        if word in CONTRAST:
            total *= 0.5
            weight = 1.5
            position += 1
            continue
        matched = _phrase_at(plain, position, phrases) if word in phrases else None
        if matched is not None:
            length, phrase_value = matched
            total += phrase_value * weight
            position += length
            continue
        elongated = stretched and ELONGATED.search(written[position]) is not None
        value = lexicon.get(word)
        if value is None and (elongated or word[-1] in _PLURALS):
            value = _word_value(word, elongated, lexicon)
        if value is None or word in negators:
            position += 1
            continue
        before = plain[max(0, position - 3) : position]
        for distance, previous in enumerate(reversed(before)):
            step = boosters.get(previous)
            if step is not None:
                value += step * (1 - 0.05 * distance) * (1 if value > 0 else -1)
        as_written = written[position]
        if len(as_written) > 1 and as_written.isupper() and not shouting_everywhere:
            value += math.copysign(CAPS_BOOST, value)
        if elongated:
            value += math.copysign(BOOST, value)
        if _negated(before, language):
            value *= NEGATED_PRAISE if value > 0 else NEGATED_BLAME
        if turned and value > 0:
            value *= NEGATED_PRAISE
        total += value * weight
        position += 1
    return total


def _past_glory_at(plain: list[str], position: int, language: str) -> int:
    return next((len(p) for p in PAST_GLORY[language] if tuple(plain[position : position + len(p)]) == p), 0)


def _phrase_at(
    plain: list[str], position: int, phrases: dict[str, list[tuple[tuple[str, ...], float]]]
) -> tuple[int, float] | None:
    """(its length, its value) when a fixed phrase starts at `position`."""
    for phrase, value in phrases.get(plain[position], ()):
        if tuple(plain[position : position + len(phrase)]) == phrase:
            return len(phrase), value
    return None


def _negated(before: list[str], language: str) -> bool:
    negators = NEGATORS[language]
    if language == "fr" and "plus" in before and ("ne" in before or "n" in before):
        return True
    return any(word in negators for word in before)


def _all_capitals(text: str) -> bool:
    """More than 8 letters, all capitals: a small letter a, e, i, o or u says no sooner than removing what is not a
    letter from a long message would."""
    if any(vowel in text for vowel in "aeiou"):
        return False
    letters = _NOT_LETTERS.sub("", text)
    return len(letters) > 8 and letters.isupper()


def rule_score(text: str, language: str = "", *, looked: bool = False) -> tuple[float, str]:
    """The rules' raw sum over `text` and the language whose lexicon read it. `language` "" is looked for in the
    text, unless `looked` says it was already (and none was found)."""
    found = language if looked else language or language_of(text)
    lexicon_language = found if found in PHRASES else ANY
    stripped = text[:LONGEST]
    if "://" in stripped or "www." in stripped.lower():
        stripped = _URL.sub(" ", stripped)
    if "@" in stripped:
        stripped = _HANDLE.sub(" ", stripped)
    stripped = stripped.replace("#", " ")
    total = 0.0
    emoticons = _EMOTICON.findall(stripped) if any(mark in stripped for mark in ":;=<)(8") else ()
    if emoticons:  # most texts with a colon or a bracket have none: they are not read a second time
        for emoticon in emoticons:
            value = _lexicon("en").get(emoticon.lower())
            if value is not None:
                total += value
        stripped = _EMOTICON.sub(" ", stripped)
    faces = _FACES.intersection(stripped) if _FROM_THE_FIRST_FACE.search(stripped) else _NO_FACES
    if faces:
        total += sum(EMOJI[character] for character in stripped if character in faces)
    eye_roll = not IRONY.isdisjoint(faces)
    shouting_everywhere = _all_capitals(stripped)
    words_total = 0.0
    elongations = has_elongation(stripped)
    for sentence in _SENTENCE.finditer(stripped):
        value = _clause_sum(_tokens(sentence.group(0), elongations), lexicon_language, shouting_everywhere)
        words_total += value * (QUESTION if "?" in sentence.group(1) else 1.0)
    if eye_roll and words_total > 0:
        words_total = -words_total * 0.5
    total += words_total
    if total:
        total += math.copysign(min(stripped.count("!"), 4) * EXCLAMATION, total)
    return total, found


def normalised(total: float) -> float:
    return total / math.sqrt(total * total + ALPHA)


def sentiment_of(text: str, language: str = "") -> Sentiment:
    """The sentiment of `text`; `language` ("fr", "en"…) when known, else found from the text."""
    total, found = rule_score(text, language)
    score = normalised(total)
    return Sentiment(label_for(score, found), round(score, 4), found)
