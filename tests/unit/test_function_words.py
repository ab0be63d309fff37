"""The look at function words before the language model (analysis/language.by_function_words): it settles a text of
one of its seven languages without the model, and leaves to the model what it cannot be sure of — a neighbouring
language, two languages mixed, another script, too few words."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmdesk.analysis import language
from cmdesk.analysis.language import FUNCTION_WORD_LANGUAGES, by_function_words, cleaned, languages_of

POSTS = Path(__file__).resolve().parents[2] / "bench" / "data" / "sentiment"


def looked(text: str) -> str:
    return by_function_words(cleaned(text).lower())


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Bonjour, est-ce que vous êtes ouverts le dimanche ? Nous voulons passer avec les enfants.", "fr"),
        ("Do you deliver on Sundays? We would like to order a cake for the birthday of our daughter.", "en"),
        ("Hola, ¿abren los domingos? Queremos pasar con los niños porque también hay pasteles.", "es"),
        ("Hallo, habt ihr am Sonntag geöffnet? Wir möchten mit den Kindern einen Kuchen kaufen.", "de"),
        ("Ciao, siete aperti la domenica? Vorremmo passare con i bambini anche per questa torta.", "it"),
        ("Olá, vocês abrem aos domingos? Queremos passar com as crianças, mas não sabemos o horário.", "pt"),
        ("Hallo, zijn jullie op zondag open? We willen met de kinderen een taart voor het feest kopen.", "nl"),
    ],
)
def test_a_message_of_the_seven_languages_is_settled_without_the_model(
    text: str, code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert looked(text) == code

    def no_model() -> None:
        raise AssertionError("the model was asked")

    monkeypatch.setattr(language, "_model", no_model)
    assert languages_of([text]) == [code]


@pytest.mark.parametrize(
    "text",
    [
        # Catalan, Galician and Occitan share most of Spanish's, Portuguese's and French's little words
        "Hola, voldria saber si obriu els diumenges i si feu lliuraments a domicili per a la botiga del barri.",
        "Ola, quería saber se abrides os domingos e se facedes entregas a domicilio, non atopo o horario na web.",
        "Bonjorn, voldriái saber se sètz dobèrts lo dimenge e se fasètz de liuraisons a domicili per la botiga.",
        # two languages in one message
        "Merci pour le service, the bread and the cakes were great, we will come back avec nos amis.",
        # another script quoting English
        "Спасибо! The bread and the service were great, you are the best bakery in town.",
        # no function word at all: product names, a made-up benchmark sentence
        "Croissant levain brioche farine baguette tarte chocolat café thé qualité prix horaires",
        # too few
        "Le croissant, magnifique.",
    ],
)
def test_what_it_cannot_be_sure_of_is_left_to_the_model(text: str) -> None:
    assert looked(text) == ""


def test_one_borrowed_word_among_many_own_does_not_stop_it() -> None:
    """ "go" is among the commonest words of Irish and Polish: one in an English message is a borrowing, not a sign."""
    assert language._function_words()["go"] == ""
    assert looked("Can we go there on Sunday? The cake that you made for us was the best") == "en"
    assert looked("Can we go there? The cake was great") == ""


def test_the_model_still_reads_what_the_look_leaves() -> None:
    catalan = "Hola, voldria saber si obriu els diumenges i si feu lliuraments a domicili per a la botiga del barri."
    assert languages_of([catalan, "Bonjour, vous êtes ouverts le dimanche avec les enfants ?"]) == ["ca", "fr"]
    assert languages_of([catalan], function_words=False) == ["ca"]


def test_the_word_list_names_only_its_seven_languages_and_stop_words() -> None:
    words = language._function_words()
    by_language = {code: [word for word, found in words.items() if found == code] for code in FUNCTION_WORD_LANGUAGES}
    assert all(len(found) >= 20 for found in by_language.values()), {k: len(v) for k, v in by_language.items()}
    assert set(words.values()) == {*FUNCTION_WORD_LANGUAGES, ""}
    assert all(word == word.lower() and language._LETTERS.fullmatch(word) for word in words)


def test_on_real_posts_what_it_settles_is_their_language() -> None:
    """XLM-T's posts (bench/data/sentiment): each settled post is settled to the language it is written in, and the
    look settles a fair share of those of 60 characters or more."""
    for folder, code in (("french", "fr"), ("english", "en")):
        posts = [
            line
            for split in ("test", "val")
            for line in (POSTS / folder / f"{split}_text.txt").read_text(encoding="utf-8").splitlines()
            if len(line) >= 60
        ]
        settled = [found for found in map(looked, posts) if found]
        assert set(settled) == {code}
        assert len(settled) >= 0.2 * len(posts), (code, len(settled), len(posts))
