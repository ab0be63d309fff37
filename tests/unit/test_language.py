"""The language of a message, found offline at ingest (analysis/language.py) and kept with the message."""

from __future__ import annotations

import pytest

from cmdesk.analysis.language import cleaned, language_of
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
