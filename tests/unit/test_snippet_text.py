"""Issue 16, defect 5, the text rules: variables filled, spacing right at the cursor, short codes by title."""

from __future__ import annotations

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
