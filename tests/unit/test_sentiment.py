"""Issue 17, part 1: the French and English sentiment rules, each on hand-written sentences (never on an evaluation
set), and what the user's corrections teach."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cmdesk.analysis.learning import RESEMBLANCE, Corrections, features
from cmdesk.analysis.sentiment import _EMOTICON, _HANDLE, _URL, EMOJI, sentiment_of


def label(text: str, language: str = "") -> str:
    return sentiment_of(text, language).label


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Plain words, both languages.
        ("Intoxication après un éclair au chocolat, toute la famille malade", "negative"),
        ("Très déçue.", "negative"),
        ("Merci beaucoup, à très vite !", "positive"),
        ("Délicieux, comme toujours", "positive"),
        ("Horrible service", "negative"),
        ("Great croissants, thank you!", "positive"),
        # Negation, and the phrases negation would misread.
        ("Ce n'est pas bon", "negative"),
        ("c'est pas bon du tout", "negative"),
        ("jamais satisfaite de leur accueil", "negative"),
        ("un gâteau sans intérêt", "negative"),
        ("pas terrible", "negative"),
        ("pas top ce matin", "negative"),
        ("pas mal, je recommande", "positive"),
        ("Je ne reviendrai pas", "negative"),
        ("Plus jamais chez eux", "negative"),
        ("not good", "negative"),
        ("The staff isn't friendly", "negative"),
        ("not bad at all", "positive"),
        ("Never again", "negative"),
        ("Highly recommend this shop", "positive"),
        ("Used to be the best shop in town", "negative"),
        ("Avant c'était bon", "negative"),
        # Emoji and emoticons carry the whole message.
        ("😡😡", "negative"),
        ("🥐 😍", "positive"),
        (":(", "negative"),
        ("Livraison reçue :)", "positive"),
        # Elongations are the word, said louder.
        ("nuuuul", "negative"),
        ("Merciiiii", "positive"),
        # Irony where it is cheap to see.
        ("Merci pour rien", "negative"),
        ("Thanks for nothing", "negative"),
        ("Super service 🙄", "negative"),
        # A question asks; links, @handles and #tags are not words.
        ("Vous êtes ouverts dimanche ?", "neutral"),
        # Set phrases of public posts.
        ("Can't wait for Saturday's market", "positive"),
        ("C'est n'importe quoi, ce service", "negative"),
        ("Bonne nouvelle pour le quartier", "positive"),
        ("Do you deliver on Sundays?", "neutral"),
        ("@lefournil https://lefournil.example/horaires #Lyon", "neutral"),
        ("Le pain du jour : seigle et noix", "neutral"),
    ],
)
def test_each_rule_on_hand_written_sentences(text: str, expected: str) -> None:
    assert label(text) == expected


def test_intensifiers_capitals_and_exclamations_strengthen_and_softeners_weaken() -> None:
    plain = sentiment_of("C'est bon", "fr").score
    assert sentiment_of("C'est très bon", "fr").score > plain
    assert sentiment_of("C'est BON", "fr").score > plain
    assert sentiment_of("C'est bon !!!", "fr").score > plain
    assert sentiment_of("C'est un peu bon", "fr").score < plain
    assert sentiment_of("It's very good", "en").score > sentiment_of("It's good", "en").score


def test_after_but_weighs_more_than_before() -> None:
    assert label("Le pain était bon mais le service déplorable") == "negative"
    assert label("The coffee was awful but the croissants were amazing") == "positive"


def test_the_language_is_found_and_said() -> None:
    assert sentiment_of("Très déçue de ma commande").language == "fr"
    assert sentiment_of("Very disappointed with my order").language == "en"
    assert sentiment_of("Very disappointed", "en").language == "en", "a given language is kept"


def test_scores_stay_within_minus_one_and_one_whatever_the_input() -> None:
    for text in ["", "😡" * 5000, "nul " * 10000, "génial! " * 10000, "\x00\n\t", "a" * 100_000]:
        verdict = sentiment_of(text)
        assert -1.0 <= verdict.score <= 1.0


def test_a_correction_is_learnt_and_reaches_messages_that_share_its_words() -> None:
    before = Corrections().judge("Commande toujours pas reçue")
    model = Corrections.learnt(
        [
            ("Livraison en retard, encore une fois", "negative"),
            ("Toujours pas reçu ma commande", "negative"),
            ("Le pain du jour : seigle et noix", "neutral"),
        ]
    )
    assert model.judge("Toujours pas reçu ma commande").label == "negative", "the correction itself is reproduced"
    assert before.label == "neutral" and model.judge("Commande toujours pas reçue").label == "negative"
    assert model.judge("Merci beaucoup, à très vite !").label == "positive", "what it was not taught stays"


def test_a_message_unlike_every_correction_keeps_the_rules_verdict() -> None:
    model = Corrections.learnt([("Toujours pas reçu ma commande", "negative"), ("Super soirée, merci", "neutral")])
    unlike = "Le nouveau four à sole arrive lundi, la boutique reste ouverte"
    assert model.resemblance(features(unlike)) < RESEMBLANCE
    assert model.judge(unlike) == Corrections().judge(unlike)


def test_an_empty_model_is_the_rules() -> None:
    for text in ["Très déçue", "Merci !", "Vous êtes ouverts ?"]:
        assert Corrections().judge(text) == sentiment_of(text)


def test_each_face_counts_as_often_as_it_is_there() -> None:
    once, thrice = sentiment_of("Livraison 😍", "fr").score, sentiment_of("Livraison 😍 😍 😍", "fr").score
    assert 0 < once < thrice
    assert sentiment_of("Bravo 🙄 merci", "fr").label == "negative", "an eye-roll anywhere turns the praise"


def test_every_face_is_beyond_latin_1_so_a_latin_1_text_is_not_searched_for_faces() -> None:
    assert min(EMOJI, key=ord) > "\xff", "rule_score skips the faces of a text with no character beyond Latin-1"
    assert sentiment_of("Livraison ☹", "fr").label == sentiment_of("Livraison ☹ à l'heure", "fr").label == "negative"


def test_an_elongated_word_is_read_in_any_sentence_of_a_message() -> None:
    plain, stretched = (
        sentiment_of(f"Commande reçue. Le pain est {word}. Merci", "fr").score for word in ("nul", "nuuuul")
    )
    assert stretched < plain < 0, "an elongation in the second sentence strengthens it"


def test_a_message_all_in_capitals_is_not_read_as_one_word_stressed() -> None:
    shouted, plain, stressed = (
        sentiment_of(text, "fr").score for text in ("CE PAIN EST BON", "ce pain est bon", "ce pain est BON")
    )
    assert shouted == plain < stressed
    one_small = sentiment_of("PAIN TRÈS BON, merci à vous", "fr").score
    assert one_small > sentiment_of("pain très bon, merci à vous", "fr").score, "one small letter: not shouted"


@given(st.text(alphabet=st.sampled_from("aZ9_@.-é Ж\t!"), max_size=16))
def test_an_handle_is_what_the_look_behind_first_pattern_found(text: str) -> None:
    """_HANDLE reads "@" first and looks back after it (sre tried the look at every character before): the same
    handles as `(?<![\\w@])@[\\w.@-]+`, on any mix of word characters, "@", dots, hyphens and spaces."""
    assert _HANDLE.sub("|", text) == re.sub(r"(?<![\w@])@[\w.@-]+", "|", text)


@given(st.text(alphabet=st.sampled_from("<>:;=8xX-o*'()[]dDpP/\\|{}@3a é"), max_size=12))
def test_the_emoticons_are_what_the_optional_first_pattern_found(text: str) -> None:
    """_EMOTICON spells `[<>]?` out as two alternatives (sre scans faster for a pattern with a first character): the
    same emoticons, at the same places, as the pattern it replaced."""
    before = r"(?:[<>]?[:;=8xX][\-o*']?[()\[\]dDpP/\\|{}@*3]+|[)(\]\[dDpP/\\][\-o*']?[:;=8]|<3|</3)(?!\w)"
    assert _EMOTICON.sub("|", text) == re.sub(before, "|", text)


ADDRESS_PIECES = ("h", "H", "t", "T", "p", "P", "s", "S", ":", "/", "w", "W", ".", " ", "é",
                  "http://", "HTTPS://", "www.", "WwW.", "wWW.", "hTTp://", "HtTpS://")  # fmt: skip


@given(st.lists(st.sampled_from(ADDRESS_PIECES), max_size=14).map("".join))
def test_an_address_is_what_the_case_blind_pattern_found(text: str) -> None:
    """_URL spells the cases out, an h or a w first (sre scans faster for it): the same addresses as the pattern with
    IGNORECASE it replaced."""
    assert _URL.sub("|", text) == re.sub(r"(?:https?://|www\.)\S+", "|", text, flags=re.IGNORECASE)
