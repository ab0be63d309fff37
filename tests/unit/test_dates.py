"""Issue 15, finding 9: an item dated in year 9999 stayed on top of the inbox forever, and a placeholder date
("-0001") became 2000-01-01. Implausible dates become the time of sync, and the sync says so."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import feedparser

from cmdesk.connectors.feeds.parse import parse_feed
from cmdesk.domain import Page
from cmdesk.domain.dates import plausible_dates
from cmdesk.storage import ingest, queries
from cmdesk.storage.database import Database
from tests.support.factories import item, make_account

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


def test_far_future_and_impossible_dates_become_the_time_of_sync_and_are_told() -> None:
    page = Page(
        (
            replace(item(1), created_at=datetime(9999, 12, 31, 23, 59, tzinfo=UTC)),
            replace(item(2), created_at=datetime(1, 1, 1, tzinfo=UTC)),
            replace(item(3), created_at=NOW + timedelta(hours=20)),
            replace(item(4), created_at=NOW - timedelta(days=3), updated_at=datetime(9999, 1, 1, tzinfo=UTC)),
        ),
        {},
    )
    fixed = plausible_dates(page, NOW)
    assert [i.created_at for i in fixed.items] == [NOW, NOW, NOW + timedelta(hours=20), NOW - timedelta(days=3)]
    assert fixed.items[3].updated_at is None
    told = {problem.where: problem.detail for problem in fixed.problems}
    assert set(told) == {"item-1", "item-2", "item-4"}
    assert (
        "9999-12-31 23:59 UTC, in the future" in told["item-1"]
        and "shown at the time it was received" in told["item-1"]
    )
    assert "before any message could be" in told["item-2"]
    assert plausible_dates(Page((item(5),), {}), NOW).problems == (), "a plausible page is left alone"


def test_a_placeholder_date_in_a_feed_is_no_date_rather_than_the_year_2000() -> None:
    assert (
        feedparser.parse(
            "<feed xmlns='http://www.w3.org/2005/Atom'><entry><id>1</id><published>-0001-11-30T00:00:00+00:00"
            "</published></entry></feed>"
        )
        .entries[0]["published_parsed"]
        .tm_year
        == 2000
    ), "feedparser's quirk, which the parser must not believe"
    body = (
        b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>Forum</title>"
        b"<entry><id>a</id><title>Placeholder</title><published>-0001-11-30T00:00:00+00:00</published></entry>"
        b"<entry><id>b</id><title>Zeros</title><updated>0000-00-00 00:00:00</updated></entry>"
        b"<entry><id>c</id><title>Real</title><published>2026-11-30T08:00:00+00:00</published></entry>"
        b"</feed>"
    )
    parsed = parse_feed(body, {"content-type": "application/atom+xml"}, "https://forum.example/feed")
    dates = {i.remote_id: i.created_at for i in parsed.items}
    assert dates == {"a": None, "b": None, "c": datetime(2026, 11, 30, 8, 0, tzinfo=UTC)}


def test_a_year_9999_item_does_not_stay_on_top_of_the_inbox(database: Database) -> None:
    account = make_account(database)
    pinned = replace(item(1, text="Premier pour toujours"), created_at=datetime(9999, 12, 31, tzinfo=UTC))
    ingest.commit_page(database, account.id, plausible_dates(Page((pinned, item(2)), {}), NOW))
    ingest.commit_page(database, account.id, Page((replace(item(3), created_at=NOW + timedelta(hours=1)),), {}))
    with database.read() as connection:
        first = queries.conversation_page(connection, queries.ConversationFilter(), limit=1)[0]
    assert first.remote_id == "item-3", "a newer message comes first, as it should"
