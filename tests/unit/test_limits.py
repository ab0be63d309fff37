"""Issue 15, finding 1: a message's stored text is bounded, and the sync says when one was cut."""

from __future__ import annotations

from dataclasses import replace

from cmdesk.domain import Page
from cmdesk.domain.limits import MAX_HTML, MAX_TEXT, bounded_texts
from tests.support.factories import item


def test_a_huge_message_keeps_its_first_part_and_says_it_was_cut() -> None:
    huge = replace(item(1), text="pain " * 100_000, html="<p>" + "levain " * 100_000 + "</p>")
    page = bounded_texts(Page((huge, item(2)), {}))
    kept, untouched = page.items
    assert kept.text.startswith("pain pain") and len(kept.text) < MAX_TEXT + 200
    assert kept.text.endswith(f"kept the first {MAX_TEXT:,} of 500,000 characters of this message.")
    assert len(kept.html) == MAX_HTML
    assert untouched == item(2)
    assert [(p.where, p.detail) for p in page.problems] == [
        ("item-1", "700,007 characters long: the first part was kept")
    ]
    small = Page((item(3),), {})
    assert bounded_texts(small) is small
