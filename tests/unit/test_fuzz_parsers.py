"""Issue 15, finding 4: strangers write what cmdesk reads. Each connector's parser gets random and mutated payloads
(hypothesis): a feed parse always returns (items, problems, or a fatal reason), never raises; a Mastodon entity and
an e-mail either become an item or fail with an error the connector isolates per item (ITEM_FAILURES) — so no
payload can crash a page."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cmdesk.connectors.base import ITEM_FAILURES
from cmdesk.connectors.email.mime import parse_message
from cmdesk.connectors.feeds.parse import parse_feed
from cmdesk.connectors.mastodon import payloads
from cmdesk.domain import Kind

DATA = Path(__file__).resolve().parents[1] / "data"
FEEDS = sorted((DATA / "feeds").iterdir())
STATUS = json.loads((DATA / "mastodon" / "status.json").read_text(encoding="utf-8"))
MAILS = sorted((DATA / "email" / "cpython").glob("msg_*.txt"))[:20]
FUZZ = settings(
    max_examples=int(os.environ.get("CMDESK_FUZZ_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)


@st.composite
def mutated(draw: st.DrawFn, sample: bytes) -> bytes:
    """A real payload with a few bytes flipped, cut, repeated or inserted."""
    data = bytearray(sample)
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        where = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "cut", "repeat", "insert"]))
        if action == "flip":
            data[where] = draw(st.integers(0, 255))
        elif action == "cut":
            del data[where : where + draw(st.integers(1, 200))]
        elif action == "repeat":
            data[where:where] = data[where : where + draw(st.integers(1, 50))] * draw(st.integers(1, 20))
        else:
            data[where:where] = draw(st.binary(max_size=40))
    return bytes(data)


@FUZZ
@given(
    st.sampled_from(FEEDS).flatmap(lambda path: mutated(path.read_bytes())), st.sampled_from(["", "application/json"])
)
def test_a_mutated_feed_never_crashes_its_parse(body: bytes, content_type: str) -> None:
    parsed = parse_feed(body, {"content-type": content_type} if content_type else {}, "https://blog.example/feed")
    assert parsed.fatal or parsed.items or parsed.problems or parsed.is_feed


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes_never_crash_a_feed_parse(body: bytes) -> None:
    parse_feed(body, {}, "https://blog.example/feed")


def _replace_somewhere(entity: Any, path: list[int], value: Any) -> Any:
    """The entity with one of its fields (chosen by `path`) replaced by `value`, nested fields included."""
    if not isinstance(entity, dict) or not entity or not path:
        return value
    keys = sorted(entity)
    key = keys[path[0] % len(keys)]
    changed = dict(entity)
    changed[key] = _replace_somewhere(entity[key], path[1:], value)
    return changed


@FUZZ
@given(st.lists(st.integers(0, 50), min_size=1, max_size=3), json_values)
def test_a_mastodon_status_with_any_field_replaced_is_an_item_or_an_isolated_failure(
    path: list[int], value: Any
) -> None:
    status = _replace_somewhere(copy.deepcopy(STATUS), path, value)
    try:
        payloads.status_item(status, base="https://piaille.fr", me="109", thread_key="1", kind=Kind.MENTION)
    except ITEM_FAILURES:
        pass


@FUZZ
@given(json_values)
def test_any_json_as_a_notification_is_an_activity_or_an_isolated_failure(value: Any) -> None:
    try:
        payloads.activity_of(value if isinstance(value, dict) else {"type": value}, "https://piaille.fr")
    except ITEM_FAILURES:
        pass


@FUZZ
@given(st.sampled_from(MAILS).flatmap(lambda path: mutated(path.read_bytes())))
def test_a_mutated_mail_is_an_item_or_an_isolated_failure(raw: bytes) -> None:
    try:
        parse_message(raw, "contact@lefournil.fr")
    except ITEM_FAILURES:
        pass


def test_a_channel_link_that_is_not_an_address_does_not_sink_the_feed() -> None:
    """Found by the fuzzer above: a feed whose channel and item links read "https://[www…" (an unclosed IPv6
    bracket) made the whole parse fail."""
    from cmdesk.connectors.feeds.parse import parse_feed

    body = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Fournil</title><link>https://[www.example.fr</link>'
        b"<item><title>Visite du fournil</title><link>https://[www.example.fr/video/1</link><guid>v1</guid></item>"
        b"</channel></rss>"
    )
    parsed = parse_feed(body, {"content-type": "application/rss+xml"}, "https://example.fr/feed")
    assert [item.title for item in parsed.items] == ["Visite du fournil"]


@pytest.mark.parametrize("reference", [b"&#8888888211;", b"&#1114112;", b"&#x110000;", b"&#xFFFFFFFFFFFF;"])
def test_a_character_reference_past_unicode_does_not_sink_the_feed(reference: bytes) -> None:
    """Found by the fuzzer above: `&#8888888211;` in a title raised an OverflowError out of feedparser (and a
    value just past U+10FFFF a ValueError): the whole feed was lost. It reads as U+FFFD; the rest is kept."""
    from cmdesk.connectors.feeds.parse import parse_feed

    body = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Fournil ' + reference + b" blog</title>"
        b"<link>https://example.fr</link><item><title>Pain &#8217;levain &#x1F35E;</title>"
        b"<link>https://example.fr/1</link><guid>v1</guid></item></channel></rss>"
    )
    parsed = parse_feed(body, {"content-type": "application/rss+xml"}, "https://example.fr/feed")
    assert [item.title for item in parsed.items] == ["Pain \u2019levain \U0001f35e"], "ordinary references stay"
