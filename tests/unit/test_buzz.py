"""Issue 17, part 3: the bad-buzz detector on synthetic series — no alert on steady traffic, on a first sync that
brings months of history, or on three messages in a quiet week; an alert on a burst; the cooldown."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from cmdesk.analysis import buzz
from cmdesk.analysis.buzz import Post

NOW = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)


def steady(per_hour: float, weeks: int = 8, negative_share: float = 0.1, seed: int = 1) -> list[Post]:
    """A client's ordinary traffic: `per_hour` messages an hour on average, at random times, a tenth negative."""
    rng = random.Random(seed)
    posts = []
    hours = weeks * 7 * 24
    for hour in range(hours):
        start = NOW - timedelta(hours=hours - hour)
        for _ in range(int(per_hour) + (1 if rng.random() < per_hour % 1 else 0)):
            at = start + timedelta(minutes=rng.uniform(0, 60))
            posts.append(Post(at, "negative" if rng.random() < negative_share else "neutral", "pain levain"))
    return posts


def test_steady_traffic_raises_nothing() -> None:
    for seed in range(5):
        assert buzz.spikes(steady(3.0, seed=seed), NOW) == []


def test_a_first_sync_with_months_of_history_is_the_baseline_not_a_spike() -> None:
    history = steady(1.5, weeks=26)
    assert buzz.spikes(history, NOW) == [], "they are spread over their own dates"


def test_three_messages_in_a_quiet_week_are_not_a_crisis() -> None:
    quiet = [Post(NOW - timedelta(minutes=m), "negative", "déçue") for m in (10, 40, 70)]
    assert buzz.spikes(quiet, NOW) == []


def test_a_burst_of_negative_messages_is_a_negative_spike_that_explains_itself() -> None:
    burst = [
        Post(NOW - timedelta(minutes=5 * n), "negative", f"Intoxication après un éclair, remboursement {n}", id=n)
        for n in range(1, 15)
    ]
    found = buzz.spikes(steady(0.5) + burst, NOW)
    kinds = {spike.kind: spike for spike in found}
    assert "negative" in kinds
    negative = kinds["negative"]
    assert negative.messages >= 14 and negative.ratio > 5
    assert set(negative.message_ids) >= set(range(1, 15))
    assert "intoxication" in negative.terms and "remboursement" in negative.terms
    said = buzz.explanation(negative)
    assert said.startswith(f"{negative.messages} negative messages in 2 h,") and "words: " in said


def test_a_burst_of_ordinary_messages_is_a_volume_spike_only() -> None:
    burst = [Post(NOW - timedelta(minutes=n), "neutral", "concours jeu gagner") for n in range(1, 40)]
    assert [spike.kind for spike in buzz.spikes(steady(1.0) + burst, NOW)] == ["volume"]


def test_a_busy_clients_usual_burst_is_not_one() -> None:
    """A client who gets 20 messages an hour is not alarmed by 45 in two hours."""
    assert buzz.spikes(steady(20.0, weeks=3), NOW) == []


def test_the_cooldown_holds_an_alert_of_the_same_kind_unless_it_doubles() -> None:
    earlier = [("negative", NOW - timedelta(hours=2), 6)]
    assert not buzz.cooled_down("negative", 8, earlier, NOW)
    assert buzz.cooled_down("negative", 12, earlier, NOW), "twice as big: a new alert"
    assert buzz.cooled_down("volume", 8, earlier, NOW), "another kind"
    assert buzz.cooled_down("negative", 8, [("negative", NOW - timedelta(hours=7), 6)], NOW), "cooled down"


def test_the_poisson_tail() -> None:
    assert buzz.poisson_tail(0, 3.0) == 1.0
    assert abs(buzz.poisson_tail(1, 2.0) - (1 - 0.1353352832)) < 1e-9
    assert buzz.poisson_tail(15, 1.0) < 1e-9


def test_words_used_as_often_are_listed_in_the_same_order_whatever_order_the_messages_came_in() -> None:
    texts = ["croissant chocolat pain", "pain chocolat croissant", "oberkampf nuit", "nuit oberkampf", "bonjour"] * 2
    listed = buzz.frequent_terms(texts)
    assert listed == buzz.frequent_terms(list(reversed(texts)))
    assert listed == [("chocolat", 4), ("croissant", 4), ("nuit", 4), ("oberkampf", 4), ("pain", 4), ("bonjour", 2)]
