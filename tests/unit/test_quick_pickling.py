"""What crosses from the feed parser processes is pickled as the tuple of each object's fields (domain/types.py
quick_pickling): it comes back equal, field for field, whatever its shape."""

from __future__ import annotations

import pickle
from dataclasses import dataclass, fields
from datetime import UTC, datetime

import pytest

from cmdesk.connectors.feeds.parse import CommentFeed, ParsedFeed
from cmdesk.domain import Attachment, Author, Direction, Item, ItemProblem, Kind
from cmdesk.domain.types import quick_pickling


@quick_pickling
@dataclass(frozen=True, slots=True)
class OneField:
    value: str


def an_item() -> Item:
    return Item(
        remote_id="urn:1",
        thread_key="urn:0",
        kind=Kind.COMMENT,
        text="Très bon 🥐",
        html="<p>Très bon 🥐</p>",
        title="Re: horaires",
        thread_title="Horaires",
        url="https://example.org/1",
        author=Author(name="Léa", handle="@lea", url="https://example.org/@lea", email="lea@example.org", followers=7),
        created_at=datetime(2026, 12, 1, 9, 30, tzinfo=UTC),
        updated_at=datetime(2026, 12, 1, 10, 0, tzinfo=UTC),
        parent_remote_id="urn:0",
        direction=Direction.OUTBOUND,
        attachments=(Attachment("https://example.org/a.jpg", "image/jpeg", "a"),),
        content_warning="cw",
        seen=True,
        held=True,
    )


@pytest.mark.parametrize(
    "value",
    [
        an_item(),
        Item(remote_id="2", thread_key="2", kind=Kind.FEED, text=""),
        Author(),
        ItemProblem("entry 3", "no id"),
        OneField("alone"),
        ParsedFeed(
            title="Blog", link="https://example.org", items=(an_item(),), problems=(ItemProblem("entry 2", "bad"),)
        ),
        CommentFeed("urn:0", "Horaires", "https://example.org/comments/feed", 3),
    ],
)
def test_each_comes_back_equal_field_for_field(value: object) -> None:
    for protocol in (2, pickle.HIGHEST_PROTOCOL):
        again = pickle.loads(pickle.dumps(value, protocol=protocol))
        assert again == value
        assert type(again) is type(value)
        for each in fields(value):  # type: ignore[arg-type]
            assert getattr(again, each.name) == getattr(value, each.name)


def test_a_pickle_of_an_item_holds_no_field_names() -> None:
    assert b"thread_title" not in pickle.dumps(an_item(), protocol=pickle.HIGHEST_PROTOCOL)
