"""Case and accents do not matter to monitors and stories (domain/monitors.py folded): the quick folding, one
character outside ASCII at a time, gives what case-folding, decomposing the whole text (NFKD) and dropping its
combining marks gives — on every code point, and on marks in any order after any letter."""

from __future__ import annotations

import random
import unicodedata

from cmdesk.domain import monitors
from cmdesk.domain.monitors import folded


def reference(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in plain if not unicodedata.combining(c))


def test_french_and_english_as_people_write_them() -> None:
    assert folded("Déçue, TRÈS déçue") == "decue, tres decue"
    assert folded("Straße ﬁne Œuvre") == "strasse fine œuvre"
    assert folded("plain ascii") == "plain ascii"


def test_every_code_point_folds_as_the_whole_text_would() -> None:
    every = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)
    assert folded(every) == reference(every)


def test_marks_in_any_order_after_any_letter() -> None:
    rng = random.Random(23)
    letters = "aeiouyAEIOUçÇßΣσςİıŉǰΐﬀᾈ日本한국 x"
    marks = "\u0301\u0300\u0327\u0323\u0308\u030a\u05b0\u0f71\u0f72\u0345\u20dd"
    for _ in range(3000):
        text = "".join(rng.choice(letters + marks * 2) for _ in range(rng.randint(0, 24)))
        assert folded(text) == reference(text), ascii(text)


def test_the_table_of_folded_characters_stays_small() -> None:
    folded("".join(chr(code) for code in range(0x80, 0x30000) if not 0xD800 <= code < 0xE000))
    assert len(monitors._FOLDS) <= monitors.FOLDS_KEPT
