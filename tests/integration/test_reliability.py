"""Issue 15's reliability suite: every hostile source of the attack at once, on loopback, beside good sources and
posts that are due, through the real `cmdesk sync` process. The pass ends within its deadline, the whole process
tree stays under 600 MB, the good sources are stored, each hostile one is stored in part or said to be bad with
its reason, and the due posts go out exactly once. bench/hostile.py prints the same cases one by one, with their
time and memory before and after the fixes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.feedserver import FeedServer
from tests.support.hostile import CASES, GOOD_ENTRIES, longest_text, make_workspace, run_sync, stored
from tests.support.mastodon_fake import MastodonFake

DEADLINE = 15.0
"""The pull deadline given to the pass (the drip feed sends one byte every 5 s: it is what ends it)."""
MEMORY_LIMIT = 600 * 1024 * 1024

pytestmark = pytest.mark.reliability


def test_every_hostile_source_at_once_ends_in_time_small_and_leaves_the_good_ones_and_the_posts(
    tmp_path: Path, feed_server: FeedServer, fake: MastodonFake
) -> None:
    space = make_workspace(tmp_path, feed_server, fake, CASES)
    run = run_sync(space, deadline=DEADLINE, limit=DEADLINE + 60)
    assert run.seconds < DEADLINE + 45, f"the pass took {run.seconds:.0f} s:\n{run.output}"
    assert run.peak_bytes < MEMORY_LIMIT, f"the process tree reached {run.peak_bytes / 1_048_576:.0f} MB"
    assert "Traceback" not in run.output, run.output
    for account_id in space.good_accounts:
        assert stored(space, account_id) == GOOD_ENTRIES, run.output
    published = [status["content"] for status in fake.statuses.values() if "Fournée spéciale" in status["content"]]
    assert sorted(published) == sorted(f"<p>{text}</p>" for text in space.posts), "each due post once"
    assert longest_text(space) < 150_000, "no amplified message stored"
    for case in CASES:
        assert case.name in run.output, f"{case.name} is said in the output"
    assert "took more than 15 s to send a page" in run.output, "the drip feed ended at its deadline"
    assert "ftp://files.example/feed.xml" in run.output, "the refused redirect names its target"

    again = run_sync(space, deadline=DEADLINE, limit=DEADLINE + 60)
    published_again = [s for s in fake.statuses.values() if "Fournée spéciale" in s["content"]]
    assert len(published_again) == len(space.posts), "a second pass sends nothing twice"
    assert again.peak_bytes < MEMORY_LIMIT
