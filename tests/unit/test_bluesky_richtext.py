"""Bluesky's rich text and record keys without a network: facet ranges in UTF-8 bytes whatever precedes them, links
cut before trailing punctuation, unknown handles left plain, and a record key that is a valid TID, the same for every
attempt of one act."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime

from cmdesk.connectors.bluesky.richtext import facets, tid, tid_for
from cmdesk.storage.outbox import new_key

TID = re.compile(r"^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$")
"""The TID syntax of the AT Protocol's specification."""


def test_facets_count_utf8_bytes_and_leave_unknown_handles_plain() -> None:
    text = "🥐 Crème & #levain chez @bob.test, pas @nobody.test : https://lefournil.example/pain)."

    async def resolve(handle: str) -> str | None:
        return "did:plc:bob" if handle == "bob.test" else None

    found = asyncio.run(facets(text, resolve))
    data = text.encode()
    spans = [(f["features"][0]["$type"].rsplit("#", 1)[1], data[f["index"]["byteStart"] : f["index"]["byteEnd"]])
             for f in found]  # fmt: skip
    assert spans == [("tag", b"#levain"), ("mention", b"@bob.test"), ("link", b"https://lefournil.example/pain")]
    assert found[0]["features"][0]["tag"] == "levain" and found[1]["features"][0]["did"] == "did:plc:bob"


def test_a_record_key_is_a_tid_and_the_same_for_every_attempt() -> None:
    key = new_key(datetime(2026, 12, 2, 15, 0, tzinfo=UTC))
    assert tid_for(key) == tid_for(key) and TID.match(tid_for(key))
    assert tid_for(key) != tid_for(new_key(datetime(2026, 12, 2, 15, 0, tzinfo=UTC))), "another act, another key"
    assert TID.match(tid_for("0123456789abcdef0123456789abcdef")), "an older key (random hex) still gives a TID"
    later = tid(int(datetime(2026, 12, 2, 15, 0, 1, tzinfo=UTC).timestamp() * 1e6), 0)
    assert tid_for(key) < later, "keys sort by the time the act was made"
