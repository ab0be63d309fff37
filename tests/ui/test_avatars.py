"""Issue 16, the look: avatars showed the network's letter, not the person; now initials on a colour that is the
person's own (the same in every run), with the network as a small badge."""

from __future__ import annotations

from cmdesk.ui.style import initials, person_colour


def test_initials_name_the_person() -> None:
    assert initials("Marie Dupont") == "MD" and initials("Inès B.") == "IB"
    assert initials("Le Petit Journal du 11e") == "LJ", "the capitalised words, not the article or a number"
    assert initials("/u/croissant_lover") == "C" and initials("@northwind@mastodon.social") == "N"
    assert initials("") == "?"


def test_a_person_keeps_their_colour_and_people_differ() -> None:
    assert person_colour("Marie Dupont") == person_colour("marie dupont")
    colours = {person_colour(name).name() for name in ("Marie Dupont", "Jean Martin", "Inès B.", "Tom Becker", "Dan")}
    assert len(colours) >= 3
