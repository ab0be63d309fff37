"""Issue 16, defect 5, the text rules: variables filled, spacing right at the cursor, short codes by title, the
version in the conversation's language."""

from __future__ import annotations

from datetime import UTC, datetime

from cmdesk.domain import snippets
from cmdesk.domain.reads import Message, Snippet
from cmdesk.domain.snippets import code_of, filled, matching, spaced


def test_variables_are_filled_and_a_missing_one_leaves_no_gap() -> None:
    values = {"first_name": "Jeanne", "client": "Le Fournil", "signature": "Marie, Le Fournil", "date": "2 déc."}
    assert (
        filled("Bonjour {first_name}, merci ! — {signature}", values) == "Bonjour Jeanne, merci ! — Marie, Le Fournil"
    )
    assert filled("Bonjour {first_name}, à bientôt.", {}) == "Bonjour, à bientôt."
    assert filled("Prix {en euros}", values) == "Prix {en euros}", "other braces stay"


def test_spacing_at_the_cursor() -> None:
    assert spaced("#Paris", "Merci pour votre message.", "") == " Merci pour votre message.", "no #ParisMerci"
    assert spaced("Bonjour ", "Merci", "") == "Merci"
    assert spaced("", "Merci", "") == "Merci"
    assert spaced("Merci", ", à bientôt", "") == ", à bientôt"
    assert spaced("", "Merci", "Jeanne") == "Merci "


def test_short_codes_come_from_titles() -> None:
    titles = ["Merci", "Horaires d'été", "Horaires d'hiver", "Commandes"]
    assert code_of("Horaires d'été") == "horaires-d-ete"
    assert matching("/merci", titles) == 0
    assert matching("/com", titles) == 3, "the only one it begins"
    assert matching("/horaires", titles) is None, "two begin so: none is guessed"
    assert matching("/", titles) is None and matching("/rien", titles) is None


def _version(language: str, text: str) -> Snippet:
    return Snippet(len(text), 1, "Merci", text, language)


def test_the_version_in_the_conversations_language_is_chosen() -> None:
    french, english, any_language = _version("fr", "Merci !"), _version("en", "Thank you!"), _version("", "🙏")
    assert snippets.version_for([french, english], "en") is english
    assert snippets.version_for([french, english], "fr") is french
    assert snippets.version_for([french, english, any_language], "es") is any_language
    assert snippets.version_for([french, english], "es", fallback="en") is english, "else the user's language"
    assert snippets.version_for([french], "en") is french, "else the only one there is"
    assert [len(g) for g in snippets.grouped([french, english, Snippet(9, 1, "Horaires", "7 h", "fr")])] == [2, 1]


def _message(direction: str, language: str, deleted: bool = False) -> Message:
    when = datetime(2026, 12, 1, tzinfo=UTC)
    return Message(
        1, 1, 1, "r", "", "mention", direction, "", "", "", "", "", "", (), when, None,
        deleted_at=when if deleted else None, language=language,
    )  # fmt: skip


def test_a_conversation_is_answered_in_the_language_of_the_newest_message_from_the_other_side() -> None:
    assert snippets.conversation_language([_message("in", "en"), _message("out", "fr")]) == "en"
    assert snippets.conversation_language([_message("in", "en"), _message("in", "")]) == "en", "unknown is skipped"
    assert snippets.conversation_language([_message("in", "en"), _message("in", "fr", deleted=True)]) == "en"
    assert snippets.conversation_language([_message("out", "fr")]) == "fr"
    assert snippets.conversation_language([]) == ""
