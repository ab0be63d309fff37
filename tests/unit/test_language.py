"""The language of a message, found offline at ingest (analysis/language.py) and kept with the message."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cmdesk.analysis.language import ELONGATED, cleaned, has_elongation, language_of
from cmdesk.domain import Page
from cmdesk.storage import ingest, queries
from cmdesk.storage.database import Database
from tests.support.factories import item, make_account


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Intoxication après un éclair au chocolat, toute la famille malade", "fr"),
        ("pas mal, je recommande", "fr"),
        ("Merciiii !!", "fr"),
        ("Do you deliver on Sundays? My daughter's birthday is next week.", "en"),
        ("Horrible service, never again", "en"),
        ("¿Abren el domingo por la mañana?", "es"),
        ("Habt ihr am Sonntag geöffnet?", "de"),
    ],
)
def test_the_language_of_french_english_and_other_texts(text: str, language: str) -> None:
    assert language_of(text) == language


@pytest.mark.parametrize("text", ["", "42", "👍👍", "lol", "https://lefournil.fr/#menu", "@lefournil #Oberkampf"])
def test_too_little_to_say_is_undetermined(text: str) -> None:
    assert language_of(text) == ""


def test_links_handles_and_tags_are_not_read_as_words() -> None:
    assert cleaned("@lefournil merci https://x.example/a?b=c #Lyon\nà demain") == "merci à demain"
    assert language_of("@hannah@mastodon.online @lefournil https://lefournil.example merci beaucoup, à demain") == "fr"


def test_ingest_keeps_each_messages_language_and_an_edit_finds_it_again(database: Database) -> None:
    account = make_account(database)
    ingest.commit_page(database, account.id, Page((item(1, text="Vous êtes ouverts le dimanche matin ?"),), {}))
    with database.read() as connection:
        [message] = queries.thread(connection, 1)
    assert message.language == "fr"
    edited = item(1, text="Sorry, wrong account: are you open on Sunday mornings?")
    ingest.commit_page(database, account.id, Page((edited,), {}))
    with database.read() as connection:
        [message] = queries.thread(connection, 1)
    assert message.language == "en"


def _cleaned_whole(text: str) -> str:
    """cleaned() as it read every long text: all of its first 600 characters, then the cut."""
    head = text[:600]
    words = head.split()
    if any(mark in head for mark in ("http", "www.", "#", "@")):
        words = [
            word for word in words if not word.startswith(("http://", "https://", "www.", "#", "@")) and "@" not in word
        ]
    plain = " ".join(words)
    if re.search(r"(.)\1\1", plain, re.DOTALL) is not None:
        plain = re.sub(r"([^\W\d_])\1{2,}", r"\1", plain)
    return plain[:300]


WORDS = ("pain", "nuuuul", "trèèès", "http://x.fr/a", "https://y.com", "www.z.org", "#levain", "@claire", "a@b.fr",
         "...", "!!!", "l'été", "Ça", "🥖", "x", "httpx", "ww", "anticonstitutionnellement", "fooooooooooooooool",
         "https://www.example-news.fr/2026/11/24/les-meilleures-boulangeries?utm_source=rss")  # fmt: skip


@given(
    st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from((" ", "  ", "\n", "\t", "\u00a0", ""))), max_size=160)
)
def test_a_long_text_read_from_its_start_gives_what_reading_it_whole_gave(pieces: list[tuple[str, str]]) -> None:
    """cleaned() reads a long text's first FIRST_LOOK characters when they are enough: the same text as reading the
    whole head, whatever the links, handles, elongations and spaces around the cut."""
    text = "".join(word + space for word, space in pieces)
    assert cleaned(text) == _cleaned_whole(text)


def test_a_link_the_first_look_cuts_is_left_out_as_the_whole_link_is() -> None:
    """The cut at FIRST_LOOK may leave "https:" of a link, which is not a link yet: only the words before it count.
    A first link (left out) of any length moves the cut through the second one's first characters."""
    for length in range(125, 145):
        text = f"https://e.fr/{'a' * length} " + "pain " * 59 + "https://www.example.fr/adresse suite du texte " * 4
        assert cleaned(text) == _cleaned_whole(text), length


def test_an_elongation_is_found_where_the_elongated_pattern_finds_one() -> None:
    """has_elongation looks at THRICE's runs for one of ELONGATED's letters: the same answer as ELONGATED itself, for
    a run of every code point and for texts of runs of letters, digits, "_", "...", numbers that are not digits and
    emoji (a letter check that let digits or "_" in, or missed "½", fails it)."""
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        run = chr(code) * 3
        assert has_elongation(run) == (ELONGATED.search(run) is not None), hex(code)
    rng = random.Random(3)
    for _ in range(20_000):
        text = "".join(rng.choice("aaAé_1٣½²..!! \n😀😀ßx") for _ in range(rng.randint(0, 12)))
        assert has_elongation(text) == (ELONGATED.search(text) is not None), repr(text)
