"""Full-text search: safe query building, accents folded, ranking and snippets."""

from __future__ import annotations

from dataclasses import replace

import pytest

from cmdesk.domain import Page
from cmdesk.storage import fts, ingest
from cmdesk.storage.database import Database
from tests.support.factories import item, make_account


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("pain", '"pain"'),
        ("pain levain", '"pain" AND "levain"'),
        ("livr* levain", '"livr"* AND "levain"'),
        ('"pain au levain" dimanche', '"pain au levain" AND "dimanche"'),
        ("a*", '"a"'),
        ("NOT OR AND", '"NOT" AND "OR" AND "AND"'),
        ('(* ") ^', ""),
        ("", ""),
    ],
)
def test_user_queries_become_safe_fts_expressions(typed: str, expected: str) -> None:
    assert fts.to_match_query(typed) == expected


def test_search_folds_accents_and_highlights(database: Database) -> None:
    account = make_account(database)
    ingest.commit_page(
        database,
        account.id,
        Page(
            (
                item(1, text="Le café est fermé lundi pour inventaire", author="Hélène"),
                item(2, text="Nouveau pain au levain naturel"),
                item(3, text="Le service client ne répond jamais, très déçue", author="Client mécontent"),
            ),
            {},
        ),
    )
    with database.read() as connection:
        assert [h.message_id for h in fts.search(connection, "cafe ferme")] == [1]
        assert [h.message_id for h in fts.search(connection, "helene")] == [1]
        assert [h.message_id for h in fts.search(connection, "decue")] == [3]
        assert [h.message_id for h in fts.search(connection, "mecon*")] == [3]
        [hit] = fts.search(connection, "levain", mark=("<b>", "</b>"))
        assert "<b>levain</b>" in hit.snippet
        assert fts.search(connection, '") OR (') == []


def test_title_matches_rank_above_text_matches(database: Database) -> None:
    account = make_account(database)
    in_text = item(1, text="on parle de croissant ici, et encore de bien d'autres choses sans rapport aucun")
    in_title = replace(item(2, text="rien à voir"), title="Croissant")
    ingest.commit_page(database, account.id, Page((in_text, in_title), {}))
    with database.read() as connection:
        assert [h.message_id for h in fts.search(connection, "croissant")] == [2, 1]


def test_ranking_covers_the_most_recent_matches_unless_asked_for_all(database: Database) -> None:
    account = make_account(database)
    strong_old = replace(item(1, text="croissant croissant croissant"), title="Croissant")
    weak_new = [item(n, text=f"un croissant parmi d'autres choses {n}") for n in range(2, 6)]
    ingest.commit_page(database, account.id, Page((strong_old, *weak_new), {}))
    with database.read() as connection:
        recent = fts.search(connection, "croissant", window=3)
        everything = fts.search(connection, "croissant", window=None)
        second_page = fts.search(connection, "croissant", window=None, limit=2, offset=2)
    assert {hit.message_id for hit in recent} == {3, 4, 5}
    assert everything[0].message_id == 1 and len(everything) == 5
    assert [hit.message_id for hit in second_page] == [hit.message_id for hit in everything[2:4]]


def test_snippets_mark_folded_and_prefix_matches_around_the_first_hit() -> None:
    text = " ".join(f"mot{n}" for n in range(40)) + " Très DÉÇUE par la livraison, livrée en retard. " + "fin " * 30
    terms = fts.parse_terms("decue livr*")
    shown = fts.snippet(text, terms, ("<", ">"))
    assert "<DÉÇUE>" in shown and "<livraison>" in shown and "<livrée>" in shown
    assert shown.startswith("…") and shown.endswith("…")
    assert len(shown.split()) <= fts.SNIPPET_WORDS + 1
    assert fts.snippet("court", fts.parse_terms("absent"), ("<", ">")) == "court"
